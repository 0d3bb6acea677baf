import { UnitType } from '@hailong/contracts';
import { UnitHistory } from '@hailong/directory/history';
import { codeCell, CsvRow, GSO_CODE, readCsvRows, requiredCell } from './csv-rows';
import { requireImportDate } from './dates';
import { DirectoryIndex } from './directory-index';
import { findOrRegister, PlacedUnit, PlanContext, UnitDescription } from './find-or-register';
import { ImportFormatError } from './import-errors';
import { ImportPlan, PlanBuilder } from './import-plan';
import { ADMIN_KINDS, AdminLevel, divisionUnitCode, policeNamesOf, PROVINCIAL_DIVISIONS, splitAdminName } from './police-names';

const COLUMNS = ['code', 'name', 'name_with_type', 'level', 'type', 'parent_code'] as const;
type Column = (typeof COLUMNS)[number];

/** One administrative unit of a GSO list such as vinh-phuc-admin-units-pre2025.csv. */
export interface AdminUnitRow {
  readonly line: number;
  readonly code: string;
  readonly name: string;
  /** The full name, "Phường Tích Sơn". */
  readonly nameWithType: string;
  readonly level: AdminLevel;
  /** The GSO slug of its kind: 'phuong', 'xa', 'thi-tran', 'huyen', ... */
  readonly kind: string;
  readonly parentCode: string | null;
}

const LEVELS: readonly AdminLevel[] = ['province', 'district', 'commune'];
const PARENT_LEVEL: Record<AdminLevel, AdminLevel | null> = {
  province: null,
  district: 'province',
  commune: 'district',
};
/** The police unit that sits on an administrative unit of each level. */
const POLICE_TYPE: Record<AdminLevel, UnitType> = {
  province: 'provincial-police',
  district: 'district-police',
  commune: 'commune-police',
};

/** Reads and checks the list; throws ImportFormatError naming the line and column of the first fault. */
export function parseAdminUnitsCsv(text: string): AdminUnitRow[] {
  const rows = readCsvRows(text, COLUMNS).map(adminUnitRow);
  requireUniqueCodes(rows);
  requireParentsOfTheLevelAbove(rows);
  return rows;
}

function adminUnitRow(row: CsvRow<Column>): AdminUnitRow {
  const level = levelCell(row);
  const code = codeCell(row, 'code', GSO_CODE[level].format, GSO_CODE[level].what);
  const name = requiredCell(row, 'name');
  const nameWithType = requiredCell(row, 'name_with_type');
  const kind = requiredCell(row, 'type');
  const split = splitAdminName(nameWithType);
  if (!split || !split.kind.levels.includes(level))
    throw new ImportFormatError(
      row.line,
      'name_with_type',
      `"${nameWithType}" does not start with a kind of ${level} (${kindsOf(level)})`,
      `"${nameWithType}" không bắt đầu bằng loại đơn vị hành chính cấp ${level} (${kindsOf(level)})`,
    );
  if (split.kind.slug !== kind)
    throw new ImportFormatError(
      row.line,
      'type',
      `type ${kind} does not match "${split.kind.prefix}" in name_with_type (${split.kind.slug})`,
      `loại ${kind} không khớp với "${split.kind.prefix}" trong name_with_type (${split.kind.slug})`,
    );
  if (split.properName !== name)
    throw new ImportFormatError(
      row.line,
      'name',
      `name "${name}" is not the name in name_with_type ("${split.properName}")`,
      `tên "${name}" không khớp với tên trong name_with_type ("${split.properName}")`,
    );
  return {
    line: row.line,
    code,
    name,
    nameWithType,
    level,
    kind,
    parentCode: parentCodeCell(row, level),
  };
}

function levelCell(row: CsvRow<Column>): AdminLevel {
  const level = requiredCell(row, 'level');
  const known = LEVELS.find((l) => l === level);
  if (!known)
    throw new ImportFormatError(
      row.line,
      'level',
      `level must be one of ${LEVELS.join(', ')}, not "${level}"`,
      `cấp phải là một trong ${LEVELS.join(', ')}, không phải "${level}"`,
    );
  return known;
}

function parentCodeCell(row: CsvRow<Column>, level: AdminLevel): string | null {
  const parentLevel = PARENT_LEVEL[level];
  if (parentLevel === null) {
    if (row.cells.parent_code)
      throw new ImportFormatError(row.line, 'parent_code', 'a province has no parent', 'đơn vị cấp tỉnh không có đơn vị cấp trên');
    return null;
  }
  return codeCell(row, 'parent_code', GSO_CODE[parentLevel].format, GSO_CODE[parentLevel].what);
}

function kindsOf(level: AdminLevel): string {
  return ADMIN_KINDS.filter((k) => k.levels.includes(level))
    .map((k) => k.prefix)
    .join(', ');
}

