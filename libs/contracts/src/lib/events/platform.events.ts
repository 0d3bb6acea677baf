import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { deadLetterTopic } from '../topics';

/** A consumer could not decode or apply a message; the original bytes travel with the reason. */
export const DeadLetterRecorded = defineEvent({
  type: 'DeadLetterRecorded',
  version: 1,
  topic: deadLetterTopic,
  schema: z
    .object({
      consumerGroup: z.string(),
      topic: z.string(),
      partition: z.number().int().min(0),
      offset: z.string().regex(/^\d+$/),
      key: z.string().nullable(),
      eventId: z.string().nullable(),
      valueBase64: z.string(),
      reason: z.string().max(2000),
    })
    .strict(),
  partitionKey: (data) => `${data.topic}/${data.partition}`,
});

export const PLATFORM_EVENTS = [DeadLetterRecorded] as const;
