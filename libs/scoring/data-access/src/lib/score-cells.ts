import { CampaignDefinition, QuestionnaireContent } from '@hailong/contracts';
import { DirectoryEvent } from '@hailong/directory/history';
import { CountRow, countsFromRows, EMPTY_LEVEL_COUNTS, LevelCounts, pooledSatisfaction, ScoreCounts } from '@hailong/scoring/domain';
import { EntityManager } from 'typeorm';
import { Cell, CellDimensions } from './breakdown';
import { DirectorySnapshot } from './directory-snapshot';

/** Which responses a reading covers. */
export type Timeliness = 'on-time' | 'late' | 'all';

export interface CellFilter {
  readonly campaignId: string;
  readonly timeliness: Timeliness;
  /** Inclusive service-day bounds, YYYY-MM-DD. */
  readonly from?: string | null;
  readonly to?: string | null;
  readonly channel?: string | null;
  readonly procedureId?: string | null;
}

export interface CellCounts {
  readonly cell: Cell;
  readonly counts: ScoreCounts;
}

const COLUMNS: { readonly dim: keyof CellDimensions; readonly sql: string; readonly field: keyof Cell }[] = [
  { dim: 'unit', sql: 'unit_id::text', field: 'unitId' },
  { dim: 'day', sql: `to_char(service_day, 'YYYY-MM-DD')`, field: 'serviceDay' },
  { dim: 'channel', sql: 'channel', field: 'channel' },
  { dim: 'procedure', sql: 'procedure_id', field: 'procedureId' },
  { dim: 'respondentGroup', sql: 'respondent_group', field: 'respondentGroup' },
];

/**
 * Sums a campaign's counters over every dimension but the ones asked for — one `SUM … GROUP BY` — and
 * returns the counts of each remaining cell. The rows come back in the library's row form, so each
 * cell's sum is directly a ScoreCounts.
 */
export async function readCells(manager: EntityManager, schema: string, filter: CellFilter, dims: CellDimensions): Promise<CellCounts[]> {
  const wanted = COLUMNS.filter((c) => dims[c.dim]);
  const params: unknown[] = [filter.campaignId, filter.timeliness === 'all' ? [false, true] : [filter.timeliness === 'late']];
  const where = ['campaign_id = $1', 'late = ANY($2::boolean[])'];
  const bind = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.from) bind('service_day >= ?::date', filter.from);
  if (filter.to) bind('service_day <= ?::date', filter.to);
  if (filter.channel) bind('channel = ?', filter.channel);
  if (filter.procedureId !== undefined && filter.procedureId !== null) bind('procedure_id = ?', filter.procedureId);
  const select = wanted.map((c, i) => `${c.sql} AS d${i}`);
  const groupBy = [...wanted.map((c) => c.sql), 'kind', 'key', 'level'];
  const rows: Record<string, string | number>[] = await manager.query(
    `SELECT ${[...select, 'kind', 'key', 'level', 'SUM(count)::bigint AS count'].join(', ')}
       FROM "${schema}".score_cells WHERE ${where.join(' AND ')}
      GROUP BY ${groupBy.join(', ')} HAVING SUM(count) <> 0`,
    params,
  );
  const cells = new Map<string, { cell: Cell; rows: CountRow[] }>();
  for (const row of rows) {
    const id = wanted.map((_, i) => row[`d${i}`]).join('|');
    let entry = cells.get(id);
    if (!entry) {
      const cell: Record<string, string> = {};
      wanted.forEach((c, i) => (cell[c.field] = String(row[`d${i}`])));
      entry = { cell, rows: [] };
      cells.set(id, entry);
    }
    const level = Number(row['level']);
    entry.rows.push({
      kind: row['kind'],
      key: row['key'],
      level: row['kind'] === 'pattern' ? null : level,
      count: Number(row['count']),
    } as CountRow);
  }
  return [...cells.values()].map(({ cell, rows: r }) => ({ cell, counts: countsFromRows(r) }));
}

export interface CampaignInfo {
  readonly definition: CampaignDefinition;
  readonly status: 'draft' | 'open' | 'closed';
  readonly closedEventId: string | null;
  readonly closedLedgerSequence: number | null;
  readonly closedAt: string | null;
  /** The questionnaire version the campaign pins, once scoring has seen it. */
  readonly questionnaire: QuestionnaireContent | null;
}

export async function readCampaign(manager: EntityManager, schema: string, campaignId: string): Promise<CampaignInfo | null> {
  const [row]: {
    definition: CampaignDefinition;
    status: CampaignInfo['status'];
    closed_event_id: string | null;
    closed_ledger_sequence: string | null;
    closed_at: Date | null;
    content: QuestionnaireContent | null;
  }[] = await manager.query(
    `SELECT c.definition, c.status, c.closed_event_id, c.closed_ledger_sequence, c.closed_at, q.content
       FROM "${schema}".campaigns c
       LEFT JOIN "${schema}".questionnaires q
         ON q.questionnaire_id = c.definition->'questionnaire'->>'questionnaireId'
        AND q.version = (c.definition->'questionnaire'->>'version')::int
      WHERE c.campaign_id = $1`,
    [campaignId],
  );
  if (!row) return null;
  return {
    definition: row.definition,
    status: row.status,
    closedEventId: row.closed_event_id,
    closedLedgerSequence: row.closed_ledger_sequence === null ? null : Number(row.closed_ledger_sequence),
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    questionnaire: row.content,
  };
}

