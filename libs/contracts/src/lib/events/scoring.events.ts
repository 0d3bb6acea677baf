import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { uuid } from './common';
import { CHANNELS, questionnaireRef, questionnaireSlug } from './intake.events';
import { UNIT_TYPES } from './directory.events';

const count = z.number().int().min(0);
const share = z.number().min(0).max(1);
/** A 95% interval; null when nothing was answered. */
const interval = z.object({ lower: share, upper: share }).strict().nullable();
const meanScore = z.number().min(1).max(5).nullable();

export const publishedItemSchema = z
  .object({
    itemId: questionnaireSlug,
    factorId: questionnaireSlug,
    /** Answers at level 4 or 5. */
    satisfied: count,
    /** Answers with a level (also the item's sample size). */
    valid: count,
    /** satisfied ÷ valid, with its Wilson 95% interval. */
    index: share.nullable(),
    interval,
    meanScore,
  })
  .strict();

export const publishedFactorSchema = z
  .object({
    factorId: questionnaireSlug,
    /** Respondents with a valid answer on the factor's items. */
    sampleSize: count,
    /** Mean of its answered items' indices, with a seeded respondent-bootstrap 95% interval. */
    index: share.nullable(),
    interval,
  })
  .strict();

/**
 * Every figure of one group of responses (the campaign, a unit, a channel …), exactly as scoring's
 * API shows it, so a figure can be compared field by field and recomputed from the log.
 */
export const publishedFigureSchema = z
  .object({
    /** What the figure covers: "campaign", "unit:<unit id>", "channel:<channel>", "unitType:<unit type>". */
    key: z.string().min(1).max(300),
    /** Responses counted, with or without a valid answer. */
    responses: count,
    /** Respondents with at least one valid answer: the sample size of the overall index. */
    sampleSize: count,
    belowMinimumSample: z.boolean(),
    /** The seed of this figure's respondent bootstrap (see `method.seedRule`). */
    bootstrapSeed: z.number().int().min(0).max(0xffffffff),
    overall: z.object({ index: share.nullable(), interval }).strict(),
    /** All satisfied ratings ÷ all ratings, with its Wilson interval (ratings treated as independent). */
    pooled: z.object({ satisfied: count, ratings: count, ratio: share.nullable(), interval, meanScore }).strict(),
    factors: z.array(publishedFactorSchema).max(20),
    items: z.array(publishedItemSchema).max(200),
    /** Rank group among the units of this breakdown: units whose intervals overlap share one. Null when not ranked. */
    rank: z
      .object({ group: z.number().int().min(1), from: z.number().int().min(1), to: z.number().int().min(1) })
      .strict()
      .nullable(),
    unranked: z.enum(['below-minimum-sample', 'no-estimate']).nullable(),
  })
  .strict();
export type PublishedFigure = z.output<typeof publishedFigureSchema>;

const offsetText = z.string().regex(/^\d{1,19}$/);

/**
 * Scoring published a closed campaign's figures. Emitted once per campaign, only after every response
 * intake accepted before the close had been applied; it records the log positions the figures were
 * computed from, so the audit can replay the log up to them and must find the same figures. Responses
 * accepted after the close (late) are counted in `responses.late` and in no figure.
 */
export const CampaignScoresPublished = defineEvent({
  type: 'CampaignScoresPublished',
  version: 1,
  topic: Topics.scoringEvents,
  schema: z
    .object({
      campaignId: uuid,
      publicationId: uuid,
      questionnaire: questionnaireRef,
      /** The CampaignClosed event and its place in intake's ledger: responses placed before it are the campaign's. */
      close: z.object({ eventId: uuid, ledgerSequence: z.number().int().positive().nullable() }).strict(),
      /** Next offset per partition of the response topic that scoring had applied when it computed the figures. */
      computedFrom: z
        .object({
          topic: z.string().min(1).max(249),
          consumerGroup: z.string().min(1).max(300),
          offsets: z
            .array(z.object({ partition: z.number().int().min(0), nextOffset: offsetText }).strict())
            .min(1)
            .max(10000),
        })
        .strict(),
      method: z
        .object({
          confidence: z.literal(0.95),
          minimumSample: z.number().int().min(1),
          bootstrapReplicates: z.number().int().min(1),
          /** How each figure's bootstrap seed follows from names in the log. */
          seedRule: z.string().min(1).max(300),
          /** Units are taken as they were on each response's service date. */
          structure: z.literal('as-it-was'),
        })
        .strict(),
      responses: z.object({ onTime: count, late: count }).strict(),
      campaign: publishedFigureSchema,
      byUnit: z.array(publishedFigureSchema).max(20000),
      byUnitType: z.array(publishedFigureSchema).max(UNIT_TYPES.length + 1),
      byChannel: z.array(publishedFigureSchema).max(CHANNELS.length),
    })
    .strict(),
  partitionKey: (data) => data.campaignId,
});

/**
 * A campaign manager entered the services each unit delivered in the campaign period (N), from which
 * scoring plans the sample a unit needs: n = N / (1 + N·e²). Later entries for a unit replace earlier ones.
 */
export const ServicesDeliveredRecorded = defineEvent({
  type: 'ServicesDeliveredRecorded',
  version: 1,
  topic: Topics.scoringEvents,
  schema: z
    .object({
      campaignId: uuid,
      /** The margin of error e of the plan (DESIGN: 5% by default). */
      marginOfError: z.number().gt(0).lt(1),
      units: z
        .array(z.object({ unitId: uuid, servicesDelivered: z.number().int().min(0).max(100_000_000) }).strict())
        .min(1)
        .max(5000),
    })
    .strict(),
  partitionKey: (data) => data.campaignId,
});

export const SCORING_EVENTS = [CampaignScoresPublished, ServicesDeliveredRecorded] as const;
