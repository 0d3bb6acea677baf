import { successorsOf, treeOn, UnitHistory } from '@hailong/directory/history';
import { applyPlan } from './apply-plan';
import { planDistrictDissolution } from './district-dissolution';
import { parseProvinceReorganizationCsv, planProvinceReorganization } from './province-reorganization';
import { idNumber, idOf, sequentialIds, smallDirectory } from './spec-fixtures';

const HEADER = 'old_code,old_name,new_province_code,new_province_name,new_code,new_name';
const REORGANIZATION = `${HEADER}
08707,Phường Tích Sơn,25,Phú Thọ,08707,Phường Vĩnh Yên
08725,Xã Định Trung,25,Phú Thọ,08707,Phường Vĩnh Yên
08734,Phường Trưng Trắc,25,Phú Thọ,08740,Phường Phúc Yên
08740,Phường Trưng Nhị,25,Phú Thọ,08740,Phường Phúc Yên
08749,Xã Ngọc Thanh,25,Phú Thọ,08749,Phường Xuân Hòa
`;
const options = { effectiveDate: '2025-07-01' };
const noChanges = { registered: 0, renamed: 0, moved: 0, merged: 0, dissolved: 0 };

/** The small Vĩnh Phúc after its district police were dissolved on 2025-03-01. */
function withoutDistricts(newId = sequentialIds()): UnitHistory[] {
  const directory = smallDirectory(newId);
  const plan = planDistrictDissolution(directory, { provinceCode: '26', effectiveDate: '2025-03-01' }, newId);
  return applyPlan(directory, plan.commands).histories;
}

describe('parseProvinceReorganizationCsv', () => {
  it('reads each old commune with the new commune and province it joins', () => {
    expect(parseProvinceReorganizationCsv(REORGANIZATION)[1]).toEqual({
      line: 3,
      oldCode: '08725',
      oldName: 'Xã Định Trung',
      newProvinceCode: '25',
      newProvinceName: 'Phú Thọ',
      newCode: '08707',
      newName: 'Phường Vĩnh Yên',
    });
  });

  it.each([
    ['a second name for a new commune', '08710,Phường Liên Bảo,25,Phú Thọ,08707,Phường Liên Bảo', 'new_name'],
    ['a second province for a new commune', '08710,Phường Liên Bảo,26,Vĩnh Phúc,08707,Phường Vĩnh Yên', 'new_province_code'],
    ['a second name for a new province', '08710,Phường Liên Bảo,25,Phú Thọ mới,08716,Phường Vĩnh Phúc', 'new_province_name'],
    ['a new province code of three digits', '08710,Phường Liên Bảo,250,Phú Thọ,08716,Phường Vĩnh Phúc', 'new_province_code'],
    ['a new name that is not a commune', '08710,Phường Liên Bảo,25,Phú Thọ,08716,Vĩnh Phúc', 'new_name'],
    ['an empty province name', '08710,Phường Liên Bảo,25,,08716,Phường Vĩnh Phúc', 'new_province_name'],
    ['an old commune listed twice', '08707,Phường Tích Sơn,25,Phú Thọ,08707,Phường Vĩnh Yên', 'old_code'],
  ])('refuses %s on its line', (_, row, field) => {
    expect(() => parseProvinceReorganizationCsv(`${REORGANIZATION}${row}\n`)).toThrow(
      expect.objectContaining({ name: 'ImportFormatError', line: 7, field, reasonVi: expect.stringMatching(/\S/) }),
    );
  });
});

