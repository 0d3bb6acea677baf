import { DirectorySpecification } from './specification';
import { SplitUnit } from './split-unit';
import { directorySpecFixtures } from '@hailong/directory/history';

const {
  COMMUNE_1,
  DISTRICT_A,
  DISTRICT_B,
  NEW_COMMUNE,
  NEW_COMMUNE_2,
  NOBODY,
  registered,
  vinhPhuc,
} = directorySpecFixtures;

const { given } = DirectorySpecification;

const successors = [
  registered(NEW_COMMUNE, '09000', 'commune-police', DISTRICT_A, '2024-01-01'),
  registered(
    NEW_COMMUNE_2,
    '09001',
    'commune-police',
    DISTRICT_A,
    '2024-01-01',
  ),
];
const split: SplitUnit = {
  type: 'SplitUnit',
  unitId: COMMUNE_1,
  successorIds: [NEW_COMMUNE, NEW_COMMUNE_2],
  effectiveDate: '2024-01-01',
};

describe('SplitUnit', () => {
  it('given a commune and two new communes, when split, then UnitSplit naming both successors', () => {
    given(...vinhPhuc, ...successors)
      .when(split)
      .then([
        {
          type: 'UnitSplit',
          data: {
            unitId: COMMUNE_1,
            successorIds: [NEW_COMMUNE, NEW_COMMUNE_2],
            effectiveDate: '2024-01-01',
          },
        },
      ]);
  });

  it('ends the split unit on the date and records its successors', () => {
    expect(
      given(...vinhPhuc, ...successors)
        .when(split)
        .thenState(COMMUNE_1),
    ).toMatchObject({
      status: 'split',
      validTo: '2024-01-01',
      successorIds: [NEW_COMMUNE, NEW_COMMUNE_2],
    });
  });

  it('refuses fewer than two successors (too-few) or one named twice (duplicate)', () => {
    given(...vinhPhuc, ...successors)
      .when({ ...split, successorIds: [NEW_COMMUNE] })
      .thenRefuses('too-few', 'successorIds');
    given(...vinhPhuc, ...successors)
      .when({ ...split, successorIds: [NEW_COMMUNE, NEW_COMMUNE] })
      .thenRefuses('duplicate', 'successorIds');
  });

  it('refuses a successor that is not valid on the date (successor-not-valid)', () => {
    given(...vinhPhuc, ...successors)
      .when({ ...split, successorIds: [NEW_COMMUNE, NOBODY] })
      .thenRefuses('successor-not-valid', 'successorIds');
  });

  it('refuses the unit itself as a successor (successor-self)', () => {
    given(...vinhPhuc, ...successors)
      .when({ ...split, successorIds: [NEW_COMMUNE, COMMUNE_1] })
      .thenRefuses('successor-self', 'successorIds');
  });

  it('refuses an unknown unit (unit-unknown)', () => {
    given(...vinhPhuc, ...successors)
      .when({ ...split, unitId: NOBODY })
      .thenRefuses('unit-unknown');
  });

  it('refuses a unit already split (unit-closed)', () => {
    const done = {
      type: 'UnitSplit' as const,
      data: {
        unitId: COMMUNE_1,
        successorIds: [NEW_COMMUNE, NEW_COMMUNE_2],
        effectiveDate: '2024-01-01',
      },
    };
    given(...vinhPhuc, ...successors, done)
      .when({ ...split, effectiveDate: '2024-06-01' })
      .thenRefuses('unit-closed');
  });

  it('refuses a date before the last change (history-order)', () => {
    const moved = {
      type: 'UnitMoved' as const,
      data: {
        unitId: COMMUNE_1,
        parentId: DISTRICT_B,
        previousParentId: DISTRICT_A,
        effectiveDate: '2024-02-01',
      },
    };
    given(...vinhPhuc, ...successors, moved)
      .when(split)
      .thenRefuses('history-order');
  });
});
