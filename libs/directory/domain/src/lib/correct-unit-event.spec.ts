import { DirectorySpecification } from './specification';
import { CorrectUnitEvent } from './correct-unit-event';
import {
  directorySpecFixtures,
  historiesOf,
  treeOn,
} from '@hailong/directory/history';

const {
  COMMUNE_1,
  COMMUNE_2,
  DISTRICT_A,
  DISTRICT_B,
  DIVISION,
  NOBODY,
  PROVINCE,
  commune1,
  vinhPhuc,
} = directorySpecFixtures;

const { given } = DirectorySpecification;

const EVENT_ID = 'e0000000-0000-4000-8000-000000000001';
const wrongParent: CorrectUnitEvent = {
  type: 'CorrectUnitEvent',
  unitId: COMMUNE_1,
  correctedEventId: EVENT_ID,
  correctedEventType: 'UnitRegistered',
  effectiveDate: '2020-01-01',
  corrections: { parentId: DISTRICT_B },
  reason: 'keyed under the wrong district',
};

describe('CorrectUnitEvent', () => {
  it('given a commune registered under the wrong district, when corrected, then UnitEventCorrected naming the event and the right parent', () => {
    given(...vinhPhuc)
      .when(wrongParent)
      .then([
        {
          type: 'UnitEventCorrected',
          data: {
            unitId: COMMUNE_1,
            correctedEventId: EVENT_ID,
            correctedEventType: 'UnitRegistered',
            effectiveDate: '2020-01-01',
            corrections: { parentId: DISTRICT_B },
            reason: 'keyed under the wrong district',
          },
        },
      ]);
  });

  it('corrects a misspelt name of a rename without moving the unit timeline', () => {
    const renamed = {
      type: 'UnitRenamed' as const,
      data: {
        unitId: COMMUNE_1,
        nameVi: 'Công an phường Trưng Nhi',
        nameEn: 'Trung Nhi Ward Police',
        effectiveDate: '2023-01-01',
      },
    };
    const state = given(...vinhPhuc, renamed)
      .when({
        ...wrongParent,
        correctedEventType: 'UnitRenamed',
        effectiveDate: '2023-01-01',
        corrections: { nameVi: 'Công an phường Trưng Nhị' },
        reason: 'dấu',
      })
      .thenState(COMMUNE_1);
    expect(state).toMatchObject({
      nameVi: 'Công an phường Trưng Nhị',
      lastChangedOn: '2023-01-01',
      version: 3,
    });
  });

  it('may correct the record of a closed unit', () => {
    const merged = {
      type: 'UnitMerged' as const,
      data: {
        unitId: COMMUNE_1,
        successorId: COMMUNE_2,
        mergedUnitIds: [COMMUNE_1],
        effectiveDate: '2025-01-01',
      },
    };
    expect(
      given(...vinhPhuc, merged)
        .when(wrongParent)
        .thenState(COMMUNE_1),
    ).toMatchObject({
      parentId: DISTRICT_B,
      status: 'merged',
      validTo: '2025-01-01',
    });
  });

  it('refuses an unknown unit (unit-unknown)', () => {
    given(...vinhPhuc)
      .when({ ...wrongParent, unitId: NOBODY })
      .thenRefuses('unit-unknown');
  });

  it('refuses an event type that cannot be corrected (correction-not-supported)', () => {
    given(...vinhPhuc)
      .when({ ...wrongParent, correctedEventType: 'UnitMerged' })
      .thenRefuses('correction-not-supported', 'correctedEventType');
  });

  it('refuses a field the corrected event does not carry (correction-field)', () => {
    given(...vinhPhuc)
      .when({ ...wrongParent, correctedEventType: 'UnitRenamed' })
      .thenRefuses('correction-field', 'corrections.parentId');
  });

  it('refuses an empty correction (correction-empty) and one without a reason (reason-required)', () => {
    given(...vinhPhuc)
      .when({ ...wrongParent, corrections: {} })
      .thenRefuses('correction-empty', 'corrections');
    given(...vinhPhuc)
      .when({ ...wrongParent, reason: ' ' })
      .thenRefuses('reason-required', 'reason');
  });

  it('refuses a date no such event can have (correction-date)', () => {
    given(...vinhPhuc)
      .when({ ...wrongParent, effectiveDate: '2021-01-01' })
      .thenRefuses('correction-date', 'effectiveDate');
    given(...vinhPhuc)
      .when({
        ...wrongParent,
        correctedEventType: 'UnitMoved',
        effectiveDate: '2021-01-01',
      })
      .thenRefuses('correction-date');
  });

  it('refuses correcting a value a later event already replaced (correction-superseded)', () => {
    const moved = {
      type: 'UnitMoved' as const,
      data: {
        unitId: COMMUNE_1,
        parentId: PROVINCE,
        previousParentId: DISTRICT_A,
        effectiveDate: '2025-03-01',
      },
    };
    given(...vinhPhuc, moved)
      .when(wrongParent)
      .thenRefuses('correction-superseded', 'corrections.parentId');
  });

  it('refuses values the unit already has (no-change)', () => {
    given(...vinhPhuc)
      .when({ ...wrongParent, corrections: { parentId: DISTRICT_A } })
      .thenRefuses('no-change');
  });

  it('refuses a corrected parent that is not valid, of the wrong type, or a descendant', () => {
    given(...vinhPhuc)
      .when({ ...wrongParent, corrections: { parentId: NOBODY } })
      .thenRefuses('parent-not-valid', 'corrections.parentId');
    given(...vinhPhuc)
      .when({ ...wrongParent, corrections: { parentId: DIVISION } })
      .thenRefuses('parent-type', 'corrections.parentId');
    given(...vinhPhuc)
      .when({
        ...wrongParent,
        unitId: DISTRICT_A,
        corrections: { parentId: COMMUNE_1 },
      })
      .thenRefuses('cycle');
  });

  it('refuses a corrected type its parent cannot hold (parent-type)', () => {
    given(...vinhPhuc)
      .when({ ...wrongParent, corrections: { unitType: 'provincial-police' } })
      .thenRefuses('parent-type', 'corrections.unitType');
  });

  it('refuses a corrected code held by another unit at the same time (code-in-use)', () => {
    given(...vinhPhuc)
      .when({ ...wrongParent, corrections: { code: '08743' } })
      .thenRefuses('code-in-use', 'corrections.code');
  });

  it('refuses an empty corrected name (name-required)', () => {
    given(...vinhPhuc)
      .when({ ...wrongParent, corrections: { nameVi: '' } })
      .thenRefuses('name-required', 'corrections.nameVi');
  });

  it('keeps the original registration in the log and the corrected value in the tree of any date since', () => {
    const [correction] = given(...vinhPhuc)
      .when(wrongParent)
      .then([
        {
          type: 'UnitEventCorrected',
          data: {
            unitId: COMMUNE_1,
            correctedEventId: EVENT_ID,
            correctedEventType: 'UnitRegistered',
            effectiveDate: '2020-01-01',
            corrections: { parentId: DISTRICT_B },
            reason: wrongParent.reason,
          },
        },
      ]);
    const histories = historiesOf([...vinhPhuc, correction]);
    expect(histories.find((h) => h[0].data.unitId === COMMUNE_1)?.[0]).toEqual(
      commune1,
    );
    const districtB = treeOn(histories, '2022-05-01')[0].children.find(
      (n) => n.unit.unitId === DISTRICT_B,
    );
    expect(districtB?.children.map((n) => n.unit.unitId)).toContain(COMMUNE_1);
  });
});
