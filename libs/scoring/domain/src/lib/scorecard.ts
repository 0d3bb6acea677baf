import { bootstrapIndices, BootstrapSettings, DEFAULT_BOOTSTRAP_REPLICATES } from './bootstrap';
import { assertConsistent, assertScorable, respondentsOf, ScoreCounts } from './counts';
import { DEFAULT_EXPECTATION_LEVELS, EMPTY_EXPECTATION_COUNTS, EMPTY_LEVEL_COUNTS, ExpectationCounts, LevelCounts } from './levels';
import { Questionnaire } from './questionnaire';
import { Interval, wilsonInterval } from './wilson';

/** DESIGN: flagged, not ranked, below 30 valid responses unless the campaign sets another minimum. */
export const DEFAULT_MINIMUM_SAMPLE = 30;

export interface ScoringOptions {
  readonly bootstrap: BootstrapSettings;
  /** Valid responses a figure needs to be ranked; default 30. */
  readonly minimumSample?: number;
}

/** Common to every figure: how many respondents it rests on and whether that is enough to rank it. */
export interface SampledFigure {
  /** Respondents with a valid answer that counts towards this figure. */
  readonly sampleSize: number;
  readonly belowMinimumSample: boolean;
}

export interface ItemFigure extends SampledFigure {
  readonly itemId: string;
  readonly factorId: string;
  /** Answers at level 4 or 5. */
  readonly satisfied: number;
  /** Answers with a level; also the sample size, since one respondent answers an item once. */
  readonly valid: number;
  /** satisfied ÷ valid, null when nobody answered. */
  readonly index: number | null;
  /** Wilson score 95% interval. */
  readonly interval: Interval | null;
  readonly meanScore: number | null;
  readonly distribution: LevelCounts;
}

export interface FactorFigure extends SampledFigure {
  readonly factorId: string;
  /** Mean of the indices of its items that were answered. */
  readonly index: number | null;
  /** Respondent bootstrap 95% percentile interval. */
  readonly interval: Interval | null;
  /** Items of the factor that nobody answered (left out of the mean). */
  readonly itemsWithoutAnswers: readonly string[];
}

export interface OverallFigure extends SampledFigure {
  /** Mean of the factor indices (SIPAS style). */
  readonly index: number | null;
  readonly interval: Interval | null;
  /** Factors nobody answered (left out of the mean); an empty list means all factors count. */
  readonly factorsWithoutAnswers: readonly string[];
}

export interface PooledFigure extends SampledFigure {
  /** All satisfied ratings on the questionnaire's items. */
  readonly satisfied: number;
  /** All valid ratings: the n of the Wilson interval (ratings, not respondents). */
  readonly ratings: number;
  /** satisfied ÷ ratings: the ratio some provincial police report. */
  readonly ratio: number | null;
  /**
   * Wilson 95% interval treating ratings as independent. One person's ratings are correlated, so this is
   * narrower than the truth; DESIGN asks for it as the pooled ratio's interval, the bootstrap of the
   * overall index is the honest one.
   */
  readonly interval: Interval | null;
  readonly meanScore: number | null;
  readonly distribution: LevelCounts;
}

export interface ExpectationFigure {
  readonly itemId: string;
  /** Respondents who answered this expectation item. */
  readonly answered: number;
  /** Answers per level of the questionnaire's expectation scale (1–4 on DESIGN's). */
  readonly distribution: readonly number[];
  /** Share at each level (null when nobody answered). */
  readonly shares: readonly number[] | null;
  /**
   * Share wanting improvement: the levels above the middle of the scale (level > ⌈levels / 2⌉) — levels
   * 3 "want" and 4 "strongly want" on DESIGN's four-level scale — with its Wilson interval.
   */
  readonly wantShare: number | null;
  readonly wantInterval: Interval | null;
}

export interface Scorecard {
  /** Every counted response, including ones with no valid answer on this questionnaire. */
  readonly responses: number;
  readonly items: readonly ItemFigure[];
  readonly factors: readonly FactorFigure[];
  readonly overall: OverallFigure;
  readonly pooled: PooledFigure;
  /** Expectation items in code-unit order of their ids. */
  readonly expectations: readonly ExpectationFigure[];
  /** What it takes to recompute the same figures. */
  readonly method: {
    readonly confidence: 0.95;
    readonly minimumSample: number;
    readonly bootstrapSeed: number;
    readonly bootstrapReplicates: number;
  };
}

/**
 * Every figure of DESIGN "Scoring" for one set of counts (a unit, a channel, a whole campaign …) on one
 * questionnaire. Counts of items that are not on the questionnaire are ignored. Pure: same counts,
 * questionnaire and options → the same scorecard. Throws a RangeError on negative or inconsistent counts.
 */
