import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { localDate, text, uuid } from './common';
import { UNIT_TYPES } from './directory.events';

/** How a response reached the platform: the methods of DESIGN "Methods (input channels)". */
export const CHANNELS = ['paper', 'portal', 'tablet', 'counter'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Ids inside a questionnaire: items, factors, expectations, profile fields, procedures. */
export const questionnaireSlug = z.string().regex(/^[A-Za-z0-9._-]{1,32}$/);
/** Profile options keep the reference data's own ids, such as the age groups '<25' and '65+'. */
export const profileOptionId = z.string().regex(/^[A-Za-z0-9<>+._-]{1,32}$/);
const isoInstant = z.iso.datetime({ offset: true });
const label = text(500).pipe(z.string().min(1));
const labelled = { vi: label, en: label };
const base64 = (maxChars: number) =>
  z
    .string()
    .max(maxChars)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/);

// ---- questionnaires -------------------------------------------------------------------------------

const scaleLevel = z.object({ level: z.number().int().min(1).max(9), ...labelled }).strict();

/**
 * A questionnaire version's whole content: every label in Vietnamese and English, the rating and
 * expectation scales, the factors and their items, the respondent profile and the procedure catalogue.
 * Shape only; the rules that make it usable (unique ids, levels 1..n) are @hailong/intake/domain's.
 */
