import { Module } from '@nestjs/common';
import { ResponsesModule } from '../responses/responses.module';
import { CitizenRateLimitGuard } from './citizen-rate-limit.guard';
import { IssueVisitTokenController } from './commands/issue-visit-token/issue-visit-token.controller';
import { IssueVisitTokenHandler } from './commands/issue-visit-token/issue-visit-token.handler';
import { SubmitCounterRatingController } from './commands/submit-counter-rating/submit-counter-rating.controller';
import { SubmitCounterRatingHandler } from './commands/submit-counter-rating/submit-counter-rating.handler';
import { COUNTER_SETTINGS, counterSettingsFromEnv } from './counter-config';
import { GetVisitController } from './queries/get-visit/get-visit.controller';
import { RateLimiter } from './rate-limiter';
import { VisitTokenStore } from './visit-token-store';

/** At the counter (DESIGN "Methods", 4): one-time visit tokens as QR codes, and the citizen's rating with one. */
@Module({
  imports: [ResponsesModule],
  controllers: [IssueVisitTokenController, GetVisitController, SubmitCounterRatingController],
  providers: [
    { provide: COUNTER_SETTINGS, useFactory: () => counterSettingsFromEnv() },
    VisitTokenStore,
    RateLimiter,
    CitizenRateLimitGuard,
    IssueVisitTokenHandler,
    SubmitCounterRatingHandler,
  ],
})
export class CounterModule {}
