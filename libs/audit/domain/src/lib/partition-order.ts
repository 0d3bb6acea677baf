/**
 * Indices of one longest strictly increasing subsequence (O(n log n), patience sorting): the events of
 * a partition that are in ledger order with each other. What is left out was moved.
 */
export function longestIncreasingIndices(values: readonly number[]): Set<number> {
  const tails: number[] = []; // tails[k]: index of the smallest tail of an increasing run of length k + 1
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1];
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) kept.add(i);
  return kept;
}

export interface Misplaced {
  /** Index of the moved element. */
  readonly index: number;
  /** Index of the element standing where the moved one belongs (or the one it is out of order with). */
  readonly relatedIndex: number | null;
}

/**
 * Which elements of a sequence are out of order, and with whom. A swap of two elements names both
 * (each as the other's related element, or one with the other as related when they are adjacent);
 * an element moved far names the element standing in its rightful place.
 */
export function misplacedElements(values: readonly number[]): Misplaced[] {
  const kept = longestIncreasingIndices(values);
  if (kept.size === values.length) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const misplaced: Misplaced[] = [];
  values.forEach((value, index) => {
    if (kept.has(index)) return;
    const rightful = sorted.indexOf(value);
    if (rightful !== index) {
      misplaced.push({ index, relatedIndex: rightful });
      return;
    }
    // In its sorted slot but still out of order: name the nearest kept element it contradicts.
    let relatedIndex: number | null = null;
    for (let d = 1; d < values.length && relatedIndex === null; d += 1) {
      const before = index - d;
      const after = index + d;
      if (before >= 0 && kept.has(before) && values[before] > value) relatedIndex = before;
      else if (after < values.length && kept.has(after) && values[after] < value) relatedIndex = after;
    }
    misplaced.push({ index, relatedIndex });
  });
  return misplaced;
}
