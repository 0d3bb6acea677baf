import { EMPTY_LEVEL_COUNTS, LevelCounts, pooledSatisfaction, RatedResponse, tallyResponses } from '@hailong/scoring/domain';
import { EntityManager } from 'typeorm';

// The foundation's counters (responses and answers per unit). Frozen: committed migrations (scoring's
// 1764250000300, the audit's 1764250000400) create these tables through unitCountsTablesSql, so it must keep
// creating exactly them. Scoring itself has moved to scoring-tables.ts (campaign × unit × day × channel …
// cells, voids and corrections); the audit's replay still counts with these functions.

/** The counter tables of the foundation's read model, created in whichever schema holds one. */
export function unitCountsTablesSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}".unit_responses (
       unit_id uuid PRIMARY KEY,
       responses integer NOT NULL
     )`,
    `CREATE TABLE "${schema}".unit_item_levels (
       unit_id uuid NOT NULL,
       item_id text NOT NULL,
       level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
       answers integer NOT NULL,
       PRIMARY KEY (unit_id, item_id, level)
     )`,
  ];
}

/**
 * Adds a batch of responses to the counters with one statement per table. Scoring's live
 * projection and the audit's replay both call it, so the two can only differ in what they read.
 */
export async function addResponsesToCounts(manager: EntityManager, schema: string, responses: readonly RatedResponse[]): Promise<void> {
  const tally = tallyResponses(responses);
  if (tally.responses.size > 0) {
    await manager.query(
      `INSERT INTO "${schema}".unit_responses (unit_id, responses)
       SELECT * FROM unnest($1::uuid[], $2::int[])
       ON CONFLICT (unit_id) DO UPDATE SET responses = unit_responses.responses + EXCLUDED.responses`,
      [[...tally.responses.keys()], [...tally.responses.values()]],
    );
  }
  if (tally.answers.length > 0) {
    await manager.query(
      `INSERT INTO "${schema}".unit_item_levels (unit_id, item_id, level, answers)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::smallint[], $4::int[])
       ON CONFLICT (unit_id, item_id, level) DO UPDATE SET answers = unit_item_levels.answers + EXCLUDED.answers`,
      [
        tally.answers.map((a) => a.unitId),
        tally.answers.map((a) => a.itemId),
        tally.answers.map((a) => a.level),
        tally.answers.map((a) => a.count),
      ],
    );
  }
}

export interface UnitSatisfaction {
  readonly unitId: string;
  /** Responses counted for the unit. */
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

export async function readUnitSatisfaction(manager: EntityManager, schema: string, unitId: string): Promise<UnitSatisfaction> {
  const [responses]: { responses: number }[] = await manager.query(`SELECT responses FROM "${schema}".unit_responses WHERE unit_id = $1`, [
    unitId,
  ]);
  const levels: { level: number; answers: string }[] = await manager.query(
    `SELECT level, sum(answers) AS answers FROM "${schema}".unit_item_levels WHERE unit_id = $1 GROUP BY level`,
    [unitId],
  );
  const distribution = [...EMPTY_LEVEL_COUNTS] as [number, number, number, number, number];
  for (const row of levels) distribution[row.level - 1] = Number(row.answers);
  const pooled = pooledSatisfaction(distribution);
  return {
    unitId,
    sampleSize: responses?.responses ?? 0,
    validAnswers: pooled.valid,
    satisfiedAnswers: pooled.satisfied,
    index: pooled.share,
    interval: pooled.interval,
    meanScore: pooled.meanScore,
    distribution,
  };
}
