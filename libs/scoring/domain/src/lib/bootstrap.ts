import { compareKeys, parseSatisfactionPattern, ScoreCounts } from './counts';
import { Questionnaire } from './questionnaire';
import { Interval } from './wilson';

/** Settings of the respondent bootstrap; recorded next to every published figure so it can be recomputed. */
export interface BootstrapSettings {
  /** Unsigned 32-bit seed. Same counts + same seed + same replicates → the same interval, on any machine. */
  readonly seed: number;
  /** Resamples drawn; 2,000 by default (Monte Carlo error of a 2.5% percentile well under a point). */
  readonly replicates?: number;
}

export const DEFAULT_BOOTSTRAP_REPLICATES = 2000;

/** Point estimates and replicate distributions of every factor index and of the overall index. */
export interface BootstrapResult {
  /** Factor id → index of the observed sample (null when nobody answered the factor). */
  readonly factorIndex: ReadonlyMap<string, number | null>;
  readonly overallIndex: number | null;
  /** Factor id → 95% percentile interval (null when nobody answered the factor). */
  readonly factorInterval: ReadonlyMap<string, Interval | null>;
  readonly overallInterval: Interval | null;
  /** Respondents resampled: those with at least one valid answer on the questionnaire's items. */
  readonly respondents: number;
  /** Factor id → respondents with at least one valid answer on that factor's items. */
  readonly factorRespondents: ReadonlyMap<string, number>;
  readonly replicates: number;
  readonly seed: number;
}

/**
 * Item index = satisfied ÷ valid answers of the item; factor index = mean of the indices of its items
 * that have a valid answer; overall index = mean of the factors that have an index. Items or factors
 * nobody answered are left out of the mean rather than counted as 0 or 1 (a citizen who never filed a
 * complaint leaves factor E blank).
 *
 * The interval is a percentile bootstrap over respondents: each replicate draws as many respondents as
 * were observed, with replacement, from the observed satisfaction patterns (so the correlation between
 * one person's answers is kept), and recomputes the indices by the rule above. A replicate in which no
 * drawn respondent answered a factor gives no value for that factor and is skipped for it. The 2.5% and
 * 97.5% points are read with linear interpolation between order statistics (Hyndman–Fan type 7). If,
 * in a tiny or lopsided sample, that interval missed the point estimate, it is widened to include it:
 * never narrower, so never over-confident.
 *
 * The generator is the Mersenne Twister (MT19937, seeded as in the reference implementation, so nearby
 * seeds give unrelated streams) with unbiased integer draws: the stream of pure-rand's `mersenne` and
 * `uniformInt`, draw for draw (see MersenneDraws), which the published figures were first computed with. Patterns are visited in code-unit
 * order, so the result depends on the counts, the seed and the number of replicates only — not on the
 * order responses arrived in or how they were batched.
 */
