import { stateOn, treeOn } from '@hailong/directory/history';
import { applyPlan } from './apply-plan';
import { planCommuneMergers } from './commune-mergers';
import { planDistrictDissolution } from './district-dissolution';
import { idOf, sequentialIds, smallDirectory } from './spec-fixtures';

const options = { provinceCode: '26', effectiveDate: '2025-03-01' };
const HA_NOI_CSV = `code,name,name_with_type,level,type,parent_code
01,Hà Nội,Thành phố Hà Nội,province,thanh-pho,
001,Ba Đình,Quận Ba Đình,district,quan,01
00001,Phúc Xá,Phường Phúc Xá,commune,phuong,001
`;

describe('planDistrictDissolution', () => {
  it("moves each district's communes under the provincial police, then dissolves the district naming it as successor", () => {
    const directory = smallDirectory();
    const province = idOf(directory, '26');
    const moved = (code: string) => ({ type: 'MoveUnit', unitId: idOf(directory, code), parentId: province, effectiveDate: '2025-03-01' });
    const dissolved = (code: string) => ({
      type: 'DissolveUnit',
      unitId: idOf(directory, code),
      successorId: province,
      effectiveDate: '2025-03-01',
    });
    const { commands, report } = planDistrictDissolution(directory, options, sequentialIds());
    expect(commands).toEqual([
      moved('08707'),
      moved('08725'),
      dissolved('243'),
      moved('08734'),
      moved('08740'),
      moved('08749'),
      dissolved('244'),
    ]);
    expect(report.counts).toEqual({ registered: 0, renamed: 0, moved: 5, merged: 0, dissolved: 2, unchanged: 0 });
    expect(report.changes[0]).toEqual({
      action: 'moved',
      code: '08707',
      nameVi: 'Công an phường Tích Sơn',
      detail: 'from 243 Công an thành phố Vĩnh Yên to 26 Công an tỉnh Vĩnh Phúc',
    });
    expect(report.changes[2].detail).toBe('its procedures go to 26 Công an tỉnh Vĩnh Phúc');
  });

  it('leaves no district valid after the date and keeps the day before as it was', () => {
    const directory = smallDirectory();
    const { histories } = applyPlan(directory, planDistrictDissolution(directory, options, sequentialIds()).commands);
    const types = (date: string) => histories.map((h) => stateOn(h, date)?.unitType).filter(Boolean);
    expect(types('2025-03-01')).not.toContain('district-police');
    expect(treeOn(histories, '2025-02-28')).toEqual(treeOn(directory, '2025-02-28'));
    const [province] = treeOn(histories, '2025-03-01');
    expect(province.children.map((c) => c.unit.code)).toEqual([
      '08707',
      '08725',
      '08734',
      '08740',
      '08749',
      '26-PA08',
      '26-PC06',
      '26-PC07',
      '26-PC08',
    ]);
  });

  it('plans nothing more once applied', () => {
    const directory = smallDirectory();
    const { histories } = applyPlan(directory, planDistrictDissolution(directory, options, sequentialIds()).commands);
    const again = planDistrictDissolution(histories, options, sequentialIds());
    expect(again.commands).toEqual([]);
    expect(again.report.counts).toEqual({ registered: 0, renamed: 0, moved: 0, merged: 0, dissolved: 0, unchanged: 7 });
    expect(again.report.warnings).toEqual([]);
  });

  it('does not move a commune that ended before the date', () => {
    const directory = smallDirectory();
    const mergers =
      'old_code,old_name,successor_code,successor_name_after_merger,basis\n08734,Phường Trưng Trắc,08740,Phường Trưng Nhị,x\n';
    const { histories } = applyPlan(
      directory,
      planCommuneMergers(directory, mergers, { effectiveDate: '2025-01-01' }, sequentialIds()).commands,
    );
    const { commands } = planDistrictDissolution(histories, options, sequentialIds());
    expect(commands.map((c) => ('unitId' in c ? c.unitId : ''))).not.toContain(idOf(directory, '08734'));
    expect(() => applyPlan(histories, commands)).not.toThrow();
  });

  it('touches only the districts of the named province', () => {
    const newId = sequentialIds();
    const vinhPhuc = smallDirectory(newId);
    const haNoi = smallDirectory(newId, HA_NOI_CSV);
    const { commands } = planDistrictDissolution([...vinhPhuc, ...haNoi], options, newId);
    const touched = commands.map((c) => ('unitId' in c ? c.unitId : ''));
    expect(touched).not.toContain(idOf(haNoi, '001'));
    expect(touched).not.toContain(idOf(haNoi, '00001'));
    expect(commands).toHaveLength(7);
  });

  it('refuses a province code that is malformed or names no provincial police valid around the date', () => {
    const directory = smallDirectory();
    expect(() => planDistrictDissolution(directory, { ...options, provinceCode: '2' }, sequentialIds())).toThrow(
      expect.objectContaining({ name: 'ImportFormatError', line: null, field: 'provinceCode' }),
    );
    expect(() => planDistrictDissolution(directory, { ...options, provinceCode: '25' }, sequentialIds())).toThrow(
      expect.objectContaining({ name: 'ImportFormatError', field: 'provinceCode' }),
    );
    expect(() => planDistrictDissolution(directory, { ...options, effectiveDate: '2019-06-01' }, sequentialIds())).toThrow(
      expect.objectContaining({ name: 'ImportFormatError', field: 'provinceCode' }),
    );
    expect(() => planDistrictDissolution(directory, { ...options, effectiveDate: '2025-3-1' }, sequentialIds())).toThrow(
      expect.objectContaining({ name: 'ImportFormatError', field: 'effectiveDate' }),
    );
  });
});
