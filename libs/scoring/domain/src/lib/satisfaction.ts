import { LevelCounts } from './levels';
import { proportionOf } from './scorecard';
import { Interval } from './wilson';

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

/**
 * The pooled ratio of one level distribution: all satisfied ratings ÷ all ratings, with its Wilson 95%
 * interval. `scoreCounts` gives the same figure (as `pooled`) together with the others.
 */
export function pooledSatisfaction(counts: LevelCounts): PooledSatisfaction {
  return proportionOf(counts);
}