export function bootstrapIndices(counts: ScoreCounts, questionnaire: Questionnaire, settings: BootstrapSettings): BootstrapResult {
  const seed = settings.seed;
  const replicates = settings.replicates ?? DEFAULT_BOOTSTRAP_REPLICATES;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`bootstrap seed must be an unsigned 32-bit integer, got ${seed}`);
  if (!Number.isInteger(replicates) || replicates < 1 || replicates > 100000) {
    throw new RangeError(`bootstrap replicates must be an integer in 1..100000, got ${replicates}`);
  }

  const itemIndex = new Map<string, number>();
  const factorOfItem: number[] = [];
  questionnaire.factors.forEach((factor, f) =>
    factor.itemIds.forEach((itemId) => {
      itemIndex.set(itemId, factorOfItem.length);
      factorOfItem.push(f);
    }),
  );
  const itemCount = factorOfItem.length;
  const factorCount = questionnaire.factors.length;

  // Distinct patterns that touch the questionnaire, as (item, satisfied) lists, in code-unit order.
  const patternItems: Int32Array[] = [];
  const patternSatisfied: Uint8Array[] = [];
  const weights: number[] = [];
  const factorRespondents = new Array<number>(factorCount).fill(0);
  for (const pattern of [...counts.patterns.keys()].sort(compareKeys)) {
    const n = counts.patterns.get(pattern) ?? 0;
    if (n < 0) throw new RangeError(`negative respondent count for pattern ${JSON.stringify(pattern)}`);
    const items: number[] = [];
    const satisfied: number[] = [];
    for (const [itemId, isSatisfied] of parseSatisfactionPattern(pattern)) {
      const i = itemIndex.get(itemId);
      if (i === undefined) continue;
      items.push(i);
      satisfied.push(isSatisfied ? 1 : 0);
    }
    if (items.length === 0 || n === 0) continue;
    new Set(items.map((i) => factorOfItem[i])).forEach((f) => (factorRespondents[f] += n));
    patternItems.push(Int32Array.from(items));
    patternSatisfied.push(Uint8Array.from(satisfied));
    weights.push(n);
  }
  const respondents = weights.reduce((sum, w) => sum + w, 0);

  const sat = new Float64Array(itemCount);
  const valid = new Float64Array(itemCount);
  const factorValues = new Float64Array(factorCount);
  const indicesFrom = (multiplicity: ArrayLike<number>): number | null => {
    sat.fill(0);
    valid.fill(0);
    for (let k = 0; k < patternItems.length; k++) {
      const m = multiplicity[k];
      if (m === 0) continue;
      const items = patternItems[k];
      const s = patternSatisfied[k];
      for (let j = 0; j < items.length; j++) {
        valid[items[j]] += m;
        sat[items[j]] += m * s[j];
      }
    }
    const factorSum = new Float64Array(factorCount);
    const factorItems = new Float64Array(factorCount);
    for (let i = 0; i < itemCount; i++) {
      if (valid[i] === 0) continue;
      factorSum[factorOfItem[i]] += sat[i] / valid[i];
      factorItems[factorOfItem[i]] += 1;
    }
    let overallSum = 0;
    let overallFactors = 0;
    for (let f = 0; f < factorCount; f++) {
      factorValues[f] = factorItems[f] === 0 ? NaN : factorSum[f] / factorItems[f];
      if (factorItems[f] > 0) {
        overallSum += factorValues[f];
        overallFactors += 1;
      }
    }
    return overallFactors === 0 ? null : overallSum / overallFactors;
  };

  const observedOverall = indicesFrom(weights);
  const observedFactors = Array.from(factorValues, (v) => (Number.isNaN(v) ? null : v));

  const factorDraws = questionnaire.factors.map(() => new Float64Array(replicates));
  const overallDraws = new Float64Array(replicates);
  if (respondents > 0) {
    const rng = new MersenneDraws(seed);
    const patternOf = respondentPatterns(weights, respondents);
    const multiplicity = new Int32Array(weights.length);
    for (let b = 0; b < replicates; b++) {
      rng.resample(patternOf, respondents, multiplicity);
      overallDraws[b] = indicesFrom(multiplicity) ?? NaN;
      for (let f = 0; f < factorCount; f++) factorDraws[f][b] = factorValues[f];
    }
  }

  const factorIndex = new Map<string, number | null>();
  const factorInterval = new Map<string, Interval | null>();
  questionnaire.factors.forEach((factor, f) => {
    factorIndex.set(factor.id, observedFactors[f]);
    factorInterval.set(factor.id, percentileInterval(factorDraws[f], observedFactors[f]));
  });
  return {
    factorIndex,
    overallIndex: observedOverall,
    factorInterval,
    overallInterval: percentileInterval(overallDraws, observedOverall),
    respondents,
    factorRespondents: new Map(questionnaire.factors.map((factor, f) => [factor.id, factorRespondents[f]])),
    replicates,
    seed,
  };
}

/** Respondent (0-based, in pattern order) → the index of its pattern. */
type RespondentPatterns = Uint8Array | Uint16Array | Int32Array;

function respondentPatterns(weights: readonly number[], respondents: number): RespondentPatterns {
  const table =
    weights.length <= 0x100 ? new Uint8Array(respondents) : weights.length <= 0x10000 ? new Uint16Array(respondents) : new Int32Array(respondents);
  let at = 0;
  weights.forEach((w, k) => {
    table.fill(k, at, at + w);
    at += w;
  });
  return table;
}

