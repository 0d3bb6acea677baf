import { UnitHistory, UnitState } from '@hailong/directory/history';
import { MergeSuccessor } from '../merge-units';
import { communeNameCell, requireUniqueCells } from './commune-cells';
import { codeCell, CsvRow, GSO_CODE, readCsvRows, requiredCell } from './csv-rows';
import { dayBefore, requireImportDate } from './dates';
import { DirectoryIndex, label, mergedInto } from './directory-index';
import {
  codeHeldWarning,
  findExisting,
  findOrRegister,
  PlacedUnit,
  PlanContext,
  registeredChange,
  UnitDescription,
} from './find-or-register';
import { ImportFormatError } from './import-errors';
import { ImportPlan, PlanBuilder } from './import-plan';
import { divisionUnitCode, policeNamesOf, PoliceNames, PROVINCIAL_DIVISIONS, splitAdminName } from './police-names';

const COLUMNS = ['old_code', 'old_name', 'new_province_code', 'new_province_name', 'new_code', 'new_name'] as const;
type Column = (typeof COLUMNS)[number];

/** One old commune and the new commune (and province) it becomes part of. */
export interface ProvinceReorganizationRow {
  readonly line: number;
  readonly oldCode: string;
  readonly oldName: string;
  readonly newProvinceCode: string;
  /** "Phú Thọ"; a province unless it starts with another kind ("Thành phố Hà Nội"). */
  readonly newProvinceName: string;
  readonly newCode: string;
  readonly newName: string;
}

export function parseProvinceReorganizationCsv(text: string): ProvinceReorganizationRow[] {
  const rows = readCsvRows(text, COLUMNS).map(reorganizationRow);
  requireUniqueCells(rows, 'old_code', (r) => r.oldCode);
  requireSameCells(
    rows,
    (r) => r.newCode,
    'new_name',
    (r) => r.newName,
  );
  requireSameCells(
    rows,
    (r) => r.newCode,
    'new_province_code',
    (r) => r.newProvinceCode,
  );
  requireSameCells(
    rows,
    (r) => r.newProvinceCode,
    'new_province_name',
    (r) => r.newProvinceName,
  );
  return rows;
}

function reorganizationRow(row: CsvRow<Column>): ProvinceReorganizationRow {
  const commune = GSO_CODE.commune;
  return {
    line: row.line,
    oldCode: codeCell(row, 'old_code', commune.format, commune.what),
    oldName: communeNameCell(row, 'old_name'),
    newProvinceCode: codeCell(row, 'new_province_code', GSO_CODE.province.format, GSO_CODE.province.what),
    newProvinceName: requiredCell(row, 'new_province_name'),
    newCode: codeCell(row, 'new_code', commune.format, commune.what),
    newName: communeNameCell(row, 'new_name'),
  };
}

/** Rows with the same key must agree on `column` (one new commune has one name and one province). */
function requireSameCells(
  rows: readonly ProvinceReorganizationRow[],
  key: (row: ProvinceReorganizationRow) => string,
  column: Column,
  value: (row: ProvinceReorganizationRow) => string,
): void {
  const first = new Map<string, ProvinceReorganizationRow>();
  for (const row of rows) {
    const earlier = first.get(key(row)) ?? row;
    if (value(earlier) !== value(row))
      throw new ImportFormatError(
        row.line,
        column,
        `"${value(row)}" differs from "${value(earlier)}" on line ${earlier.line} for ${key(row)}`,
        `"${value(row)}" khác với "${value(earlier)}" ở dòng ${earlier.line} cho ${key(row)}`,
      );
    first.set(key(row), earlier);
  }
}

export interface ProvinceReorganizationOptions {
  /** The first day of the new provinces and communes (2025-07-01). */
  readonly effectiveDate: string;
}

/**
 * Provinces merged and their communes regrouped. Per new province: its provincial police (a new root
 * unless one with its code is valid) and its four divisions; per new commune, a MergeUnits of the old
 * commune police into a new commune police under the new provincial police (registered by the merger,
 * as it usually reuses a predecessor's code); then each old division and old provincial police merged
 * into the new one with the same division code.
 */
export function planProvinceReorganization(
  histories: readonly UnitHistory[],
  csvText: string,
  options: ProvinceReorganizationOptions,
  newId: () => string,
): ImportPlan {
  requireImportDate(options.effectiveDate, 'effectiveDate');
  const rows = parseProvinceReorganizationCsv(csvText);
  const context: PlanContext = {
    directory: new DirectoryIndex(histories),
    plan: new PlanBuilder(),
    newId,
  };
  const reorganization = new Reorganization(context, options.effectiveDate, rows);
  for (const [provinceCode, provinceRows] of groupBy(rows, (r) => r.newProvinceCode))
    reorganization.regroupInto(provinceCode, provinceRows);
  reorganization.mergeOldProvinces();
  return context.plan.build('province-reorganization', options.effectiveDate);
}

