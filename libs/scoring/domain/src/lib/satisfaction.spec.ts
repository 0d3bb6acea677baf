import fc from 'fast-check';
import { addLevel, EMPTY_LEVEL_COUNTS, LevelCounts } from './levels';
import { pooledSatisfaction } from './satisfaction';
import { wilsonInterval } from './wilson';

describe('pooled satisfaction', () => {
  it('counts levels 4 and 5 as satisfied over every valid answer', () => {
    const result = pooledSatisfaction([1, 1, 2, 3, 3]);
    expect(result.satisfied).toBe(6);
    expect(result.valid).toBe(10);
    expect(result.share).toBeCloseTo(0.6, 12);
    expect(result.meanScore).toBeCloseTo((1 + 2 + 6 + 12 + 15) / 10, 12);
  });

  it('has no share and no interval when nothing was answered', () => {
    expect(pooledSatisfaction(EMPTY_LEVEL_COUNTS)).toEqual({
      satisfied: 0,
      valid: 0,
      share: null,
      interval: null,
      meanScore: null,
    });
  });

  it('reproduces the pooled ratio 6,650 / 7,528 = 88.34% of DESIGN with its Wilson interval', () => {
    const counts = addLevel(addLevel(EMPTY_LEVEL_COUNTS, 4, 6650), 2, 7528 - 6650);
    const result = pooledSatisfaction(counts);
    expect(result.share).toBeCloseTo(0.8834, 4);
    // Hand-computed: centre = (p + z²/2n)/(1 + z²/n), half = z/(1 + z²/n)·√(p(1−p)/n + z²/4n²).
    expect(result.interval?.lower).toBeCloseTo(0.875922, 5);
    expect(result.interval?.upper).toBeCloseTo(0.890425, 5);
  });
});

describe('wilson interval', () => {
  it('stays inside [0, 1] and contains the estimate for any counts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const k = Math.floor(f * n);
        const interval = wilsonInterval(k, n);
        expect(interval).not.toBeNull();
        if (!interval) return;
        expect(interval.lower).toBeGreaterThanOrEqual(0);
        expect(interval.upper).toBeLessThanOrEqual(1);
        expect(interval.lower).toBeLessThanOrEqual(k / n + 1e-12);
        expect(interval.upper).toBeGreaterThanOrEqual(k / n - 1e-12);
      }),
    );
  });

  it('refuses impossible counts', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
  });

  it('gives the same result whatever order the answers were counted in', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 200 }), (levels) => {
        const count = (ls: number[]) => ls.reduce<LevelCounts>((c, l) => addLevel(c, l as 1), EMPTY_LEVEL_COUNTS);
        expect(pooledSatisfaction(count([...levels].reverse()))).toEqual(pooledSatisfaction(count(levels)));
      }),
    );
  });
});
