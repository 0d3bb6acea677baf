import { canonicalJson, createEvent, ResponseSubmitted, sha256Hex, UnplacedEvent } from '@hailong/contracts';
import { DirectoryView } from '@hailong/directory/view';
import {
  checkImportRow,
  FORM_NUMBER,
  hasPersonalData,
  ImportHeader,
  ImportRow,
  PersonalData,
  readImportRow,
  splitProfile,
  Violation,
} from '@hailong/intake/domain';
import { Actor } from '@hailong/platform/auth';
import { todayInVietnam } from '@hailong/platform/http';
import { OutboxWriter } from '@hailong/platform/messaging';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { staffActor } from '../../../http/staff-actor';
import { personalDataFingerprint, RespondentKey } from '../../../personal-data/personal-data.cipher';
import { RespondentKeyStore } from '../../../personal-data/respondent-key-store';
import { CampaignContext, ResponseAssembler } from '../../../responses/response-assembler';
import { ResponseFormDto } from '../../../responses/response-form.dto';
import { FileImportStore, ImportCounts, ImportedResponse, StoredImportKey } from '../../file-import-store';
import { FileRow, ImportFormat } from '../../file-rows';
import { UnitResolver } from '../../unit-resolver';

export interface RowError {
  readonly field: string;
  readonly rule: string;
  readonly reason: string;
  readonly reasonVi: string;
}

/** What became of one row: its response (new, or the one an earlier import made of it), or why it was refused. */
export type RowOutcome =
  | { readonly row: number; readonly formNumber: string | null; readonly outcome: 'accepted' | 'duplicate'; readonly responseId: string }
  | { readonly row: number; readonly formNumber: string | null; readonly outcome: 'refused'; readonly errors: readonly RowError[] };

/** One import in progress: its file's layout, who imports, and the directory lookups it keeps. */
export interface ImportSession {
  readonly importId: string;
  readonly campaignId: string;
  readonly header: ImportHeader;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly units: UnitResolver;
  /** The form keys of the chunks being decided now, each with how many of them name it. */
  readonly keysInFlight: Map<string, number>;
}

/** The idempotency key of a paper form of a file: the campaign and the form's own number. */
export const fileImportIdempotencyKey = (campaignId: string, formNumber: string) => `file:${campaignId}:${formNumber}`;

/** Another transaction stored one of the chunk's forms between reading and writing: decide the chunk again. */
class ChunkRace extends Error {}

const MAX_ATTEMPTS = 3;

interface Candidate {
  readonly index: number;
  readonly rowNumber: number;
  readonly key: string;
  readonly form: ResponseFormDto;
  readonly unitId: string;
  readonly requestHash: string;
  readonly personal: PersonalData;
  readonly personalJson: string | null;
}

/**
 * The set-based path of the bulk file import (DESIGN "Methods", 1: paper forms imported in bulk).
 * Rows are decided a chunk at a time in one transaction each: the campaign read (and share-locked)
 * once, units resolved from per-date hierarchies kept for the whole import, previous imports' keys
 * read in one query, the new responses, their respondent keys and their ResponseSubmitted events
 * written in one multi-row INSERT each. Each row is checked by the same rules as every other
 * channel (checkSubmission, through checkImportRow). A chunk commits whole or not at all.
 */
