import { Level } from './levels';

export interface RatedResponse {
  readonly unitId: string;
  readonly answers: readonly { readonly itemId: string; readonly level: number | null }[];
}

export interface Tally {
  /** Responses per unit. */
  readonly responses: ReadonlyMap<string, number>;
  /** Valid answers per unit, item and level. */
  readonly answers: readonly { unitId: string; itemId: string; level: Level; count: number }[];
}

/** Counts a batch of responses; unanswered items leave the denominator. Order does not matter. */
export function tallyResponses(responses: readonly RatedResponse[]): Tally {
  const perUnit = new Map<string, number>();
  const cells = new Map<string, { unitId: string; itemId: string; level: Level; count: number }>();
  for (const { unitId, answers } of responses) {
    perUnit.set(unitId, (perUnit.get(unitId) ?? 0) + 1);
    for (const { itemId, level } of answers) {
      if (level === null) continue;
      const key = `${unitId}\u0000${itemId}\u0000${level}`;
      const cell = cells.get(key) ?? { unitId, itemId, level: level as Level, count: 0 };
      cell.count += 1;
      cells.set(key, cell);
    }
  }
  return { responses: perUnit, answers: [...cells.values()] };
}
