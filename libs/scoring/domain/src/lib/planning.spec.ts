import { requiredSampleSize, sampleProgress } from './planning';

describe('sample-size planning n = N / (1 + N·e²)', () => {
  it.each([
    // N, e, hand-computed n
    [100, 0.05, 80], // 100 / 1.25 = 80 exactly: float noise must not round it up to 81
    [1000, 0.05, 286], // 1000 / 3.5 = 285.71
    [7528, 0.05, 380], // 7528 / 19.82 = 379.82
    [1_000_000, 0.05, 400], // 1e6 / 2501 = 399.84: never more than 1/e² = 400
    [100, 0.1, 50], // 100 / 2
    [10, 0.05, 10], // 10 / 1.025 = 9.76: a small unit must ask nearly everyone
    [0, 0.05, 0],
  ])('needs, for N = %p services at e = %p, n = %p respondents', (N, e, n) => {
    expect(requiredSampleSize(N, e)).toBe(n);
  });

  it('uses e = 5% by default', () => {
    expect(requiredSampleSize(1000)).toBe(286);
  });

  it('refuses a count or margin that makes no sense', () => {
    expect(() => requiredSampleSize(-1)).toThrow(RangeError);
    expect(() => requiredSampleSize(10.5)).toThrow(RangeError);
    expect(() => requiredSampleSize(100, 0)).toThrow(RangeError);
    expect(() => requiredSampleSize(100, 1)).toThrow(RangeError);
    expect(() => sampleProgress(100, -2)).toThrow(RangeError);
  });

  it('reports progress against the required sample', () => {
    expect(sampleProgress(1000, 143)).toEqual({
      servicesDelivered: 1000,
      marginOfError: 0.05,
      required: 286,
      collected: 143,
      remaining: 143,
      progress: 0.5,
      reached: false,
    });
    expect(sampleProgress(100, 95)).toMatchObject({ required: 80, remaining: 0, reached: true, progress: 95 / 80 });
    expect(sampleProgress(0, 0)).toMatchObject({ required: 0, progress: null, reached: true });
  });
});
