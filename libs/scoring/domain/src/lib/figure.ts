import { PublishedFigure } from '@hailong/contracts';
import { seedFromText } from './bootstrap';
import { CountRow, countsFromRows, ScoreCounts } from './counts';
import { LevelCounts } from './levels';
import { Questionnaire } from './questionnaire';
import { ExpectationFigure, Scorecard, scoreCounts } from './scorecard';

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

/** A figure as the API shows it: the published fields, plus the level distribution and expectations. */
export interface FigureView extends PublishedFigure {
  readonly distribution: LevelCounts;
  readonly expectations: readonly ExpectationFigure[];
}

/** One figure of a group's counts: its scorecard with the bootstrap seeded by the campaign and the key. */
export function computeFigure(key: string, counts: ScoreCounts, settings: FigureSettings): FigureView {
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

/** A figure to compute in a worker thread: counts travel as rows (plain data a worker can receive). */
export interface FigureTask {
  readonly key: string;
  readonly rows: readonly CountRow[];
  readonly settings: FigureSettings;
}

/** What a service's figure worker runs (see each service's figure-worker.ts). */
export function computeFigureTask(task: FigureTask): FigureView {
  return computeFigure(task.key, countsFromRows(task.rows), task.settings);
}
