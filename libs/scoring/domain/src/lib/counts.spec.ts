import fc from 'fast-check';
import {
  combine,
  combineAll,
  combineKeyed,
  countResponse,
  countResponses,
  countResponsesBy,
  countsFromRows,
  countsToRows,
  EMPTY_COUNTS,
  negate,
  parseSatisfactionPattern,
  respondentsOf,
  rollUp,
  ScorableResponse,
  ScoreCounts,
  subtract,
} from './counts';
import { anyResponse } from './spec-helpers';

const anyCounts: fc.Arbitrary<ScoreCounts> = fc.array(anyResponse, { maxLength: 12 }).map(countResponses);

describe('counting responses', () => {
  it('counts valid answers per item and level, one satisfaction pattern per respondent, and expectations apart', () => {
    const counts = countResponses([
      {
        answers: [
          { itemId: 'B1', level: 2 },
          { itemId: 'A1', level: 5 },
          { itemId: 'A2', level: null },
        ],
        expectations: [{ itemId: 'X1', level: 4 }],
      },
      {
        answers: [
          { itemId: 'A1', level: 4 },
          { itemId: 'B1', level: 1 },
        ],
      },
      { answers: [{ itemId: 'A1', level: null }] },
    ]);
    expect(counts.items).toEqual(
      new Map([
        ['A1', [0, 0, 0, 1, 1]],
        ['B1', [1, 1, 0, 0, 0]],
      ]),
    );
    // Both answered A1 satisfied and B1 not, in whatever order they came: one pattern, two respondents.
    expect(counts.patterns).toEqual(
      new Map([
        ['', 1],
        ['A1:s,B1:n', 2],
      ]),
    );
    expect(counts.expectations).toEqual(new Map([['X1', [0, 0, 0, 1, 0, 0, 0, 0, 0]]])); // nine levels wide, as the contract allows
    expect(respondentsOf(counts)).toBe(3);
  });

  it('reads a satisfaction pattern back into items and satisfied flags', () => {
    expect(parseSatisfactionPattern('A1:s,B1:n')).toEqual(
      new Map([
        ['A1', true],
        ['B1', false],
      ]),
    );
    expect(parseSatisfactionPattern('')).toEqual(new Map());
    expect(() => parseSatisfactionPattern('A1:x')).toThrow(RangeError);
    expect(() => parseSatisfactionPattern('A1:s,A1:n')).toThrow(RangeError);
  });

  it.each<[string, ScorableResponse]>([
    ['a level off the scale', { answers: [{ itemId: 'A1', level: 6 }] }],
    ['a fractional level', { answers: [{ itemId: 'A1', level: 4.5 }] }],
    [
      'an item answered twice',
      {
        answers: [
          { itemId: 'A1', level: 4 },
          { itemId: 'A1', level: null },
        ],
      },
    ],
    ['an item id that could forge a pattern', { answers: [{ itemId: 'A1:s', level: 4 }] }],
    ['an expectation level off every scale', { answers: [{ itemId: 'A1', level: 4 }], expectations: [{ itemId: 'X1', level: 10 }] }],
  ])('refuses %s', (_, response) => {
    expect(() => countResponse(response)).toThrow(RangeError);
  });
});

