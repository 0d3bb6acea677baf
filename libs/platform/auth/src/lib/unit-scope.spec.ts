import { Roles } from '@hailong/contracts';
import { confinedUnitOf } from './unit-scope';

describe('confinedUnitOf', () => {
  const unit = 'AAAAAAAA-0000-4000-8000-000000000001';

  it('confines staff tied to a unit to it (lower case)', () => {
    expect(confinedUnitOf({ id: 'm', roles: [Roles.campaignManager], unitId: unit })).toBe(unit.toLowerCase());
    expect(confinedUnitOf({ id: 'v', roles: [Roles.viewer, Roles.surveyor], unitId: unit })).toBe(unit.toLowerCase());
  });

  it('leaves a province-wide role, or an account tied to no unit, unconfined', () => {
    expect(confinedUnitOf({ id: 'a', roles: [Roles.auditor], unitId: unit })).toBeNull();
    expect(confinedUnitOf({ id: 'r', roles: [Roles.viewer, Roles.reinspector], unitId: unit })).toBeNull();
    expect(confinedUnitOf({ id: 'v', roles: [Roles.viewer], unitId: null })).toBeNull();
  });
});