const MT_N = 624;
const MT_M = 397;

/**
 * MT19937 seeded and stepped as pure-rand's `mersenne` (v8) does, drawing integers as its `uniformInt`
 * does (offset the signed output by 2^31, reject above the largest multiple of the range, take the
 * remainder): the very same draws, so the same seed still gives the same intervals, without an object,
 * a call and a floating-point remainder per draw. A bootstrap of 2,000 replicates over a million
 * respondents makes two billion draws, so this loop is most of what a large figure costs.
 */
export class MersenneDraws {
  private readonly state = new Int32Array(MT_N);
  private index: number;

  constructor(seed: number) {
    const mt = this.state;
    mt[0] = seed | 0;
    for (let i = 1; i < MT_N; i++) {
      const previous = mt[i - 1];
      mt[i] = (Math.imul(1812433253, previous ^ (previous >>> 30)) + i) | 0;
    }
    this.twist(); // pure-rand twists the seeded state once before its first output
    this.index = 0;
  }

  /** The next tempered 32-bit output, signed (as pure-rand's `next()`). */
  next(): number {
    if (this.index === MT_N) {
      this.twist();
      this.index = 0;
    }
    let y = this.state[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    return y ^ (y >>> 18);
  }

  /** uniformInt(rng, 0, rangeSize − 1) for 1 ≤ rangeSize ≤ 2^32. */
  nextBelow(rangeSize: number): number {
    const maxAllowed = rangeSize > 2 ? Math.floor(4294967296 / rangeSize) * rangeSize : 4294967296;
    let deltaV = this.next() + 2147483648;
    while (deltaV >= maxAllowed) deltaV = this.next() + 2147483648;
    return deltaV - Math.floor(deltaV / rangeSize) * rangeSize;
  }

  /**
   * One replicate: `respondents` draws in 0..respondents − 1, each counted in the pattern it falls in
   * (`patternOf[u]`). The generator's steps are inlined: this is the hot loop.
   */
  resample(patternOf: RespondentPatterns, respondents: number, multiplicity: Int32Array): void {
    multiplicity.fill(0);
    const mt = this.state;
    const maxAllowed = respondents > 2 ? Math.floor(4294967296 / respondents) * respondents : 4294967296;
    let index = this.index;
    for (let r = 0; r < respondents; r++) {
      let deltaV: number;
      do {
        if (index === MT_N) {
          this.twist();
          index = 0;
        }
        let y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        deltaV = (y ^ (y >>> 18)) + 2147483648;
      } while (deltaV >= maxAllowed);
      // The remainder of integers below 2^32 by division: exact (the quotient cannot round up to the next integer).
      multiplicity[patternOf[deltaV - Math.floor(deltaV / respondents) * respondents]] += 1;
    }
    this.index = index;
  }

  /** The whole state at once, in place: the same values pure-rand's slot-by-slot twist gives. */
  private twist(): void {
    const mt = this.state;
    for (let i = 0; i < MT_N; i++) {
      const y = (mt[i] & 0x80000000) | (mt[i + 1 === MT_N ? 0 : i + 1] & 0x7fffffff);
      mt[i] = mt[i + MT_M < MT_N ? i + MT_M : i + MT_M - MT_N] ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
    }
  }
}

function percentileInterval(draws: Float64Array, estimate: number | null): Interval | null {
  if (estimate === null) return null;
  const values = Array.from(draws).filter((v) => !Number.isNaN(v));
  // Only possible with very few replicates: no replicate said anything, so claim nothing.
  if (values.length === 0) return { lower: 0, upper: 1 };
  values.sort((a, b) => a - b);
  return { lower: Math.min(estimate, quantile(values, 0.025)), upper: Math.max(estimate, quantile(values, 0.975)) };
}

/** Hyndman–Fan type 7 (R's default): linear interpolation between the order statistics around (n − 1)·p. */
export function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
}

/**
 * A seed from text (FNV-1a, 32 bits, over UTF-8), so each campaign and unit gets its own reproducible
 * stream from names that are already in the log, e.g. seedFromText(`${campaignId}/${unitId}`).
 */
export function seedFromText(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
