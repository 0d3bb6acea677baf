import fc from 'fast-check';
import { RankCandidate, rankUnits } from './ranking';

const unit = (id: string, lower: number, estimate: number, upper: number, sampleSize = 100): RankCandidate => ({
  id,
  estimate,
  interval: { lower, upper },
  sampleSize,
});

describe('rank groups', () => {
  it('puts two units with overlapping intervals in one group and a clearly lower unit in the next', () => {
    const ranked = rankUnits([unit('low', 0.6, 0.65, 0.7), unit('b', 0.82, 0.87, 0.92), unit('a', 0.85, 0.9, 0.95)]);
    expect(ranked.map((u) => [u.id, u.rank])).toEqual([
      ['a', { group: 1, from: 1, to: 2 }],
      ['b', { group: 1, from: 1, to: 2 }],
      ['low', { group: 2, from: 3, to: 3 }],
    ]);
  });

  it('chains overlaps: A overlaps B, B overlaps C, so A and C share a group although A is clear of C', () => {
    const ranked = rankUnits([
      unit('A', 0.8, 0.85, 0.9),
      unit('B', 0.72, 0.76, 0.81),
      unit('C', 0.6, 0.66, 0.73),
      unit('D', 0.3, 0.4, 0.5),
    ]);
    expect(ranked.map((u) => [u.id, u.rank?.group])).toEqual([
      ['A', 1],
      ['B', 1],
      ['C', 1],
      ['D', 2],
    ]);
  });

  it('counts intervals that only touch as overlapping', () => {
    const ranked = rankUnits([unit('x', 0.5, 0.55, 0.6), unit('y', 0.6, 0.65, 0.7)]);
    expect(new Set(ranked.map((u) => u.rank?.group))).toEqual(new Set([1]));
  });

  it('leaves units below the minimum sample or without an estimate unranked, after the ranked ones, with the reason', () => {
    const ranked = rankUnits(
      [unit('small', 0.9, 0.95, 0.99, 29), { id: 'silent', estimate: null, interval: null, sampleSize: 0 }, unit('ok', 0.7, 0.8, 0.9, 30)],
      30,
    );
    expect(ranked.map((u) => [u.id, u.rank, u.unranked])).toEqual([
      ['ok', { group: 1, from: 1, to: 1 }, null],
      ['small', null, 'below-minimum-sample'],
      ['silent', null, 'no-estimate'],
    ]);
  });

  it('refuses a unit listed twice', () => {
    expect(() => rankUnits([unit('a', 0.1, 0.2, 0.3), unit('a', 0.1, 0.2, 0.3)])).toThrow(RangeError);
  });

  const candidates = fc.uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      a: fc.double({ min: 0, max: 1, noNaN: true }),
      b: fc.double({ min: 0, max: 1, noNaN: true }),
      t: fc.double({ min: 0, max: 1, noNaN: true }),
      sampleSize: fc.integer({ min: 0, max: 60 }),
    }),
    { selector: (c) => c.id, maxLength: 25 },
  );
  const toCandidates = (cs: { id: string; a: number; b: number; t: number; sampleSize: number }[]): RankCandidate[] =>
    cs.map(({ id, a, b, t, sampleSize }) => {
      const [lower, upper] = a <= b ? [a, b] : [b, a];
      return { id, interval: { lower, upper }, estimate: lower + t * (upper - lower), sampleSize };
    });

  it('is invariant under input order', () => {
    fc.assert(
      fc.property(
        candidates.chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length, maxLength: cs.length }))),
        ([cs, shuffled]) => {
          expect(rankUnits(toCandidates(shuffled))).toEqual(rankUnits(toCandidates(cs)));
        },
      ),
    );
  });

  it('keeps overlapping units together and separates groups by a gap, higher groups above lower ones', () => {
    fc.assert(
      fc.property(candidates, (cs) => {
        const ranked = rankUnits(toCandidates(cs)).filter((u) => u.rank !== null);
        for (const x of ranked) {
          for (const y of ranked) {
            if (!x.interval || !y.interval || !x.rank || !y.rank) throw new Error('ranked units have intervals');
            const overlap = x.interval.lower <= y.interval.upper && y.interval.lower <= x.interval.upper;
            if (overlap) expect(x.rank.group).toBe(y.rank.group);
            if (x.rank.group < y.rank.group) expect(x.interval.lower).toBeGreaterThan(y.interval.upper);
          }
        }
        // Positions cover 1..n without gaps.
        const spans = [...new Map(ranked.map((u) => [u.rank?.group, u.rank])).values()];
        expect(spans.reduce((n, s) => (s && s.from === n + 1 ? s.to : NaN), 0)).toBe(ranked.length);
        expect(ranked.every((u) => u.sampleSize >= 30)).toBe(true);
      }),
    );
  });
});
