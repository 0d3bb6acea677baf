import { describe, expect, it } from 'vitest';
import {
  canDrillInto,
  formatIndex,
  formatInterval,
  inRankOrder,
  intervalPoint,
  intervalWidthPoints,
  rankLabel,
  reliabilityOf,
} from './figure-format';
import type { FigureGroup } from './scoring-api';

const unitGroup = (id: string, unitType: string, index: number | null, rank: FigureGroup['rank'], nameVi = id) =>
  ({
    key: `unit:${id}`,
    overall: { index, interval: index === null ? null : { lower: index - 0.1, upper: index + 0.1 } },
    rank,
    label: {
      key: `unit:${id}`,
      labelVi: nameVi,
      labelEn: nameVi,
      successorUnknown: false,
      units: [{ unitId: id, code: id, unitType, nameVi, nameEn: nameVi, validFrom: '2020-01-01', validTo: null }],
    },
  }) as unknown as FigureGroup;

describe('figures as the dashboard writes them', () => {
  it('writes an index as a percentage with one decimal, with the Vietnamese decimal comma', () => {
    expect(formatIndex(0.7321, 'en')).toBe('73.2%');
    expect(formatIndex(0.7321, 'vi')).toMatch(/^73,2\s?%$/);
    expect(formatIndex(null, 'vi')).toBe('—');
  });

  it('writes both ends of an interval, so an asymmetric one stays asymmetric', () => {
    expect(formatInterval({ lower: 0.612, upper: 0.9 }, 'en')).toBe('61.2–90.0%');
    expect(formatInterval({ lower: 0.612, upper: 0.9 }, 'vi')).toBe('61,2–90,0 %');
    expect(formatInterval(null, 'en')).toBe('—');
    expect(intervalWidthPoints({ lower: 0.612, upper: 0.9 })).toBe(28.8);
  });

  it('tells a figure with no answers, a small sample and enough respondents apart', () => {
    expect(reliabilityOf({ sampleSize: 0, belowMinimumSample: true, overall: { index: null, interval: null } })).toBe('no-answers');
    expect(reliabilityOf({ sampleSize: 4, belowMinimumSample: true, overall: { index: 0.5, interval: null } })).toBe('small-sample');
    expect(reliabilityOf({ sampleSize: 40, belowMinimumSample: false, overall: { index: 0.5, interval: null } })).toBe('enough');
  });

  it('labels a rank group by the positions it spans', () => {
    expect(rankLabel({ group: 1, from: 1, to: 3 })).toBe('1–3');
    expect(rankLabel({ group: 2, from: 4, to: 4 })).toBe('4');
    expect(rankLabel(null)).toBeNull();
  });

  it('orders units by rank group, by estimate inside a group, and puts the unranked last', () => {
    const groups = [
      unitGroup('small', 'commune-police', 0.99, null),
      unitGroup('b', 'commune-police', 0.7, { group: 1, from: 1, to: 2 }),
      unitGroup('c', 'commune-police', 0.4, { group: 2, from: 3, to: 3 }),
      unitGroup('a', 'commune-police', 0.8, { group: 1, from: 1, to: 2 }),
    ];
    expect(inRankOrder(groups).map((g) => g.label.labelVi)).toEqual(['a', 'b', 'c', 'small']);
  });

  it('offers a drill-down into districts and the province, never into a commune or the unit already shown', () => {
    expect(canDrillInto(unitGroup('d1', 'district-police', 0.8, null), null)).toBe(true);
    expect(canDrillInto(unitGroup('c1', 'commune-police', 0.8, null), null)).toBe(false);
    expect(canDrillInto(unitGroup('d1', 'district-police', 0.8, null), 'd1')).toBe(false);
  });

  it('gives recharts the distances below and above the estimate, in percentage points', () => {
    expect(
      intervalPoint('A', 'Access', { index: 0.75, interval: { lower: 0.6, upper: 0.85 }, sampleSize: 12, belowMinimumSample: true }),
    ).toEqual({
      id: 'A',
      label: 'Access',
      value: 75,
      error: [15, 10],
      sampleSize: 12,
      smallSample: true,
    });
    expect(intervalPoint('B', 'B', { index: null, interval: null, sampleSize: 0 }).error).toBeNull();
  });
});
