import { createHash } from 'node:crypto';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { mersenne } from 'pure-rand/generator/mersenne';

/** How responses are grouped before drawing: per unit, or per unit and who collected them, or per unit and channel. */
export const STRATIFICATIONS = ['unit', 'unit-collector', 'unit-channel'] as const;
export type Stratification = (typeof STRATIFICATIONS)[number];

/** How many of each stratum to draw: a share of it, or a fixed number. */
export type SampleSize = { readonly kind: 'share'; readonly share: number } | { readonly kind: 'count'; readonly count: number };

export interface SampleRule {
  readonly strata: Stratification;
  readonly size: SampleSize;
}

/** The rounding rule, recorded with every draw so anyone can redo it. */
export const SAMPLE_SIZE_RULE =
  'share: ceil(share × N) responses of a stratum of N (so every non-empty stratum is checked at least once), at most N; count: min(count, N)';

export const SAMPLING_ALGORITHM =
  'strata in code-unit order of their keys, responses of a stratum in code-unit order of their ids; one MT19937 generator (pure-rand mersenne, seeded with the unsigned 32-bit seed) ' +
  'for the whole draw; per stratum a partial Fisher–Yates shuffle taking n responses (unbiased uniformInt), drawn ids listed in code-unit order';

/** What the draw needs of a response: nothing that could identify the respondent. */
export interface SampleCandidate {
  readonly responseId: string;
  readonly unitId: string;
  /** `surveyor:<id>` or `device:<id>`; null when nobody is named (portal ratings). */
  readonly collector: string | null;
  readonly channel: string;
}

export interface DrawnStratum {
  /** `unit:<id>`, then `|collector:<who>` or `|channel:<channel>` by the stratification. */
  readonly key: string;
  readonly unitId: string;
  readonly collector: string | null;
  readonly channel: string | null;
  /** Responses in the stratum. */
  readonly population: number;
  /** SHA-256 of the stratum's response ids in code-unit order, joined by newlines. */
  readonly populationDigest: string;
  readonly drawn: readonly string[];
}

export interface DrawnSample {
  readonly seed: number;
  readonly rule: SampleRule;
  readonly population: number;
  /** SHA-256 over every response id drawn from, in code-unit order: the same digest means the same population. */
  readonly populationDigest: string;
  readonly strata: readonly DrawnStratum[];
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const digestOf = (ids: readonly string[]) => createHash('sha256').update(ids.join('\n')).digest('hex');

/** Throws a RangeError naming the field when a rule or seed cannot be drawn with. */
export function assertDrawable(rule: SampleRule, seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`seed must be an unsigned 32-bit integer, got ${seed}`);
  if (!STRATIFICATIONS.includes(rule.strata)) throw new RangeError(`strata must be one of ${STRATIFICATIONS.join(', ')}`);
  if (rule.size.kind === 'share' && !(rule.size.share > 0 && rule.size.share <= 1)) {
    throw new RangeError(`share must lie in (0, 1], got ${rule.size.share}`);
  }
  if (rule.size.kind === 'count' && !(Number.isInteger(rule.size.count) && rule.size.count >= 1)) {
    throw new RangeError(`count must be a positive integer, got ${rule.size.count}`);
  }
}

/** How many responses a stratum of `population` gets under the rule (see SAMPLE_SIZE_RULE). */
export function stratumSampleSize(population: number, size: SampleSize): number {
  if (population <= 0) return 0;
  // The tiny epsilon keeps 0.1 × 30 (= 3.0000000000000004 in binary floating point) at 3.
  const wanted = size.kind === 'share' ? Math.ceil(size.share * population - 1e-9) : size.count;
  return Math.min(population, Math.max(wanted, 0));
}

export function stratumKeyOf(candidate: SampleCandidate, strata: Stratification): string {
  const unit = `unit:${candidate.unitId}`;
  if (strata === 'unit-collector') return `${unit}|collector:${candidate.collector ?? 'none'}`;
  if (strata === 'unit-channel') return `${unit}|channel:${candidate.channel}`;
  return unit;
}

/**
 * A stratified random sample of responses, reproducible by anyone who holds the same responses, the
 * rule and the seed: the result depends on the set of candidates only, not on the order they are given
 * in (see SAMPLING_ALGORITHM). Pure.
 */
export function drawSample(candidates: readonly SampleCandidate[], rule: SampleRule, seed: number): DrawnSample {
  assertDrawable(rule, seed);
  const ids = new Set<string>();
  const strata = new Map<string, SampleCandidate[]>();
  for (const candidate of candidates) {
    if (ids.has(candidate.responseId)) throw new RangeError(`response ${candidate.responseId} is a candidate twice`);
    ids.add(candidate.responseId);
    const key = stratumKeyOf(candidate, rule.strata);
    const members = strata.get(key) ?? [];
    members.push(candidate);
    strata.set(key, members);
  }
  const rng = mersenne(seed | 0);
  const drawnStrata: DrawnStratum[] = [...strata.keys()].sort(byCodeUnit).map((key) => {
    const members = (strata.get(key) as SampleCandidate[]).slice().sort((a, b) => byCodeUnit(a.responseId, b.responseId));
    const pool = members.map((m) => m.responseId);
    const n = stratumSampleSize(pool.length, rule.size);
    for (let i = 0; i < n; i += 1) {
      const j = uniformInt(rng, i, pool.length - 1);
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    const first = members[0];
    return {
      key,
      unitId: first.unitId,
      collector: rule.strata === 'unit-collector' ? first.collector : null,
      channel: rule.strata === 'unit-channel' ? first.channel : null,
      population: members.length,
      populationDigest: digestOf(members.map((m) => m.responseId)),
      drawn: pool.slice(0, n).sort(byCodeUnit),
    };
  });
  return {
    seed,
    rule,
    population: ids.size,
    populationDigest: digestOf([...ids].sort(byCodeUnit)),
    strata: drawnStrata,
  };
}
