import { DirectorySpecification } from './specification';
import { ChangeUnitType } from './change-unit-type';
import { directorySpecFixtures } from '@hailong/directory/history';

const { COMMUNE_1, DISTRICT_A, NOBODY, vinhPhuc } = directorySpecFixtures;

const { given } = DirectorySpecification;

const toDistrict: ChangeUnitType = {
  type: 'ChangeUnitType',
  unitId: COMMUNE_1,
  unitType: 'district-police',
  effectiveDate: '2023-01-01',
};
const dissolved = (unitId: string) => ({
  type: 'UnitDissolved' as const,
  data: {
    unitId,
    successorId: null,
    successorUnknown: true,
    effectiveDate: '2022-01-01',
  },
});

describe('ChangeUnitType', () => {
  it('given a commune under the provincial police, when it becomes a district, then UnitTypeChanged naming both types', () => {
    const moved = {
      type: 'UnitMoved' as const,
      data: {
        unitId: COMMUNE_1,
        parentId: vinhPhuc[0].data.unitId,
        previousParentId: DISTRICT_A,
        effectiveDate: '2021-01-01',
      },
    };
    given(...vinhPhuc, moved)
      .when(toDistrict)
      .then([
        {
          type: 'UnitTypeChanged',
          data: {
            unitId: COMMUNE_1,
            unitType: 'district-police',
            previousUnitType: 'commune-police',
            effectiveDate: '2023-01-01',
          },
        },
      ]);
  });

  it('evolves the type and keeps the identity, code and parent', () => {
    const state = given(...vinhPhuc)
      .when({
        ...toDistrict,
        unitId: DISTRICT_A,
        unitType: 'provincial-division',
      })
      .thenState(DISTRICT_A);
    expect(state).toMatchObject({
      unitId: DISTRICT_A,
      unitType: 'provincial-division',
      code: '243',
      version: 2,
      lastChangedOn: '2023-01-01',
    });
  });

  it('refuses a type its current parent cannot hold (parent-type)', () => {
    given(...vinhPhuc)
      .when(toDistrict)
      .thenRefuses('parent-type', 'unitType');
  });

  it('refuses the type it already has (no-change)', () => {
    given(...vinhPhuc)
      .when({ ...toDistrict, unitType: 'commune-police' })
      .thenRefuses('no-change', 'unitType');
  });

  it('refuses an unknown unit (unit-unknown)', () => {
    given(...vinhPhuc)
      .when({ ...toDistrict, unitId: NOBODY })
      .thenRefuses('unit-unknown');
  });

  it('refuses a dissolved unit (unit-closed)', () => {
    given(...vinhPhuc, dissolved(COMMUNE_1))
      .when(toDistrict)
      .thenRefuses('unit-closed');
  });

  it('refuses a date before the last change (history-order)', () => {
    given(...vinhPhuc)
      .when({ ...toDistrict, effectiveDate: '2019-01-01' })
      .thenRefuses('history-order');
  });
});
