import {
  CampaignClosed,
  CampaignCreated,
  CampaignDefinition,
  CampaignOpened,
  DataOf,
  EventEnvelope,
  QuestionnaireVersionPublished,
  ResponseCorrected,
  ResponseData,
  ResponseSubmitted,
  ResponseVoided,
} from '@hailong/contracts';
import { countResponses, CountsAccumulator, countsToRows, ScorableResponse, subtract } from '@hailong/scoring/domain';
import { EntityManager } from 'typeorm';
import { NO_CAMPAIGN } from './scoring-tables';

/** Every event type the scoring read model applies (all on intake's response topic). */
export const SCORING_EVENT_TYPES: readonly string[] = [
  QuestionnaireVersionPublished.type,
  CampaignCreated.type,
  CampaignOpened.type,
  CampaignClosed.type,
  ResponseSubmitted.type,
  ResponseVoided.type,
  ResponseCorrected.type,
];

const RESPONSE_EVENT_TYPES: readonly string[] = [ResponseSubmitted.type, ResponseVoided.type, ResponseCorrected.type];

/** The cell a response is counted in: every dimension a breakdown can ask for. */
export interface ResponseCell {
  readonly campaignId: string;
  readonly late: boolean;
  readonly unitId: string;
  readonly serviceDay: string;
  readonly channel: string;
  /** '' when the response names no procedure. */
  readonly procedureId: string;
  /** Canonical `field=option;…` of the profile answers that travel in clear, '' when none. */
  readonly respondentGroup: string;
}

