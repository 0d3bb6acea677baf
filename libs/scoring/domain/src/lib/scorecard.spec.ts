import fc from 'fast-check';
import { combineAll, countResponses, negate, ScorableResponse } from './counts';
import { defineQuestionnaire, questionnaireFromForm } from './questionnaire';
import { Scorecard, scoreCounts } from './scorecard';
import { anyResponse, referenceForms, SMALL } from './spec-helpers';
import { Interval, wilsonInterval } from './wilson';

const r = (levels: Record<string, number | null>, expectations: Record<string, number | null> = {}): ScorableResponse => ({
  answers: Object.entries(levels).map(([itemId, level]) => ({ itemId, level })),
  expectations: Object.entries(expectations).map(([itemId, level]) => ({ itemId, level })),
});

/**
 * Five respondents on the small card (A: A1 A2, B: B1, C: C1 C2); Z9 is not on the card.
 *   R1  A1 5  A2 4  B1 3  C1 5  C2 –   X1 4  X2 1
 *   R2  A1 4  A2 2  B1 4  C1 1  C2 2   X1 3
 *   R3  A1 1  A2 –  B1 5  C1 4  C2 5   X1 1  X2 –
 *   R4  (nothing answered)
 *   R5  A1 5  A2 5  B1 2  C1 –  C2 –   Z9 5
 */
const FIVE = [
  r({ A1: 5, A2: 4, B1: 3, C1: 5, C2: null }, { X1: 4, X2: 1 }),
  r({ A1: 4, A2: 2, B1: 4, C1: 1, C2: 2 }, { X1: 3 }),
  r({ A1: 1, A2: null, B1: 5, C1: 4, C2: 5 }, { X1: 1, X2: null }),
  r({ A1: null, A2: null, B1: null, C1: null, C2: null }),
  r({ A1: 5, A2: 5, B1: 2, C1: null, C2: null, Z9: 5 }),
];

const options = { bootstrap: { seed: 2022, replicates: 500 }, minimumSample: 3 };

