import {
  CORRECTABLE_EVENT_TYPES,
  DataOf,
  UnitDissolved,
  UnitEventCorrected,
  UnitMerged,
  UnitMoved,
  UnitRegistered,
  UnitRenamed,
  UnitSplit,
  UnitTypeChanged,
} from '@hailong/contracts';
import { CorrectableField } from './unit-state';

export type UnitRegisteredData = DataOf<typeof UnitRegistered>;

// The directory's events: plain read-only `{ type, data }`. Every `data` names the `unitId` whose stream
// it belongs to, and the date it takes effect (YYYY-MM-DD, Asia/Ho_Chi_Minh). The envelope (event id,
// actor, occurredAt) is added by the write side.

// Each event's data is exactly what its contract in @hailong/contracts checks (one source of truth).
export type UnitRenamedData = DataOf<typeof UnitRenamed>;
export type UnitTypeChangedData = DataOf<typeof UnitTypeChanged>;
export type UnitMovedData = DataOf<typeof UnitMoved>;
/** One per merged unit; its validity ends on `effectiveDate`. */
export type UnitMergedData = DataOf<typeof UnitMerged>;
export type UnitSplitData = DataOf<typeof UnitSplit>;
/** Exactly one of a successor or `successorUnknown: true`. */
export type UnitDissolvedData = DataOf<typeof UnitDissolved>;
/** A compensating fact: the named event should have carried these values. History is never edited. */
export type UnitEventCorrectedData = DataOf<typeof UnitEventCorrected>;
export type UnitCorrections = UnitEventCorrectedData['corrections'];

export type UnitRegisteredEvent = {
  readonly type: 'UnitRegistered';
  readonly data: UnitRegisteredData;
};
export type UnitRenamed = {
  readonly type: 'UnitRenamed';
  readonly data: UnitRenamedData;
};
export type UnitTypeChanged = {
  readonly type: 'UnitTypeChanged';
  readonly data: UnitTypeChangedData;
};
export type UnitMoved = {
  readonly type: 'UnitMoved';
  readonly data: UnitMovedData;
};
export type UnitMerged = {
  readonly type: 'UnitMerged';
  readonly data: UnitMergedData;
};
export type UnitSplit = {
  readonly type: 'UnitSplit';
  readonly data: UnitSplitData;
};
export type UnitDissolved = {
  readonly type: 'UnitDissolved';
  readonly data: UnitDissolvedData;
};
export type UnitEventCorrected = {
  readonly type: 'UnitEventCorrected';
  readonly data: UnitEventCorrectedData;
};

export type DirectoryEvent =
  | UnitRegisteredEvent
  | UnitRenamed
  | UnitTypeChanged
  | UnitMoved
  | UnitMerged
  | UnitSplit
  | UnitDissolved
  | UnitEventCorrected;

/** The events whose values a correction may replace, and which of their fields it may replace. */
export const CORRECTABLE_EVENT_FIELDS = {
  UnitRegistered: ['code', 'unitType', 'nameVi', 'nameEn', 'parentId', 'areaCode'],
  UnitRenamed: ['nameVi', 'nameEn'],
  UnitTypeChanged: ['unitType'],
  UnitMoved: ['parentId'],
} as const satisfies Record<(typeof CORRECTABLE_EVENT_TYPES)[number], readonly CorrectableField[]>;

export type CorrectableEventType = keyof typeof CORRECTABLE_EVENT_FIELDS;

/** The date an event takes effect. */
export function effectiveDateOf(event: DirectoryEvent): string {
  return event.type === 'UnitRegistered' ? event.data.validFrom : event.data.effectiveDate;
}
