import { Actor } from '@hailong/platform/auth';
import { FieldError, flattenValidationErrors } from '@hailong/platform/http';
import { HttpException, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { staffActor } from '../../../http/staff-actor';
import { SubmitResponseHandler } from '../../../responses/commands/submit-response/submit-response.handler';
import { TabletResponseDto } from './sync-batch.request.dto';

export type SyncOutcome =
  | {
      readonly tabletResponseId: string | null;
      readonly outcome: 'accepted' | 'duplicate';
      readonly responseId: string;
      readonly late: boolean;
    }
  | {
      readonly tabletResponseId: string | null;
      readonly outcome: 'refused';
      readonly status: number;
      readonly errors: readonly FieldError[];
    };

/** The idempotency key of a tablet's form: the device and the tablet's own id for it. */
export const tabletIdempotencyKey = (deviceId: string, tabletResponseId: string) => `tablet:${deviceId}:${tabletResponseId}`;

/**
 * A batch collected offline. Each response is submitted on the one submission path in its own
 * transaction, so a batch cut off halfway keeps what was committed and a resent batch finds those
 * as duplicates; forms finished before the campaign closed are accepted late after it.
 */
@Injectable()
export class SyncBatchHandler {
  constructor(private readonly submissions: SubmitResponseHandler) {}

  async execute(items: Record<string, unknown>[], deviceId: string, surveyor: Actor, correlationId: string): Promise<SyncOutcome[]> {
    const outcomes: SyncOutcome[] = [];
    for (const item of items) outcomes.push(await this.one(item, deviceId, surveyor, correlationId));
    return outcomes;
  }

  private async one(item: Record<string, unknown>, deviceId: string, surveyor: Actor, correlationId: string): Promise<SyncOutcome> {
    const tabletResponseId = typeof item['tabletResponseId'] === 'string' ? item['tabletResponseId'] : null;
    const form = plainToInstance(TabletResponseDto, item);
    const invalid = await validate(form, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
    if (invalid.length > 0) return { tabletResponseId, outcome: 'refused', status: 400, errors: flattenValidationErrors(invalid) };
    const { tabletResponseId: id, ...rest } = form;
    try {
      const result = await this.submissions.execute(
        { ...rest, channel: 'tablet', idempotencyKey: tabletIdempotencyKey(deviceId, id) },
        surveyor,
        correlationId,
        { eventActor: staffActor(surveyor), collectedBy: { kind: 'device', id: deviceId }, acceptsLate: true },
      );
      return { tabletResponseId, outcome: result.created ? 'accepted' : 'duplicate', responseId: result.responseId, late: result.late };
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
      const body = error.getResponse() as { errors?: FieldError[] };
      return { tabletResponseId, outcome: 'refused', status: error.getStatus(), errors: body.errors ?? [] };
    }
  }
}
