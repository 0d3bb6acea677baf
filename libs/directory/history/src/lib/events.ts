import { UnitRegistered, UnitType } from '@hailong/contracts';
import { CorrectableField } from './unit-state';

export type UnitRegisteredData = ReturnType<typeof UnitRegistered.schema.parse>;

// The directory's events: plain read-only `{ type, data }`. Every `data` names the `unitId` whose stream
// it belongs to, and the date it takes effect (YYYY-MM-DD, Asia/Ho_Chi_Minh). The envelope (event id,
// actor, occurredAt) is added by the write side.

export interface UnitRenamedData {
  readonly unitId: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly effectiveDate: string;
}

export interface UnitTypeChangedData {
  readonly unitId: string;
  readonly unitType: UnitType;
  readonly previousUnitType: UnitType;
  readonly effectiveDate: string;
}

export interface UnitMovedData {
  readonly unitId: string;
  readonly parentId: string | null;
  readonly previousParentId: string | null;
  readonly effectiveDate: string;
}

/** One per merged unit; its validity ends on `effectiveDate`. */
export interface UnitMergedData {
  readonly unitId: string;
  readonly successorId: string;
  /** Every unit merged by the same command, this one included. */
  readonly mergedUnitIds: readonly string[];
  readonly effectiveDate: string;
}

export interface UnitSplitData {
  readonly unitId: string;
  readonly successorIds: readonly string[];
  readonly effectiveDate: string;
}

/** Exactly one of a successor or `successorUnknown: true`. */
export interface UnitDissolvedData {
  readonly unitId: string;
  readonly successorId: string | null;
  readonly successorUnknown: boolean;
  readonly effectiveDate: string;
}

export type UnitCorrections = Readonly<
  Partial<Pick<UnitRegisteredData, CorrectableField>>
>;

/** A compensating fact: the named event should have carried these values. History is never edited. */
export interface UnitEventCorrectedData {
  readonly unitId: string;
  /** Envelope id of the mistaken event, in this unit's stream. */
  readonly correctedEventId: string;
  readonly correctedEventType: CorrectableEventType;
  /** The date the mistaken event took effect: the corrected values hold from then on. */
  readonly effectiveDate: string;
  readonly corrections: UnitCorrections;
  readonly reason: string;
}

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
  UnitRegistered: [
    'code',
    'unitType',
    'nameVi',
    'nameEn',
    'parentId',
    'areaCode',
  ],
  UnitRenamed: ['nameVi', 'nameEn'],
  UnitTypeChanged: ['unitType'],
  UnitMoved: ['parentId'],
} as const satisfies Record<string, readonly CorrectableField[]>;

export type CorrectableEventType = keyof typeof CORRECTABLE_EVENT_FIELDS;

/** The date an event takes effect. */
export function effectiveDateOf(event: DirectoryEvent): string {
  return event.type === 'UnitRegistered'
    ? event.data.validFrom
    : event.data.effectiveDate;
}