export interface CampaignSummary {
  readonly campaignId: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly status: CampaignInfo['status'];
  readonly published: boolean;
  readonly responses: { readonly onTime: number; readonly late: number };
}

export async function listCampaigns(manager: EntityManager, schema: string): Promise<CampaignSummary[]> {
  const rows: {
    campaign_id: string;
    definition: CampaignDefinition;
    status: CampaignInfo['status'];
    published: boolean;
    on_time: string;
    late: string;
  }[] = await manager.query(
    `SELECT c.campaign_id, c.definition, c.status, (p.status = 'published') IS TRUE AS published,
              COALESCE((SELECT SUM(count) FROM "${schema}".score_cells s WHERE s.campaign_id = c.campaign_id AND NOT s.late AND s.kind = 'pattern'), 0) AS on_time,
              COALESCE((SELECT SUM(count) FROM "${schema}".score_cells s WHERE s.campaign_id = c.campaign_id AND s.late AND s.kind = 'pattern'), 0) AS late
         FROM "${schema}".campaigns c LEFT JOIN "${schema}".publications p ON p.campaign_id = c.campaign_id
        ORDER BY c.definition->'period'->>'from', c.campaign_id`,
  );
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    nameVi: r.definition.nameVi,
    nameEn: r.definition.nameEn,
    period: r.definition.period,
    status: r.status,
    published: r.published,
    responses: { onTime: Number(r.on_time), late: Number(r.late) },
  }));
}

/** Responses counted on time and late (a figure's `responses` are the on-time ones). */
export async function countCampaignResponses(
  manager: EntityManager,
  schema: string,
  campaignId: string,
): Promise<{ onTime: number; late: number }> {
  const rows: { late: boolean; n: string }[] = await manager.query(
    `SELECT late, SUM(count) AS n FROM "${schema}".score_cells WHERE campaign_id = $1 AND kind = 'pattern' GROUP BY late`,
    [campaignId],
  );
  return { onTime: Number(rows.find((r) => !r.late)?.n ?? 0), late: Number(rows.find((r) => r.late)?.n ?? 0) };
}

const snapshots = new Map<string, { version: string; snapshot: DirectorySnapshot }>();

/**
 * The service's directory view as one in-memory snapshot, rebuilt only when the view has received new
 * events (its row count and highest ledger place changed). Reads the view's own table in this schema
 * (created by createDirectoryViewMigration), since DirectoryView answers one unit at a time.
 */
export async function loadDirectorySnapshot(manager: EntityManager, schema: string): Promise<DirectorySnapshot> {
  const [{ n, top }]: { n: string; top: string | null }[] = await manager.query(
    `SELECT count(*) AS n, max(ledger_sequence) AS top FROM "${schema}".directory_events`,
  );
  const version = `${n}/${top}`;
  const cached = snapshots.get(schema);
  if (cached && cached.version === version) return cached.snapshot;
  const rows: { event_type: DirectoryEvent['type']; data: DirectoryEvent['data'] }[] = await manager.query(
    `SELECT event_type, data FROM "${schema}".directory_events ORDER BY ledger_sequence`,
  );
  const snapshot = new DirectorySnapshot(rows.map((r) => ({ type: r.event_type, data: r.data }) as DirectoryEvent));
  snapshots.set(schema, { version, snapshot });
  return snapshot;
}

export interface UnitSatisfactionTotals {
  readonly unitId: string;
  /** Responses counted for the unit (every campaign, on time and late, voided ones taken out). */
  readonly sampleSize: number;
  readonly validAnswers: number;
  readonly satisfiedAnswers: number;
  /** Share of valid answers at level 4 or 5 (pooled over items), or null without answers. */
  readonly index: number | null;
  readonly interval: { lower: number; upper: number } | null;
  readonly meanScore: number | null;
  /** Valid answers at levels 1..5. */
  readonly distribution: LevelCounts;
}

/** A unit's pooled figure over everything counted for it, in the shape the foundation's endpoint had. */
export async function readUnitSatisfactionTotals(manager: EntityManager, schema: string, unitId: string): Promise<UnitSatisfactionTotals> {
  const rows: { kind: string; level: number; n: string }[] = await manager.query(
    `SELECT kind, level, SUM(count) AS n FROM "${schema}".score_cells WHERE unit_id = $1 AND kind IN ('item', 'pattern') GROUP BY kind, level`,
    [unitId],
  );
  const distribution = [...EMPTY_LEVEL_COUNTS] as [number, number, number, number, number];
  let responses = 0;
  for (const row of rows) {
    if (row.kind === 'pattern') responses += Number(row.n);
    else distribution[row.level - 1] += Number(row.n);
  }
  const pooled = pooledSatisfaction(distribution);
  return {
    unitId,
    sampleSize: responses,
    validAnswers: pooled.valid,
    satisfiedAnswers: pooled.satisfied,
    index: pooled.share,
    interval: pooled.interval,
    meanScore: pooled.meanScore,
    distribution,
  };
}