interface NewProvince {
  readonly police: PlacedUnit;
  /** The new province's divisions by division code ('PA08'); null where one could not be registered. */
  readonly divisions: Map<string, PlacedUnit | null>;
}

class Reorganization {
  private readonly directory: DirectoryIndex;
  private readonly plan: PlanBuilder;
  /** Units are matched as they stood on the last day of the old structure. */
  private readonly lastDay: string;
  /** The old commune police of each row (by old code), null where the directory has none. */
  private readonly oldCommunes: Map<string, UnitState | null>;
  /** Old provincial police (by unit id) and the new provinces their communes go to. */
  private readonly oldProvinces = new Map<string, Set<NewProvince>>();
  /** Units this plan merges, so that what stays behind can be reported. */
  private readonly planned = new Set<string>();

  constructor(
    private readonly context: PlanContext,
    private readonly date: string,
    rows: readonly ProvinceReorganizationRow[],
  ) {
    this.directory = context.directory;
    this.plan = context.plan;
    this.lastDay = dayBefore(date);
    this.oldCommunes = new Map(rows.map((r) => [r.oldCode, this.oldCommune(r)]));
  }

  regroupInto(provinceCode: string, rows: readonly ProvinceReorganizationRow[]): void {
    const province = this.newProvince(provinceCode, rows[0]);
    if (!province) return;
    for (const [newCode, group] of groupBy(rows, (r) => r.newCode)) this.mergeCommunes(newCode, group, province.police);
    for (const row of rows) {
      const root = this.rootOf(this.oldCommunes.get(row.oldCode) ?? null);
      // A province that keeps its code and identity is not merged into itself.
      if (root && root.unitId !== province.police.unitId)
        this.oldProvinces.set(root.unitId, (this.oldProvinces.get(root.unitId) ?? new Set()).add(province));
    }
  }

  /** Old divisions first, then the old provincial police, each into its counterpart. */
  mergeOldProvinces(): void {
    for (const [unitId, targets] of this.oldProvinces) {
      const old = this.directory.stateOn(unitId, this.lastDay) as UnitState;
      if (targets.size > 1) {
        this.plan.warn(
          `${label(old)} not merged: its communes go to ${targets.size} new provinces (${[...targets].map((t) => t.police.code).join(', ')})`,
        );
        continue;
      }
      const [target] = targets;
      for (const division of this.directory.childrenOn(unitId, this.lastDay, 'provincial-division'))
        this.mergeDivision(division, old, target);
      this.mergeInto([old], target.police);
      this.warnAboutLeftovers(old);
    }
  }

  private newProvince(code: string, row: ProvinceReorganizationRow): NewProvince | null {
    const source = `province ${code}`;
    const police = findOrRegister(
      this.context,
      {
        code,
        unitType: 'provincial-police',
        ...provinceNames(row.newProvinceName),
        areaCode: code,
      },
      null,
      this.date,
      source,
    );
    if (!police) return null;
    const divisions = new Map(
      PROVINCIAL_DIVISIONS.map((d) => [
        d.code,
        findOrRegister(
          this.context,
          {
            code: divisionUnitCode(code, d.code),
            unitType: 'provincial-division',
            nameVi: d.nameVi,
            nameEn: d.nameEn,
            areaCode: code,
          },
          police,
          this.date,
          source,
        ),
      ]),
    );
    return { police, divisions };
  }

  /** The old communes of one new commune: into it if it exists (an earlier import), else into a new one. */
  private mergeCommunes(newCode: string, rows: readonly ProvinceReorganizationRow[], province: PlacedUnit): void {
    const source = `line ${rows[0].line}`;
    const unit: UnitDescription = {
      code: newCode,
      unitType: 'commune-police',
      ...(policeNamesOf(rows[0].newName) as PoliceNames),
      areaCode: newCode,
    };
    // On the date the old commune holding the code is still recorded as valid; the new one starts then.
    const existing = findExisting(this.context, unit, province, this.date, source, (found) => found.validFrom === this.date);
    const predecessors = rows.map((r) => this.oldCommunes.get(r.oldCode) ?? null).filter((u): u is UnitState => u !== null);
    if (existing) return this.mergeInto(predecessors, existing);
    const toMerge = this.stillToMerge(predecessors, null);
    if (toMerge.length === 0)
      return this.plan.warn(`${source}: ${label(unit)} not registered: none of its old communes can be merged into it`);
    this.mergeIntoNew(toMerge, unit, province, source);
  }

