import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { uuid } from './common';

export const CHANNELS = ['paper', 'portal', 'tablet', 'counter'] as const;
export type Channel = (typeof CHANNELS)[number];

/** One item of the questionnaire: a level 1–5, or null when the respondent left it unanswered. */
export const answerSchema = z
  .object({
    itemId: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/),
    level: z.number().int().min(1).max(5).nullable(),
  })
  .strict();

export const ResponseSubmitted = defineEvent({
  type: 'ResponseSubmitted',
  version: 1,
  topic: Topics.intakeResponses,
  schema: z
    .object({
      responseId: uuid,
      unitId: uuid,
      channel: z.enum(CHANNELS),
      answers: z.array(answerSchema).min(1).max(200),
    })
    .strict(),
  // Key = unit, so all of a unit's responses keep their order on one partition.
  partitionKey: (data) => data.unitId,
});

export const INTAKE_EVENTS = [ResponseSubmitted] as const;
