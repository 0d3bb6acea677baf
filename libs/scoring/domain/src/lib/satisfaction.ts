import { LevelCounts } from './levels';
import { Interval, wilsonInterval } from './wilson';

export interface PooledSatisfaction {
  /** Answers at level 4 or 5. */
  readonly satisfied: number;
  /** Answers with a level (an unanswered item leaves the denominator). */
  readonly valid: number;
  /** satisfied ÷ valid, or null when nothing was answered. */
  readonly share: number | null;
  readonly interval: Interval | null;
  /** Mean level on the 1–5 scale. */
  readonly meanScore: number | null;
}

/** The pooled ratio: all satisfied ratings ÷ all ratings, with its Wilson 95% interval. */
export function pooledSatisfaction(counts: LevelCounts): PooledSatisfaction {
  const valid = counts.reduce((sum, c) => sum + c, 0);
  const satisfied = counts[3] + counts[4];
  const weighted = counts.reduce((sum, c, i) => sum + c * (i + 1), 0);
  return {
    satisfied,
    valid,
    share: valid === 0 ? null : satisfied / valid,
    interval: wilsonInterval(satisfied, valid),
    meanScore: valid === 0 ? null : weighted / valid,
  };
}
