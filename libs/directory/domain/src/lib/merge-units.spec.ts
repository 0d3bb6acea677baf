import { DirectorySpecification } from './specification';
import { MergeUnits } from './merge-units';
import { directorySpecFixtures } from '@hailong/directory/history';

const {
  COMMUNE_1,
  COMMUNE_2,
  COMMUNE_3,
  DISTRICT_A,
  NEW_COMMUNE,
  NOBODY,
  registered,
  vinhPhuc,
} = directorySpecFixtures;

const { given } = DirectorySpecification;

const newCommune = registered(
  NEW_COMMUNE,
  '09000',
  'commune-police',
  DISTRICT_A,
  '2025-01-01',
);
const merge: MergeUnits = {
  type: 'MergeUnits',
  unitIds: [COMMUNE_1, COMMUNE_2],
  successorId: NEW_COMMUNE,
  effectiveDate: '2025-01-01',
};
const merged = (unitId: string) => ({
  type: 'UnitMerged' as const,
  data: {
    unitId,
    successorId: NEW_COMMUNE,
    mergedUnitIds: [COMMUNE_1, COMMUNE_2],
    effectiveDate: '2025-01-01',
  },
});

describe('MergeUnits', () => {
  it('given two communes and their new successor, when merged, then one UnitMerged per merged unit', () => {
    given(...vinhPhuc, newCommune)
      .when(merge)
      .then([merged(COMMUNE_1), merged(COMMUNE_2)]);
  });

  it('ends the merged unit on the merge date and records its successor', () => {
    expect(
      given(...vinhPhuc, newCommune)
        .when(merge)
        .thenState(COMMUNE_2),
    ).toMatchObject({
      status: 'merged',
      validTo: '2025-01-01',
      lastChangedOn: '2025-01-01',
      successorIds: [NEW_COMMUNE],
      version: 2,
    });
  });

  it('accepts merging into an existing unit that carries on', () => {
    given(...vinhPhuc)
      .when({ ...merge, unitIds: [COMMUNE_2], successorId: COMMUNE_1 })
      .then([
        {
          type: 'UnitMerged',
          data: {
            unitId: COMMUNE_2,
            successorId: COMMUNE_1,
            mergedUnitIds: [COMMUNE_2],
            effectiveDate: '2025-01-01',
          },
        },
      ]);
  });

  it('refuses a successor that does not exist (successor-not-valid)', () => {
    given(...vinhPhuc)
      .when(merge)
      .thenRefuses('successor-not-valid', 'successorId');
  });

  it('refuses a successor not yet valid on the date (successor-not-valid)', () => {
    given(...vinhPhuc, newCommune)
      .when({ ...merge, effectiveDate: '2024-12-31' })
      .thenRefuses('successor-not-valid', 'successorId');
  });

  it('refuses a unit merged into itself (successor-self)', () => {
    given(...vinhPhuc)
      .when({ ...merge, successorId: COMMUNE_1 })
      .thenRefuses('successor-self', 'successorId');
  });

  it('refuses an unknown merged unit (unit-unknown)', () => {
    given(...vinhPhuc, newCommune)
      .when({ ...merge, unitIds: [COMMUNE_1, NOBODY] })
      .thenRefuses('unit-unknown', 'unitIds');
  });

  it('refuses a unit named twice (duplicate) and an empty list (too-few)', () => {
    given(...vinhPhuc, newCommune)
      .when({ ...merge, unitIds: [COMMUNE_1, COMMUNE_1] })
      .thenRefuses('duplicate', 'unitIds');
    given(...vinhPhuc, newCommune)
      .when({ ...merge, unitIds: [] })
      .thenRefuses('too-few', 'unitIds');
  });

  it('refuses a unit already merged (unit-closed), and nothing is emitted for the others', () => {
    given(...vinhPhuc, newCommune, merged(COMMUNE_1))
      .when({
        ...merge,
        unitIds: [COMMUNE_3, COMMUNE_1],
        effectiveDate: '2025-02-01',
      })
      .thenRefuses('unit-closed', 'unitIds');
  });

  it('refuses a merge dated before a merged unit last changed (history-order)', () => {
    const renamed = {
      type: 'UnitRenamed' as const,
      data: {
        unitId: COMMUNE_2,
        nameVi: 'X',
        nameEn: 'X',
        effectiveDate: '2025-06-01',
      },
    };
    given(...vinhPhuc, newCommune, renamed)
      .when(merge)
      .thenRefuses('history-order', 'effectiveDate');
  });
});
