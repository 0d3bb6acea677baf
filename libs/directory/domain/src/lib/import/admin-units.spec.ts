import { directorySpecFixtures, historiesOf, latestState, treeOn, UnitState } from '@hailong/directory/history';
import { parseAdminUnitsCsv, planAdminUnitsImport } from './admin-units';
import { applyPlan } from './apply-plan';
import { ImportFormatError } from './import-errors';
import { sequentialIds, SMALL_ADMIN_CSV } from './spec-fixtures';

const HEADER = 'code,name,name_with_type,level,type,parent_code';
const options = { validFrom: '2020-01-01' };

/** The small list with its data line `line` (from 2) replaced. */
function withLine(line: number, text: string): string {
  const lines = SMALL_ADMIN_CSV.split('\n');
  lines[line - 1] = text;
  return lines.join('\n');
}

describe('parseAdminUnitsCsv', () => {
  it('reads each row with its line, level, kind and parent', () => {
    const rows = parseAdminUnitsCsv(SMALL_ADMIN_CSV);
    expect(rows).toHaveLength(8);
    expect(rows[3]).toEqual({
      line: 5,
      code: '08725',
      name: 'Định Trung',
      nameWithType: 'Xã Định Trung',
      level: 'commune',
      kind: 'xa',
      parentCode: '243',
    });
    expect(rows[0].parentCode).toBeNull();
  });

  it('accepts a byte-order mark, CRLF line ends, quoted cells, columns in another order and decomposed letters', () => {
    const text =
      '\ufeffparent_code,code,name,name_with_type,level,type,note\r\n' +
      ',26,Vĩnh Phúc,Tỉnh Vĩnh Phúc,province,tinh,"a, quoted note"\r\n' +
      `26,243,${'Vĩnh Yên'.normalize('NFD')},Thành phố Vĩnh Yên,district,thanh-pho,\r\n`;
    expect(parseAdminUnitsCsv(text).map((r) => [r.code, r.name])).toEqual([
      ['26', 'Vĩnh Phúc'],
      ['243', 'Vĩnh Yên'],
    ]);
  });

  it.each([
    ['an empty file', '', 1, 'header'],
    ['a header with no rows', `${HEADER}\n`, 2, 'file'],
    ['a missing column', SMALL_ADMIN_CSV.replace(',level,', ',tier,'), 1, 'level'],
    ['a column named twice', SMALL_ADMIN_CSV.replace(HEADER, `${HEADER},code`), 1, 'code'],
    ['a level that does not exist', withLine(3, '243,Vĩnh Yên,Thành phố Vĩnh Yên,city,thanh-pho,26'), 3, 'level'],
    ['a commune code of four digits', withLine(4, '8707,Tích Sơn,Phường Tích Sơn,commune,phuong,243'), 4, 'code'],
    ['an empty name', withLine(4, '08707,,Phường Tích Sơn,commune,phuong,243'), 4, 'name'],
    ['a name that is not the one in name_with_type', withLine(4, '08707,Tích Sơn,Phường Liên Bảo,commune,phuong,243'), 4, 'name'],
    ['a full name that is not a commune', withLine(4, '08707,Tích Sơn,Huyện Tích Sơn,commune,huyen,243'), 4, 'name_with_type'],
    ['a type that does not match the full name', withLine(4, '08707,Tích Sơn,Phường Tích Sơn,commune,xa,243'), 4, 'type'],
    ['a province with a parent', withLine(2, '26,Vĩnh Phúc,Tỉnh Vĩnh Phúc,province,tinh,01'), 2, 'parent_code'],
    ['a commune with no parent', withLine(4, '08707,Tích Sơn,Phường Tích Sơn,commune,phuong,'), 4, 'parent_code'],
    ['a commune whose parent code is a province code', withLine(4, '08707,Tích Sơn,Phường Tích Sơn,commune,phuong,26'), 4, 'parent_code'],
    [
      'a district code listed as the parent of a district',
      withLine(6, '244,Phúc Yên,Thành phố Phúc Yên,district,thanh-pho,243'),
      6,
      'parent_code',
    ],
    ['the same code twice', withLine(5, '08707,Định Trung,Xã Định Trung,commune,xa,243'), 5, 'code'],
    ['a row with a cell too few', withLine(4, '08707,Tích Sơn,Phường Tích Sơn,commune,phuong'), 4, 'row'],
    ['a quote never closed', withLine(4, '08707,"Tích Sơn,Phường Tích Sơn,commune,phuong,243'), 9, 'file'],
  ])('refuses %s, naming the line and the column', (_, text, line, field) => {
    expect(() => parseAdminUnitsCsv(text)).toThrow(
      expect.objectContaining({
        name: 'ImportFormatError',
        line,
        field,
        reason: expect.any(String),
        reasonVi: expect.stringMatching(/\S/),
      }),
    );
  });

  it('refuses a parent of the wrong level even when it is listed later', () => {
    const text =
      `${HEADER}\n26,Vĩnh Phúc,Tỉnh Vĩnh Phúc,province,tinh,\n` +
      '08707,Tích Sơn,Phường Tích Sơn,commune,phuong,244\n' +
      '244,Phúc Yên,Thành phố Phúc Yên,district,thanh-pho,26\n' +
      '08708,X,Phường X,commune,phuong,08707\n';
    expect(() => parseAdminUnitsCsv(text)).toThrow(expect.objectContaining({ line: 5, field: 'parent_code' }));
  });
});

