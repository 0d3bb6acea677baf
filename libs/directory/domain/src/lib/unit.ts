import { UnitType } from '@hailong/contracts';

/** A police unit as the directory knows it at the end of its event stream. */
export interface UnitState {
  readonly unitId: string;
  readonly code: string;
  readonly unitType: UnitType;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly parentId: string | null;
  readonly areaCode: string | null;
  /** First day of validity (YYYY-MM-DD, Asia/Ho_Chi_Minh). */
  readonly validFrom: string;
  /** First day it is no longer valid (half-open), or null while it still is. */
  readonly validTo: string | null;
  /** Number of events in its stream; the ETag of the write side. */
  readonly version: number;
}

/** Facts about other units that a command needs; the write side answers them from its store. */
export interface DirectoryLookup {
  unitOn(unitId: string, date: string): UnitState | null;
  /** Units holding `code` at any time in [from, to). */
  unitsWithCodeDuring(code: string, from: string, to: string | null): readonly UnitState[];
}

/** The last day on which a half-open interval [from, to) overlaps another. */
export function overlaps(a: { validFrom: string; validTo: string | null }, from: string, to: string | null): boolean {
  return (to === null || a.validFrom < to) && (a.validTo === null || from < a.validTo);
}