describe('counts form an abelian group under combine', () => {
  it('is associative and commutative, with EMPTY_COUNTS as identity', () => {
    fc.assert(
      fc.property(anyCounts, anyCounts, anyCounts, (a, b, c) => {
        expect(combine(combine(a, b), c)).toEqual(combine(a, combine(b, c)));
        expect(combine(a, b)).toEqual(combine(b, a));
        expect(combine(a, EMPTY_COUNTS)).toEqual(a);
        // Canonical: keys in code-unit order whatever the order of the operands.
        const ab = combine(b, a);
        for (const map of [ab.items, ab.patterns, ab.expectations]) expect([...map.keys()]).toEqual([...map.keys()].sort());
      }),
    );
  });

  it('removes a response when its negation is added (a void), leaving exactly the other counts', () => {
    fc.assert(
      fc.property(anyCounts, anyResponse, (others, voided) => {
        const withIt = combine(others, countResponse(voided));
        expect(combine(withIt, negate(countResponse(voided)))).toEqual(others);
        expect(subtract(withIt, countResponse(voided))).toEqual(others);
        expect(combine(others, negate(others))).toEqual(EMPTY_COUNTS);
      }),
    );
  });

  it('counts a stream split into any batches exactly as the whole stream, in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyResponse, fc.nat(), fc.nat({ max: 3 })), { maxLength: 40 }), (tagged) => {
        const whole = countResponses(tagged.map(([r]) => r));
        const shuffled = [...tagged].sort((x, y) => x[1] - y[1]);
        const batches: ScorableResponse[][] = [[]];
        for (const [response, , cut] of shuffled) {
          if (cut === 0) batches.push([]);
          batches[batches.length - 1].push(response);
        }
        expect(combineAll(batches.map(countResponses))).toEqual(whole);
        expect(batches.map(countResponses).reduceRight((acc, c) => combine(c, acc), EMPTY_COUNTS)).toEqual(whole);
      }),
    );
  });
});

describe('stored rows', () => {
  it('round-trip through rows, and rows of the same key add up as a SUM … GROUP BY would', () => {
    fc.assert(
      fc.property(anyCounts, anyCounts, (a, b) => {
        expect(countsFromRows(countsToRows(a))).toEqual(a);
        expect(countsFromRows([...countsToRows(a), ...countsToRows(b)])).toEqual(combine(a, b));
      }),
    );
  });

  it('writes one row per non-zero (kind, key, level)', () => {
    const counts = countResponses([{ answers: [{ itemId: 'A1', level: 4 }], expectations: [{ itemId: 'X2', level: 1 }] }]);
    expect(countsToRows(counts)).toEqual([
      { kind: 'item', key: 'A1', level: 4, count: 1 },
      { kind: 'pattern', key: 'A1:s', level: null, count: 1 },
      { kind: 'expectation', key: 'X2', level: 1, count: 1 },
    ]);
  });

  it('refuses rows that are not counts', () => {
    expect(() => countsFromRows([{ kind: 'item', key: 'A1', level: 4, count: 1.5 }])).toThrow(RangeError);
    expect(() => countsFromRows([{ kind: 'pattern', key: 'A1:maybe', level: null, count: 1 }])).toThrow(RangeError);
  });
});

describe('keyed counts (cells) and roll-ups', () => {
  type Cell = ScorableResponse & { unit: string; channel: string };
  const anyCell: fc.Arbitrary<Cell> = fc.record({
    unit: fc.constantFrom('u1', 'u2', 'u3'),
    channel: fc.constantFrom('paper', 'tablet'),
    answers: anyResponse.map((r) => r.answers),
  });

  it('rolls cells up to any breakdown with the same result as counting that breakdown directly', () => {
    fc.assert(
      fc.property(fc.array(anyCell, { maxLength: 40 }), (responses) => {
        const cells = countResponsesBy(responses, (r) => `${r.unit}|${r.channel}`);
        const byChannel = rollUp(cells, (key) => key.split('|')[1]);
        expect(byChannel).toEqual(countResponsesBy(responses, (r) => r.channel));
        // u1 and u2 merged into u2 (a reorganisation); u3 left out of the view.
        const merged = rollUp(cells, (key) => (key.startsWith('u3') ? null : 'u2'));
        expect(merged).toEqual(
          countResponsesBy(
            responses.filter((r) => r.unit !== 'u3'),
            () => 'u2',
          ),
        );
      }),
    );
  });

  it('adds keyed counts cell by cell, in either order', () => {
    fc.assert(
      fc.property(fc.array(anyCell, { maxLength: 30 }), fc.array(anyCell, { maxLength: 30 }), (xs, ys) => {
        const key = (r: Cell) => r.unit;
        expect(combineKeyed(countResponsesBy(xs, key), countResponsesBy(ys, key))).toEqual(countResponsesBy([...xs, ...ys], key));
        expect(combineKeyed(countResponsesBy(ys, key), countResponsesBy(xs, key))).toEqual(countResponsesBy([...xs, ...ys], key));
      }),
    );
  });
});
