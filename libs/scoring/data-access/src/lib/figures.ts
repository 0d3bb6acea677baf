import { PublishedFigure, QuestionnaireContent } from '@hailong/contracts';
import { createHash } from 'node:crypto';
import {
  combineAll,
  countsToRows,
  DEFAULT_BOOTSTRAP_REPLICATES,
  DEFAULT_EXPECTATION_LEVELS,
  defineQuestionnaire,
  ExpectationFigure,
  LevelCounts,
  Questionnaire,
  rankUnits,
  RankedUnit,
  Scorecard,
  scoreCounts,
  ScoreCounts,
  seedFromText,
} from '@hailong/scoring/domain';

/** What every figure of one campaign is computed with. */
export interface FigureSettings {
  readonly campaignId: string;
  readonly questionnaire: Questionnaire;
  readonly minimumSample: number;
  readonly replicates: number;
}

/** How a figure's bootstrap seed is derived; recorded in the published event. */
export const SEED_RULE = 'FNV-1a 32-bit of the UTF-8 text "<campaignId>/<figure key>"';

export const seedOf = (campaignId: string, key: string) => seedFromText(`${campaignId}/${key}`);

/** The scoring structure of a questionnaire version as intake published it. */
export function questionnaireOfContent(content: Pick<QuestionnaireContent, 'factors' | 'expectationScale'>): Questionnaire {
  const levels = content.expectationScale.length;
  return defineQuestionnaire({
    factors: content.factors.map((f) => ({ id: f.id, itemIds: f.items.map((i) => i.id) })),
    expectationLevels: levels >= 2 ? levels : DEFAULT_EXPECTATION_LEVELS,
  });
}

/** A figure as the API shows it: the published fields, plus the level distribution and expectations. */
export interface FigureView extends PublishedFigure {
  readonly distribution: LevelCounts;
  readonly expectations: readonly ExpectationFigure[];
}

/**
 * Recently computed figures by everything they depend on (key, counts, questionnaire, settings): the
 * bootstrap of a large group costs seconds, and dashboards ask for the same figures again and again.
 * Pure inputs, so a hit is the same figure the computation would give.
 */
const recent = new Map<string, FigureView>();
const RECENT_LIMIT = 5000;

function cacheKeyOf(key: string, counts: ScoreCounts, settings: FigureSettings): string {
  return createHash('sha256')
    .update(JSON.stringify([key, settings, countsToRows(counts)]))
    .digest('hex');
}

export function figureOf(key: string, counts: ScoreCounts, settings: FigureSettings): FigureView {
  const cacheKey = cacheKeyOf(key, counts, settings);
  const hit = recent.get(cacheKey);
  if (hit) return hit;
  const figure = computeFigure(key, counts, settings);
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  recent.set(cacheKey, figure);
  return figure;
}

function computeFigure(key: string, counts: ScoreCounts, settings: FigureSettings): FigureView {
  const card: Scorecard = scoreCounts(counts, settings.questionnaire, {
    bootstrap: { seed: seedOf(settings.campaignId, key), replicates: settings.replicates },
    minimumSample: settings.minimumSample,
  });
  return {
    key,
    responses: card.responses,
    sampleSize: card.overall.sampleSize,
    belowMinimumSample: card.overall.belowMinimumSample,
    bootstrapSeed: card.method.bootstrapSeed,
    overall: { index: card.overall.index, interval: card.overall.interval },
    pooled: {
      satisfied: card.pooled.satisfied,
      ratings: card.pooled.ratings,
      ratio: card.pooled.ratio,
      interval: card.pooled.interval,
      meanScore: card.pooled.meanScore,
    },
    factors: card.factors.map((f) => ({ factorId: f.factorId, sampleSize: f.sampleSize, index: f.index, interval: f.interval })),
    items: card.items.map((i) => ({
      itemId: i.itemId,
      factorId: i.factorId,
      satisfied: i.satisfied,
      valid: i.valid,
      index: i.index,
      interval: i.interval,
      meanScore: i.meanScore,
    })),
    rank: null,
    unranked: null,
    distribution: card.pooled.distribution,
    expectations: card.expectations,
  };
}

/** Figures of groups, ranked by overall index in rank groups (overlapping intervals share one) when asked. */
export function groupFigures(groups: ReadonlyMap<string, ScoreCounts>, settings: FigureSettings, rank: boolean): FigureView[] {
  const figures = [...groups].map(([key, counts]) => figureOf(key, counts, settings));
  if (!rank) return figures;
  const ranked = rankUnits(
    figures.map((f) => ({ id: f.key, estimate: f.overall.index, interval: f.overall.interval, sampleSize: f.sampleSize })),
    settings.minimumSample,
  );
  const byKey = new Map(figures.map((f) => [f.key, f]));
  return ranked.map((r: RankedUnit) => ({ ...(byKey.get(r.id) as FigureView), rank: r.rank, unranked: r.unranked }));
}

export function totalOf(groups: ReadonlyMap<string, ScoreCounts>): ScoreCounts {
  return combineAll(groups.values());
}

/** Only the fields of the published contract (what `CampaignScoresPublished` carries). */
export function publishedPart(figure: PublishedFigure): PublishedFigure {
  return {
    key: figure.key,
    responses: figure.responses,
    sampleSize: figure.sampleSize,
    belowMinimumSample: figure.belowMinimumSample,
    bootstrapSeed: figure.bootstrapSeed,
    overall: figure.overall,
    pooled: figure.pooled,
    factors: figure.factors,
    items: figure.items,
    rank: figure.rank,
    unranked: figure.unranked,
  };
}

export const DEFAULT_REPLICATES = DEFAULT_BOOTSTRAP_REPLICATES;