describe('scorecard on hand-computed counts', () => {
  const card = scoreCounts(countResponses(FIVE), SMALL, options);

  it('gives each item the share of its valid answers at level 4–5, its mean score and distribution', () => {
    const items = Object.fromEntries(card.items.map((i) => [i.itemId, i]));
    // A1: 5 4 1 5 → 3 of 4; A2: 4 2 5 → 2 of 3; B1: 3 4 5 2 → 2 of 4; C1: 5 1 4 → 2 of 3; C2: 2 5 → 1 of 2.
    expect(items['A1']).toMatchObject({ satisfied: 3, valid: 4, index: 0.75, distribution: [1, 0, 0, 1, 2], sampleSize: 4 });
    expect(items['A1'].meanScore).toBeCloseTo(15 / 4, 12);
    expect(items['A2']).toMatchObject({ satisfied: 2, valid: 3, distribution: [0, 1, 0, 1, 1] });
    expect(items['A2'].index).toBeCloseTo(2 / 3, 12);
    expect(items['B1']).toMatchObject({ satisfied: 2, valid: 4, index: 0.5, meanScore: 3.5 });
    expect(items['C1'].index).toBeCloseTo(2 / 3, 12);
    expect(items['C2']).toMatchObject({ satisfied: 1, valid: 2, index: 0.5, belowMinimumSample: true });
    expect(items['A1'].interval).toEqual(wilsonInterval(3, 4));
    expect(card.items.map((i) => i.itemId)).toEqual(['A1', 'A2', 'B1', 'C1', 'C2']);
  });

  it('averages item indices into factors and factors into the overall index', () => {
    const factors = Object.fromEntries(card.factors.map((f) => [f.factorId, f]));
    expect(factors['A'].index).toBeCloseTo((0.75 + 2 / 3) / 2, 12); // 17/24
    expect(factors['B'].index).toBeCloseTo(0.5, 12);
    expect(factors['C'].index).toBeCloseTo((2 / 3 + 1 / 2) / 2, 12); // 7/12
    expect(card.overall.index).toBeCloseTo((17 / 24 + 1 / 2 + 7 / 12) / 3, 12); // 43/72
    // Respondents with a valid answer: R4 answered nothing, R5 nothing on C.
    expect(factors['A'].sampleSize).toBe(4);
    expect(factors['C'].sampleSize).toBe(3);
    expect(card.overall.sampleSize).toBe(4);
    expect(card.overall.factorsWithoutAnswers).toEqual([]);
    expect(card.responses).toBe(5);
  });

  it('pools every satisfied rating over every rating of the card (Z9 is not on it)', () => {
    expect(card.pooled).toMatchObject({ satisfied: 10, ratings: 16, ratio: 10 / 16, distribution: [2, 3, 1, 4, 6], sampleSize: 4 });
    expect(card.pooled.meanScore).toBeCloseTo(57 / 16, 12);
    expect(card.pooled.interval).toEqual(wilsonInterval(10, 16));
  });

  it('reports expectation shares outside the index', () => {
    expect(card.expectations).toEqual([
      {
        itemId: 'X1',
        answered: 3,
        distribution: [1, 0, 1, 1],
        shares: [1 / 3, 0, 1 / 3, 1 / 3],
        wantShare: 2 / 3,
        wantInterval: wilsonInterval(2, 3),
      },
      { itemId: 'X2', answered: 1, distribution: [1, 0, 0, 0], shares: [1, 0, 0, 0], wantShare: 0, wantInterval: wilsonInterval(0, 1) },
    ]);
  });

  it("reads expectations on the questionnaire's own scale and refuses answers beyond it", () => {
    const five = defineQuestionnaire({ ...SMALL, expectationLevels: 5 });
    const counts = countResponses([r({ A1: 5 }, { X1: 5 }), r({ A1: 4 }, { X1: 3 }), r({ A1: 4 }, { X1: 4 })]);
    // Five levels: the middle (3) is not "want", levels 4 and 5 are.
    expect(scoreCounts(counts, five, options).expectations[0]).toMatchObject({
      distribution: [0, 0, 1, 1, 1],
      answered: 3,
      wantShare: 2 / 3,
    });
    expect(() => scoreCounts(counts, SMALL, options)).toThrow(/above level 4/);
  });

  it('records how to recompute it', () => {
    expect(card.method).toEqual({ confidence: 0.95, minimumSample: 3, bootstrapSeed: 2022, bootstrapReplicates: 500 });
  });

  it('flags figures below the minimum sample (default 30) instead of hiding them', () => {
    const byDefault = scoreCounts(countResponses(FIVE), SMALL, { bootstrap: { seed: 1, replicates: 50 } });
    expect(byDefault.overall).toMatchObject({ sampleSize: 4, belowMinimumSample: true });
    expect(byDefault.items.every((i) => i.belowMinimumSample)).toBe(true);
    expect(byDefault.method.minimumSample).toBe(30);
  });

  it('leaves a factor nobody answered out of the overall mean and says so', () => {
    const noC = scoreCounts(
      countResponses(FIVE.slice(0, 4).map((x) => ({ answers: x.answers.filter((a) => !a.itemId.startsWith('C')) }))),
      SMALL,
      options,
    );
    expect(noC.factors.find((f) => f.factorId === 'C')).toMatchObject({
      index: null,
      interval: null,
      sampleSize: 0,
      itemsWithoutAnswers: ['C1', 'C2'],
    });
    expect(noC.overall.factorsWithoutAnswers).toEqual(['C']);
    // A: A1 5 4 1 → 2/3, A2 4 2 → 1/2 ⇒ 7/12; B: 3 4 5 → 2/3; overall (7/12 + 2/3) / 2.
    expect(noC.overall.index).toBeCloseTo((7 / 12 + 2 / 3) / 2, 12);
  });

  it('has no index and no interval when nothing was answered', () => {
    const empty = scoreCounts(countResponses([]), SMALL, options);
    expect(empty.overall).toMatchObject({ index: null, interval: null, sampleSize: 0, belowMinimumSample: true });
    expect(empty.pooled).toMatchObject({ ratio: null, interval: null, meanScore: null, ratings: 0 });
    expect(empty.items.every((i) => i.index === null && i.interval === null)).toBe(true);
  });

  it('refuses counts whose respondent patterns disagree with their level counts (a projection that stored only one)', () => {
    const counts = countResponses(FIVE);
    expect(() => scoreCounts({ ...counts, patterns: new Map() }, SMALL, options)).toThrow(/A1: 3\/4 satisfied by level counts but 0\/0/);
    expect(() => scoreCounts({ ...counts, items: new Map() }, SMALL, options)).toThrow(RangeError);
  });

  it('refuses counts that went negative (a void applied before its response)', () => {
    expect(() => scoreCounts(negate(countResponses(FIVE.slice(0, 1))), SMALL, options)).toThrow(/negative/);
  });
});