const VIETNAM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The local date of an instant in Asia/Ho_Chi_Minh (DESIGN: all dates are Vietnamese dates). */
export function vietnamDateOf(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${instant}`);
  return VIETNAM_DATE.format(date);
}

/** `respondentType=individual;sex=female`: keys in code-unit order, so equal groups give equal keys. */
export function respondentGroupKey(profileGroups: Readonly<Record<string, string>>): string {
  return Object.keys(profileGroups)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((field) => `${field}=${profileGroups[field]}`)
    .join(';');
}

export function parseRespondentGroupKey(key: string): Record<string, string> {
  const result: Record<string, string> = {};
  if (key === '') return result;
  for (const part of key.split(';')) {
    const at = part.indexOf('=');
    result[part.slice(0, at)] = part.slice(at + 1);
  }
  return result;
}

interface StoredResponse {
  response_id: string;
  state: 'counted' | 'voided' | 'replaced';
  campaign_id: string;
  unit_id: string | null;
  service_day: string | null;
  channel: string | null;
  procedure_id: string | null;
  respondent_group: string | null;
  late: boolean;
  ledger_sequence: string | null;
  answers: ResponseData['answers'] | null;
  expectations: ResponseData['expectations'] | null;
  submitted_event_id: string | null;
  changed_event_id: string | null;
}

/**
 * Applies a batch of intake events (in log order per partition) to the read model, in the caller's
 * transaction. Deterministic: the same events give the same tables whatever the batching, so a
 * rebuild from offset 0 — or the audit's replay — arrives at the same counts.
 *
 * On-time or late is decided by intake's ledger, not by when scoring happens to see events: intake
 * holds the campaign row FOR SHARE while it accepts a response and a close takes it FOR UPDATE, so
 * every response accepted before the close was written to intake's outbox before CampaignClosed and
 * gets an earlier ledger place, and every response accepted after it a later one. A response whose
 * place is after its campaign's CampaignClosed is late. Responses and the close sit on different
 * partitions (unit vs campaign key), so a late response may be applied before the close is; the close
 * then moves it from the on-time cells to the late ones. A correction keeps the on-time or late
 * standing of the response it replaces (the form was accepted then; only its keying was wrong).
 */
export async function applyScoringEvents(manager: EntityManager, schema: string, events: readonly EventEnvelope[]): Promise<void> {
  let pending: EventEnvelope[] = [];
  for (const event of events) {
    if (RESPONSE_EVENT_TYPES.includes(event.type)) {
      pending.push(event);
      continue;
    }
    await applyResponseEvents(manager, schema, pending);
    pending = [];
    await applyCampaignEvent(manager, schema, event);
  }
  await applyResponseEvents(manager, schema, pending);
}

/**
 * What a batch changes, per cell: the responses it adds and takes away there, counted once per cell at
 * flush (a backlog's thousands of responses fall into far fewer cells than responses).
 */
class CellDeltas {
  private readonly cells = new Map<string, { cell: ResponseCell; added: ScorableResponse[]; removed: ScorableResponse[] }>();

  add(cell: ResponseCell, response: Pick<ResponseData, 'answers' | 'expectations'>, sign: 1 | -1): void {
    const id = cellIdOf(cell);
    let entry = this.cells.get(id);
    if (!entry) {
      entry = { cell, added: [], removed: [] };
      this.cells.set(id, entry);
    }
    (sign === 1 ? entry.added : entry.removed).push({ answers: response.answers, expectations: response.expectations });
  }

  private rows(): ScoreCellRow[] {
    const rows: ScoreCellRow[] = [];
    for (const { cell, added, removed } of this.cells.values()) {
      const counts = removed.length === 0 ? countResponses(added) : subtract(countResponses(added), countResponses(removed));
      for (const row of countsToRows(counts)) rows.push({ cell, kind: row.kind, key: row.key, level: row.level ?? 0, count: row.count });
    }
    return rows;
  }

  async flush(manager: EntityManager, schema: string): Promise<void> {
    const rows = this.rows();
    this.cells.clear();
    await upsertScoreCells(manager, schema, rows);
  }
}

/** One counter row of a cell, as score_cells stores it (level 0 for a pattern). */
interface ScoreCellRow {
  readonly cell: ResponseCell;
  readonly kind: string;
  readonly key: string;
  readonly level: number;
  readonly count: number;
}

/**
 * Rows per statement, so a statement's eleven parameter arrays stay bounded (tens of MB at most). A
 * projection chunk of 10,000 responses (about 210,000 rows) is still one statement.
 */
const UPSERT_ROWS = 250_000;

/** Adds each row's count to its counter in score_cells (creating it at that count). */
async function upsertScoreCells(manager: EntityManager, schema: string, all: readonly ScoreCellRow[]): Promise<void> {
  for (let start = 0; start < all.length; start += UPSERT_ROWS) {
    const rows = all.slice(start, start + UPSERT_ROWS);
    await manager.query(
      `INSERT INTO "${schema}".score_cells
         (campaign_id, late, unit_id, service_day, channel, procedure_id, respondent_group, kind, key, level, count)
       SELECT * FROM unnest($1::uuid[], $2::boolean[], $3::uuid[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                            $10::smallint[], $11::int[])
       ON CONFLICT (campaign_id, late, unit_id, service_day, channel, procedure_id, respondent_group, kind, key, level)
       DO UPDATE SET count = score_cells.count + EXCLUDED.count`,
      [
        rows.map((r) => r.cell.campaignId),
        rows.map((r) => r.cell.late),
        rows.map((r) => r.cell.unitId),
        rows.map((r) => r.cell.serviceDay),
        rows.map((r) => r.cell.channel),
        rows.map((r) => r.cell.procedureId),
        rows.map((r) => r.cell.respondentGroup),
        rows.map((r) => r.kind),
        rows.map((r) => r.key),
        rows.map((r) => r.level),
        rows.map((r) => r.count),
      ],
    );
  }
}

/**
 * Responses counted in memory, cell by cell, and written to score_cells in one go: what the projection
 * would have stored for them, for a caller that reads far more responses than there are cells (the audit's
 * replay of a whole campaign). Each cell keeps running sums, not the responses, so memory grows with the
 * cells and answer patterns, not with the responses.
 */
export class ScoreCellTally {
  private readonly cells = new Map<string, { cell: ResponseCell; counts: CountsAccumulator }>();

  /** Cells holding counts not yet written. */
  get size(): number {
    return this.cells.size;
  }

  add(cell: ResponseCell, response: ScorableResponse): void {
    const id = cellIdOf(cell);
    let entry = this.cells.get(id);
    if (!entry) {
      entry = { cell, counts: new CountsAccumulator() };
      this.cells.set(id, entry);
    }
    entry.counts.addResponse(response, 1);
  }

  /** Adds every cell's counts to score_cells, in the caller's transaction, and starts again from nothing. */
  async flush(manager: EntityManager, schema: string): Promise<void> {
    const rows: ScoreCellRow[] = [];
    for (const { cell, counts } of this.cells.values()) {
      for (const row of countsToRows(counts.toCounts()))
        rows.push({ cell, kind: row.kind, key: row.key, level: row.level ?? 0, count: row.count });
    }
    this.cells.clear();
    await upsertScoreCells(manager, schema, rows);
  }
}

const cellIdOf = (cell: ResponseCell) =>
  `${cell.campaignId}|${cell.late}|${cell.unitId}|${cell.serviceDay}|${cell.channel}|${cell.procedureId}|${cell.respondentGroup}`;

/**
 * The cell a submitted response is counted in (its campaign's, or NO_CAMPAIGN's): the service date it
 * names, else the Vietnamese date it was given on.
 */
export function cellOfSubmission(data: ResponseData, occurredAt: string, late: boolean): ResponseCell {
  return {
    campaignId: data.campaignId ?? NO_CAMPAIGN,
    late,
    unitId: data.unitId,
    serviceDay: data.serviceDate ?? vietnamDateOf(occurredAt),
    channel: data.channel,
    procedureId: data.procedureId ?? '',
    respondentGroup: respondentGroupKey(data.profileGroups),
  };
}

const cellOfRow = (row: StoredResponse): ResponseCell => ({
  campaignId: row.campaign_id,
  late: row.late,
  unitId: row.unit_id as string,
  serviceDay: row.service_day as string,
  channel: row.channel as string,
  procedureId: row.procedure_id as string,
  respondentGroup: row.respondent_group as string,
});

const ledgerOf = (event: EventEnvelope): string | null => (event.ledger ? String(event.ledger.sequence) : null);

async function applyResponseEvents(manager: EntityManager, schema: string, events: readonly EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  const ids = new Set<string>();
  const campaignIds = new Set<string>();
  for (const event of events) {
    if (event.type === ResponseCorrected.type) {
      const data = event.data as DataOf<typeof ResponseCorrected>;
      ids.add(data.responseId);
      ids.add(data.replacement.responseId);
      campaignIds.add(data.replacement.campaignId ?? NO_CAMPAIGN);
    } else {
      const data = event.data as { responseId: string; campaignId: string | null };
      ids.add(data.responseId);
      campaignIds.add(data.campaignId ?? NO_CAMPAIGN);
    }
  }
  const stored: StoredResponse[] = await manager.query(
    `SELECT response_id, state, campaign_id, unit_id, to_char(service_day, 'YYYY-MM-DD') AS service_day, channel, procedure_id,
            respondent_group, late, ledger_sequence, answers, expectations, submitted_event_id, changed_event_id
       FROM "${schema}".scored_responses WHERE response_id = ANY($1::uuid[])`,
    [[...ids]],
  );
  const rows = new Map(stored.map((r) => [r.response_id, r]));
  const closes: { campaign_id: string; closed_ledger_sequence: string | null }[] = await manager.query(
    `SELECT campaign_id, closed_ledger_sequence FROM "${schema}".campaigns WHERE campaign_id = ANY($1::uuid[]) AND status = 'closed'`,
    [[...campaignIds]],
  );
  const closedAt = new Map(closes.map((c) => [c.campaign_id, c.closed_ledger_sequence]));
  const isLate = (campaignId: string, sequence: string | null) => {
    const close = closedAt.get(campaignId);
    return close !== undefined && close !== null && sequence !== null && BigInt(sequence) > BigInt(close);
  };

  const changed = new Set<string>();
  const deltas = new CellDeltas();

  const submit = (data: ResponseData, event: EventEnvelope, sequence: string | null) => {
    if (rows.has(data.responseId)) return; // counted already, or voided before it came
    const cell = cellOfSubmission(data, event.occurredAt, isLate(data.campaignId ?? NO_CAMPAIGN, sequence));
    const row: StoredResponse = {
      response_id: data.responseId,
      state: 'counted',
      campaign_id: cell.campaignId,
      unit_id: cell.unitId,
      service_day: cell.serviceDay,
      channel: cell.channel,
      procedure_id: cell.procedureId,
      respondent_group: cell.respondentGroup,
      late: cell.late,
      ledger_sequence: sequence,
      answers: data.answers,
      expectations: data.expectations,
      submitted_event_id: event.id,
      changed_event_id: null,
    };
    rows.set(row.response_id, row);
    changed.add(row.response_id);
    deltas.add(cellOfRow(row), data, 1);
  };

  /** Takes a response out of the figures; returns it as it was (null if never seen). */
  const retire = (responseId: string, campaignId: string, state: 'voided' | 'replaced', event: EventEnvelope): StoredResponse | null => {
    const row = rows.get(responseId);
    if (!row) {
      rows.set(responseId, {
        response_id: responseId,
        state,
        campaign_id: campaignId,
        unit_id: null,
        service_day: null,
        channel: null,
        procedure_id: null,
        respondent_group: null,
        late: false,
        ledger_sequence: null,
        answers: null,
        expectations: null,
        submitted_event_id: null,
        changed_event_id: event.id,
      });
      changed.add(responseId);
      return null;
    }
    if (row.state === 'counted' && row.answers) {
      deltas.add(cellOfRow(row), { answers: row.answers, expectations: row.expectations ?? [] }, -1);
      rows.set(responseId, { ...row, state, changed_event_id: event.id });
      changed.add(responseId);
    }
    return row;
  };

  for (const event of events) {
    if (event.type === ResponseSubmitted.type) {
      submit(event.data as ResponseData, event, ledgerOf(event));
    } else if (event.type === ResponseVoided.type) {
      const data = event.data as DataOf<typeof ResponseVoided>;
      retire(data.responseId, data.campaignId ?? NO_CAMPAIGN, 'voided', event);
    } else {
      const data = event.data as DataOf<typeof ResponseCorrected>;
      const original = retire(data.responseId, data.replacement.campaignId ?? NO_CAMPAIGN, 'replaced', event);
      const standing = original?.answers ? original.ledger_sequence : ledgerOf(event);
      submit(data.replacement, event, standing);
    }
  }

  const toStore = [...changed].map((id) => rows.get(id) as StoredResponse);
  await manager.query(
    `INSERT INTO "${schema}".scored_responses AS r
       (response_id, state, campaign_id, unit_id, service_day, channel, procedure_id, respondent_group, late, ledger_sequence,
        answers, expectations, submitted_event_id, changed_event_id)
     SELECT x.response_id, x.state, x.campaign_id, x.unit_id, x.service_day, x.channel, x.procedure_id, x.respondent_group, x.late,
            x.ledger_sequence, x.answers, x.expectations, x.submitted_event_id, x.changed_event_id
       FROM jsonb_to_recordset($1::jsonb) AS x(response_id uuid, state text, campaign_id uuid, unit_id uuid, service_day date, channel text,
            procedure_id text, respondent_group text, late boolean, ledger_sequence bigint, answers jsonb, expectations jsonb,
            submitted_event_id uuid, changed_event_id uuid)
     ON CONFLICT (response_id) DO UPDATE SET state = EXCLUDED.state, changed_event_id = EXCLUDED.changed_event_id`,
    [JSON.stringify(toStore)],
  );
  await deltas.flush(manager, schema);
}

async function applyCampaignEvent(manager: EntityManager, schema: string, event: EventEnvelope): Promise<void> {
  const s = `"${schema}"`;
  switch (event.type) {
    case QuestionnaireVersionPublished.type: {
      const data = event.data as DataOf<typeof QuestionnaireVersionPublished>;
      await manager.query(
        `INSERT INTO ${s}.questionnaires (questionnaire_id, version, content_hash, content) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [data.questionnaireId, data.version, data.contentHash, JSON.stringify(data.content)],
      );
      return;
    }
    case CampaignCreated.type: {
      const data = event.data as CampaignDefinition;
      await manager.query(`INSERT INTO ${s}.campaigns (campaign_id, definition, status) VALUES ($1, $2, 'draft') ON CONFLICT DO NOTHING`, [
        data.campaignId,
        JSON.stringify(data),
      ]);
      return;
    }
    case CampaignOpened.type: {
      const data = event.data as DataOf<typeof CampaignOpened>;
      await manager.query(`UPDATE ${s}.campaigns SET status = 'open' WHERE campaign_id = $1 AND status = 'draft'`, [data.campaignId]);
      return;
    }
    case CampaignClosed.type: {
      const data = event.data as DataOf<typeof CampaignClosed>;
      const sequence = ledgerOf(event);
      // (WITH … SELECT: TypeORM answers a bare UPDATE … RETURNING as [rows, count].)
      const updated: unknown[] = await manager.query(
        `WITH closed AS (
           UPDATE ${s}.campaigns SET status = 'closed', closed_event_id = $2, closed_ledger_sequence = $3, closed_at = $4
            WHERE campaign_id = $1 AND status <> 'closed' RETURNING campaign_id)
         SELECT campaign_id FROM closed`,
        [data.campaignId, event.id, sequence, event.occurredAt],
      );
      if (updated.length === 0 || sequence === null) return;
      // Responses placed after the close but applied before it (another partition) were counted on time: move them.
      const lateOnes: StoredResponse[] = await manager.query(
        `WITH moved AS (
           UPDATE ${s}.scored_responses SET late = true
            WHERE campaign_id = $1 AND state = 'counted' AND NOT late AND ledger_sequence > $2
            RETURNING response_id, state, campaign_id, unit_id, to_char(service_day, 'YYYY-MM-DD') AS service_day, channel, procedure_id,
                      respondent_group, false AS late, ledger_sequence, answers, expectations)
         SELECT * FROM moved`,
        [data.campaignId, sequence],
      );
      const deltas = new CellDeltas();
      for (const row of lateOnes) {
        const response = { answers: row.answers ?? [], expectations: row.expectations ?? [] };
        deltas.add(cellOfRow(row), response, -1);
        deltas.add({ ...cellOfRow(row), late: true }, response, 1);
      }
      await deltas.flush(manager, schema);
      return;
    }
  }
}
