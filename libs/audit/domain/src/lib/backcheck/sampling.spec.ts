import { drawSample, SampleCandidate, stratumSampleSize } from './sampling';

/** Deterministic ids that do not sort in the order they are made, so ordering bugs show. */
const id = (n: number) => `${(n * 2654435761) % 4294967296}`.padStart(10, '0') + `-r${n}`;

function population(sizes: Record<string, number>, collectors = ['surveyor:a', 'surveyor:b']): SampleCandidate[] {
  let n = 0;
  return Object.entries(sizes).flatMap(([unitId, size]) =>
    Array.from({ length: size }, (_, i) => ({
      responseId: id((n += 1)),
      unitId,
      collector: collectors[i % collectors.length],
      channel: i % 3 === 0 ? 'tablet' : 'paper',
    })),
  );
}

describe('back-check sampling', () => {
  const candidates = population({ 'unit-a': 40, 'unit-b': 7, 'unit-c': 1, 'unit-d': 103 });

  it('gives each stratum ceil(share × N) responses, at least one of a non-empty stratum and never more than it holds', () => {
    const sample = drawSample(candidates, { strata: 'unit', size: { kind: 'share', share: 0.1 } }, 42);
    expect(sample.strata.map((s) => [s.unitId, s.population, s.drawn.length])).toEqual([
      ['unit-a', 40, 4],
      ['unit-b', 7, 1],
      ['unit-c', 1, 1],
      ['unit-d', 103, 11],
    ]);
    expect(stratumSampleSize(30, { kind: 'share', share: 0.1 })).toBe(3);
    expect(stratumSampleSize(30, { kind: 'share', share: 0.15 })).toBe(5);
    expect(stratumSampleSize(0, { kind: 'share', share: 0.2 })).toBe(0);
    expect(stratumSampleSize(5, { kind: 'count', count: 8 })).toBe(5);
  });

  it('draws a fixed number per stratum, capped at the stratum', () => {
    const sample = drawSample(candidates, { strata: 'unit', size: { kind: 'count', count: 5 } }, 1);
    expect(sample.strata.map((s) => s.drawn.length)).toEqual([5, 5, 1, 5]);
  });

  it('draws only members of the stratum, each at most once', () => {
    const sample = drawSample(candidates, { strata: 'unit-collector', size: { kind: 'share', share: 0.2 } }, 9);
    for (const stratum of sample.strata) {
      const members = new Set(
        candidates.filter((c) => c.unitId === stratum.unitId && c.collector === stratum.collector).map((c) => c.responseId),
      );
      expect(new Set(stratum.drawn).size).toBe(stratum.drawn.length);
      expect(stratum.drawn.every((r) => members.has(r))).toBe(true);
      expect(stratum.population).toBe(members.size);
    }
    expect(sample.strata.map((s) => s.key)).toContain('unit:unit-d|collector:surveyor:b');
  });

  it('gives the same sample for the same seed, whatever order the responses come in', () => {
    const rule = { strata: 'unit-channel', size: { kind: 'share', share: 0.15 } } as const;
    const first = drawSample(candidates, rule, 20261128);
    const again = drawSample([...candidates].reverse(), rule, 20261128);
    expect(again).toEqual(first);
    expect(again.populationDigest).toBe(first.populationDigest);
  });

  it('gives another sample for another seed', () => {
    const rule = { strata: 'unit', size: { kind: 'share', share: 0.2 } } as const;
    const a = drawSample(candidates, rule, 1);
    const b = drawSample(candidates, rule, 2);
    expect(b.strata.map((s) => s.drawn.length)).toEqual(a.strata.map((s) => s.drawn.length));
    expect(b.strata.flatMap((s) => s.drawn)).not.toEqual(a.strata.flatMap((s) => s.drawn));
  });

  it('draws every response about equally often over many seeds (no response is favoured)', () => {
    const small = population({ u: 10 });
    const hits = new Map<string, number>();
    for (let seed = 0; seed < 4000; seed += 1) {
      for (const r of drawSample(small, { strata: 'unit', size: { kind: 'count', count: 3 } }, seed).strata[0].drawn) {
        hits.set(r, (hits.get(r) ?? 0) + 1);
      }
    }
    // Expected 1200 each; 5 standard deviations is about ±145.
    for (const count of hits.values()) expect(Math.abs(count - 1200)).toBeLessThan(150);
    expect(hits.size).toBe(10);
  });

  it('refuses a share outside (0, 1], a seed that is not unsigned 32-bit and a response given twice', () => {
    expect(() => drawSample(candidates, { strata: 'unit', size: { kind: 'share', share: 0 } }, 1)).toThrow(/share/);
    expect(() => drawSample(candidates, { strata: 'unit', size: { kind: 'share', share: 1.5 } }, 1)).toThrow(/share/);
    expect(() => drawSample(candidates, { strata: 'unit', size: { kind: 'count', count: 1 } }, -1)).toThrow(/seed/);
    expect(() => drawSample([candidates[0], candidates[0]], { strata: 'unit', size: { kind: 'count', count: 1 } }, 1)).toThrow(/twice/);
  });
});