function requireUniqueCodes(rows: readonly AdminUnitRow[]): void {
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.code))
      throw new ImportFormatError(row.line, 'code', `code ${row.code} appears twice`, `mã ${row.code} xuất hiện hai lần`);
    seen.add(row.code);
  }
}

/** A parent listed in the file must be of the level above; one not listed is looked up in the directory. */
function requireParentsOfTheLevelAbove(rows: readonly AdminUnitRow[]): void {
  const levelOf = new Map(rows.map((r) => [r.code, r.level]));
  for (const row of rows) {
    const parentLevel = row.parentCode && levelOf.get(row.parentCode);
    if (parentLevel && parentLevel !== PARENT_LEVEL[row.level])
      throw new ImportFormatError(
        row.line,
        'parent_code',
        `${row.parentCode} is a ${parentLevel}; a ${row.level} sits under a ${PARENT_LEVEL[row.level]}`,
        `${row.parentCode} là đơn vị cấp ${parentLevel}; đơn vị cấp ${row.level} phải trực thuộc cấp ${PARENT_LEVEL[row.level]}`,
      );
  }
}

export interface AdminUnitsImportOptions {
  /** The day the imported units are valid from. */
  readonly validFrom: string;
}

/**
 * Registers the police units that sit on a list of administrative units: per province its provincial
 * police and the four divisions, per district a district police, per commune a commune police under
 * it. Units already valid on `validFrom` with the same code and type are left unchanged.
 */
export function planAdminUnitsImport(
  histories: readonly UnitHistory[],
  csvText: string,
  options: AdminUnitsImportOptions,
  newId: () => string,
): ImportPlan {
  requireImportDate(options.validFrom, 'validFrom');
  const rows = parseAdminUnitsCsv(csvText);
  const context: PlanContext = {
    directory: new DirectoryIndex(histories),
    plan: new PlanBuilder(),
    newId,
  };
  const placed = new Placed(context, options.validFrom);
  for (const row of rows.filter((r) => r.level === 'province')) {
    const province = placed.place(row, policeUnitOn(row), null);
    for (const division of PROVINCIAL_DIVISIONS) placed.place(row, divisionOf(row, division), province);
  }
  // Parents before children, so every command names a parent registered by then.
  for (const level of ['district', 'commune'] as const)
    for (const row of rows.filter((r) => r.level === level)) placed.place(row, policeUnitOn(row), placed.parentOf(row));
  return context.plan.build('admin-units', options.validFrom);
}

type Placement = PlacedUnit | 'skipped';

/** The police units the plan has found or registered, by code, and those it had to skip. */
class Placed {
  private readonly byCode = new Map<string, Placement>();

  constructor(
    private readonly context: PlanContext,
    private readonly date: string,
  ) {}

  /** Finds or registers the unit under `parent` (null: a root); skips it if its parent was skipped. */
  place(row: AdminUnitRow, unit: UnitDescription, parent: Placement | null): Placement {
    const source = `line ${row.line}`;
    if (parent === 'skipped') this.context.plan.warn(`${source}: ${unit.code} ${unit.nameVi} not registered: its parent was not`);
    const placed = parent === 'skipped' ? null : findOrRegister(this.context, unit, parent, this.date, source);
    this.byCode.set(unit.code, placed ?? 'skipped');
    return placed ?? 'skipped';
  }

  /** The police unit on the row's parent: placed by this plan, else found in the directory. */
  parentOf(row: AdminUnitRow): Placement {
    const parentLevel = PARENT_LEVEL[row.level] as AdminLevel;
    const code = row.parentCode as string;
    const placed = this.byCode.get(code);
    if (placed) return placed;
    const found = this.context.directory.find(code, POLICE_TYPE[parentLevel], this.date);
    if (!found)
      throw new ImportFormatError(
        row.line,
        'parent_code',
        `no ${parentLevel} ${code} in the file, nor a ${POLICE_TYPE[parentLevel]} with that code in the directory on ${this.date}`,
        `không có đơn vị cấp ${parentLevel} mã ${code} trong tệp, cũng không có đơn vị công an mã đó trong danh mục vào ngày ${this.date}`,
      );
    this.byCode.set(code, found);
    return found;
  }
}

/** The police unit on an administrative unit: its code and area are the GSO code. */
function policeUnitOn(row: AdminUnitRow): UnitDescription {
  // parseAdminUnitsCsv has checked that the name starts with a known kind.
  const names = policeNamesOf(row.nameWithType) as NonNullable<ReturnType<typeof policeNamesOf>>;
  return {
    code: row.code,
    unitType: POLICE_TYPE[row.level],
    ...names,
    areaCode: row.code,
  };
}

function divisionOf(province: AdminUnitRow, division: (typeof PROVINCIAL_DIVISIONS)[number]): UnitDescription {
  return {
    code: divisionUnitCode(province.code, division.code),
    unitType: 'provincial-division',
    nameVi: division.nameVi,
    nameEn: division.nameEn,
    areaCode: province.code,
  };
}
