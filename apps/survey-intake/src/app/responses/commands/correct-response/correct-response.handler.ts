import { createEvent, ResponseCorrected } from '@hailong/contracts';
import { decideResponse, hasPersonalData, violation } from '@hailong/intake/domain';
import { Actor } from '@hailong/platform/auth';
import { OutboxWriter } from '@hailong/platform/messaging';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { refusal, refusingWith422 } from '../../../http/rule-refusal';
import { staffActor } from '../../../http/staff-actor';
import { RespondentKey } from '../../../personal-data/personal-data.cipher';
import { RespondentKeyStore } from '../../../personal-data/respondent-key-store';
import { idempotencyKeyReused, respondentForgotten, ResponseAssembler, ResponseTarget } from '../../response-assembler';
import { ResponseStore, stateOf } from '../../response-store';
import { CorrectResponseRequestDto } from './correct-response.request.dto';

export interface CorrectResponseResult {
  /** The replacement's id. */
  readonly responseId: string;
  readonly replaces: string;
  readonly created: boolean;
  readonly respondentKeyId: string | null;
}

@Injectable()
export class CorrectResponseHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assembler: ResponseAssembler,
    private readonly responses: ResponseStore,
    private readonly keys: RespondentKeyStore,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * Replaces a mis-keyed response by a new one (its own id, the same unit and campaign) through
   * ResponseCorrected; the original stays in the log and here, marked replaced. The replacement meets
   * every rule a new response meets, except that the campaign may have closed since.
   */
  async execute(
    originalId: string,
    request: CorrectResponseRequestDto,
    actor: Actor,
    correlationId: string,
  ): Promise<CorrectResponseResult> {
    return this.dataSource.transaction(async (manager) => {
      const original = await this.responses.byId(manager, originalId, 'update');
      if (!original) refusingWith422(() => decideResponse({ type: 'VoidResponse', responseId: originalId, reason: request.reason }, null));
      if (!original?.campaign_id) {
        throw refusal([
          violation(
            'responseId',
            'response-without-campaign',
            'responses taken before campaigns cannot be corrected, only voided',
            'phiếu nhận trước khi có đợt khảo sát chỉ có thể hủy, không thể sửa',
          ),
        ]);
      }
      const target: ResponseTarget = { campaignId: original.campaign_id, unitId: original.unit_id };
      const context = await this.assembler.campaignContext(manager, target.campaignId);
      const hashedAs = { kind: 'correction', replaces: originalId, reason: request.reason };

      const seen = await this.responses.byIdempotencyKey(manager, request.idempotencyKey);
      if (seen) {
        const same =
          seen.replaces === originalId && (await this.assembler.sameAsStored(manager, seen, request, target, context, actor, hashedAs));
        if (!same) throw idempotencyKeyReused();
        return { responseId: seen.response_id, replaces: originalId, created: false, respondentKeyId: seen.respondent_key_id };
      }

      await this.assembler.check(manager, target, request, context, true);
      // The same respondent: their key, so forgetting them later reaches the correction too.
      let key: RespondentKey | null = null;
      let newKey = false;
      if (hasPersonalData(this.assembler.personalDataOf(request, context.questionnaire))) {
        const stored = original.respondent_key_id ? await this.keys.find(manager, original.respondent_key_id) : null;
        if (stored?.state === 'destroyed') throw respondentForgotten(request);
        if (stored?.state === 'live') key = stored.key;
        else {
          key = this.keys.newKey();
          newKey = true;
        }
      }
      const responseId = randomUUID();
      const replacement = this.assembler.assemble(responseId, target, request, context, actor, key, hashedAs);
      const [decided] = refusingWith422(() =>
        decideResponse(
          { type: 'CorrectResponse', responseId: originalId, reason: request.reason, replacement: replacement.data },
          stateOf(original),
        ),
      );
      if (decided.type !== 'ResponseCorrected') throw new Error(`correction decided ${decided.type}`);
      const event = createEvent(ResponseCorrected, originalId, decided.data, {
        source: 'survey-intake',
        actor: staffActor(actor),
        correlationId,
      });
      const inserted = await this.responses.insert(manager, {
        data: replacement.data,
        idempotencyKey: request.idempotencyKey,
        requestHash: replacement.requestHash,
        personalHash: replacement.personalHash,
        kind: 'correction',
        replaces: originalId,
        actorId: actor.id,
        eventId: event.id,
      });
      // The original is locked, so a concurrent copy of this correction waits and then sees the key taken.
      if (!inserted) throw idempotencyKeyReused();
      if (key && newKey) await this.keys.store(manager, key);
      await this.responses.markReplaced(manager, originalId, responseId, actor.id, request.reason);
      await this.outbox.append(manager, [event]);
      return { responseId, replaces: originalId, created: true, respondentKeyId: key?.keyId ?? null };
    });
  }
}