describe('the pooled ratio 6,650 / 7,528 = 88.34%', () => {
  // One-item card, 7,528 ratings of which 6,650 at level 4 or 5.
  const ONE = defineQuestionnaire({ factors: [{ id: 'P', itemIds: ['P1'] }] });
  const responses = [...Array<number>(7528).keys()].map((i) => r({ P1: i < 6650 ? (i % 2 ? 4 : 5) : (i % 3) + 1 }));
  const card = scoreCounts(countResponses(responses), ONE, { bootstrap: { seed: 7, replicates: 1000 } });

  it('is 88.34% with the hand-computed Wilson 95% interval 87.59%–89.04%', () => {
    // p = 6650/7528 = 0.8833688, z = 1.959964, z² = 3.8414588, z²/n = 0.00051029;
    // centre = (p + z²/2n) / (1 + z²/n) = 0.8836239 / 1.0005103 = 0.8831732;
    // half = z / (1 + z²/n) · √(p(1−p)/n + z²/4n²) = 1.9589644 · √(1.3686025e-5 + 1.6946e-8) = 1.9589644 · 0.0037017525 = 0.0072516;
    // interval = 0.8831732 ∓ 0.0072516 = [0.8759216, 0.8904248].
    expect(card.pooled.ratio).toBeCloseTo(0.8834, 4);
    expect(card.pooled.interval?.lower).toBeCloseTo(0.8759216, 6);
    expect(card.pooled.interval?.upper).toBeCloseTo(0.8904248, 6);
    expect(card.pooled).toMatchObject({ satisfied: 6650, ratings: 7528, sampleSize: 7528, belowMinimumSample: false });
  });

  it('gets a bootstrap interval for the one-item overall index that agrees with Wilson to a few thousandths', () => {
    // With one item per respondent the overall index is that proportion, so the two methods must meet.
    const interval = card.overall.interval as Interval;
    expect(card.overall.index).toBeCloseTo(6650 / 7528, 12);
    expect(Math.abs(interval.lower - 0.8759216)).toBeLessThan(0.002);
    expect(Math.abs(interval.upper - 0.8904248)).toBeLessThan(0.002);
  });
});

