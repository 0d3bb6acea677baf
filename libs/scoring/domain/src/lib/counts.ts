import {
  EMPTY_EXPECTATION_COUNTS,
  EMPTY_LEVEL_COUNTS,
  ExpectationCounts,
  ExpectationLevel,
  isExpectationLevel,
  isLevel,
  Level,
  LevelCounts,
  MAX_EXPECTATION_LEVELS,
} from './levels';
import { ITEM_ID_PATTERN } from './questionnaire';

/** What scoring needs of a response: its ratings and, optionally, its expectation answers. */
export interface ScorableResponse {
  readonly answers: readonly ScorableAnswer[];
  readonly expectations?: readonly ScorableAnswer[];
}

export interface ScorableAnswer {
  readonly itemId: string;
  /** 1–5 for a rating, 1–9 for an expectation (4 on DESIGN's scale), null when left unanswered. */
  readonly level: number | null;
}

/**
 * Pre-aggregated counts of any set of responses — one unit on one day through one channel, or a whole
 * campaign. Every figure of the library is computed from counts alone, and counts form an abelian group
 * under `combine` (associative, commutative, `EMPTY_COUNTS` as identity, `negate` as inverse), so a
 * projection can store them per cell (campaign × unit × channel × procedure × day …), add batches as they
 * come, subtract a voided response, and answer any breakdown by adding the cells it covers.
 *
 * Maps are canonical: keys in code-unit order, no zero entries, so equal counts compare equal however
 * they were built.
 */
export interface ScoreCounts {
  /** Valid answers per item and level (index 0 is level 1). */
  readonly items: ReadonlyMap<string, LevelCounts>;
  /**
   * Respondents per satisfaction pattern: which items a respondent answered and whether each answer was
   * satisfied (see `satisfactionPattern`). The respondent bootstrap of factor and overall indices resamples
   * these, since an index over correlated items needs whole respondents, not loose answers. A respondent
   * with no valid answer has the empty pattern "", so the sum of all patterns is the number of responses.
   */
  readonly patterns: ReadonlyMap<string, number>;
  /** Expectation answers per expectation item and level (MAX_EXPECTATION_LEVELS wide). Outside every index. */
  readonly expectations: ReadonlyMap<string, ExpectationCounts>;
}

export const EMPTY_COUNTS: ScoreCounts = Object.freeze({
  items: new Map<string, LevelCounts>(),
  patterns: new Map<string, number>(),
  expectations: new Map<string, ExpectationCounts>(),
});

/** Code-unit order: the same everywhere, unlike localeCompare, which depends on the runtime's ICU data. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A respondent's satisfaction pattern: the answered items in code-unit order, each marked `s` (level 4–5)
 * or `n` (level 1–3), e.g. "A1:s,A2:n,B1:s". Unanswered items are left out. Item ids cannot hold ',' or ':'.
 */
export function satisfactionPattern(answers: readonly { readonly itemId: string; readonly level: Level }[]): string {
  return [...answers]
    .sort((a, b) => compareKeys(a.itemId, b.itemId))
    .map((a) => `${a.itemId}:${a.level >= 4 ? 's' : 'n'}`)
    .join(',');
}

/** Reads a pattern back: item id → satisfied. */
export function parseSatisfactionPattern(pattern: string): Map<string, boolean> {
  const result = new Map<string, boolean>();
  if (pattern === '') return result;
  for (const part of pattern.split(',')) {
    const [itemId, mark, extra] = part.split(':');
    if (extra !== undefined || !ITEM_ID_PATTERN.test(itemId ?? '') || (mark !== 's' && mark !== 'n') || result.has(itemId)) {
      throw new RangeError(`not a satisfaction pattern: ${JSON.stringify(pattern)}`);
    }
    result.set(itemId, mark === 's');
  }
  return result;
}

/** Number of responses counted (with or without a valid answer). */
export function respondentsOf(counts: ScoreCounts): number {
  let total = 0;
  for (const n of counts.patterns.values()) total += n;
  return total;
}

export function countResponse(response: ScorableResponse): ScoreCounts {
  return countResponses([response]);
}

