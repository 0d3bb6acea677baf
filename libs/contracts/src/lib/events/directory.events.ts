import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { localDate, text, uuid } from './common';

export const UNIT_TYPES = [
  'provincial-police',
  'provincial-division',
  'district-police',
  'commune-police',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

const unitName = text(200).pipe(z.string().min(1));
const unitType = z.enum(UNIT_TYPES);

export const UnitRegistered = defineEvent({
  type: 'UnitRegistered',
  version: 1,
  topic: Topics.directoryEvents,
  schema: z
    .object({
      unitId: uuid,
      code: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/),
      unitType,
      nameVi: unitName,
      nameEn: unitName,
      parentId: uuid.nullable(),
      areaCode: z.string().max(16).nullable(),
      validFrom: localDate,
    })
    .strict(),
  partitionKey: (data) => data.unitId,
});

/** Every directory event belongs to one unit's stream and takes effect on a local date. */
const unitChange = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ unitId: uuid, ...shape, effectiveDate: localDate }).strict();

export const UnitRenamed = defineEvent({
  type: 'UnitRenamed',
  version: 1,
  topic: Topics.directoryEvents,
  schema: unitChange({ nameVi: unitName, nameEn: unitName }),
  partitionKey: (data) => data.unitId,
});

/** A commune becoming a ward, for instance. */
export const UnitTypeChanged = defineEvent({
  type: 'UnitTypeChanged',
  version: 1,
  topic: Topics.directoryEvents,
  schema: unitChange({ unitType, previousUnitType: unitType }),
  partitionKey: (data) => data.unitId,
});

export const UnitMoved = defineEvent({
  type: 'UnitMoved',
  version: 1,
  topic: Topics.directoryEvents,
  schema: unitChange({
    parentId: uuid.nullable(),
    previousParentId: uuid.nullable(),
  }),
  partitionKey: (data) => data.unitId,
});

/** One per merged unit; its validity ends on `effectiveDate`. `mergedUnitIds` names every unit of the same merger. */
export const UnitMerged = defineEvent({
  type: 'UnitMerged',
  version: 1,
  topic: Topics.directoryEvents,
  schema: unitChange({
    successorId: uuid,
    mergedUnitIds: z.array(uuid).min(1),
  }),
  partitionKey: (data) => data.unitId,
});

export const UnitSplit = defineEvent({
  type: 'UnitSplit',
  version: 1,
  topic: Topics.directoryEvents,
  schema: unitChange({ successorIds: z.array(uuid).min(2) }),
  partitionKey: (data) => data.unitId,
});

/** Exactly one of a successor (who takes over its procedures) or `successorUnknown: true`. */
export const UnitDissolved = defineEvent({
  type: 'UnitDissolved',
  version: 1,
  topic: Topics.directoryEvents,
  schema: unitChange({
    successorId: uuid.nullable(),
    successorUnknown: z.boolean(),
  }).refine((d) => (d.successorId === null) === d.successorUnknown, {
    message: 'name a successor or record it as unknown, not both',
    path: ['successorId'],
  }),
  partitionKey: (data) => data.unitId,
});

export const CORRECTABLE_EVENT_TYPES = [
  'UnitRegistered',
  'UnitRenamed',
  'UnitTypeChanged',
  'UnitMoved',
] as const;

/** A compensating fact: the named event should have carried these values. History is never edited. */
export const UnitEventCorrected = defineEvent({
  type: 'UnitEventCorrected',
  version: 1,
  topic: Topics.directoryEvents,
  schema: unitChange({
    correctedEventId: uuid,
    correctedEventType: z.enum(CORRECTABLE_EVENT_TYPES),
    corrections: z
      .object({
        code: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/),
        unitType,
        nameVi: unitName,
        nameEn: unitName,
        parentId: uuid.nullable(),
        areaCode: z.string().max(16).nullable(),
      })
      .partial()
      .strict()
      .refine((c) => Object.keys(c).length > 0, 'correct at least one field'),
    reason: text(1000).pipe(z.string().min(1)),
  }),
  partitionKey: (data) => data.unitId,
});

export const DIRECTORY_EVENTS = [
  UnitRegistered,
  UnitRenamed,
  UnitTypeChanged,
  UnitMoved,
  UnitMerged,
  UnitSplit,
  UnitDissolved,
  UnitEventCorrected,
] as const;