describe('the real forms', () => {
  const forms = referenceForms();

  it('reads the 16-item current form as five factors of 3, 4, 3, 3, 3 items and the 2017 form as 4, 5, 6, 3, 4', () => {
    const current = questionnaireFromForm(forms.current);
    const old = questionnaireFromForm(forms['2017']);
    expect(current.factors.map((f) => [f.id, f.itemIds.length])).toEqual([
      ['A', 3],
      ['B', 4],
      ['C', 3],
      ['D', 3],
      ['E', 3],
    ]);
    expect(old.factors.map((f) => [f.id, f.itemIds.length])).toEqual([
      ['A', 4],
      ['B', 5],
      ['C', 6],
      ['D', 3],
      ['E', 4],
    ]);
  });

  it('scores the current form with every item weighing within its factor and every factor equally', () => {
    const current = questionnaireFromForm(forms.current);
    // 40 respondents satisfied on everything except the four B items, where half are not.
    const responses = [...Array<number>(40).keys()].map((i) =>
      r(Object.fromEntries(current.factors.flatMap((f) => f.itemIds.map((id) => [id, f.id === 'B' && i % 2 ? 2 : 5])))),
    );
    const card = scoreCounts(countResponses(responses), current, { bootstrap: { seed: 3, replicates: 300 } });
    expect(card.factors.map((f) => f.index)).toEqual([1, 0.5, 1, 1, 1]);
    expect(card.overall.index).toBeCloseTo(0.9, 12); // (1 + 0.5 + 1 + 1 + 1) / 5
    expect(card.pooled.ratio).toBeCloseTo((12 * 40 + 4 * 20) / (16 * 40), 12); // 0.875: the pooled ratio weighs B by its 4 items
    expect(card.factors[0].interval).toEqual({ lower: 1, upper: 1 }); // nobody varies on A
  });
});

describe('properties of every scorecard', () => {
  const responsesArb = fc.array(anyResponse, { maxLength: 40 });
  const fast = (seed: number) => ({ bootstrap: { seed, replicates: 60 }, minimumSample: 5 });
  const intervalsOf = (card: Scorecard): [number | null, Interval | null][] => [
    ...card.items.map((i): [number | null, Interval | null] => [i.index, i.interval]),
    ...card.factors.map((f): [number | null, Interval | null] => [f.index, f.interval]),
    [card.overall.index, card.overall.interval],
    [card.pooled.ratio, card.pooled.interval],
    ...card.expectations.map((e): [number | null, Interval | null] => [e.wantShare, e.wantInterval]),
  ];

  it('keeps every index in [0, 1] and every interval inside [0, 1] around its estimate', () => {
    fc.assert(
      fc.property(responsesArb, fc.nat({ max: 0xffffffff }), (responses, seed) => {
        const card = scoreCounts(countResponses(responses), SMALL, fast(seed));
        for (const [estimate, interval] of intervalsOf(card)) {
          expect(estimate === null).toBe(interval === null);
          if (estimate === null || interval === null) continue;
          expect(0 <= interval.lower && interval.lower <= estimate && estimate <= interval.upper && interval.upper <= 1).toBe(true);
        }
        for (const mean of [card.pooled.meanScore, ...card.items.map((i) => i.meanScore)]) {
          if (mean !== null) expect(1 <= mean && mean <= 5).toBe(true);
        }
      }),
    );
  });

  it('gives the same scorecard, bootstrap intervals included, for any order and any split into batches', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyResponse, fc.nat(), fc.nat({ max: 4 })), { maxLength: 40 }), (tagged) => {
        const whole = scoreCounts(countResponses(tagged.map(([x]) => x)), SMALL, fast(99));
        const batches: ScorableResponse[][] = [[]];
        for (const [response, , cut] of [...tagged].sort((x, y) => x[1] - y[1])) {
          if (cut === 0) batches.push([]);
          batches[batches.length - 1].push(response);
        }
        expect(scoreCounts(combineAll(batches.map(countResponses).reverse()), SMALL, fast(99))).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same bootstrap interval for the same seed', () => {
    fc.assert(
      fc.property(responsesArb, fc.nat({ max: 0xffffffff }), (responses, seed) => {
        const counts = countResponses(responses);
        expect(scoreCounts(counts, SMALL, fast(seed))).toEqual(scoreCounts(counts, SMALL, fast(seed)));
      }),
      { numRuns: 40 },
    );
  });
});
