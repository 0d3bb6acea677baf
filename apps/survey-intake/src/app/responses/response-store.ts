import { EncryptedPersonalData, ResponseData } from '@hailong/contracts';
import { ResponseState } from '@hailong/intake/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { INTAKE_SCHEMA } from '../migrations';

export interface ResponseRow {
  response_id: string;
  idempotency_key: string;
  request_hash: string;
  kind: 'submission' | 'correction';
  unit_id: string;
  campaign_id: string | null;
  channel: ResponseData['channel'];
  questionnaire_id: string | null;
  questionnaire_version: number | null;
  procedure_id: string | null;
  service_date: string | null;
  collected_by: string | null;
  form_started_at: Date | null;
  form_finished_at: Date | null;
  answers: ResponseData['answers'];
  expectations: ResponseData['expectations'];
  profile_groups: Record<string, string>;
  personal: EncryptedPersonalData | null;
  respondent_key_id: string | null;
  personal_hash: string | null;
  status: ResponseState['status'];
  replaces: string | null;
  replaced_by: string | null;
  late: boolean;
  actor_id: string;
  accepted_at: Date;
  status_changed_at: Date | null;
  status_changed_by: string | null;
  status_reason: string | null;
}

export interface NewResponseRow {
  readonly data: ResponseData;
  readonly idempotencyKey: string;
  readonly requestHash: string;
  readonly personalHash: string | null;
  readonly kind: 'submission' | 'correction';
  readonly replaces: string | null;
  readonly actorId: string;
  readonly eventId: string;
  /** Accepted after its campaign closed (a tablet batch synced late). */
  readonly late?: boolean;
}

export const stateOf = (row: ResponseRow): ResponseState => ({
  responseId: row.response_id,
  unitId: row.unit_id,
  campaignId: row.campaign_id,
  status: row.status,
  replacedBy: row.replaced_by,
  respondentKeyId: row.respondent_key_id,
});

/** Accepted responses. Personal data is stored as the ciphertext the event carries, never in clear. */
@Injectable()
export class ResponseStore {
  private readonly table = `"${INTAKE_SCHEMA}".responses`;

  async byId(manager: EntityManager, responseId: string, lock: 'none' | 'update' = 'none'): Promise<ResponseRow | null> {
    const [row]: ResponseRow[] = await manager.query(
      `SELECT *, service_date::text AS service_date FROM ${this.table} WHERE response_id = $1 ${lock === 'update' ? 'FOR UPDATE' : ''}`,
      [responseId],
    );
    return row ?? null;
  }

  async byIdempotencyKey(manager: EntityManager, key: string): Promise<ResponseRow | null> {
    const [row]: ResponseRow[] = await manager.query(
      `SELECT *, service_date::text AS service_date FROM ${this.table} WHERE idempotency_key = $1`,
      [key],
    );
    return row ?? null;
  }

  /**
   * Inserts unless the idempotency key is taken. Concurrent copies with one key queue on the unique
   * index; once the first commits, the others insert nothing (false) and read the first one's row.
   */
  async insert(manager: EntityManager, r: NewResponseRow): Promise<boolean> {
    const d = r.data;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO ${this.table} (response_id, idempotency_key, request_hash, unit_id, channel, answers, actor_id, event_id,
          kind, campaign_id, questionnaire_id, questionnaire_version, procedure_id, service_date, collected_by,
          form_started_at, form_finished_at, expectations, profile_groups, personal, respondent_key_id, personal_hash, replaces, late)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING response_id`,
      [
        d.responseId,
        r.idempotencyKey,
        r.requestHash,
        d.unitId,
        d.channel,
        JSON.stringify(d.answers),
        r.actorId,
        r.eventId,
        r.kind,
        d.campaignId,
        d.questionnaire?.questionnaireId ?? null,
        d.questionnaire?.version ?? null,
        d.procedureId,
        d.serviceDate,
        d.collectedBy?.id ?? null,
        d.form.startedAt,
        d.form.finishedAt,
        JSON.stringify(d.expectations),
        JSON.stringify(d.profileGroups),
        d.personal ? JSON.stringify(d.personal) : null,
        d.personal?.respondentKeyId ?? null,
        r.personalHash,
        r.replaces,
        r.late ?? false,
      ],
    );
    return inserted.length === 1;
  }

  async markVoided(manager: EntityManager, responseId: string, actorId: string, reason: string): Promise<void> {
    await manager.query(
      `UPDATE ${this.table} SET status = 'voided', status_changed_at = now(), status_changed_by = $2, status_reason = $3 WHERE response_id = $1`,
      [responseId, actorId, reason],
    );
  }

  async markReplaced(manager: EntityManager, responseId: string, replacedBy: string, actorId: string, reason: string): Promise<void> {
    await manager.query(
      `UPDATE ${this.table} SET status = 'replaced', replaced_by = $2, status_changed_at = now(), status_changed_by = $3, status_reason = $4
        WHERE response_id = $1`,
      [responseId, replacedBy, actorId, reason],
    );
  }
}