describe('planProvinceReorganization', () => {
  it('registers the new provincial police and its divisions, merges the communes into new ones, then the old divisions and province', () => {
    const directory = withoutDistricts();
    const { commands } = planProvinceReorganization(directory, REORGANIZATION, options, sequentialIds('d'));
    const id = (n: number) => idNumber(n, 'd');
    const old = (code: string) => idOf(directory, code);
    expect(commands.slice(0, 2)).toEqual([
      {
        type: 'RegisterUnit',
        unitId: id(1),
        code: '25',
        unitType: 'provincial-police',
        nameVi: 'Công an tỉnh Phú Thọ',
        nameEn: 'Phu Tho Provincial Police',
        parentId: null,
        areaCode: '25',
        validFrom: '2025-07-01',
      },
      {
        type: 'RegisterUnit',
        unitId: id(2),
        code: '25-PA08',
        unitType: 'provincial-division',
        nameVi: 'Phòng Quản lý xuất nhập cảnh',
        nameEn: 'Immigration Management Division',
        parentId: id(1),
        areaCode: '25',
        validFrom: '2025-07-01',
      },
    ]);
    expect(commands[5]).toEqual({
      type: 'MergeUnits',
      unitIds: [old('08707'), old('08725')],
      successorId: id(6),
      successor: {
        unitId: id(6),
        code: '08707',
        unitType: 'commune-police',
        nameVi: 'Công an phường Vĩnh Yên',
        nameEn: 'Vinh Yen Ward Police',
        parentId: id(1),
        areaCode: '08707',
      },
      effectiveDate: '2025-07-01',
    });
    const merges = commands.slice(6).map((c) => (c.type === 'MergeUnits' ? [c.unitIds, c.successorId] : c.type));
    expect(merges).toEqual([
      [[old('08734'), old('08740')], id(7)],
      [[old('08749')], id(8)],
      [[old('26-PA08')], id(2)],
      [[old('26-PC06')], id(3)],
      [[old('26-PC07')], id(4)],
      [[old('26-PC08')], id(5)],
      [[old('26')], id(1)],
    ]);
  });

  it('reports the new units and the merged ones', () => {
    const { report } = planProvinceReorganization(withoutDistricts(), REORGANIZATION, options, sequentialIds('d'));
    expect(report.counts).toEqual({ ...noChanges, registered: 8, merged: 10, unchanged: 0 });
    expect(report.warnings).toEqual([]);
    expect(report.changes.find((c) => c.code === '08740' && c.action === 'registered')).toEqual({
      action: 'registered',
      code: '08740',
      nameVi: 'Công an phường Phúc Yên',
      detail: 'commune-police under 25 Công an tỉnh Phú Thọ from 2025-07-01',
    });
    expect(report.changes.find((c) => c.code === '08734')?.detail).toBe('into 08740 Công an phường Phúc Yên');
  });

  it('leaves the new province holding the new communes, each old commune resolving to its new one, and the past as it was', () => {
    const directory = withoutDistricts();
    const { histories } = applyPlan(directory, planProvinceReorganization(directory, REORGANIZATION, options, sequentialIds('d')).commands);
    const [root, ...others] = treeOn(histories, '2025-07-01');
    expect(others).toEqual([]);
    expect(root.unit.code).toBe('25');
    expect(root.children.map((c) => c.unit.code)).toEqual(['08707', '08740', '08749', '25-PA08', '25-PC06', '25-PC07', '25-PC08']);
    expect(successorsOf(histories, idOf(directory, '08725'), '2025-07-02')).toEqual({
      resolved: [idOf(histories, '08707', '2025-07-01')],
    });
    expect(treeOn(histories, '2025-06-30')).toEqual(treeOn(directory, '2025-06-30'));
  });

  it('plans nothing more once applied', () => {
    const directory = withoutDistricts();
    const { histories } = applyPlan(directory, planProvinceReorganization(directory, REORGANIZATION, options, sequentialIds('d')).commands);
    const again = planProvinceReorganization(histories, REORGANIZATION, options, sequentialIds('d'));
    expect(again.commands).toEqual([]);
    expect(again.report.counts).toEqual({ ...noChanges, unchanged: 18 });
    expect(again.report.warnings).toEqual([]);
  });

  it("reports an old name that differs from the directory's, and merges the unit all the same", () => {
    const upgraded = REORGANIZATION.replace('08725,Xã Định Trung', '08725,Phường Định Trung');
    const { commands, report } = planProvinceReorganization(withoutDistricts(), upgraded, options, sequentialIds('d'));
    expect(report.warnings).toEqual([
      'line 3: 08725 is recorded as "Công an xã Định Trung" on 2025-06-30, the file says "Phường Định Trung"',
    ]);
    expect(commands).toHaveLength(13);
  });

  it('warns about units left under the merged provincial police when the districts were not dissolved first', () => {
    const directory = smallDirectory();
    const { commands, report } = planProvinceReorganization(directory, REORGANIZATION, options, sequentialIds('d'));
    expect(report.warnings).toEqual([
      '243 Công an thành phố Vĩnh Yên stays valid under 26 Công an tỉnh Vĩnh Phúc, which is merged on 2025-07-01',
      '244 Công an thành phố Phúc Yên stays valid under 26 Công an tỉnh Vĩnh Phúc, which is merged on 2025-07-01',
    ]);
    expect(() => applyPlan(directory, commands)).not.toThrow();
  });

  it('merges into a provincial police that keeps its code, and never a province into itself', () => {
    const newId = sequentialIds();
    const phuTho = smallDirectory(
      newId,
      `code,name,name_with_type,level,type,parent_code
25,Phú Thọ,Tỉnh Phú Thọ,province,tinh,
227,Việt Trì,Thành phố Việt Trì,district,thanh-pho,25
07900,Tiên Cát,Phường Tiên Cát,commune,phuong,227
`,
    );
    const directory = [...withoutDistricts(newId), ...phuTho];
    const rows = `${REORGANIZATION}07900,Phường Tiên Cát,25,Phú Thọ,07900,Phường Việt Trì\n`;
    const { commands, report } = planProvinceReorganization(directory, rows, options, newId);
    expect(commands.filter((c) => c.type === 'RegisterUnit')).toEqual([]);
    const lastMerge = commands[commands.length - 1];
    expect(lastMerge).toMatchObject({ unitIds: [idOf(directory, '26')], successorId: idOf(phuTho, '25') });
    expect(commands.some((c) => c.type === 'MergeUnits' && c.unitIds.includes(idOf(phuTho, '25')))).toBe(false);
    expect(report.counts.unchanged).toBe(5);
    const { histories } = applyPlan(directory, commands);
    expect(successorsOf(histories, idOf(directory, '26-PC08'), '2025-07-01')).toEqual({ resolved: [idOf(phuTho, '25-PC08')] });
  });

  it('skips, with a warning, an old commune the directory does not have on the day before', () => {
    const rows = `${REORGANIZATION}08999,Xã Không Có,25,Phú Thọ,08749,Phường Xuân Hòa\n`;
    const { commands, report } = planProvinceReorganization(withoutDistricts(), rows, options, sequentialIds('d'));
    expect(report.warnings).toEqual(['line 7: no commune police with code 08999 is valid on 2025-06-30; row skipped']);
    expect(commands).toHaveLength(13);
  });
});