@Injectable()
export class ImportResponsesHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly assembler: ResponseAssembler,
    private readonly keys: RespondentKeyStore,
    private readonly store: FileImportStore,
    private readonly directory: DirectoryView,
  ) {}

  /** The campaign and its questionnaire as they are now (no lock: each chunk reads them again). */
  async campaign(campaignId: string): Promise<CampaignContext> {
    return this.assembler.campaignContext(this.dataSource.manager, campaignId);
  }

  async begin(campaignId: string, format: ImportFormat, header: ImportHeader, actor: Actor, correlationId: string): Promise<ImportSession> {
    const importId = randomUUID();
    await this.store.begin(this.dataSource.manager, importId, campaignId, format, actor.id);
    return { importId, campaignId, header, actor, correlationId, units: new UnitResolver(this.directory), keysInFlight: new Map() };
  }

  async finish(session: ImportSession, sha256: string, bytes: number, stoppedReason: string | null): Promise<void> {
    await this.store.finish(this.dataSource.manager, session.importId, sha256, bytes, stoppedReason);
  }

  /**
   * Decides and writes one chunk of rows; what it answers is committed. It may run while the chunk
   * before it (`earlier`) is still being decided, each in its own transaction; if the two name a
   * form in common, it waits for the earlier one first, so the file's first row of a form is the one
   * accepted and the later one its duplicate, as when chunks go one at a time.
   */
  async chunk(session: ImportSession, rows: readonly FileRow[], earlier: Promise<unknown> = Promise.resolve()): Promise<RowOutcome[]> {
    const read = rows.map((r) => readImportRow(r.cells, session.header));
    const keys = read.flatMap((r) => (r.row ? [fileImportIdempotencyKey(session.campaignId, r.row.formNumber)] : []));
    const overlaps = keys.some((key) => session.keysInFlight.has(key));
    for (const key of keys) session.keysInFlight.set(key, (session.keysInFlight.get(key) ?? 0) + 1);
    try {
      if (overlaps) await earlier.catch(() => undefined);
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.dataSource.transaction((manager) => this.decide(manager, session, rows, read));
        } catch (error) {
          if (!(error instanceof ChunkRace) || attempt >= MAX_ATTEMPTS) throw error;
        }
      }
    } finally {
      for (const key of keys) {
        const left = (session.keysInFlight.get(key) ?? 1) - 1;
        if (left > 0) session.keysInFlight.set(key, left);
        else session.keysInFlight.delete(key);
      }
    }
  }

  private async decide(
    manager: EntityManager,
    session: ImportSession,
    rows: readonly FileRow[],
    read: readonly ReturnType<typeof readImportRow>[],
  ): Promise<RowOutcome[]> {
    const { campaignId } = session;
    const context = await this.assembler.campaignContext(manager, campaignId);
    const now = new Date();
    const today = todayInVietnam(now);
    const outcomes: RowOutcome[] = new Array(rows.length);
    const formNumberAt = session.header.positions.findIndex((c) => c?.kind === 'formNumber');
    const formNumberOf = (i: number) => {
      const text = (rows[i].cells[formNumberAt] ?? '').trim();
      return FORM_NUMBER.test(text) ? text : null;
    };
    const refuse = (i: number, violations: readonly Violation[]) => {
      outcomes[i] = {
        row: rows[i].rowNumber,
        formNumber: formNumberOf(i),
        outcome: 'refused',
        errors: violations.map((v) => ({ field: v.field, rule: v.rule, reason: v.reason, reasonVi: v.reasonVi })),
      };
    };

    const candidates: Candidate[] = [];
    for (let i = 0; i < rows.length; i++) {
      const result = read[i];
      if (result.violations) {
        refuse(i, result.violations);
        continue;
      }
      const row = result.row;
      const unit = await session.units.resolve(manager, row.unit, row.serviceDate);
      const violations = checkImportRow(row, unit.unitId ?? '00000000-0000-4000-8000-000000000000', {
        campaignId,
        campaign: context.campaign,
        questionnaire: context.questionnaire,
        unitKnown: unit.unitKnown,
        unit: unit.unit,
        today,
        now,
      });
      if (violations.length > 0 || !unit.unitId) {
        refuse(i, violations.length > 0 ? violations : [unitNotOnDate()]);
        continue;
      }
      candidates.push(this.candidate(i, rows[i].rowNumber, row, campaignId, unit.unitId, context));
    }

    const stored = await this.store.byKeys(
      manager,
      candidates.map((c) => c.key),
    );
    const firstInChunk = new Map<string, { candidate: Candidate; responseId: string }>();
    const fresh: { candidate: Candidate; responseId: string }[] = [];
    for (const candidate of candidates) {
      const i = candidate.index;
      const before = stored.get(candidate.key);
      const earlier = firstInChunk.get(candidate.key);
      const previous = before
        ? { responseId: before.response_id, same: await this.sameAsStored(manager, before, candidate) }
        : earlier
          ? {
              responseId: earlier.responseId,
              same: earlier.candidate.requestHash === candidate.requestHash && earlier.candidate.personalJson === candidate.personalJson,
            }
          : null;
      if (previous) {
        if (previous.same) {
          outcomes[i] = { row: candidate.rowNumber, formNumber: formNumberOf(i), outcome: 'duplicate', responseId: previous.responseId };
        } else {
          refuse(i, [formNumberReused()]);
        }
        continue;
      }
      const entry = { candidate, responseId: randomUUID() };
      firstInChunk.set(candidate.key, entry);
      fresh.push(entry);
    }

    const responses: ImportedResponse[] = [];
    const events: UnplacedEvent[] = [];
    const newKeys: RespondentKey[] = [];
    for (const { candidate, responseId } of fresh) {
      const key = hasPersonalData(candidate.personal) ? this.keys.newKey() : null;
      if (key) newKeys.push(key);
      const { data } = this.assembler.assemble(
        responseId,
        { campaignId, unitId: candidate.unitId },
        candidate.form,
        context,
        session.actor,
        key,
      );
      const event = createEvent(
        ResponseSubmitted,
        responseId,
        { ...data, late: false },
        {
          source: 'survey-intake',
          actor: staffActor(session.actor),
          correlationId: session.correlationId,
          causationId: session.importId,
          occurredAt: data.form.finishedAt ?? `${data.serviceDate}T00:00:00+07:00`,
        },
      );
      events.push(event);
      responses.push({
        data,
        idempotencyKey: candidate.key,
        requestHash: candidate.requestHash,
        personalHash: key ? personalDataFingerprint(key, candidate.personal) : null,
        eventId: event.id,
        rowNumber: candidate.rowNumber,
      });
      outcomes[candidate.index] = {
        row: candidate.rowNumber,
        formNumber: formNumberOf(candidate.index),
        outcome: 'accepted',
        responseId,
      };
    }
    const inserted = await this.store.insertMany(manager, session.importId, session.actor.id, responses);
    if (inserted.size !== responses.length) throw new ChunkRace();
    await this.keys.storeMany(manager, newKeys);
    // Each event's data was parsed by its schema in createEvent above: the outbox need not parse it again.
    await this.outbox.append(manager, events, { builtByCreateEvent: true });
    await this.store.count(manager, session.importId, countsOf(outcomes));
    return outcomes;
  }

  private candidate(
    index: number,
    rowNumber: number,
    row: ImportRow,
    campaignId: string,
    unitId: string,
    context: CampaignContext,
  ): Candidate {
    const form = {
      channel: 'paper',
      procedureId: row.procedureId,
      serviceDate: row.serviceDate,
      surveyorId: row.surveyorId ?? undefined,
      form: { startedAt: row.form.startedAt ?? undefined, finishedAt: row.form.finishedAt ?? undefined },
      answers: row.answers.map((a) => ({ itemId: a.itemId, level: a.level })),
      expectations: row.expectations.map((x) => ({ itemId: x.itemId, level: x.level })),
      profile: row.profile,
      freeText: row.freeText ?? undefined,
    } as ResponseFormDto;
    const personal = this.assembler.personalDataOf(form, context.questionnaire);
    const profileInClear = context.questionnaire ? splitProfile(context.questionnaire, row.profile).inClear : {};
    // What tells a re-import of the form from another form under the same number: everything but the
    // personal part (compared through the respondent's key) and who happens to import it.
    const requestHash = sha256Hex(
      canonicalJson({
        kind: 'file-import',
        campaignId,
        unitId,
        procedureId: row.procedureId,
        serviceDate: row.serviceDate,
        surveyorId: row.surveyorId,
        form: {
          startedAt: row.form.startedAt ? new Date(row.form.startedAt).toISOString() : null,
          finishedAt: row.form.finishedAt ? new Date(row.form.finishedAt).toISOString() : null,
        },
        answers: row.answers,
        expectations: row.expectations,
        profileInClear,
      }),
    );
    return {
      index,
      rowNumber,
      key: fileImportIdempotencyKey(campaignId, row.formNumber),
      form,
      unitId,
      requestHash,
      personal,
      personalJson: hasPersonalData(personal) ? canonicalJson(personal) : null,
    };
  }

  /** As the one submission path compares a retry: the personal part through the respondent's key, unless it was destroyed. */
  private async sameAsStored(manager: EntityManager, stored: StoredImportKey, candidate: Candidate): Promise<boolean> {
    if (stored.request_hash !== candidate.requestHash) return false;
    if (candidate.personalJson === null) return stored.personal_hash === null;
    if (stored.personal_hash === null || stored.respondent_key_id === null) return false;
    const key = await this.keys.find(manager, stored.respondent_key_id);
    if (key.state !== 'live') return true;
    return personalDataFingerprint(key.key, candidate.personal) === stored.personal_hash;
  }
}

export function countsOf(outcomes: readonly RowOutcome[]): ImportCounts {
  let accepted = 0;
  let duplicates = 0;
  let refused = 0;
  for (const o of outcomes) {
    if (o.outcome === 'accepted') accepted++;
    else if (o.outcome === 'duplicate') duplicates++;
    else refused++;
  }
  return { rows: outcomes.length, accepted, duplicates, refused };
}

const unitNotOnDate = (): Violation => ({
  field: 'unit',
  rule: 'unit-not-valid-on-service-date',
  reason: 'the unit did not exist on the service date',
  reasonVi: 'đơn vị không tồn tại vào ngày giải quyết',
});

const formNumberReused = (): Violation => ({
  field: 'formNumber',
  rule: 'form-number-reused',
  reason: 'this form number was imported before with other answers: correct that response instead of importing it again',
  reasonVi: 'số phiếu này đã được nhập trước đó với câu trả lời khác: hãy sửa phiếu đó thay vì nhập lại',
});
