import { Roles } from '@hailong/contracts';
import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SubmitResponseHandler, SubmitResponseResult } from '../../../responses/commands/submit-response/submit-response.handler';
import { expiredVisitToken, unknownVisitToken, usedVisitToken } from '../../visit-token-refusals';
import { VISIT_TOKEN, VisitTokenStore } from '../../visit-token-store';
import { SubmitCounterRatingRequestDto } from './submit-counter-rating.request.dto';

/** The idempotency key of a token's rating: one response per token, whatever is sent with it. */
export const counterIdempotencyKey = (tokenId: string) => `counter:${tokenId}`;

/**
 * Maps a citizen's rating onto the one submission path. One rating per token holds through the
 * responses' unique idempotency key; the same form sent again (a network retry) gets its response
 * back, anything else with a used token is refused (409).
 */
@Injectable()
export class SubmitCounterRatingHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: VisitTokenStore,
    private readonly submissions: SubmitResponseHandler,
  ) {}

  async execute(token: string | undefined, form: SubmitCounterRatingRequestDto, correlationId: string): Promise<SubmitResponseResult> {
    if (!token || !VISIT_TOKEN.test(token)) throw unknownVisitToken();
    const visit = await this.tokens.byToken(this.dataSource.manager, token);
    if (!visit) throw unknownVisitToken();
    if (!visit.usedAt && Date.parse(visit.expiresAt) < Date.now()) throw expiredVisitToken();
    const citizen = { id: `visit-token:${visit.tokenId}`, roles: [Roles.citizen], unitId: null };
    const result = await this.submissions
      .execute(
        {
          ...form,
          channel: 'counter',
          procedureId: visit.procedureId,
          serviceDate: visit.serviceDate,
          campaignId: visit.campaignId,
          unitId: visit.unitId,
          idempotencyKey: counterIdempotencyKey(visit.tokenId),
        },
        citizen,
        correlationId,
        { eventActor: { id: citizen.id, kind: 'citizen', roles: citizen.roles }, collectedBy: null },
      )
      .catch((error: unknown) => {
        throw error instanceof ConflictException ? usedVisitToken() : error;
      });
    await this.tokens.markUsed(this.dataSource.manager, visit.tokenId, result.responseId);
    return result;
  }
}
