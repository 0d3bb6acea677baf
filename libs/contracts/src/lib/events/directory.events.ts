import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { localDate, text, uuid } from './common';

export const UNIT_TYPES = ['provincial-police', 'provincial-division', 'district-police', 'commune-police'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const UnitRegistered = defineEvent({
  type: 'UnitRegistered',
  version: 1,
  topic: Topics.directoryEvents,
  schema: z
    .object({
      unitId: uuid,
      code: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/),
      unitType: z.enum(UNIT_TYPES),
      nameVi: text(200).pipe(z.string().min(1)),
      nameEn: text(200).pipe(z.string().min(1)),
      parentId: uuid.nullable(),
      areaCode: z.string().max(16).nullable(),
      validFrom: localDate,
    })
    .strict(),
  partitionKey: (data) => data.unitId,
});

export const DIRECTORY_EVENTS = [UnitRegistered] as const;
