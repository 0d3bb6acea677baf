import fc from 'fast-check';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { mersenne } from 'pure-rand/generator/mersenne';
import { bootstrapIndices, MersenneDraws, quantile, seedFromText } from './bootstrap';
import { countResponses, ScorableResponse } from './counts';
import { defineQuestionnaire } from './questionnaire';
import { anyResponse, SMALL } from './spec-helpers';
import { wilsonInterval } from './wilson';

const everyone = (n: number, levels: Record<string, number | null>): ScorableResponse[] =>
  Array.from({ length: n }, () => ({ answers: Object.entries(levels).map(([itemId, level]) => ({ itemId, level })) }));

describe('respondent bootstrap', () => {
  const FOUR = defineQuestionnaire({ factors: [{ id: 'F', itemIds: ['F1', 'F2', 'F3', 'F4'] }] });

  it('resamples respondents, not answers: four perfectly correlated items are as uncertain as one', () => {
    // 300 people satisfied on all four items, 100 on none: the factor index is 0.75 from 400 people.
    const counts = countResponses([...everyone(300, { F1: 5, F2: 5, F3: 4, F4: 4 }), ...everyone(100, { F1: 2, F2: 1, F3: 3, F4: 2 })]);
    const result = bootstrapIndices(counts, FOUR, { seed: 11, replicates: 2000 });
    const interval = result.factorInterval.get('F');
    if (!interval) throw new Error('expected an interval');
    const width = interval.upper - interval.lower;
    const perPerson = wilsonInterval(300, 400); // what 400 independent observations give
    const perAnswer = wilsonInterval(1200, 1600); // what treating 1,600 answers as independent would give
    if (!perPerson || !perAnswer) throw new Error('expected intervals');
    expect(result.factorIndex.get('F')).toBe(0.75);
    expect(Math.abs(width - (perPerson.upper - perPerson.lower))).toBeLessThan(0.15 * (perPerson.upper - perPerson.lower));
    expect(width).toBeGreaterThan(1.5 * (perAnswer.upper - perAnswer.lower));
  });

  it('gives a zero-width interval when every respondent answered alike', () => {
    const counts = countResponses(everyone(50, { A1: 5, A2: 1, B1: 4, C1: 2, C2: null }));
    const result = bootstrapIndices(counts, SMALL, { seed: 5, replicates: 200 });
    expect(result.overallInterval).toEqual({ lower: result.overallIndex, upper: result.overallIndex });
    expect(result.respondents).toBe(50);
  });

  it('gives another interval for another seed, and the same one for the same seed', () => {
    const responses = fc.sample(anyResponse, { seed: 42, numRuns: 300 });
    const counts = countResponses(responses);
    const run = (seed: number) => bootstrapIndices(counts, SMALL, { seed, replicates: 1000 }).overallInterval;
    const first = run(1);
    expect(run(1)).toEqual(first);
    for (const seed of [2, 3, 4, 5, 0xffffffff]) expect(run(seed)).not.toEqual(first);
  });

  it('keeps the intervals it gave before its generator was inlined (seed 7, 300 respondents, 1,000 replicates)', () => {
    const counts = countResponses(fc.sample(anyResponse, { seed: 42, numRuns: 300 }));
    const result = bootstrapIndices(counts, SMALL, { seed: 7, replicates: 1000 });
    expect({ overall: result.overallInterval, factors: Object.fromEntries(result.factorInterval) }).toEqual(GOLDEN_SEED_7);
  });

  it('refuses a seed or a number of replicates it could not reproduce', () => {
    const counts = countResponses(everyone(3, { A1: 5 }));
    expect(() => bootstrapIndices(counts, SMALL, { seed: -1 })).toThrow(RangeError);
    expect(() => bootstrapIndices(counts, SMALL, { seed: 1.5 })).toThrow(RangeError);
    expect(() => bootstrapIndices(counts, SMALL, { seed: 2 ** 32 })).toThrow(RangeError);
    expect(() => bootstrapIndices(counts, SMALL, { seed: 1, replicates: 0 })).toThrow(RangeError);
  });
});

describe('MersenneDraws', () => {
  it('draws what pure-rand’s mersenne and uniformInt draw, value for value, past several twists', () => {
    for (const seed of [0, 1, 11, 5489, 0x7fffffff, 0x80000000, 0xffffffff]) {
      for (const range of [1, 2, 3, 5, 400, 20001, 1_000_000, 0x80000001, 2 ** 32]) {
        const reference = mersenne(seed | 0);
        const draws = new MersenneDraws(seed);
        const ours = Array.from({ length: 2000 }, () => draws.nextBelow(range));
        const theirs = Array.from({ length: 2000 }, () => uniformInt(reference, 0, range - 1));
        expect(ours).toEqual(theirs);
      }
    }
  });

  it('resamples a replicate with the same draws as nextBelow, counted per pattern', () => {
    const patternOf = Uint8Array.from([0, 0, 1, 2, 2, 2]);
    const inLoop = new MersenneDraws(42);
    const oneByOne = new MersenneDraws(42);
    const multiplicity = new Int32Array(3);
    for (let replicate = 0; replicate < 500; replicate++) {
      inLoop.resample(patternOf, patternOf.length, multiplicity);
      const expected = [0, 0, 0];
      for (let r = 0; r < patternOf.length; r++) expected[patternOf[oneByOne.nextBelow(patternOf.length)]] += 1;
      expect([...multiplicity]).toEqual(expected);
    }
  });
});

describe('quantile (type 7)', () => {
  it('interpolates between order statistics as R does', () => {
    // R: quantile(c(1, 2, 3, 4, 10), c(0.025, 0.5, 0.975)) = 1.1, 3, 9.4 (h = (n − 1)·p = 0.1, 2, 3.9)
    expect(quantile([1, 2, 3, 4, 10], 0.025)).toBeCloseTo(1.1, 12);
    expect(quantile([1, 2, 3, 4, 10], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 10], 0.975)).toBeCloseTo(9.4, 12);
    expect(quantile([7], 0.975)).toBe(7);
  });
});

describe('seedFromText', () => {
  it('is 32-bit FNV-1a over UTF-8', () => {
    expect(seedFromText('')).toBe(0x811c9dc5);
    expect(seedFromText('a')).toBe(0xe40c292c);
    expect(seedFromText('foobar')).toBe(0xbf9cf968);
    expect(seedFromText('Vĩnh Phúc')).not.toBe(seedFromText('Vinh Phuc'));
  });
});

/** What bootstrapIndices gave with pure-rand's generator called draw by draw (before MersenneDraws). */
const GOLDEN_SEED_7 = {
  overall: { lower: 0.29753237774331587, upper: 0.3773442283173825 },
  factors: {
    A: { lower: 0.2756536454445716, upper: 0.38829590050660245 },
    B: { lower: 0.25432883679787704, upper: 0.4310384372034166 },
    C: { lower: 0.27938971385023215, upper: 0.4016051043488375 },
  },
};
