import { UnitType } from '@hailong/contracts';
import { stateOn, successorsOf, treeOn, UnitHistory, UnitState } from '@hailong/directory/history';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { planAdminUnitsImport } from './admin-units';
import { applyPlan } from './apply-plan';
import { parseCommuneMergersCsv, planCommuneMergers } from './commune-mergers';
import { planDistrictDissolution } from './district-dissolution';
import { ImportPlan } from './import-plan';
import { parseProvinceReorganizationCsv, planProvinceReorganization } from './province-reorganization';
import { sequentialIds } from './spec-fixtures';

// The whole history of Vĩnh Phúc's police units, 2020 to July 2025, from the repository's reference files.

/** A reference file, read from the repository (never from outside it: CI runs on a bare clone). */
function referenceFile(name: string): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    if (dirname(dir) === dir) throw new Error('no nx.json above the spec: not inside the repository');
    dir = dirname(dir);
  }
  return readFileSync(join(dir, 'data', 'reference', name), 'utf8');
}

const ADMIN_UNITS = referenceFile('vinh-phuc-admin-units-pre2025.csv');
const MERGERS = referenceFile('vinh-phuc-commune-mergers-2024.csv');
const REORGANIZATION = referenceFile('vinh-phuc-commune-reorganization-2025-07-01.csv');

const newId = sequentialIds();
/** The four imports, each planned against the directory the ones before it left. */
const imports: readonly ((histories: readonly UnitHistory[]) => ImportPlan)[] = [
  (h) => planAdminUnitsImport(h, ADMIN_UNITS, { validFrom: '2020-01-01' }, newId),
  (h) => planCommuneMergers(h, MERGERS, { effectiveDate: '2025-01-01' }, newId),
  (h) => planDistrictDissolution(h, { provinceCode: '26', effectiveDate: '2025-03-01' }, newId),
  (h) => planProvinceReorganization(h, REORGANIZATION, { effectiveDate: '2025-07-01' }, newId),
];

const stages: { plan: ImportPlan; after: UnitHistory[] }[] = [];
for (const planImport of imports) {
  const before = stages[stages.length - 1]?.after ?? [];
  const plan = planImport(before);
  stages.push({ plan, after: applyPlan(before, plan.commands).histories });
}
const [adminUnits, mergers, dissolution, reorganization] = stages;
const directory = reorganization.after;

function unitsOn(histories: readonly UnitHistory[], date: string): UnitState[] {
  return histories.map((h) => stateOn(h, date)).filter((u): u is UnitState => u !== null);
}

function countByType(date: string): Partial<Record<UnitType, number>> {
  const counts: Partial<Record<UnitType, number>> = {};
  for (const unit of unitsOn(directory, date)) counts[unit.unitType] = (counts[unit.unitType] ?? 0) + 1;
  return counts;
}

function unitWithCode(code: string, date: string): UnitState {
  const unit = unitsOn(directory, date).find((u) => u.code === code);
  if (!unit) throw new Error(`no unit holds ${code} on ${date}`);
  return unit;
}

const noChanges = { registered: 0, renamed: 0, moved: 0, merged: 0, dissolved: 0, unchanged: 0 };

