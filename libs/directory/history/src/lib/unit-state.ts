import { UnitType } from '@hailong/contracts';

/** Whether a unit still carries on its work, or how it stopped doing so. */
export type UnitStatus = 'active' | 'merged' | 'split' | 'dissolved';

/** Fields a compensating event may correct. */
export const CORRECTABLE_FIELDS = ['code', 'unitType', 'nameVi', 'nameEn', 'parentId', 'areaCode'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

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
  /**
   * Effective date of its latest change; later commands may not take effect before it. Optional so
   * that states read from stores that predate it still type-check: absent means `validFrom`.
   */
  readonly lastChangedOn?: string;
  /** Absent means 'active'. */
  readonly status?: UnitStatus;
  /** Units that took over its work once merged, split or dissolved. */
  readonly successorIds?: readonly string[];
  /** Dissolved and nobody knows who took over its procedures. */
  readonly successorUnknown?: boolean;
  /** Effective date of the event that last set each field (a correction may not reach past it). */
  readonly fieldsChangedOn?: Readonly<Partial<Record<CorrectableField, string>>>;
}

/** Whether a half-open interval [validFrom, validTo) overlaps [from, to). */
export function overlaps(a: { validFrom: string; validTo: string | null }, from: string, to: string | null): boolean {
  return (to === null || a.validFrom < to) && (a.validTo === null || from < a.validTo);
}

/** The date before which no new change to the unit may take effect. */
export function lastChangedOn(state: UnitState): string {
  return state.lastChangedOn ?? state.validFrom;
}

export function isClosed(state: UnitState): boolean {
  return (state.status ?? 'active') !== 'active';
}