/** Counts responses. Throws a RangeError on a level off the scale, a malformed item id or an item answered twice. */
export function countResponses(responses: Iterable<ScorableResponse>): ScoreCounts {
  const acc = new CountsAccumulator();
  for (const response of responses) acc.addResponse(response, 1);
  return acc.toCounts();
}

/** The group operation: a + b. Associative and commutative; the result is canonical. */
export function combine(a: ScoreCounts, b: ScoreCounts): ScoreCounts {
  return combineAll([a, b]);
}

export function combineAll(all: Iterable<ScoreCounts>): ScoreCounts {
  const acc = new CountsAccumulator();
  for (const counts of all) acc.addCounts(counts, 1);
  return acc.toCounts();
}

/** −a: combining a response's counts with their negation removes it (a void, the old side of a correction). */
export function negate(a: ScoreCounts): ScoreCounts {
  const acc = new CountsAccumulator();
  acc.addCounts(a, -1);
  return acc.toCounts();
}

export function subtract(a: ScoreCounts, b: ScoreCounts): ScoreCounts {
  const acc = new CountsAccumulator();
  acc.addCounts(a, 1);
  acc.addCounts(b, -1);
  return acc.toCounts();
}

export function isEmptyCounts(counts: ScoreCounts): boolean {
  return counts.items.size === 0 && counts.patterns.size === 0 && counts.expectations.size === 0;
}

/**
 * Counts can go negative in between (a void applied before its response on another partition), but no
 * figure can be computed from them: scoring functions call this first.
 */
export function assertScorable(counts: ScoreCounts): void {
  for (const [itemId, levels] of counts.items) {
    if (levels.some((c) => c < 0)) throw new RangeError(`negative answer count for item ${itemId}`);
  }
  for (const [pattern, n] of counts.patterns) {
    if (n < 0) throw new RangeError(`negative respondent count for pattern ${JSON.stringify(pattern)}`);
  }
  for (const [itemId, levels] of counts.expectations) {
    if (levels.some((c) => c < 0)) throw new RangeError(`negative answer count for expectation ${itemId}`);
  }
}

/**
 * Item counts and satisfaction patterns are two views of the same answers: for every item, the patterns
 * must hold as many valid and as many satisfied answers as the item's level counts. A projection that
 * stored one and not the other would give point estimates and intervals from different data, so scoring
 * refuses such counts rather than publish them.
 */
export function assertConsistent(counts: ScoreCounts): void {
  const implied = new Map<string, { valid: number; satisfied: number }>();
  for (const [pattern, n] of counts.patterns) {
    for (const [itemId, satisfied] of parseSatisfactionPattern(pattern)) {
      const sums = implied.get(itemId) ?? { valid: 0, satisfied: 0 };
      sums.valid += n;
      if (satisfied) sums.satisfied += n;
      implied.set(itemId, sums);
    }
  }
  for (const itemId of new Set([...counts.items.keys(), ...implied.keys()])) {
    const levels = counts.items.get(itemId) ?? EMPTY_LEVEL_COUNTS;
    const valid = levels.reduce((sum, c) => sum + c, 0);
    const satisfied = levels[3] + levels[4];
    const fromPatterns = implied.get(itemId) ?? { valid: 0, satisfied: 0 };
    if (valid !== fromPatterns.valid || satisfied !== fromPatterns.satisfied) {
      throw new RangeError(
        `item ${itemId}: ${satisfied}/${valid} satisfied by level counts but ${fromPatterns.satisfied}/${fromPatterns.valid} by respondent patterns`,
      );
    }
  }
}

/** One stored counter: what a projection writes per cell, next to its own dimension columns. */
export type CountRow =
  | { readonly kind: 'item'; readonly key: string; readonly level: Level; readonly count: number }
  | { readonly kind: 'pattern'; readonly key: string; readonly level: null; readonly count: number }
  | { readonly kind: 'expectation'; readonly key: string; readonly level: ExpectationLevel; readonly count: number };

