import { DirectoryEvent } from '@hailong/directory/history';
import { BreakdownGrouping, BreakdownSpec, describeGroup, dimensionsOf, isoWeekOf, periodKeyOf } from './breakdown';
import { DirectorySnapshot } from './directory-snapshot';
import { offsetsReached } from './publication';
import { parseRespondentGroupKey, respondentGroupKey, vietnamDateOf } from './scoring-projection';

const id = (n: number) => `f0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [P, D, C1, C2, C3, C4, NEWP, NC, NC2] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(id);

const registered = (unitId: string, unitType: string, parentId: string | null, validFrom = '2020-01-01'): DirectoryEvent =>
  ({
    type: 'UnitRegistered',
    data: {
      unitId,
      code: unitId.slice(-3),
      unitType,
      nameVi: `Đơn vị ${unitId.slice(-1)}`,
      nameEn: `Unit ${unitId.slice(-1)}`,
      parentId,
      areaCode: null,
      validFrom,
    },
  }) as DirectoryEvent;

// A province with a district of four communes; the district dissolved into the province in 2025, the
// province merged into a new one, C1+C2 merged into NC, C3 split between NC and NC2, C4's successor unknown.
const directory = new DirectorySnapshot([
  registered(P, 'provincial-police', null),
  registered(D, 'district-police', P),
  registered(C1, 'commune-police', D),
  registered(C2, 'commune-police', D),
  registered(C3, 'commune-police', D),
  registered(C4, 'commune-police', D),
  { type: 'UnitDissolved', data: { unitId: C4, successorId: null, successorUnknown: true, effectiveDate: '2025-01-01' } } as DirectoryEvent,
  ...[C1, C2, C3].map(
    (unitId) => ({ type: 'UnitMoved', data: { unitId, parentId: P, previousParentId: D, effectiveDate: '2025-03-01' } }) as DirectoryEvent,
  ),
  { type: 'UnitDissolved', data: { unitId: D, successorId: P, successorUnknown: false, effectiveDate: '2025-03-01' } } as DirectoryEvent,
  registered(NEWP, 'provincial-police', null, '2025-07-01'),
  registered(NC, 'commune-police', NEWP, '2025-07-01'),
  registered(NC2, 'commune-police', NEWP, '2025-07-01'),
  ...[C1, C2].map(
    (unitId) =>
      ({ type: 'UnitMerged', data: { unitId, successorId: NC, mergedUnitIds: [C1, C2], effectiveDate: '2025-07-01' } }) as DirectoryEvent,
  ),
  { type: 'UnitSplit', data: { unitId: C3, successorIds: [NC, NC2], effectiveDate: '2025-07-01' } } as DirectoryEvent,
  { type: 'UnitMerged', data: { unitId: P, successorId: NEWP, mergedUnitIds: [P], effectiveDate: '2025-07-01' } } as DirectoryEvent,
]);

const spec = (over: Partial<BreakdownSpec>): BreakdownSpec => ({
  by: 'unit',
  structure: 'as-it-was',
  on: '2025-08-01',
  under: null,
  period: 'month',
  respondentField: null,
  ...over,
});
const groupOf = (over: Partial<BreakdownSpec>, unitId: string, serviceDay = '2022-04-10') =>
  new BreakdownGrouping(spec(over), directory).groupOf({ unitId, serviceDay });

describe('breakdown grouping', () => {
  it('keeps a response at its unit as it was, and under that unit’s parents of the service date when drilling down', () => {
    expect(groupOf({}, C1)).toBe(`unit:${C1}`);
    expect(groupOf({ under: P }, C1)).toBe(`unit:${D}`);
    expect(groupOf({ under: D }, C1)).toBe(`unit:${C1}`);
    expect(groupOf({ under: D }, D)).toBe(`unit:${D}`); // the district's own responses
    expect(groupOf({ under: D }, P)).toBeNull(); // outside the district
    // In April 2025 the commune hangs directly under the province.
    expect(groupOf({ under: P }, C1, '2025-04-10')).toBe(`unit:${C1}`);
  });

  it('rolls a unit up to whoever carries on its work on the structure date: merged, dissolved into a parent, split, or unknown', () => {
    const rolled = { structure: 'rolled-up' as const, on: '2025-08-01' };
    expect(groupOf(rolled, C1)).toBe(`unit:${NC}`);
    expect(groupOf(rolled, C2)).toBe(`unit:${NC}`);
    expect(groupOf(rolled, D)).toBe(`unit:${NEWP}`); // district → province → the new province
    expect(groupOf({ ...rolled, on: '2025-04-01' }, D)).toBe(`unit:${P}`);
    expect(groupOf(rolled, C3)).toBe(`shared:${[NC, NC2].sort().join('+')}`);
    expect(groupOf(rolled, C4)).toBe(`unknown:${C4}`);
  });

  it('drills into the structure date’s units, keeping a unit with an unknown successor under the area it belonged to', () => {
    const under = { structure: 'rolled-up' as const, on: '2025-08-01', under: NEWP };
    expect(groupOf(under, C1)).toBe(`unit:${NC}`);
    expect(groupOf(under, D)).toBe(`unit:${NEWP}`);
    expect(groupOf(under, C4)).toBe(`unknown:${C4}`);
    expect(groupOf(under, C3)).toBe(`shared:${[NC, NC2].sort().join('+')}`);
    expect(groupOf({ ...under, under: NC }, C3)).toBe(`shared:${[NC, NC2].sort().join('+')}`);
    expect(groupOf({ ...under, under: NC }, D)).toBeNull();
  });

  it('groups by unit type as it was or as rolled up', () => {
    expect(groupOf({ by: 'unitType' }, D)).toBe('unitType:district-police');
    expect(groupOf({ by: 'unitType', structure: 'rolled-up' }, D)).toBe('unitType:provincial-police');
    expect(groupOf({ by: 'unitType', structure: 'rolled-up' }, C4)).toBe('unitType:unknown');
  });

  it('reads only the dimensions a breakdown needs, so SQL sums over the rest', () => {
    expect(dimensionsOf(spec({ by: 'channel' }))).toEqual({
      unit: false,
      day: false,
      channel: true,
      procedure: false,
      respondentGroup: false,
    });
    expect(dimensionsOf(spec({ by: 'unit' }))).toMatchObject({ unit: true, day: false });
    expect(dimensionsOf(spec({ by: 'unit', under: P }))).toMatchObject({ unit: true, day: true });
    expect(dimensionsOf(spec({ by: 'unit', under: P, structure: 'rolled-up' }))).toMatchObject({ unit: true, day: false });
    expect(dimensionsOf(spec({ by: 'period' }))).toMatchObject({ unit: false, day: true });
  });

  it('names groups, an unknown successor as such', () => {
    expect(describeGroup(`unknown:${C4}`, directory, '2022-05-31')).toMatchObject({
      successorUnknown: true,
      labelEn: 'Unit 6 (successor unknown)',
    });
    expect(describeGroup(`shared:${NC}+${NC2}`, directory, '2025-08-01').units.map((u) => u.unitId)).toEqual([NC, NC2]);
    expect(describeGroup('channel:paper', directory, '2022-05-31')).toMatchObject({
      labelVi: 'Phiếu điều tra xã hội học',
      labelEn: 'Paper survey',
    });
    expect(describeGroup('unitType:commune-police', directory, '2022-05-31').labelVi).toBe('Công an cấp xã');
  });
});

describe('periods, dates and groups', () => {
  it('gives ISO weeks starting on Monday, across year ends', () => {
    expect(isoWeekOf('2022-04-04')).toBe('2022-W14'); // a Monday
    expect(isoWeekOf('2022-04-10')).toBe('2022-W14'); // its Sunday
    expect(isoWeekOf('2022-01-01')).toBe('2021-W52');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(periodKeyOf('2022-04-10', 'month')).toBe('2022-04');
    expect(periodKeyOf('2022-04-10', 'campaign')).toBe('campaign');
  });

  it('takes the Vietnamese date of an instant', () => {
    expect(vietnamDateOf('2022-04-30T17:00:00Z')).toBe('2022-05-01');
    expect(vietnamDateOf('2022-04-30T16:59:59Z')).toBe('2022-04-30');
  });

  it('keys respondent groups canonically', () => {
    const key = respondentGroupKey({ sex: 'female', respondentType: 'individual' });
    expect(key).toBe('respondentType=individual;sex=female');
    expect(parseRespondentGroupKey(key)).toEqual({ sex: 'female', respondentType: 'individual' });
    expect(respondentGroupKey({})).toBe('');
  });

  it('says a publication may proceed only once every partition has reached its end offset', () => {
    expect(offsetsReached({ 0: '5', 1: '3' }, { 0: '5', 1: '3', 2: '0' })).toBe(true);
    expect(offsetsReached({ 0: '5' }, { 0: '5', 1: '1' })).toBe(false);
    expect(offsetsReached({ 0: '4', 1: '9' }, { 0: '5', 1: '3' })).toBe(false);
  });
});
