import { compareKeys } from './counts';
import { DEFAULT_MINIMUM_SAMPLE } from './scorecard';
import { Interval } from './wilson';

export interface RankCandidate {
  /** Unit id (or any unique name of what is ranked). */
  readonly id: string;
  readonly estimate: number | null;
  readonly interval: Interval | null;
  readonly sampleSize: number;
}

export interface RankGroup {
  /** 1 for the group at the top, then 2, 3 … */
  readonly group: number;
  /** Positions the group spans in the ranking: a group of three at the top spans 1–3. */
  readonly from: number;
  readonly to: number;
}

export interface RankedUnit extends RankCandidate {
  readonly rank: RankGroup | null;
  /** Why a unit is not ranked. */
  readonly unranked: 'below-minimum-sample' | 'no-estimate' | null;
}

/**
 * Rank groups: two units are linked when their 95% intervals overlap (closed intervals, so touching
 * counts), and a rank group is a connected component of that relation — its transitive closure. Overlap
 * itself is not transitive (A overlaps B, B overlaps C, A clear of C); putting A and C in one group is the
 * only rule that needs no arbitrary choice of where to cut the chain, so no difference inside the noise is
 * ever shown as a rank, and it depends only on the set of intervals, not on their order.
 *
 * Because a group's intervals cover one unbroken stretch of [0, 1] and groups do not overlap, groups are
 * ordered from the highest stretch down. Units below the minimum sample, or without an estimate, are
 * listed after the ranked ones with the reason and no rank. Within a group, and among unranked units,
 * the order is by estimate (highest first), then id — for display only; the group is the rank.
 */
export function rankUnits(candidates: readonly RankCandidate[], minimumSample = DEFAULT_MINIMUM_SAMPLE): RankedUnit[] {
  const ids = new Set<string>();
  for (const c of candidates) {
    if (ids.has(c.id)) throw new RangeError(`unit ${c.id} appears twice in one ranking`);
    ids.add(c.id);
    if (c.interval && !(c.interval.lower <= c.interval.upper)) throw new RangeError(`unit ${c.id}: interval lower bound above upper`);
  }
  const byEstimate = (a: RankCandidate, b: RankCandidate) =>
    (b.estimate ?? -Infinity) - (a.estimate ?? -Infinity) || compareKeys(a.id, b.id);
  const ranked = candidates.filter(
    (c): c is RankCandidate & { estimate: number; interval: Interval } =>
      c.estimate !== null && c.interval !== null && c.sampleSize >= minimumSample,
  );

  // Sweep down by upper bound: the next interval joins the current group iff it reaches the group's lowest point.
  const sorted = [...ranked].sort(
    (a, b) => b.interval.upper - a.interval.upper || b.interval.lower - a.interval.lower || compareKeys(a.id, b.id),
  );
  const groups: (typeof ranked)[] = [];
  let floor = Infinity;
  for (const unit of sorted) {
    const current = groups[groups.length - 1];
    if (current && unit.interval.upper >= floor) {
      current.push(unit);
      floor = Math.min(floor, unit.interval.lower);
    } else {
      groups.push([unit]);
      floor = unit.interval.lower;
    }
  }

  const result: RankedUnit[] = [];
  let position = 1;
  groups.forEach((members, g) => {
    const rank: RankGroup = { group: g + 1, from: position, to: position + members.length - 1 };
    position += members.length;
    for (const unit of [...members].sort(byEstimate)) result.push({ ...unit, rank, unranked: null });
  });
  const rankedIds = new Set(ranked.map((c) => c.id));
  for (const unit of candidates.filter((c) => !rankedIds.has(c.id)).sort(byEstimate)) {
    result.push({
      ...unit,
      rank: null,
      unranked: unit.estimate === null || unit.interval === null ? 'no-estimate' : 'below-minimum-sample',
    });
  }
  return result;
}
