import { Public } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Body, Controller, Headers, Post, Res, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { CitizenRateLimitGuard, VISIT_TOKEN_HEADER } from '../../citizen-rate-limit.guard';
import { SubmitCounterRatingHandler } from './submit-counter-rating.handler';
import { SubmitCounterRatingRequestDto } from './submit-counter-rating.request.dto';

@ApiTags('counter')
@Controller('counter/ratings')
export class SubmitCounterRatingController {
  constructor(private readonly handler: SubmitCounterRatingHandler) {}

  /** The citizen's rating with the token from the slip: 201 once; 200 for the same form again; 409, 410 or 401 otherwise. */
  @Post()
  @Public()
  @UseGuards(CitizenRateLimitGuard)
  @ApiHeader({ name: VISIT_TOKEN_HEADER, required: true })
  async submit(
    @Headers(VISIT_TOKEN_HEADER) token: string | undefined,
    @Body() body: SubmitCounterRatingRequestDto,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.handler.execute(token, body, correlationId);
    response.status(result.created ? 201 : 200);
    // The receipt's address (on the audit, through the gateway): the citizen's proof that the rating is in the log.
    return {
      responseId: result.responseId,
      created: result.created,
      respondentKeyId: result.respondentKeyId,
      receiptPath: result.receiptPath,
    };
  }
}