export const questionnaireContentSchema = z
  .object({
    titleVi: label,
    titleEn: label,
    ratingScale: z.array(scaleLevel).min(2).max(9),
    factors: z
      .array(
        z
          .object({
            id: questionnaireSlug,
            ...labelled,
            items: z
              .array(z.object({ id: questionnaireSlug, ...labelled }).strict())
              .min(1)
              .max(50),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    expectationScale: z.array(scaleLevel).max(9),
    expectations: z.array(z.object({ id: questionnaireSlug, ...labelled }).strict()).max(50),
    /**
     * Profile questions with closed options. `inClear` fields (coarse groups such as individual or
     * organisation) travel in clear for breakdowns; the others are personal data and travel encrypted.
     */
    profile: z
      .array(
        z
          .object({
            id: questionnaireSlug,
            ...labelled,
            inClear: z.boolean(),
            options: z
              .array(z.object({ id: profileOptionId, ...labelled }).strict())
              .min(1)
              .max(50),
          })
          .strict(),
      )
      .max(20),
    /** Which procedures a unit handles: `unitTypes` holds unit types or division codes ('PA08'). */
    procedures: z
      .array(
        z
          .object({
            id: questionnaireSlug,
            ...labelled,
            unitTypes: z.array(z.string().regex(/^[A-Za-z0-9._-]{1,32}$/)).min(1),
          })
          .strict(),
      )
      .max(500),
  })
  .strict();
export type QuestionnaireContent = z.output<typeof questionnaireContentSchema>;

export const questionnaireRef = z
  .object({
    questionnaireId: questionnaireSlug,
    version: z.number().int().positive(),
  })
  .strict();
export type QuestionnaireRef = z.output<typeof questionnaireRef>;

/** A questionnaire version became usable. Published versions never change: a change is a new version. */
export const QuestionnaireVersionPublished = defineEvent({
  type: 'QuestionnaireVersionPublished',
  version: 1,
  topic: Topics.intakeResponses,
  schema: z
    .object({
      questionnaireId: questionnaireSlug,
      version: z.number().int().positive(),
      /** SHA-256 of the content's canonical JSON, so anyone can check a copy against the log. */
      contentHash: z.string().regex(/^[0-9a-f]{64}$/),
      content: questionnaireContentSchema,
    })
    .strict(),
  partitionKey: (data) => data.questionnaireId,
});

// ---- campaigns ------------------------------------------------------------------------------------

/** Units in scope: listed ones, plus those of the listed types (below `withinUnitId` when set), on the service date. */
export const campaignScopeSchema = z
  .object({
    unitIds: z.array(uuid).max(5000),
    unitTypes: z.array(z.enum(UNIT_TYPES)).max(UNIT_TYPES.length),
    withinUnitId: uuid.nullable(),
  })
  .strict();
export type CampaignScope = z.output<typeof campaignScopeSchema>;

export const campaignDefinitionSchema = z
  .object({
    campaignId: uuid,
    nameVi: text(200).pipe(z.string().min(1)),
    nameEn: text(200).pipe(z.string().min(1)),
    /** Inclusive local dates, Asia/Ho_Chi_Minh. */
    period: z.object({ from: localDate, to: localDate }).strict(),
    scope: campaignScopeSchema,
    methods: z.array(z.enum(CHANNELS)).min(1).max(CHANNELS.length),
    questionnaire: questionnaireRef,
    targetSample: z
      .object({
        perUnit: z.number().int().min(1).max(1_000_000),
        byUnit: z
          .array(
            z
              .object({
                unitId: uuid,
                target: z.number().int().min(1).max(1_000_000),
              })
              .strict(),
          )
          .max(5000),
      })
      .strict(),
    /** Below this many valid responses a unit's figures are flagged, not ranked. */
    minimumSample: z.number().int().min(1).max(1_000_000),
  })
  .strict();
export type CampaignDefinition = z.output<typeof campaignDefinitionSchema>;

/** A campaign drafted by a campaign manager; it takes no responses until opened. */
export const CampaignCreated = defineEvent({
  type: 'CampaignCreated',
  version: 1,
  topic: Topics.intakeResponses,
  schema: campaignDefinitionSchema,
  partitionKey: (data) => data.campaignId,
});

export const CampaignOpened = defineEvent({
  type: 'CampaignOpened',
  version: 1,
  topic: Topics.intakeResponses,
  schema: z.object({ campaignId: uuid }).strict(),
  partitionKey: (data) => data.campaignId,
});

/** Intake takes no more responses for it; responses accepted before this event are the campaign's. */
export const CampaignClosed = defineEvent({
  type: 'CampaignClosed',
  version: 1,
  topic: Topics.intakeResponses,
  schema: z.object({ campaignId: uuid }).strict(),
  partitionKey: (data) => data.campaignId,
});

// ---- responses ------------------------------------------------------------------------------------

/** One item of the questionnaire: a level 1–5, or null when the respondent left it unanswered. */
export const answerSchema = z
  .object({
    itemId: questionnaireSlug,
    level: z.number().int().min(1).max(5).nullable(),
  })
  .strict();

/** How much an improvement matters, on the questionnaire's expectation scale (1–4 in the default forms). */
export const expectationAnswerSchema = z
  .object({
    itemId: questionnaireSlug,
    level: z.number().int().min(1).max(9).nullable(),
  })
  .strict();

export const PERSONAL_DATA_ALGORITHM = 'AES-256-GCM';

/**
 * Contact details, free text and identifying profile answers, encrypted with the respondent's own
 * key (AES-256-GCM, the response id as associated data). The key lives only in intake's key store;
 * once RespondentKeyDestroyed, nothing anywhere can read this again.
 */
export const encryptedPersonalDataSchema = z
  .object({
    respondentKeyId: uuid,
    algorithm: z.literal(PERSONAL_DATA_ALGORITHM),
    iv: base64(16),
    ciphertext: base64(24000),
    tag: base64(24),
  })
  .strict();
export type EncryptedPersonalData = z.output<typeof encryptedPersonalDataSchema>;

const responseV1Schema = z
  .object({
    responseId: uuid,
    unitId: uuid,
    channel: z.enum(CHANNELS),
    answers: z.array(answerSchema).min(1).max(200),
  })
  .strict();

/**
 * A response as intake accepted it. Fields that v1 did not have are null (or empty) only on responses
 * accepted before campaigns existed; every response accepted since carries them.
 */
export const responseSchema = z
  .object({
    responseId: uuid,
    campaignId: uuid.nullable(),
    /** The unit as it was on the service date. */
    unitId: uuid,
    channel: z.enum(CHANNELS),
    questionnaire: questionnaireRef.nullable(),
    procedureId: questionnaireSlug.nullable(),
    serviceDate: localDate.nullable(),
    /** Who collected the form: a surveyor (paper, interviews) or an enrolled device. */
    collectedBy: z
      .object({
        kind: z.enum(['surveyor', 'device']),
        id: z.string().min(1).max(200),
      })
      .strict()
      .nullable(),
    form: z
      .object({
        startedAt: isoInstant.nullable(),
        finishedAt: isoInstant.nullable(),
      })
      .strict(),
    answers: z.array(answerSchema).min(1).max(200),
    expectations: z.array(expectationAnswerSchema).max(50),
    /** Profile answers the questionnaire marks `inClear`: field id → option id. */
    profileGroups: z.record(questionnaireSlug, profileOptionId),
    personal: encryptedPersonalDataSchema.nullable(),
  })
  .strict();
export type ResponseData = z.output<typeof responseSchema>;

/**
 * v3: `late` — collected while its campaign was open (a tablet offline in the field) but accepted
 * after the campaign closed. Such a response is shown separately and never folded into figures
 * already published (DESIGN "Measurement campaigns"). Optional in the type only so that code
 * building v2-shaped data still compiles; intake always writes it, and v2 events read as on time.
 */
export const submittedResponseSchema = z.object({ ...responseSchema.shape, late: z.boolean().optional() }).strict();

export const ResponseSubmitted = defineEvent({
  type: 'ResponseSubmitted',
  version: 3,
  topic: Topics.intakeResponses,
  schema: submittedResponseSchema,
  previous: [
    {
      version: 1,
      schema: responseV1Schema,
      upcast: (data) => ({
        ...(data as z.output<typeof responseV1Schema>),
        campaignId: null,
        questionnaire: null,
        procedureId: null,
        serviceDate: null,
        collectedBy: null,
        form: { startedAt: null, finishedAt: null },
        expectations: [],
        profileGroups: {},
        personal: null,
      }),
    },
    {
      version: 2,
      schema: responseSchema,
      upcast: (data) => ({ ...(data as ResponseData), late: false }),
    },
  ],
  // Key = unit, so all of a unit's responses (and their voids and corrections) keep their order.
  partitionKey: (data) => data.unitId,
});

const correctionReason = text(500).pipe(z.string().min(1));

/** A mis-keyed response no longer counts. The original stays in the log; this names who and why. */
export const ResponseVoided = defineEvent({
  type: 'ResponseVoided',
  version: 1,
  topic: Topics.intakeResponses,
  schema: z
    .object({
      responseId: uuid,
      /** The voided response's unit and campaign, so it lands on the same partition after it. */
      unitId: uuid,
      campaignId: uuid.nullable(),
      reason: correctionReason,
    })
    .strict(),
  partitionKey: (data) => data.unitId,
});

/**
 * A mis-keyed response is replaced by `replacement`, a new response with its own id, at the same unit
 * and in the same campaign (a form keyed under the wrong unit is voided and entered again instead).
 */
export const ResponseCorrected = defineEvent({
  type: 'ResponseCorrected',
  version: 1,
  topic: Topics.intakeResponses,
  schema: z
    .object({
      responseId: uuid,
      reason: correctionReason,
      replacement: responseSchema,
    })
    .strict()
    .refine((d) => d.replacement.responseId !== d.responseId, {
      message: 'the replacement needs an id of its own',
      path: ['replacement', 'responseId'],
    }),
  partitionKey: (data) => data.replacement.unitId,
});

export const KEY_DESTRUCTION_REASONS = ['respondent-request', 'consent-withdrawn', 'retention-ended', 'collected-in-error'] as const;

/**
 * A respondent's key was destroyed: every field encrypted under it is unreadable from now on, in the
 * log and everywhere else, while the ratings it came with still count. The reason is a code, never
 * free text, so no personal detail can slip into the log through it.
 */
export const RespondentKeyDestroyed = defineEvent({
  type: 'RespondentKeyDestroyed',
  version: 1,
  topic: Topics.intakeResponses,
  schema: z
    .object({
      respondentKeyId: uuid,
      reason: z.enum(KEY_DESTRUCTION_REASONS),
    })
    .strict(),
  partitionKey: (data) => data.respondentKeyId,
});

/**
 * Intake decrypted a sampled respondent's contact details for the re-inspector the audit assigned the
 * response to (BackCheckAssigned). Every such reading is a fact in the log; the details themselves
 * never are. `outcome`: `readable` (shown), `erased` (the key was destroyed), `none` (no details given).
 */
export const ContactDetailsAccessed = defineEvent({
  type: 'ContactDetailsAccessed',
  version: 1,
  topic: Topics.intakeResponses,
  schema: z
    .object({
      responseId: uuid,
      unitId: uuid,
      campaignId: uuid.nullable(),
      sampleId: uuid,
      reinspectorId: z.string().min(1).max(200),
      outcome: z.enum(['readable', 'erased', 'none']),
    })
    .strict(),
  partitionKey: (data) => data.unitId,
});

export const INTAKE_EVENTS = [
  QuestionnaireVersionPublished,
  CampaignCreated,
  CampaignOpened,
  CampaignClosed,
  ResponseSubmitted,
  ResponseVoided,
  ResponseCorrected,
  RespondentKeyDestroyed,
  ContactDetailsAccessed,
] as const;
