import { UnitHistory, UnitState } from '@hailong/directory/history';
import { codeCell, CsvRow, GSO_CODE, readCsvRows, requiredCell } from './csv-rows';
import { dayBefore, requireImportDate } from './dates';
import { DirectoryIndex, dissolvedInto, label, mergedInto } from './directory-index';
import { ImportFormatError } from './import-errors';
import { ImportPlan, PlanBuilder } from './import-plan';
import { communeNameCell, requireUniqueCells } from './commune-cells';
import { policeNamesOf, PoliceNames } from './police-names';

const COLUMNS = ['old_code', 'old_name', 'successor_code', 'successor_name_after_merger', 'basis'] as const;
type Column = (typeof COLUMNS)[number];

/** One commune that disappears in a round of mergers, with its successor if the source knows it. */
export interface CommuneMergerRow {
  readonly line: number;
  readonly oldCode: string;
  readonly oldName: string;
  /** Null when the source does not say who took over. */
  readonly successor: {
    readonly code: string;
    /** The successor's full name once the merger is done ("Phường Hai Bà Trưng"). */
    readonly nameAfter: string;
  } | null;
  /** Why the successor is believed to be this one, or why it is unknown. */
  readonly basis: string;
}

export function parseCommuneMergersCsv(text: string): CommuneMergerRow[] {
  const rows = readCsvRows(text, COLUMNS).map(communeMergerRow);
  requireUniqueCells(rows, 'old_code', (r) => r.oldCode);
  requireOneNamePerSuccessor(rows);
  requireSuccessorsThatStay(rows);
  return rows;
}

function communeMergerRow(row: CsvRow<Column>): CommuneMergerRow {
  const oldCode = codeCell(row, 'old_code', GSO_CODE.commune.format, GSO_CODE.commune.what);
  const oldName = communeNameCell(row, 'old_name');
  const basis = requiredCell(row, 'basis');
  const { successor_code: code, successor_name_after_merger: nameAfter } = row.cells;
  if (!code && !nameAfter) return { line: row.line, oldCode, oldName, successor: null, basis };
  if (!code || !nameAfter)
    throw new ImportFormatError(
      row.line,
      code ? 'successor_name_after_merger' : 'successor_code',
      'give both the successor code and its name after the merger, or neither when the successor is unknown',
      'cần ghi cả mã và tên đơn vị kế thừa sau sáp nhập, hoặc để trống cả hai nếu chưa rõ đơn vị kế thừa',
    );
  const successor = {
    code: codeCell(row, 'successor_code', GSO_CODE.commune.format, GSO_CODE.commune.what),
    nameAfter: communeNameCell(row, 'successor_name_after_merger'),
  };
  if (successor.code === oldCode)
    throw new ImportFormatError(row.line, 'successor_code', 'a commune cannot succeed itself', 'đơn vị không thể kế thừa chính nó');
  return { line: row.line, oldCode, oldName, successor, basis };
}

function requireOneNamePerSuccessor(rows: readonly CommuneMergerRow[]): void {
  const names = new Map<string, string>();
  for (const { line, successor } of rows) {
    if (!successor) continue;
    const first = names.get(successor.code) ?? successor.nameAfter;
    if (first !== successor.nameAfter)
      throw new ImportFormatError(
        line,
        'successor_name_after_merger',
        `${successor.code} is named "${first}" on an earlier line`,
        `${successor.code} đã được ghi tên "${first}" ở dòng trước`,
      );
    names.set(successor.code, first);
  }
}

/** A successor that is itself merged away in the same file would make the order of merges matter. */
function requireSuccessorsThatStay(rows: readonly CommuneMergerRow[]): void {
  const leaving = new Set(rows.map((r) => r.oldCode));
  for (const { line, successor } of rows)
    if (successor && leaving.has(successor.code))
      throw new ImportFormatError(
        line,
        'successor_code',
        `${successor.code} is itself merged away in this file`,
        `${successor.code} cũng bị sáp nhập trong tệp này`,
      );
}

export interface CommuneMergersOptions {
  /** The day the merged communes stop being valid. */
  readonly effectiveDate: string;
}

/**
 * A round of commune mergers: the communes with a known successor are merged into the commune police
 * holding the successor's code (one MergeUnits per successor), which is renamed if the merger gives it
 * a new name; those with no known successor are dissolved, and the report lists them.
 */
export function planCommuneMergers(
  histories: readonly UnitHistory[],
  csvText: string,
  options: CommuneMergersOptions,
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- registers nothing; same signature as the other planners
  newId: () => string,
): ImportPlan {
  requireImportDate(options.effectiveDate, 'effectiveDate');
  const rows = parseCommuneMergersCsv(csvText);
  const merging = new MergingRound(new DirectoryIndex(histories), options.effectiveDate);
  for (const [successorCode, group] of groupBySuccessor(rows)) merging.mergeInto(successorCode, group);
  for (const row of rows.filter((r) => r.successor === null)) merging.dissolve(row);
  return merging.plan.build('commune-mergers', options.effectiveDate);
}