/** Flattens counts into rows (non-zero only, in a fixed order) for a table keyed by (dimensions…, kind, key, level). */
export function countsToRows(counts: ScoreCounts): CountRow[] {
  const rows: CountRow[] = [];
  for (const [key, levels] of counts.items) {
    levels.forEach((count, i) => {
      if (count !== 0) rows.push({ kind: 'item', key, level: (i + 1) as Level, count });
    });
  }
  for (const [key, count] of counts.patterns) rows.push({ kind: 'pattern', key, level: null, count });
  for (const [key, levels] of counts.expectations) {
    levels.forEach((count, i) => {
      if (count !== 0) rows.push({ kind: 'expectation', key, level: (i + 1) as ExpectationLevel, count });
    });
  }
  return rows;
}

/** Adds rows back into counts; rows of the same (kind, key, level) add up, so summed-up query results work as they are. */
export function countsFromRows(rows: Iterable<CountRow>): ScoreCounts {
  const acc = new CountsAccumulator();
  for (const row of rows) acc.addRow(row);
  return acc.toCounts();
}

/** Counts per cell key, e.g. `${unitId}|${channel}|${day}`; the key is the caller's. */
export type KeyedCounts = ReadonlyMap<string, ScoreCounts>;

export function countResponsesBy<R extends ScorableResponse>(responses: Iterable<R>, keyOf: (response: R) => string): KeyedCounts {
  const groups = new Map<string, CountsAccumulator>();
  for (const response of responses) {
    const key = keyOf(response);
    const acc = groups.get(key) ?? new CountsAccumulator();
    acc.addResponse(response, 1);
    groups.set(key, acc);
  }
  return finishKeyed(groups);
}

/** Cell-wise a + b; associative and commutative like `combine`. */
export function combineKeyed(a: KeyedCounts, b: KeyedCounts): KeyedCounts {
  return rollUp(new Map([...prefixed(a, 'a'), ...prefixed(b, 'b')]), (key) => key.slice(1));
}

/**
 * Re-groups cells: every cell's counts go to the group `groupOf(key)` names, or nowhere when it gives null.
 * This is how a breakdown is computed from the cells (by channel, by unit rolled up into today's structure …).
 */
export function rollUp(cells: KeyedCounts, groupOf: (key: string) => string | null): KeyedCounts {
  const groups = new Map<string, CountsAccumulator>();
  for (const [key, counts] of cells) {
    const group = groupOf(key);
    if (group === null) continue;
    const acc = groups.get(group) ?? new CountsAccumulator();
    acc.addCounts(counts, 1);
    groups.set(group, acc);
  }
  return finishKeyed(groups);
}

function* prefixed(cells: KeyedCounts, prefix: string): Iterable<[string, ScoreCounts]> {
  for (const [key, counts] of cells) yield [prefix + key, counts];
}

function finishKeyed(groups: Map<string, CountsAccumulator>): KeyedCounts {
  const result = new Map<string, ScoreCounts>();
  for (const key of [...groups.keys()].sort(compareKeys)) {
    const counts = groups.get(key)?.toCounts() ?? EMPTY_COUNTS;
    if (!isEmptyCounts(counts)) result.set(key, counts);
  }
  return result;
}

/**
 * Mutable sums used while counting; every other function returns its frozen, canonical result. Exported
 * for a caller that keeps adding responses to many cells (the audit's replay counts a million responses
 * into a few thousand cells) and reads each once, at the end, with `toCounts`.
 */
export class CountsAccumulator {
  private readonly items = new Map<string, number[]>();
  private readonly patterns = new Map<string, number>();
  private readonly expectations = new Map<string, number[]>();

