import { Actor as EventActor, createEvent, ResponseData, ResponseSubmitted } from '@hailong/contracts';
import { hasPersonalData } from '@hailong/intake/domain';
import { Actor } from '@hailong/platform/auth';
import { OutboxWriter } from '@hailong/platform/messaging';
import { HttpException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { staffActor } from '../../../http/staff-actor';
import { RespondentKeyStore } from '../../../personal-data/respondent-key-store';
import { CampaignContext, idempotencyKeyReused, ResponseAssembler, ResponseTarget } from '../../response-assembler';
import { ResponseRow, ResponseStore } from '../../response-store';
import { SubmitResponseRequestDto } from './submit-response.request.dto';

export interface SubmitResponseResult {
  readonly responseId: string;
  /** False when the idempotency key had already been used for the same submission. */
  readonly created: boolean;
  /** The key its personal data is sealed under (to forget the respondent), or null when it has none. */
  readonly respondentKeyId: string | null;
  /** Accepted after its campaign closed. */
  readonly late: boolean;
  /**
   * Where the respondent (or anyone) checks the response's receipt: the audit's public endpoint through
   * the gateway. Its event hash and ledger place exist once the relay has placed the event, a moment
   * after this answer; it is verifiable offline once a signed checkpoint covers it.
   */
  readonly receiptPath: string;
}

export const receiptPathOf = (responseId: string) => `/api/audit/receipts/${responseId}`;

const HASHED_AS = { kind: 'submission' };

/**
 * How a channel other than staff entry names itself: the actor its events carry and who collected
 * the form (null when nobody's hands did, as with the portal). Staff entry leaves it out.
 */
export interface ChannelIdentity {
  readonly eventActor: EventActor;
  readonly collectedBy: ResponseData['collectedBy'];
  /**
   * Forms collected offline while the campaign was open may arrive after it closed: accepted as late
   * when the form finished before the close (DESIGN "Measurement campaigns").
   */
  readonly acceptsLate?: boolean;
}

@Injectable()
export class SubmitResponseHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly assembler: ResponseAssembler,
    private readonly responses: ResponseStore,
    private readonly keys: RespondentKeyStore,
  ) {}

  /** The one place a new response is decided, whichever channel brought it. */
  async execute(
    request: SubmitResponseRequestDto,
    actor: Actor,
    correlationId: string,
    identity?: ChannelIdentity,
  ): Promise<SubmitResponseResult> {
    const target: ResponseTarget = { campaignId: request.campaignId.toLowerCase(), unitId: request.unitId.toLowerCase() };
    return this.dataSource.transaction(async (manager) => {
      const context = await this.assembler.campaignContext(manager, target.campaignId);
      const late = identity?.acceptsLate === true && context.campaign?.status === 'closed';
      try {
        await this.assembler.check(manager, target, request, context, identity?.acceptsLate === true);
        if (late) this.assembler.checkCollectedBeforeClose(request, context);
      } catch (refused) {
        // A retry gets its answer even once the campaign has closed: it was accepted while open. Looked
        // up only on a refusal: an accepted form's retry is found by the insert below, one query fewer.
        const seen = refused instanceof HttpException ? await this.responses.byIdempotencyKey(manager, request.idempotencyKey) : null;
        if (seen) return this.replay(manager, seen, request, target, context, actor, identity);
        throw refused;
      }
      const responseId = randomUUID();
      const key = hasPersonalData(this.assembler.personalDataOf(request, context.questionnaire)) ? this.keys.newKey() : null;
      const response = this.assembler.assemble(responseId, target, request, context, actor, key, HASHED_AS, identity?.collectedBy);
      const event = createEvent(
        ResponseSubmitted,
        responseId,
        { ...response.data, late },
        {
          source: 'survey-intake',
          actor: identity?.eventActor ?? staffActor(actor),
          correlationId,
          occurredAt: response.data.form.finishedAt ?? `${request.serviceDate}T00:00:00+07:00`,
        },
      );
      const inserted = await this.responses.insert(manager, {
        data: response.data,
        idempotencyKey: request.idempotencyKey,
        requestHash: response.requestHash,
        personalHash: response.personalHash,
        kind: 'submission',
        replaces: null,
        actorId: actor.id,
        eventId: event.id,
        late,
      });
      if (!inserted) {
        // Another copy of this submission committed first: answer with its id; this key was never stored.
        const first = (await this.responses.byIdempotencyKey(manager, request.idempotencyKey)) as ResponseRow;
        return this.replay(manager, first, request, target, context, actor, identity);
      }
      if (key) await this.keys.store(manager, key);
      // createEvent parsed its data a moment ago: the outbox need not parse it again.
      await this.outbox.append(manager, [event], { builtByCreateEvent: true });
      return { responseId, created: true, respondentKeyId: key?.keyId ?? null, late, receiptPath: receiptPathOf(responseId) };
    });
  }

  private async replay(
    manager: EntityManager,
    row: ResponseRow,
    request: SubmitResponseRequestDto,
    target: ResponseTarget,
    context: CampaignContext,
    actor: Actor,
    identity?: ChannelIdentity,
  ): Promise<SubmitResponseResult> {
    const same =
      row.kind === 'submission' &&
      row.campaign_id === target.campaignId &&
      row.unit_id === target.unitId &&
      (await this.assembler.sameAsStored(manager, row, request, target, context, actor, HASHED_AS, identity?.collectedBy));
    if (!same) throw idempotencyKeyReused();
    return {
      responseId: row.response_id,
      created: false,
      respondentKeyId: row.respondent_key_id,
      late: row.late,
      receiptPath: receiptPathOf(row.response_id),
    };
  }
}