export function scoreCounts(counts: ScoreCounts, questionnaire: Questionnaire, options: ScoringOptions): Scorecard {
  assertScorable(counts);
  assertConsistent(counts);
  const minimumSample = options.minimumSample ?? DEFAULT_MINIMUM_SAMPLE;
  if (!Number.isInteger(minimumSample) || minimumSample < 1)
    throw new RangeError(`minimum sample must be a positive integer, got ${minimumSample}`);
  const flag = (sampleSize: number): SampledFigure => ({ sampleSize, belowMinimumSample: sampleSize < minimumSample });

  const items: ItemFigure[] = questionnaire.factors.flatMap((factor) =>
    factor.itemIds.map((itemId) => {
      const distribution = counts.items.get(itemId) ?? EMPTY_LEVEL_COUNTS;
      const p = proportionOf(distribution);
      return { itemId, factorId: factor.id, ...flag(p.valid), ...p, index: p.share, distribution };
    }),
  );

  const boot = bootstrapIndices(counts, questionnaire, options.bootstrap);
  const factors: FactorFigure[] = questionnaire.factors.map((factor) => ({
    factorId: factor.id,
    ...flag(boot.factorRespondents.get(factor.id) ?? 0),
    index: boot.factorIndex.get(factor.id) ?? null,
    interval: boot.factorInterval.get(factor.id) ?? null,
    itemsWithoutAnswers: items.filter((i) => i.factorId === factor.id && i.valid === 0).map((i) => i.itemId),
  }));
  const overall: OverallFigure = {
    ...flag(boot.respondents),
    index: boot.overallIndex,
    interval: boot.overallInterval,
    factorsWithoutAnswers: factors.filter((f) => f.index === null).map((f) => f.factorId),
  };

  const pooledDistribution = items.reduce<LevelCounts>(
    (sum, item) => sum.map((c, i) => c + item.distribution[i]) as unknown as LevelCounts,
    EMPTY_LEVEL_COUNTS,
  );
  const pooled = proportionOf(pooledDistribution);

  return {
    responses: respondentsOf(counts),
    items,
    factors,
    overall,
    pooled: {
      ...flag(boot.respondents),
      satisfied: pooled.satisfied,
      ratings: pooled.valid,
      ratio: pooled.share,
      interval: pooled.interval,
      meanScore: pooled.meanScore,
      distribution: pooledDistribution,
    },
    expectations: [...counts.expectations.keys()].map((itemId) =>
      expectationFigure(itemId, counts.expectations.get(itemId) ?? EMPTY_EXPECTATION_COUNTS, questionnaire.expectationLevels),
    ),
    method: {
      confidence: 0.95,
      minimumSample,
      bootstrapSeed: boot.seed,
      bootstrapReplicates: options.bootstrap.replicates ?? DEFAULT_BOOTSTRAP_REPLICATES,
    },
  };
}

/** Satisfied share of a level distribution with its Wilson interval and mean score. */
export function proportionOf(distribution: LevelCounts): {
  satisfied: number;
  valid: number;
  share: number | null;
  interval: Interval | null;
  meanScore: number | null;
} {
  const valid = distribution.reduce((sum, c) => sum + c, 0);
  const satisfied = distribution[3] + distribution[4];
  const weighted = distribution.reduce((sum, c, i) => sum + c * (i + 1), 0);
  return {
    satisfied,
    valid,
    share: valid === 0 ? null : satisfied / valid,
    interval: wilsonInterval(satisfied, valid),
    meanScore: valid === 0 ? null : weighted / valid,
  };
}

/** Throws a RangeError when answers lie beyond the scale: they were counted under another questionnaire. */
export function expectationFigure(itemId: string, counts: ExpectationCounts, scaleLevels = DEFAULT_EXPECTATION_LEVELS): ExpectationFigure {
  if (counts.slice(scaleLevels).some((c) => c !== 0)) {
    throw new RangeError(`expectation ${itemId} has answers above level ${scaleLevels} of its questionnaire's scale`);
  }
  const distribution = Object.freeze(Array.from({ length: scaleLevels }, (_, i) => counts[i] ?? 0));
  const answered = distribution.reduce((sum, c) => sum + c, 0);
  const want = distribution.reduce((sum, c, i) => (i + 1 > Math.ceil(scaleLevels / 2) ? sum + c : sum), 0);
  return {
    itemId,
    answered,
    distribution,
    shares: answered === 0 ? null : distribution.map((c) => c / answered),
    wantShare: answered === 0 ? null : want / answered,
    wantInterval: wilsonInterval(want, answered),
  };
}