  addResponse(response: ScorableResponse, sign: 1 | -1): void {
    const valid: { itemId: string; level: Level }[] = [];
    const seen = new Set<string>();
    for (const { itemId, level } of response.answers) {
      checkItemId(itemId, seen, 'item');
      if (level === null) continue;
      if (!isLevel(level)) throw new RangeError(`item ${itemId}: level ${level} is not on the 1–5 scale`);
      valid.push({ itemId, level });
      addAt(this.items, itemId, level - 1, sign, 5);
    }
    const pattern = satisfactionPattern(valid);
    this.patterns.set(pattern, (this.patterns.get(pattern) ?? 0) + sign);
    const seenExpectations = new Set<string>();
    for (const { itemId, level } of response.expectations ?? []) {
      checkItemId(itemId, seenExpectations, 'expectation');
      if (level === null) continue;
      if (!isExpectationLevel(level))
        throw new RangeError(`expectation ${itemId}: level ${level} is not a level 1–${MAX_EXPECTATION_LEVELS}`);
      addAt(this.expectations, itemId, level - 1, sign, MAX_EXPECTATION_LEVELS);
    }
  }

  addCounts(counts: ScoreCounts, sign: 1 | -1): void {
    for (const [itemId, levels] of counts.items) levels.forEach((c, i) => addAt(this.items, itemId, i, sign * c, 5));
    for (const [pattern, n] of counts.patterns) this.patterns.set(pattern, (this.patterns.get(pattern) ?? 0) + sign * n);
    for (const [itemId, levels] of counts.expectations)
      levels.forEach((c, i) => addAt(this.expectations, itemId, i, sign * c, MAX_EXPECTATION_LEVELS));
  }

  addRow(row: CountRow): void {
    if (!Number.isSafeInteger(row.count)) throw new RangeError(`count ${row.count} is not an integer`);
    if (row.kind === 'item') {
      if (!isLevel(row.level) || !ITEM_ID_PATTERN.test(row.key)) throw new RangeError(`bad item row ${JSON.stringify(row)}`);
      addAt(this.items, row.key, row.level - 1, row.count, 5);
    } else if (row.kind === 'pattern') {
      parseSatisfactionPattern(row.key);
      this.patterns.set(row.key, (this.patterns.get(row.key) ?? 0) + row.count);
    } else if (row.kind === 'expectation') {
      if (!isExpectationLevel(row.level) || !ITEM_ID_PATTERN.test(row.key))
        throw new RangeError(`bad expectation row ${JSON.stringify(row)}`);
      addAt(this.expectations, row.key, row.level - 1, row.count, MAX_EXPECTATION_LEVELS);
    } else {
      throw new RangeError(`unknown row kind in ${JSON.stringify(row)}`);
    }
  }

  toCounts(): ScoreCounts {
    return Object.freeze({
      items: canonical(this.items, (v) => Object.freeze([...v]) as unknown as LevelCounts, EMPTY_LEVEL_COUNTS.length),
      patterns: canonicalScalars(this.patterns),
      expectations: canonical(
        this.expectations,
        (v) => Object.freeze([...v]) as unknown as ExpectationCounts,
        EMPTY_EXPECTATION_COUNTS.length,
      ),
    });
  }
}

function checkItemId(itemId: string, seen: Set<string>, what: string): void {
  if (typeof itemId !== 'string' || !ITEM_ID_PATTERN.test(itemId))
    throw new RangeError(`${what} id ${JSON.stringify(itemId)} is not valid`);
  if (seen.has(itemId)) throw new RangeError(`${what} ${itemId} is answered twice in one response`);
  seen.add(itemId);
}

function addAt(map: Map<string, number[]>, key: string, index: number, amount: number, width: number): void {
  let levels = map.get(key);
  if (!levels) {
    levels = new Array<number>(width).fill(0);
    map.set(key, levels);
  }
  levels[index] += amount;
}

function canonical<T>(map: Map<string, number[]>, freeze: (v: number[]) => T, width: number): ReadonlyMap<string, T> {
  const result = new Map<string, T>();
  for (const key of [...map.keys()].sort(compareKeys)) {
    const levels = map.get(key) ?? new Array<number>(width).fill(0);
    if (levels.some((c) => c !== 0)) result.set(key, freeze(levels.map((c) => c + 0)));
  }
  return result;
}

function canonicalScalars(map: Map<string, number>): ReadonlyMap<string, number> {
  const result = new Map<string, number>();
  for (const key of [...map.keys()].sort(compareKeys)) {
    const n = map.get(key) ?? 0;
    if (n !== 0) result.set(key, n);
  }
  return result;
}
