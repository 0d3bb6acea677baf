import { DirectorySpecification } from './specification';
import { MoveUnit } from './move-unit';
import { directorySpecFixtures } from '@hailong/directory/history';

const {
  COMMUNE_1,
  COMMUNE_3,
  DISTRICT_A,
  DISTRICT_B,
  DIVISION,
  NOBODY,
  PROVINCE,
  registered,
  vinhPhuc,
} = directorySpecFixtures;

const { given } = DirectorySpecification;

const underProvince: MoveUnit = {
  type: 'MoveUnit',
  unitId: COMMUNE_1,
  parentId: PROVINCE,
  effectiveDate: '2025-03-01',
};

describe('MoveUnit', () => {
  it('given a commune under a district, when moved under the provincial police, then UnitMoved naming both parents', () => {
    given(...vinhPhuc)
      .when(underProvince)
      .then([
        {
          type: 'UnitMoved',
          data: {
            unitId: COMMUNE_1,
            parentId: PROVINCE,
            previousParentId: DISTRICT_A,
            effectiveDate: '2025-03-01',
          },
        },
      ]);
  });

  it('evolves the parent and the date of the last change', () => {
    expect(
      given(...vinhPhuc)
        .when(underProvince)
        .thenState(COMMUNE_1),
    ).toMatchObject({
      parentId: PROVINCE,
      lastChangedOn: '2025-03-01',
      version: 2,
    });
  });

  it('refuses a parent that does not exist (parent-not-valid)', () => {
    given(...vinhPhuc)
      .when({ ...underProvince, parentId: NOBODY })
      .thenRefuses('parent-not-valid', 'parentId');
  });

  it('refuses a parent not yet valid on the date (parent-not-valid)', () => {
    const later = registered(
      'a0000000-0000-4000-8000-000000000011',
      '245',
      'district-police',
      PROVINCE,
      '2026-01-01',
    );
    given(...vinhPhuc, later)
      .when({ ...underProvince, parentId: later.data.unitId })
      .thenRefuses('parent-not-valid', 'parentId');
  });

  it('refuses a parent of the wrong type (parent-type)', () => {
    given(...vinhPhuc)
      .when({ ...underProvince, parentId: DIVISION })
      .thenRefuses('parent-type', 'parentId');
  });

  it('refuses moving a unit under itself (cycle)', () => {
    given(...vinhPhuc)
      .when({ ...underProvince, unitId: DISTRICT_A, parentId: DISTRICT_A })
      .thenRefuses('cycle', 'parentId');
  });

  it('refuses moving a unit under one of its descendants on the date (cycle)', () => {
    // A district under a commune is also the wrong type, but the cycle is the deeper fault and is named first.
    given(...vinhPhuc)
      .when({ ...underProvince, unitId: DISTRICT_A, parentId: COMMUNE_1 })
      .thenRefuses('cycle', 'parentId');
  });

  it('refuses moving the root under a grandchild (cycle)', () => {
    given(...vinhPhuc)
      .when({ ...underProvince, unitId: PROVINCE, parentId: COMMUNE_3 })
      .thenRefuses('cycle', 'parentId');
  });

  it('refuses the parent it already has (no-change)', () => {
    given(...vinhPhuc)
      .when({ ...underProvince, parentId: DISTRICT_A })
      .thenRefuses('no-change', 'parentId');
  });

  it('refuses an unknown unit (unit-unknown)', () => {
    given(...vinhPhuc)
      .when({ ...underProvince, unitId: NOBODY })
      .thenRefuses('unit-unknown');
  });

  it('refuses a split unit (unit-closed)', () => {
    const split = {
      type: 'UnitSplit' as const,
      data: {
        unitId: COMMUNE_1,
        successorIds: [DISTRICT_A, DISTRICT_B],
        effectiveDate: '2024-01-01',
      },
    };
    given(...vinhPhuc, split)
      .when(underProvince)
      .thenRefuses('unit-closed');
  });

  it('refuses a date before the last change (history-order)', () => {
    const moved = {
      type: 'UnitMoved' as const,
      data: {
        unitId: COMMUNE_1,
        parentId: DISTRICT_B,
        previousParentId: DISTRICT_A,
        effectiveDate: '2025-06-01',
      },
    };
    given(...vinhPhuc, moved)
      .when(underProvince)
      .thenRefuses('history-order');
  });
});
