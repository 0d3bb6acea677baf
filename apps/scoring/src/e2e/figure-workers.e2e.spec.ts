import {
  computeFiguresInWorkers,
  FigureSettings,
  figureOf,
  groupFigures,
  questionnaireOfContent,
  scoringSpecFixtures,
  stopFigureWorkers,
} from '@hailong/scoring/data-access';
import { computeFigure, countResponses, ScoreCounts } from '@hailong/scoring/domain';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// Scoring and the audit compute figures in worker threads, from the figure-worker.js their build bundles
// beside main.js: the bootstrap of a large group takes seconds of CPU, which in the service's own thread
// held up its HTTP answers, Kafka heartbeats and open transactions. This loads the built worker.

const WORKER = join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'scoring', 'figure-worker.js');
const { CONTENT, randomResponse, seeded, uuidOf } = scoringSpecFixtures;
const CAMPAIGN = uuidOf('e0000000', 77);

const countsOf = (n: number, seed: number): ScoreCounts => {
  const random = seeded(seed);
  return countResponses(Array.from({ length: n }, (_, i) => randomResponse(random, i, CAMPAIGN, uuidOf('d0000000', 1), '2022-04-02')));
};

describe('figures computed in worker threads (the built figure-worker.js)', () => {
  const settings: FigureSettings = {
    campaignId: CAMPAIGN,
    questionnaire: questionnaireOfContent(CONTENT),
    minimumSample: 5,
    replicates: 400,
  };

  beforeAll(() => {
    if (!existsSync(WORKER)) throw new Error(`no ${WORKER}: build scoring first (npx nx build scoring)`);
    computeFiguresInWorkers(WORKER, 2);
  });
  afterAll(() => stopFigureWorkers());

  it('gives the figures this thread computes, and one computation for two asks of the same figure at once', async () => {
    const counts = countsOf(300, 1);
    const [first, second] = await Promise.all([figureOf('unit:a', counts, settings), figureOf('unit:a', counts, settings)]);
    expect(first).toEqual(computeFigure('unit:a', counts, settings));
    expect(second).toBe(first);
    const groups = new Map([
      ['unit:b', countsOf(120, 2)],
      ['unit:c', countsOf(90, 3)],
    ]);
    const ranked = await groupFigures(groups, settings, true);
    expect(ranked.map((f) => f.key).sort()).toEqual(['unit:b', 'unit:c']);
    for (const figure of ranked) {
      expect({ ...figure, rank: null, unranked: null }).toEqual(computeFigure(figure.key, groups.get(figure.key) as ScoreCounts, settings));
    }
  });

  it('leaves the calling thread free while a large figure is computed', async () => {
    // 20,000 respondents × 2,000 replicates: forty million draws, a second or more of CPU in one thread.
    const counts = countsOf(20000, 4);
    let last = Date.now();
    let longestPause = 0;
    const ticking = setInterval(() => {
      const now = Date.now();
      longestPause = Math.max(longestPause, now - last);
      last = now;
    }, 10);
    const started = Date.now();
    try {
      await figureOf('campaign', counts, { ...settings, replicates: 2000 });
    } finally {
      clearInterval(ticking);
    }
    const took = Date.now() - started;
    // The pause since the last tick counts too (the figure may have held the thread up to its end).
    longestPause = Math.max(longestPause, Date.now() - last);
    // Computed in this thread, the longest pause would be the whole computation.
    expect(took).toBeGreaterThan(200);
    expect(longestPause).toBeLessThan(took / 2);
  });
});
