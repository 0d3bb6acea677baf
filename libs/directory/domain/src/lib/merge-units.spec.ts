import { DirectorySpecification } from './specification';
import { MergeSuccessor, MergeUnits } from './merge-units';
import { directorySpecFixtures } from '@hailong/directory/history';

const { COMMUNE_1, COMMUNE_2, COMMUNE_3, DISTRICT_A, DISTRICT_B, DIVISION, NEW_COMMUNE, NOBODY, PROVINCE, registered, vinhPhuc } =
  directorySpecFixtures;

const { given } = DirectorySpecification;

const newCommune = registered(NEW_COMMUNE, '09000', 'commune-police', DISTRICT_A, '2025-01-01');
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

describe('MergeUnits into a new successor it registers', () => {
  // 2025-07-01: two communes become one new commune that keeps the first one's code.
  const successor: MergeSuccessor = {
    unitId: NEW_COMMUNE,
    code: '08740',
    unitType: 'commune-police',
    nameVi: 'Công an phường Phúc Yên',
    nameEn: 'Phuc Yen Ward Police',
    parentId: PROVINCE,
    areaCode: '08740',
  };
  const mergeIntoNew: MergeUnits = {
    type: 'MergeUnits',
    unitIds: [COMMUNE_1, COMMUNE_2],
    successor,
    effectiveDate: '2025-07-01',
  };
  const newRegistered = {
    type: 'UnitRegistered' as const,
    data: { ...successor, validFrom: '2025-07-01' },
  };
  const mergedOnJuly = (unitId: string) => ({
    type: 'UnitMerged' as const,
    data: { ...merged(unitId).data, effectiveDate: '2025-07-01' },
  });

  it("registers the successor first, then one UnitMerged per merged unit, reusing a merged unit's code", () => {
    given(...vinhPhuc)
      .when(mergeIntoNew)
      .then([newRegistered, mergedOnJuly(COMMUNE_1), mergedOnJuly(COMMUNE_2)]);
  });

  it('accepts successorId when it names the new successor', () => {
    given(...vinhPhuc)
      .when({ ...mergeIntoNew, successorId: NEW_COMMUNE })
      .then([newRegistered, mergedOnJuly(COMMUNE_1), mergedOnJuly(COMMUNE_2)]);
  });

  it('leaves the successor valid from the merger, holding the code its predecessor gave up that day', () => {
    const successorState = given(...vinhPhuc)
      .when(mergeIntoNew)
      .thenState(NEW_COMMUNE);
    expect(successorState).toMatchObject({
      code: '08740',
      validFrom: '2025-07-01',
      validTo: null,
      parentId: PROVINCE,
      version: 1,
    });
    expect(
      given(...vinhPhuc)
        .when(mergeIntoNew)
        .thenState(COMMUNE_1),
    ).toMatchObject({
      code: '08740',
      validTo: '2025-07-01',
      successorIds: [NEW_COMMUNE],
    });
  });

  it('refuses a code held by a unit that is not merged (code-in-use)', () => {
    given(...vinhPhuc)
      .when({ ...mergeIntoNew, successor: { ...successor, code: '08800' } })
      .thenRefuses('code-in-use', 'successor.code');
  });

  it('refuses a parent that does not exist, is of the wrong type, or is merged that day', () => {
    given(...vinhPhuc)
      .when({ ...mergeIntoNew, successor: { ...successor, parentId: NOBODY } })
      .thenRefuses('parent-not-valid', 'successor.parentId');
    given(...vinhPhuc)
      .when({
        ...mergeIntoNew,
        successor: { ...successor, parentId: DIVISION },
      })
      .thenRefuses('parent-type', 'successor.parentId');
    given(...vinhPhuc)
      .when({
        ...mergeIntoNew,
        unitIds: [DISTRICT_A, DISTRICT_B],
        successor: { ...successor, code: '09999', parentId: DISTRICT_A },
      })
      .thenRefuses('parent-not-valid', 'successor.parentId');
  });

  it('refuses a successor id that is already registered (unit-exists)', () => {
    given(...vinhPhuc, newCommune)
      .when(mergeIntoNew)
      .thenRefuses('unit-exists', 'successor.unitId');
    given(...vinhPhuc)
      .when({
        ...mergeIntoNew,
        successor: { ...successor, unitId: COMMUNE_3 },
      })
      .thenRefuses('unit-exists', 'successor.unitId');
  });

  it("refuses a successorId that is not the new successor's id (successor-mismatch)", () => {
    given(...vinhPhuc)
      .when({ ...mergeIntoNew, successorId: COMMUNE_3 })
      .thenRefuses('successor-mismatch', 'successorId');
  });

  it('refuses a merger that names no successor at all (successor-required)', () => {
    const withoutSuccessor = {
      type: 'MergeUnits',
      unitIds: [COMMUNE_1, COMMUNE_2],
      effectiveDate: '2025-07-01',
    } as unknown as MergeUnits;
    given(...vinhPhuc)
      .when(withoutSuccessor)
      .thenRefuses('successor-required', 'successorId');
  });
});
