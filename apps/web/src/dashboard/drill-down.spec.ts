import { describe, expect, it } from 'vitest';
import { currentUnit, drillInto, drillUpTo, parseTrail, trailParam } from './drill-down';

const PROVINCE = '11111111-1111-4111-8111-111111111111';
const DISTRICT = '22222222-2222-4222-8222-222222222222';
const COMMUNE = '33333333-3333-4333-8333-333333333333';

describe('drill-down trail', () => {
  it('starts at the whole campaign', () => {
    expect(currentUnit(parseTrail(null))).toBeNull();
    expect(trailParam([])).toBeNull();
  });

  it('goes down one unit at a time and shows the children of the last one', () => {
    const trail = drillInto(drillInto(drillInto([], PROVINCE), DISTRICT), COMMUNE);
    expect(trail).toEqual([PROVINCE, DISTRICT, COMMUNE]);
    expect(currentUnit(trail)).toBe(COMMUNE);
  });

  it('goes back up to a unit of the trail, or to the top', () => {
    const trail = [PROVINCE, DISTRICT, COMMUNE];
    expect(drillUpTo(trail, 0)).toEqual([PROVINCE]);
    expect(drillUpTo(trail, -1)).toEqual([]);
    expect(drillInto(trail, DISTRICT.toUpperCase())).toEqual([PROVINCE, DISTRICT]);
  });

  it('survives the address: the ids round-trip and anything that is not a unit id is dropped', () => {
    const trail = [PROVINCE, DISTRICT];
    expect(parseTrail(trailParam(trail))).toEqual(trail);
    expect(parseTrail(`${PROVINCE},../etc,${DISTRICT.toUpperCase()}`)).toEqual([PROVINCE, DISTRICT]);
  });
});
