import { UnitType } from '@hailong/contracts';
import { isClosed, lastChangedOn, latestState, overlaps, stateOn, UnitHistory, UnitState } from '@hailong/directory/history';

/**
 * The directory as an import reads it: units found by code, type and validity on a date (an import
 * knows codes, never ids, and a code is reused once its holder has ended).
 */
export class DirectoryIndex {
  private readonly byId: ReadonlyMap<string, UnitHistory>;
  private readonly validOn = new Map<string, readonly UnitState[]>();
  private readonly latestById = new Map<string, UnitState | null>();

  constructor(histories: readonly UnitHistory[]) {
    this.byId = new Map(histories.filter((h) => h.length > 0).map((h) => [h[0].data.unitId, h]));
  }

  /** Units valid on `date`, as they stood then. */
  unitsOn(date: string): readonly UnitState[] {
    let units = this.validOn.get(date);
    if (!units) {
      units = [...this.byId.values()].map((h) => stateOn(h, date)).filter((u): u is UnitState => u !== null);
      this.validOn.set(date, units);
    }
    return units;
  }

  find(code: string, unitType: UnitType, date: string): UnitState | null {
    return this.unitsOn(date).find((u) => u.code === code && u.unitType === unitType) ?? null;
  }

  childrenOn(parentId: string, date: string, unitType?: UnitType): readonly UnitState[] {
    return this.unitsOn(date).filter((u) => u.parentId === parentId && (unitType === undefined || u.unitType === unitType));
  }

  stateOn(unitId: string, date: string): UnitState | null {
    const history = this.byId.get(unitId);
    return history ? stateOn(history, date) : null;
  }

  latest(unitId: string): UnitState | null {
    if (!this.latestById.has(unitId)) {
      const history = this.byId.get(unitId);
      this.latestById.set(unitId, history ? latestState(history) : null);
    }
    return this.latestById.get(unitId) ?? null;
  }

  /**
   * A unit that holds `code` on `date` or later, so that registering the code from `date` would be
   * refused; units in `ending` are left out, as the same command ends them that day.
   */
  codeHolderFrom(code: string, date: string, ending: readonly string[] = []): UnitState | null {
    for (const unitId of this.byId.keys()) {
      const unit = this.latest(unitId);
      if (unit?.code === code && !ending.includes(unit.unitId) && overlaps(unit, date, null)) return unit;
    }
    return null;
  }

  /**
   * Whether a unit the source ends on `date` is still to be closed, was already closed that way (the
   * source was imported before), or was changed otherwise so that the import must leave it alone.
   */
  closingOf(unitId: string, date: string, closedAsExpected: (latest: UnitState) => boolean): 'open' | 'done' | 'conflict' {
    const latest = this.latest(unitId);
    if (!latest) return 'conflict';
    if (!isClosed(latest)) return lastChangedOn(latest) <= date ? 'open' : 'conflict';
    return latest.validTo === date && closedAsExpected(latest) ? 'done' : 'conflict';
  }

  /** For a warning: how the unit stands now, in words. */
  describeLatest(unitId: string): string {
    const latest = this.latest(unitId);
    if (!latest) return 'unknown';
    return isClosed(latest) ? `${latest.status} on ${latest.validTo}` : `changed on ${lastChangedOn(latest)}`;
  }
}

export const mergedInto =
  (successorId: string) =>
  (unit: UnitState): boolean =>
    unit.status === 'merged' && unit.successorIds?.[0] === successorId;

export const dissolvedInto =
  (successorId: string | null) =>
  (unit: UnitState): boolean =>
    unit.status === 'dissolved' && (successorId === null ? unit.successorUnknown === true : unit.successorIds?.[0] === successorId);

/** "08740 Công an phường Trưng Nhị", how a unit is named in a report line. */
export function label(unit: { code: string; nameVi: string }): string {
  return `${unit.code} ${unit.nameVi}`;
}
