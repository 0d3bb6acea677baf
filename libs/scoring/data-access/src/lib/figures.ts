import { PublishedFigure, QuestionnaireContent } from '@hailong/contracts';
import {
  combineAll,
  computeFigure,
  CountRow,
  countsToRows,
  DEFAULT_BOOTSTRAP_REPLICATES,
  DEFAULT_EXPECTATION_LEVELS,
  defineQuestionnaire,
  FigureSettings,
  FigureTask,
  FigureView,
  Questionnaire,
  rankUnits,
  RankedUnit,
  ScoreCounts,
} from '@hailong/scoring/domain';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Piscina } from 'piscina';

export type { FigureSettings, FigureView } from '@hailong/scoring/domain';
export { SEED_RULE, seedOf } from '@hailong/scoring/domain';

/** The scoring structure of a questionnaire version as intake published it. */
export function questionnaireOfContent(content: Pick<QuestionnaireContent, 'factors' | 'expectationScale'>): Questionnaire {
  const levels = content.expectationScale.length;
  return defineQuestionnaire({
    factors: content.factors.map((f) => ({ id: f.id, itemIds: f.items.map((i) => i.id) })),
    expectationLevels: levels >= 2 ? levels : DEFAULT_EXPECTATION_LEVELS,
  });
}

/**
 * Recently computed figures by everything they depend on (key, counts, questionnaire, settings): the
 * bootstrap of a large group costs seconds, and dashboards ask for the same figures again and again.
 * Pure inputs, so a hit is the same figure the computation would give.
 */
const recent = new Map<string, FigureView>();
const RECENT_LIMIT = 5000;

function cacheKeyOf(key: string, rows: readonly CountRow[], settings: FigureSettings): string {
  return createHash('sha256')
    .update(JSON.stringify([key, settings, rows]))
    .digest('hex');
}

/** Worker threads for the bootstraps, once a service has started them; until then figures are computed here. */
let workers: Piscina | null = null;

/**
 * Runs every figure's computation in worker threads from now on: `filename` is the service's built
 * figure worker (figure-worker.js beside its main.js). A bootstrap over a million respondents takes tens of
 * seconds of CPU; in the service's own thread it held up its HTTP answers, its Kafka heartbeats and its
 * consumers' open transactions for that long. Threads start when needed and stop after 30 s idle.
 */
export function computeFiguresInWorkers(filename: string, threads: number): void {
  workers = new Piscina({
    filename,
    name: 'computeFigureTask',
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 30_000,
    // Counts, a respondent table (a byte per respondent) and the replicates take a few MB per figure;
    // room besides for tens of thousands of distinct answer patterns. A cap, not a reservation.
    resourceLimits: { maxOldGenerationSizeMb: 128 },
  });
}

/**
 * Starts the worker threads when the service was built with its figure worker (`figure-worker.js` in
 * `directory`): FIGURE_THREADS of them, one by default — the base manifests give a pod one CPU, and the
 * machine's core count says nothing about a container's share. Run from source (the specs), figures are
 * computed in the calling thread.
 */
export function startFigureWorkers(directory: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const filename = join(directory, 'figure-worker.js');
  if (!existsSync(filename)) return false;
  const asked = Number(env['FIGURE_THREADS'] ?? 1);
  if (!Number.isInteger(asked) || asked < 1 || asked > 64)
    throw new RangeError(`FIGURE_THREADS must be an integer in 1..64, got ${env['FIGURE_THREADS']}`);
  computeFiguresInWorkers(filename, asked);
  return true;
}

export async function stopFigureWorkers(): Promise<void> {
  const pool = workers;
  workers = null;
  await pool?.destroy();
}

/** The same figure asked for again while it is being computed waits for that computation. */
const computing = new Map<string, Promise<FigureView>>();

export async function figureOf(key: string, counts: ScoreCounts, settings: FigureSettings): Promise<FigureView> {
  const rows = countsToRows(counts);
  const cacheKey = cacheKeyOf(key, rows, settings);
  const hit = recent.get(cacheKey);
  if (hit) return hit;
  let pending = computing.get(cacheKey);
  if (!pending) {
    const task: FigureTask = { key, rows, settings };
    pending = (workers ? (workers.run(task) as Promise<FigureView>) : Promise.resolve().then(() => computeFigure(key, counts, settings)))
      .then((figure) => {
        if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
        recent.set(cacheKey, figure);
        return figure;
      })
      .finally(() => computing.delete(cacheKey));
    computing.set(cacheKey, pending);
  }
  return pending;
}

/** Figures of groups, ranked by overall index in rank groups (overlapping intervals share one) when asked. */
export async function groupFigures(
  groups: ReadonlyMap<string, ScoreCounts>,
  settings: FigureSettings,
  rank: boolean,
): Promise<FigureView[]> {
  const figures = await Promise.all([...groups].map(([key, counts]) => figureOf(key, counts, settings)));
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