describe('planAdminUnitsImport', () => {
  const plan = () => planAdminUnitsImport([], SMALL_ADMIN_CSV, options, sequentialIds());

  it('registers the provincial police, its four divisions, then district and commune police, parents first', () => {
    const { commands } = plan();
    expect(commands.map((c) => (c.type === 'RegisterUnit' ? c.code : c.type))).toEqual([
      '26',
      '26-PA08',
      '26-PC06',
      '26-PC07',
      '26-PC08',
      '243',
      '244',
      '08707',
      '08725',
      '08734',
      '08740',
      '08749',
    ]);
  });

  it('names each unit after its area and places it under the police of the area above', () => {
    const { commands } = plan();
    const byCode = new Map(commands.map((c) => [c.type === 'RegisterUnit' ? c.code : '', c]));
    const idOf = (code: string) => (byCode.get(code) as { unitId: string }).unitId;
    expect(byCode.get('26')).toEqual({
      type: 'RegisterUnit',
      unitId: idOf('26'),
      code: '26',
      unitType: 'provincial-police',
      nameVi: 'Công an tỉnh Vĩnh Phúc',
      nameEn: 'Vinh Phuc Provincial Police',
      parentId: null,
      areaCode: '26',
      validFrom: '2020-01-01',
    });
    expect(byCode.get('26-PC07')).toMatchObject({
      unitType: 'provincial-division',
      nameVi: 'Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ',
      nameEn: 'Fire Prevention, Fighting and Rescue Police Division',
      parentId: idOf('26'),
      areaCode: '26',
    });
    expect(byCode.get('243')).toMatchObject({
      unitType: 'district-police',
      nameVi: 'Công an thành phố Vĩnh Yên',
      nameEn: 'Vinh Yen City Police',
      parentId: idOf('26'),
    });
    expect(byCode.get('08725')).toMatchObject({
      unitType: 'commune-police',
      nameVi: 'Công an xã Định Trung',
      nameEn: 'Dinh Trung Commune Police',
      parentId: idOf('243'),
      areaCode: '08725',
    });
  });

  it('reports one registered line per unit and counts them', () => {
    const { report } = plan();
    expect(report).toMatchObject({
      kind: 'admin-units',
      effectiveDate: '2020-01-01',
      counts: {
        registered: 12,
        renamed: 0,
        moved: 0,
        merged: 0,
        dissolved: 0,
        unchanged: 0,
      },
      unknownSuccessors: [],
      warnings: [],
    });
    expect(report.changes[7]).toEqual({
      action: 'registered',
      code: '08707',
      nameVi: 'Công an phường Tích Sơn',
      detail: 'commune-police under 243 Công an thành phố Vĩnh Yên from 2020-01-01',
    });
  });

  it('plans commands the directory accepts, and nothing more once they are applied', () => {
    const newId = sequentialIds();
    const first = planAdminUnitsImport([], SMALL_ADMIN_CSV, options, newId);
    const { histories } = applyPlan([], first.commands);
    expect(treeOn(histories, '2020-01-01')).toHaveLength(1);
    const again = planAdminUnitsImport(histories, SMALL_ADMIN_CSV, options, newId);
    expect(again.commands).toEqual([]);
    expect(again.report.counts).toEqual({
      registered: 0,
      renamed: 0,
      moved: 0,
      merged: 0,
      dissolved: 0,
      unchanged: 12,
    });
    expect(again.report.warnings).toEqual([]);
  });

  it('finds an existing unit by code, type and validity, whatever its id, and reports a different name', () => {
    const { PROVINCE, province } = directorySpecFixtures;
    const renamed = {
      ...province,
      data: { ...province.data, nameVi: 'Công an tỉnh VP' },
    };
    const { commands, report } = planAdminUnitsImport([[renamed]], SMALL_ADMIN_CSV, options, sequentialIds());
    expect(commands).toHaveLength(11);
    expect(commands[0]).toMatchObject({ code: '26-PA08', parentId: PROVINCE });
    expect(report.counts.unchanged).toBe(1);
    expect(report.warnings).toEqual([
      'line 2: 26 is recorded as "Công an tỉnh VP" on 2020-01-01, the source says "Công an tỉnh Vĩnh Phúc"; left as recorded',
    ]);
  });

  it('does not match a unit that is not valid on the date: the code was free then', () => {
    const { province } = directorySpecFixtures;
    const later = {
      ...province,
      data: { ...province.data, validFrom: '2021-01-01' },
    };
    const { commands, report } = planAdminUnitsImport([[later]], SMALL_ADMIN_CSV, options, sequentialIds());
    // Registering '26' from 2020 would clash with the holder from 2021: it is skipped, and so is all below it.
    expect(commands).toEqual([]);
    expect(report.warnings[0]).toMatch(/^line 2: 26 Công an tỉnh Vĩnh Phúc not registered: code 26 is held by provincial-police/);
    expect(report.warnings).toHaveLength(12);
  });

  it('finds a parent that the file does not list in the directory', () => {
    const newId = sequentialIds();
    const directory = applyPlan([], planAdminUnitsImport([], SMALL_ADMIN_CSV, options, newId).commands).histories;
    const onlyNewCommune = `${HEADER}\n08750,Cao Minh,Xã Cao Minh,commune,xa,244\n`;
    const { commands } = planAdminUnitsImport(directory, onlyNewCommune, { validFrom: '2021-01-01' }, newId);
    const district = directory.map((h) => latestState(h) as UnitState).find((u) => u.code === '244') as UnitState;
    expect(commands).toEqual([expect.objectContaining({ code: '08750', parentId: district.unitId })]);
    expect(() => applyPlan(directory, commands)).not.toThrow();
  });

  it('refuses a parent that neither the file nor the directory has', () => {
    const text = `${HEADER}\n08750,Cao Minh,Xã Cao Minh,commune,xa,244\n`;
    expect(() => planAdminUnitsImport(historiesOf([]), text, options, sequentialIds())).toThrow(
      expect.objectContaining({
        name: 'ImportFormatError',
        line: 2,
        field: 'parent_code',
      }),
    );
  });

  it('refuses a date that is not a day of the calendar', () => {
    for (const validFrom of ['2025-02-30', '2025-13-01', '1/1/2020']) {
      let error: unknown;
      try {
        planAdminUnitsImport([], SMALL_ADMIN_CSV, { validFrom }, sequentialIds());
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ImportFormatError);
      expect(error).toMatchObject({ line: null, field: 'validFrom' });
    }
  });
});
