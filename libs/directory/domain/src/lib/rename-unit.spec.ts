import { DirectorySpecification } from './specification';
import { RenameUnit } from './rename-unit';
import { directorySpecFixtures } from '@hailong/directory/history';

const { COMMUNE_1, commune1, NOBODY, vinhPhuc } = directorySpecFixtures;

const { given } = DirectorySpecification;

const rename: RenameUnit = {
  type: 'RenameUnit',
  unitId: COMMUNE_1,
  nameVi: 'Công an phường Trưng Nhị mới',
  nameEn: 'New Trung Nhi Ward Police',
  effectiveDate: '2023-01-01',
};

describe('RenameUnit', () => {
  it('given a registered unit, when renamed, then UnitRenamed with both names and the date', () => {
    given(...vinhPhuc)
      .when(rename)
      .then([
        {
          type: 'UnitRenamed',
          data: {
            unitId: COMMUNE_1,
            nameVi: rename.nameVi,
            nameEn: rename.nameEn,
            effectiveDate: '2023-01-01',
          },
        },
      ]);
  });

  it('evolves the names, the version and the date of the last change', () => {
    expect(
      given(...vinhPhuc)
        .when(rename)
        .thenState(COMMUNE_1),
    ).toMatchObject({
      nameVi: rename.nameVi,
      nameEn: rename.nameEn,
      version: 2,
      lastChangedOn: '2023-01-01',
      validTo: null,
    });
  });

  it('accepts a rename on the same day as the last change', () => {
    expect(
      given(...vinhPhuc)
        .when({ ...rename, effectiveDate: '2020-01-01' })
        .thenState(COMMUNE_1),
    ).toMatchObject({ nameVi: rename.nameVi });
  });

  it('refuses an unknown unit (unit-unknown)', () => {
    given(...vinhPhuc)
      .when({ ...rename, unitId: NOBODY })
      .thenRefuses('unit-unknown', 'unitId');
  });

  it('refuses a date before the last change (history-order)', () => {
    const renamed = {
      type: 'UnitRenamed' as const,
      data: {
        unitId: COMMUNE_1,
        nameVi: 'X',
        nameEn: 'X',
        effectiveDate: '2024-01-01',
      },
    };
    given(...vinhPhuc, renamed)
      .when(rename)
      .thenRefuses('history-order', 'effectiveDate');
  });

  it('refuses a date before the unit was registered (history-order)', () => {
    given(...vinhPhuc)
      .when({ ...rename, effectiveDate: '2019-12-31' })
      .thenRefuses('history-order', 'effectiveDate');
  });

  it('refuses a merged unit (unit-closed)', () => {
    const merged = {
      type: 'UnitMerged' as const,
      data: {
        unitId: COMMUNE_1,
        successorId: commune1.data.parentId as string,
        mergedUnitIds: [COMMUNE_1],
        effectiveDate: '2022-01-01',
      },
    };
    given(...vinhPhuc, merged)
      .when(rename)
      .thenRefuses('unit-closed', 'unitId');
  });

  it('refuses an empty name (name-required)', () => {
    given(...vinhPhuc)
      .when({ ...rename, nameEn: '  ' })
      .thenRefuses('name-required', 'nameEn');
  });

  it('refuses the names it already has (no-change)', () => {
    given(...vinhPhuc)
      .when({
        ...rename,
        nameVi: commune1.data.nameVi,
        nameEn: commune1.data.nameEn,
      })
      .thenRefuses('no-change');
  });

  it('refuses a malformed date (date-format)', () => {
    given(...vinhPhuc)
      .when({ ...rename, effectiveDate: '2023-13-01' })
      .thenRefuses('date-format', 'effectiveDate');
  });
});
