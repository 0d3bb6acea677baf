import { decideRegisterUnit, RegisterUnit } from './register-unit';
import { DirectoryLookup } from './unit';
import { evolveUnit, UnitState } from '@hailong/directory/history';

const PROVINCE = 'a0000000-0000-4000-8000-000000000001';
const COMMUNE = 'a0000000-0000-4000-8000-000000000002';

function given(units: UnitState[]): DirectoryLookup {
  return {
    unitOn: (id, date) =>
      units.find(
        (u) =>
          u.unitId === id &&
          u.validFrom <= date &&
          (!u.validTo || date < u.validTo),
      ) ?? null,
    unitsWithCodeDuring: (code) => units.filter((u) => u.code === code),
  };
}

const province: UnitState = {
  unitId: PROVINCE,
  code: '26',
  unitType: 'provincial-police',
  nameVi: 'Công an tỉnh Vĩnh Phúc',
  nameEn: 'Vinh Phuc Provincial Police',
  parentId: null,
  areaCode: '26',
  validFrom: '2020-01-01',
  validTo: null,
  version: 1,
};

const registerCommune: RegisterUnit = {
  type: 'RegisterUnit',
  unitId: COMMUNE,
  code: '08740',
  unitType: 'commune-police',
  nameVi: 'Công an phường Trưng Nhị',
  nameEn: 'Trung Nhi Ward Police',
  parentId: PROVINCE,
  areaCode: '08740',
  validFrom: '2020-01-01',
};

describe('RegisterUnit', () => {
  it('given a valid parent, when registering a commune, then UnitRegistered', () => {
    const events = decideRegisterUnit(registerCommune, null, given([province]));
    expect(events).toEqual([
      {
        type: 'UnitRegistered',
        data: expect.objectContaining({ unitId: COMMUNE, parentId: PROVINCE }),
      },
    ]);
    expect(evolveUnit(null, events[0])).toMatchObject({
      unitId: COMMUNE,
      version: 1,
      validTo: null,
    });
  });

  it('refuses a unit id that is already registered', () => {
    const state = evolveUnit(
      null,
      decideRegisterUnit(registerCommune, null, given([province]))[0],
    );
    expect(() =>
      decideRegisterUnit(registerCommune, state, given([province])),
    ).toThrow(/already registered/);
  });

  it('refuses a code held by another unit valid at the same time', () => {
    expect(() =>
      decideRegisterUnit(
        { ...registerCommune, code: '26' },
        null,
        given([province]),
      ),
    ).toThrow(expect.objectContaining({ field: 'code', rule: 'code-in-use' }));
  });

  it('accepts a code whose previous holder stopped being valid before (half-open validity)', () => {
    const retired = {
      ...province,
      unitId: 'a0000000-0000-4000-8000-000000000003',
      code: '08740',
      unitType: 'commune-police' as const,
      parentId: PROVINCE,
      validTo: '2020-01-01',
    };
    expect(
      decideRegisterUnit(registerCommune, null, given([province, retired])),
    ).toHaveLength(1);
  });

  it('refuses a parent that is not valid on the date', () => {
    expect(() =>
      decideRegisterUnit(
        { ...registerCommune, validFrom: '2019-06-01' },
        null,
        given([province]),
      ),
    ).toThrow(
      expect.objectContaining({ field: 'parentId', rule: 'parent-not-valid' }),
    );
  });

  it('refuses a parent of the wrong type', () => {
    expect(() =>
      decideRegisterUnit(
        { ...registerCommune, unitType: 'provincial-police' },
        null,
        given([province]),
      ),
    ).toThrow(
      expect.objectContaining({ field: 'parentId', rule: 'parent-type' }),
    );
  });
});