describe('the Vĩnh Phúc reference files, imported one after another', () => {
  it('registers 150 police units from 2020: 1 provincial police, 4 divisions, 9 district and 136 commune police', () => {
    expect(adminUnits.plan.report.counts).toEqual({ ...noChanges, registered: 150 });
    expect(adminUnits.plan.report.warnings).toEqual([]);
    expect(countByType('2022-05-01')).toEqual({
      'provincial-police': 1,
      'provincial-division': 4,
      'district-police': 9,
      'commune-police': 136,
    });
  });

  it('merges 8 communes in 2024 into 7 successors, renames those 7, and dissolves 7 whose successor is unknown', () => {
    const { commands, report } = mergers.plan;
    expect(report.counts).toEqual({ ...noChanges, merged: 8, renamed: 7, dissolved: 7 });
    expect(report.warnings).toEqual([]);
    const saoDaiViet = unitWithCode('09097', '2025-01-01');
    expect(saoDaiViet.nameVi).toBe('Công an xã Sao Đại Việt');
    expect(commands.filter((c) => c.type === 'MergeUnits' && c.successorId === saoDaiViet.unitId)).toEqual([
      expect.objectContaining({ unitIds: [unitWithCode('09094', '2024-12-31').unitId, unitWithCode('09109', '2024-12-31').unitId] }),
    ]);
    expect(unitWithCode('08740', '2025-01-01')).toMatchObject({
      nameVi: 'Công an phường Hai Bà Trưng',
      nameEn: 'Hai Ba Trung Ward Police',
    });
    const unknown = parseCommuneMergersCsv(MERGERS).filter((r) => r.successor === null);
    expect(report.unknownSuccessors).toEqual(
      unknown.map((r) => ({ code: r.oldCode, nameVi: unitWithCode(r.oldCode, '2024-12-31').nameVi, basis: r.basis })),
    );
    expect(report.unknownSuccessors).toHaveLength(7);
    expect(countByType('2025-02-01')).toMatchObject({ 'commune-police': 121, 'district-police': 9 });
  });

  it('dissolves the 9 district police on 2025-03-01, their 121 communes moving under the provincial police', () => {
    expect(dissolution.plan.report.counts).toEqual({ ...noChanges, moved: 121, dissolved: 9 });
    expect(countByType('2025-03-02')).toEqual({ 'provincial-police': 1, 'provincial-division': 4, 'commune-police': 121 });
    const province = unitWithCode('26', '2025-03-02');
    expect(unitsOn(directory, '2025-03-02').filter((u) => u.unitType === 'commune-police' && u.parentId !== province.unitId)).toEqual([]);
  });

  it('on 2025-07-01 puts 36 new communes and 4 divisions under the new Phú Thọ provincial police, the only root', () => {
    expect(reorganization.plan.report.counts).toEqual({ ...noChanges, registered: 41, merged: 126 });
    const roots = treeOn(directory, '2025-07-02');
    expect(roots.map((r) => [r.unit.code, r.unit.nameVi, r.unit.nameEn])).toEqual([
      ['25', 'Công an tỉnh Phú Thọ', 'Phu Tho Provincial Police'],
    ]);
    const children = roots[0].children.map((c) => c.unit);
    expect(children.filter((u) => u.unitType === 'commune-police')).toHaveLength(36);
    expect(children.filter((u) => u.unitType === 'provincial-division').map((u) => u.code)).toEqual([
      '25-PA08',
      '25-PC06',
      '25-PC07',
      '25-PC08',
    ]);
    expect(countByType('2025-07-02')).toEqual({ 'provincial-police': 1, 'provincial-division': 4, 'commune-police': 36 });
    expect(unitWithCode('08707', '2025-07-02')).toMatchObject({ nameVi: 'Công an phường Vĩnh Yên', validFrom: '2025-07-01' });
  });

  it('reports the three 2025 names the 2024 file does not explain (Định Trung, Kim Long, Bình Dương)', () => {
    expect(reorganization.plan.report.warnings).toEqual([
      'line 8: 08725 is recorded as "Công an xã Định Trung" on 2025-06-30, the file says "Phường Định Trung"',
      'line 56: 08878 is recorded as "Công an xã Kim Long" on 2025-06-30, the file says "Thị trấn Kim Long"',
      'line 113: 09118 is recorded as "Công an xã Bình Dương" on 2025-06-30, the file says "Xã Lương Điền"',
    ]);
  });

  it('resolves each 2022 commune to exactly one of the 36 new communes, except the 7 whose successor is unknown', () => {
    const newCommunes = new Set(
      unitsOn(directory, '2025-07-02')
        .filter((u) => u.unitType === 'commune-police')
        .map((u) => u.unitId),
    );
    const communes2022 = unitsOn(directory, '2022-05-01').filter((u) => u.unitType === 'commune-police');
    const resolved = communes2022.map((u) => ({ code: u.code, successors: successorsOf(directory, u.unitId, '2025-07-02') }));
    const unknown = resolved.filter((r) => 'unknown' in r.successors).map((r) => r.code);
    expect(unknown.sort()).toEqual(
      parseCommuneMergersCsv(MERGERS)
        .filter((r) => r.successor === null)
        .map((r) => r.oldCode)
        .sort(),
    );
    const known = resolved.filter((r) => 'resolved' in r.successors);
    expect(known).toHaveLength(129);
    for (const { successors } of known) {
      const ids = 'resolved' in successors ? successors.resolved : [];
      expect(ids).toHaveLength(1);
      expect(newCommunes.has(ids[0])).toBe(true);
    }
  });

  it('resolves each old commune of the 2025 file to the new commune the file names', () => {
    for (const row of parseProvinceReorganizationCsv(REORGANIZATION)) {
      const old = unitWithCode(row.oldCode, '2025-06-30');
      expect(successorsOf(directory, old.unitId, '2025-07-02')).toEqual({ resolved: [unitWithCode(row.newCode, '2025-07-02').unitId] });
    }
  });

  it('leaves the 2022 hierarchy exactly as it was before the later imports', () => {
    expect(treeOn(directory, '2022-05-01')).toEqual(treeOn(adminUnits.after, '2022-05-01'));
  });

  it('plans nothing when any of the four files is imported again', () => {
    const again = imports.map((planImport) => planImport(directory));
    expect(again.map((p) => p.commands)).toEqual([[], [], [], []]);
    expect(again.map((p) => p.report.counts)).toEqual([
      { ...noChanges, unchanged: 150 },
      { ...noChanges, unchanged: 15 },
      { ...noChanges, unchanged: 130 },
      { ...noChanges, unchanged: 167 },
    ]);
  });
});
