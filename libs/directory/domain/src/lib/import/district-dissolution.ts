import { UnitHistory, UnitState } from '@hailong/directory/history';
import { GSO_CODE } from './csv-rows';
import { dayBefore, requireImportDate } from './dates';
import { DirectoryIndex, dissolvedInto, label } from './directory-index';
import { ImportFormatError } from './import-errors';
import { ImportPlan, PlanBuilder } from './import-plan';

export interface DistrictDissolutionOptions {
  /** GSO code of the province whose district police are dissolved ('26'). */
  readonly provinceCode: string;
  /** The first day without district police (2025-03-01). */
  readonly effectiveDate: string;
}

/**
 * The end of district-level police: each district police's communes move directly under the
 * provincial police, then the district police is dissolved naming the provincial police as the
 * successor for its procedures.
 */
export function planDistrictDissolution(
  histories: readonly UnitHistory[],
  options: DistrictDissolutionOptions,
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- registers nothing; same signature as the other planners
  newId: () => string,
): ImportPlan {
  const { provinceCode, effectiveDate } = options;
  requireImportDate(effectiveDate, 'effectiveDate');
  const directory = new DirectoryIndex(histories);
  const province = provincialPolice(directory, provinceCode, effectiveDate);
  const dissolution = new Dissolution(directory, province, effectiveDate);
  for (const district of directory.childrenOn(province.unitId, dayBefore(effectiveDate), 'district-police')) dissolution.dissolve(district);
  return dissolution.plan.build('district-dissolution', effectiveDate);
}

/** The provincial police, valid both on the last day of the districts and on the first without them. */
function provincialPolice(directory: DirectoryIndex, code: string, date: string): UnitState {
  if (!GSO_CODE.province.format.test(code))
    throw new ImportFormatError(
      null,
      'provinceCode',
      `${code} is not ${GSO_CODE.province.what.en}`,
      `${code} không phải là ${GSO_CODE.province.what.vi}`,
    );
  const before = directory.find(code, 'provincial-police', dayBefore(date));
  if (!before || !directory.stateOn(before.unitId, date))
    throw new ImportFormatError(
      null,
      'provinceCode',
      `no provincial police with code ${code} is valid on both ${dayBefore(date)} and ${date}`,
      `không có công an tỉnh mã ${code} còn hiệu lực vào cả ngày ${dayBefore(date)} và ngày ${date}`,
    );
  return before;
}

class Dissolution {
  readonly plan = new PlanBuilder();
  private readonly lastDay: string;

  constructor(
    private readonly directory: DirectoryIndex,
    private readonly province: UnitState,
    private readonly date: string,
  ) {
    this.lastDay = dayBefore(date);
  }

  /** Its communes first, so that no commune is left under a dissolved unit. */
  dissolve(district: UnitState): void {
    for (const commune of this.directory.childrenOn(district.unitId, this.lastDay, 'commune-police'))
      this.moveToProvince(commune, district);
    const closing = this.directory.closingOf(district.unitId, this.date, dissolvedInto(this.province.unitId));
    if (closing === 'done') return this.plan.unchanged();
    if (closing === 'conflict')
      return this.plan.warn(`${label(district)} left alone: it was ${this.directory.describeLatest(district.unitId)}`);
    this.plan.command(
      {
        type: 'DissolveUnit',
        unitId: district.unitId,
        successorId: this.province.unitId,
        effectiveDate: this.date,
      },
      {
        action: 'dissolved',
        code: district.code,
        nameVi: district.nameVi,
        detail: `its procedures go to ${label(this.province)}`,
      },
    );
  }

  private moveToProvince(commune: UnitState, district: UnitState): void {
    const parentThen = this.directory.stateOn(commune.unitId, this.date)?.parentId;
    if (parentThen === this.province.unitId) return this.plan.unchanged();
    const closing = this.directory.closingOf(commune.unitId, this.date, () => false);
    if (parentThen !== district.unitId || closing !== 'open')
      return this.plan.warn(`${label(commune)} not moved from ${label(district)}: it was ${this.directory.describeLatest(commune.unitId)}`);
    this.plan.command(
      {
        type: 'MoveUnit',
        unitId: commune.unitId,
        parentId: this.province.unitId,
        effectiveDate: this.date,
      },
      {
        action: 'moved',
        code: commune.code,
        nameVi: commune.nameVi,
        detail: `from ${label(district)} to ${label(this.province)}`,
      },
    );
  }
}