  /** One MergeUnits that registers the new commune, free to take a predecessor's code. */
  private mergeIntoNew(toMerge: readonly UnitState[], unit: UnitDescription, province: PlacedUnit, source: string): void {
    const mergedIds = toMerge.map((u) => u.unitId);
    const holder = this.directory.codeHolderFrom(unit.code, this.date, mergedIds);
    if (holder) return this.plan.warn(codeHeldWarning(source, unit, holder));
    const successor: MergeSuccessor = { unitId: this.context.newId(), ...unit, parentId: province.unitId };
    this.plan.command(
      { type: 'MergeUnits', unitIds: mergedIds, successorId: successor.unitId, successor, effectiveDate: this.date },
      registeredChange(unit, province, this.date),
      ...toMerge.map((u) => this.mergedChange(u, successor)),
    );
    mergedIds.forEach((id) => this.planned.add(id));
  }

  /** Those of `units` still open; those already merged into `successor` are unchanged. */
  private stillToMerge(units: readonly UnitState[], successor: PlacedUnit | null): UnitState[] {
    return units.filter((unit) => {
      const closing = this.directory.closingOf(unit.unitId, this.date, successor ? mergedInto(successor.unitId) : () => false);
      if (closing === 'done') this.plan.unchanged();
      if (closing === 'conflict') this.plan.warn(`${label(unit)} left alone: it was ${this.directory.describeLatest(unit.unitId)}`);
      return closing === 'open';
    });
  }

  /** An old division into the new province's division of the same code ('26-PA08' into '25-PA08'). */
  private mergeDivision(division: UnitState, oldProvince: UnitState, target: NewProvince): void {
    const prefix = `${oldProvince.code}-`;
    if (!division.code.startsWith(prefix)) return this.plan.warn(`${label(division)} not merged: its code does not start with ${prefix}`);
    const divisionCode = division.code.slice(prefix.length);
    if (!target.divisions.has(divisionCode))
      // A division the standard four do not include gets its counterpart under the same name.
      target.divisions.set(
        divisionCode,
        findOrRegister(
          this.context,
          {
            code: divisionUnitCode(target.police.code, divisionCode),
            unitType: 'provincial-division',
            nameVi: division.nameVi,
            nameEn: division.nameEn,
            areaCode: target.police.code,
          },
          target.police,
          this.date,
          `division ${division.code}`,
        ),
      );
    const counterpart = target.divisions.get(divisionCode);
    if (counterpart) this.mergeInto([division], counterpart);
  }

  /** One MergeUnits of those of `units` still open into an existing successor. */
  private mergeInto(units: readonly UnitState[], successor: PlacedUnit): void {
    const toMerge = this.stillToMerge(units, successor);
    if (toMerge.length === 0) return;
    this.plan.command(
      {
        type: 'MergeUnits',
        unitIds: toMerge.map((u) => u.unitId),
        successorId: successor.unitId,
        effectiveDate: this.date,
      },
      ...toMerge.map((u) => this.mergedChange(u, successor)),
    );
    toMerge.forEach((u) => this.planned.add(u.unitId));
  }

  private mergedChange(unit: UnitState, successor: PlacedUnit) {
    return {
      action: 'merged' as const,
      code: unit.code,
      nameVi: unit.nameVi,
      detail: `into ${label(successor)}`,
    };
  }

  /** Units left valid under a merged provincial police (district police not dissolved, communes not in the file). */
  private warnAboutLeftovers(oldProvince: UnitState): void {
    for (const child of this.directory.childrenOn(oldProvince.unitId, this.lastDay))
      if (!this.planned.has(child.unitId) && this.directory.stateOn(child.unitId, this.date))
        this.plan.warn(`${label(child)} stays valid under ${label(oldProvince)}, which is merged on ${this.date}`);
  }

  private oldCommune(row: ProvinceReorganizationRow): UnitState | null {
    const unit = this.directory.find(row.oldCode, 'commune-police', this.lastDay);
    if (!unit) {
      this.plan.warn(`line ${row.line}: no commune police with code ${row.oldCode} is valid on ${this.lastDay}; row skipped`);
      return null;
    }
    const named = policeNamesOf(row.oldName)?.nameVi;
    if (named !== unit.nameVi)
      this.plan.warn(`line ${row.line}: ${row.oldCode} is recorded as "${unit.nameVi}" on ${this.lastDay}, the file says "${row.oldName}"`);
    return unit;
  }

  /** The provincial police at the top of a unit's hierarchy on the last day. */
  private rootOf(unit: UnitState | null): UnitState | null {
    const seen = new Set<string>();
    let current = unit;
    while (current?.parentId && !seen.has(current.unitId)) {
      seen.add(current.unitId);
      current = this.directory.stateOn(current.parentId, this.lastDay);
    }
    return current?.unitType === 'provincial-police' ? current : null;
  }
}

/** "Phú Thọ" names a province; a name that already starts with its kind is taken as it is. */
function provinceNames(name: string): PoliceNames {
  const withType = splitAdminName(name) ? name : `Tỉnh ${name}`;
  return policeNamesOf(withType) as PoliceNames;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
