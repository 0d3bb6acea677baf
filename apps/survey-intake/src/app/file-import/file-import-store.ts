import { EncryptedPersonalData, ResponseData } from '@hailong/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { INTAKE_SCHEMA } from '../migrations';
import { ImportFormat } from './file-rows';

/** A response of an import, ready to store: what the event carries and what tells a re-import apart. */
export interface ImportedResponse {
  readonly data: ResponseData;
  readonly idempotencyKey: string;
  readonly requestHash: string;
  readonly personalHash: string | null;
  readonly eventId: string;
  readonly rowNumber: number;
}

/** What a previous import (or an earlier row of this one) stored under a form's key. */
export interface StoredImportKey {
  readonly idempotency_key: string;
  readonly response_id: string;
  readonly request_hash: string;
  readonly personal_hash: string | null;
  readonly respondent_key_id: string | null;
}

export interface ImportCounts {
  readonly rows: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly refused: number;
}

/**
 * The set-based side of the file import: a chunk's responses in one multi-row INSERT, the keys a
 * chunk names read in one query, and the import's own record.
 */
@Injectable()
export class FileImportStore {
  private readonly responses = `"${INTAKE_SCHEMA}".responses`;
  private readonly imports = `"${INTAKE_SCHEMA}".file_imports`;

  async begin(manager: EntityManager, importId: string, campaignId: string, format: ImportFormat, actorId: string): Promise<void> {
    await manager.query(`INSERT INTO ${this.imports} (import_id, campaign_id, format, actor_id) VALUES ($1, $2, $3, $4)`, [
      importId,
      campaignId,
      format,
      actorId,
    ]);
  }

  /** Counted in the chunk's own transaction, so the record never claims rows that were not written. */
  async count(manager: EntityManager, importId: string, counts: ImportCounts): Promise<void> {
    await manager.query(
      `UPDATE ${this.imports} SET rows = rows + $2, accepted = accepted + $3, duplicates = duplicates + $4, refused = refused + $5
        WHERE import_id = $1`,
      [importId, counts.rows, counts.accepted, counts.duplicates, counts.refused],
    );
  }

  async finish(manager: EntityManager, importId: string, sha256: string, bytes: number, stoppedReason: string | null): Promise<void> {
    await manager.query(
      `UPDATE ${this.imports} SET finished_at = now(), file_sha256 = $2, file_bytes = $3, stopped_reason = $4 WHERE import_id = $1`,
      [importId, sha256, bytes, stoppedReason],
    );
  }

  async byKeys(manager: EntityManager, keys: readonly string[]): Promise<Map<string, StoredImportKey>> {
    if (keys.length === 0) return new Map();
    const rows: StoredImportKey[] = await manager.query(
      `SELECT idempotency_key, response_id, request_hash, personal_hash, respondent_key_id FROM ${this.responses}
        WHERE idempotency_key = ANY($1::text[])`,
      [keys],
    );
    return new Map(rows.map((r) => [r.idempotency_key, r]));
  }

  /**
   * Inserts a chunk's responses in one statement; returns the keys it stored. A key another
   * transaction stored first is skipped (ON CONFLICT), and the caller decides that chunk again.
   */
  async insertMany(manager: EntityManager, importId: string, actorId: string, rows: readonly ImportedResponse[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const column = <T>(pick: (r: ImportedResponse) => T) => rows.map(pick);
    const json = (value: unknown) => JSON.stringify(value);
    const inserted: { idempotency_key: string }[] = await manager.query(
      `INSERT INTO ${this.responses} (response_id, idempotency_key, request_hash, unit_id, channel, answers, actor_id, event_id,
          kind, campaign_id, questionnaire_id, questionnaire_version, procedure_id, service_date, collected_by,
          form_started_at, form_finished_at, expectations, profile_groups, personal, respondent_key_id, personal_hash, late,
          import_id, import_row)
       SELECT r.response_id, r.idempotency_key, r.request_hash, r.unit_id, r.channel, r.answers, $18::text, r.event_id,
              'submission', r.campaign_id, r.questionnaire_id, r.questionnaire_version, r.procedure_id, r.service_date, r.collected_by,
              r.form_started_at, r.form_finished_at, r.expectations, r.profile_groups, r.personal, r.respondent_key_id, r.personal_hash, false,
              $19::uuid, r.import_row
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::jsonb[], $7::uuid[], $8::uuid[], $9::text[],
                     $10::int[], $11::text[], $12::date[], $13::text[], $14::timestamptz[], $15::timestamptz[], $16::jsonb[],
                     $17::jsonb[], $20::jsonb[], $21::uuid[], $22::text[], $23::int[])
           AS r(response_id, idempotency_key, request_hash, unit_id, channel, answers, event_id, campaign_id, questionnaire_id,
                questionnaire_version, procedure_id, service_date, collected_by, form_started_at, form_finished_at, expectations,
                profile_groups, personal, respondent_key_id, personal_hash, import_row)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key`,
      [
        column((r) => r.data.responseId),
        column((r) => r.idempotencyKey),
        column((r) => r.requestHash),
        column((r) => r.data.unitId),
        column((r) => r.data.channel),
        column((r) => json(r.data.answers)),
        column((r) => r.eventId),
        column((r) => r.data.campaignId),
        column((r) => r.data.questionnaire?.questionnaireId ?? null),
        column((r) => r.data.questionnaire?.version ?? null),
        column((r) => r.data.procedureId),
        column((r) => r.data.serviceDate),
        column((r) => r.data.collectedBy?.id ?? null),
        column((r) => r.data.form.startedAt),
        column((r) => r.data.form.finishedAt),
        column((r) => json(r.data.expectations)),
        column((r) => json(r.data.profileGroups)),
        actorId,
        importId,
        column((r) => (r.data.personal ? json(r.data.personal satisfies EncryptedPersonalData) : null)),
        column((r) => r.data.personal?.respondentKeyId ?? null),
        column((r) => r.personalHash),
        column((r) => r.rowNumber),
      ],
    );
    return new Set(inserted.map((r) => r.idempotency_key));
  }
}