function groupBySuccessor(rows: readonly CommuneMergerRow[]): Map<string, CommuneMergerRow[]> {
  const groups = new Map<string, CommuneMergerRow[]>();
  for (const row of rows) if (row.successor) groups.set(row.successor.code, [...(groups.get(row.successor.code) ?? []), row]);
  return groups;
}

class MergingRound {
  readonly plan = new PlanBuilder();
  /** Units are matched as they stood on the last day the old communes were valid. */
  private readonly lastDay: string;

  constructor(
    private readonly directory: DirectoryIndex,
    private readonly date: string,
  ) {
    this.lastDay = dayBefore(date);
  }

  /** One MergeUnits of the communes still to merge, and a RenameUnit if the merger renames the successor. */
  mergeInto(successorCode: string, rows: readonly CommuneMergerRow[]): void {
    const successor = this.commune(successorCode, rows[0].line, 'its mergers skipped');
    if (!successor) return;
    const merged = rows.map((row) => this.toClose(row, mergedInto(successor.unitId))).filter((u): u is UnitState => u !== null);
    const rename = this.renameTo(successor, rows[0].successor?.nameAfter as string);
    if (merged.length === 0 && !rename) return;
    if (!this.stillOpen(successor, rows[0])) return;
    if (merged.length > 0) this.planMerge(merged, successor, rename?.nameVi ?? successor.nameVi, rows);
    if (rename) this.planRename(successor, rename);
  }

  private planMerge(merged: readonly UnitState[], successor: UnitState, nameAfter: string, rows: readonly CommuneMergerRow[]): void {
    this.plan.command(
      { type: 'MergeUnits', unitIds: merged.map((u) => u.unitId), successorId: successor.unitId, effectiveDate: this.date },
      ...merged.map((unit) => ({
        action: 'merged' as const,
        code: unit.code,
        nameVi: unit.nameVi,
        detail: `into ${successor.code} ${nameAfter}; basis: ${rows.find((r) => r.oldCode === unit.code)?.basis}`,
      })),
    );
  }

  private planRename(successor: UnitState, names: PoliceNames): void {
    this.plan.command(
      { type: 'RenameUnit', unitId: successor.unitId, ...names, effectiveDate: this.date },
      { action: 'renamed', code: successor.code, nameVi: names.nameVi, detail: `was ${successor.nameVi}; named after the merger` },
    );
  }

  dissolve(row: CommuneMergerRow): void {
    const unit = this.toClose(row, dissolvedInto(null));
    if (!unit) return;
    this.plan.command(
      {
        type: 'DissolveUnit',
        unitId: unit.unitId,
        successorUnknown: true,
        effectiveDate: this.date,
      },
      {
        action: 'dissolved',
        code: unit.code,
        nameVi: unit.nameVi,
        detail: `successor unknown; basis: ${row.basis}`,
      },
    );
    this.plan.unknownSuccessor({
      code: unit.code,
      nameVi: unit.nameVi,
      basis: row.basis,
    });
  }

  /** The old commune if it still has to be closed; null if it already was (unchanged) or cannot be. */
  private toClose(row: CommuneMergerRow, closedAsExpected: (unit: UnitState) => boolean): UnitState | null {
    const unit = this.commune(row.oldCode, row.line);
    if (!unit) return null;
    const closing = this.directory.closingOf(unit.unitId, this.date, closedAsExpected);
    if (closing === 'done') this.plan.unchanged();
    if (closing === 'conflict')
      this.plan.warn(`line ${row.line}: ${label(unit)} left alone: it was ${this.directory.describeLatest(unit.unitId)}`);
    return closing === 'open' ? unit : null;
  }

  /** The commune police holding `code` on the last day before the mergers. */
  private commune(code: string, line: number, skipped = 'row skipped'): UnitState | null {
    const unit = this.directory.find(code, 'commune-police', this.lastDay);
    if (!unit) this.plan.warn(`line ${line}: no commune police with code ${code} is valid on ${this.lastDay}; ${skipped}`);
    return unit;
  }

  /** The successor's names after the merger, if its Vietnamese name then is not already that. */
  private renameTo(successor: UnitState, nameAfter: string): PoliceNames | null {
    const names = policeNamesOf(nameAfter);
    const current = this.directory.stateOn(successor.unitId, this.date);
    return names && current && current.nameVi !== names.nameVi ? names : null;
  }

  private stillOpen(successor: UnitState, row: CommuneMergerRow): boolean {
    const open = this.directory.closingOf(successor.unitId, this.date, () => false) === 'open';
    if (!open)
      this.plan.warn(
        `line ${row.line}: successor ${label(successor)} was ${this.directory.describeLatest(successor.unitId)}; nothing merged into it`,
      );
    return open;
  }
}
