import { z } from 'zod';
import { SERVICES } from '../envelope';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { uuid } from './common';
import { answerSchema, CHANNELS } from './intake.events';

/** Why the audit signed a ledger's head. The campaign milestones carry the campaign's id. */
export const CHECKPOINT_REASONS = ['periodic', 'on-demand', 'campaign-closed', 'campaign-published'] as const;
export type CheckpointReason = (typeof CHECKPOINT_REASONS)[number];

export const CHECKPOINT_ALGORITHM = 'Ed25519';

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/);

/**
 * What the audit signs: "ledger L, as the audit read it from the log and verified it from its first
 * event, ends at `sequence` with `hash`". The signature is Ed25519 over the RFC 8785 canonical JSON of
 * every field but `signature`, with `purpose: "hailong.ledger-checkpoint.v1"` added (see
 * @hailong/audit/domain `checkpointSigningInput`), so anyone holding the public key of `keyId` can
 * check it without the platform.
 */
export const ledgerCheckpointSchema = z
  .object({
    checkpointId: uuid,
    /** The service whose ledger this is. */
    ledger: z.enum(SERVICES),
    sequence: z.number().int().positive(),
    /** SHA-256 of the canonical encoding of the event at `sequence`: the ledger's head. */
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    signedAt: z.iso.datetime({ offset: true }),
    reason: z.enum(CHECKPOINT_REASONS),
    campaignId: uuid.nullable(),
    /** RFC 7638 thumbprint of the signing key's public JWK, as GET /checkpoints/keys lists it. */
    keyId: base64url.min(43).max(43),
    algorithm: z.literal(CHECKPOINT_ALGORITHM),
    /** The 64-byte Ed25519 signature, base64url without padding. */
    signature: base64url.min(86).max(86),
  })
  .strict();
export type LedgerCheckpoint = z.output<typeof ledgerCheckpointSchema>;

/** The audit signed one ledger's head; receipts up to that place can be checked against it. */
export const LedgerCheckpointSigned = defineEvent({
  type: 'LedgerCheckpointSigned',
  version: 1,
  topic: Topics.auditEvents,
  schema: ledgerCheckpointSchema,
  // One ledger's checkpoints keep their order.
  partitionKey: (data) => data.ledger,
});

// ---- re-inspection (hậu kiểm, phúc tra) ------------------------------------------------------------

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
/** Who a re-inspector is: the staff id of their token (the `sub` claim). */
const staffId = z.string().min(1).max(200);

export const BACKCHECK_STRATIFICATIONS = ['unit', 'unit-collector', 'unit-channel'] as const;

export const backCheckRuleSchema = z
  .object({
    strata: z.enum(BACKCHECK_STRATIFICATIONS),
    size: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('share'), share: z.number().gt(0).max(1) }).strict(),
      z.object({ kind: z.literal('count'), count: z.number().int().min(1).max(1_000_000) }).strict(),
    ]),
  })
  .strict();

/**
 * The audit drew a back-check sample of a campaign's responses: everything needed to draw it again
 * (seed, rule, rounding rule, algorithm) and to check it was drawn from the same responses (digests of
 * the population, per stratum and in all), with the response ids drawn. See @hailong/audit/domain
 * `drawSample`.
 */
export const BackCheckSampleDrawn = defineEvent({
  type: 'BackCheckSampleDrawn',
  version: 1,
  topic: Topics.auditEvents,
  schema: z
    .object({
      sampleId: uuid,
      campaignId: uuid,
      seed: z.number().int().min(0).max(0xffffffff),
      rule: backCheckRuleSchema,
      sizeRule: z.string().min(1).max(500),
      algorithm: z.string().min(1).max(1000),
      population: z.object({ responses: z.number().int().min(0), digest: sha256Hex }).strict(),
      strata: z
        .array(
          z
            .object({
              key: z.string().min(1).max(500),
              unitId: uuid,
              /** `surveyor:<id>` / `device:<id>` when stratified by collector ('none' when nobody is named). */
              collector: z.string().min(1).max(210).nullable(),
              channel: z.enum(CHANNELS).nullable(),
              population: z.number().int().min(1),
              populationDigest: sha256Hex,
              drawn: z.array(uuid).max(20000),
            })
            .strict(),
        )
        .max(20000),
    })
    .strict()
    .refine((d) => d.strata.reduce((n, s) => n + s.drawn.length, 0) <= 20000, {
      message: 'at most 20000 responses in one sample',
      path: ['strata'],
    }),
  partitionKey: (data) => data.campaignId,
});

export type DrawnSampleData = z.output<typeof BackCheckSampleDrawn.schema>;

/** A sampled response was given to a re-inspector to re-contact; a later assignment of the same response replaces it. */
export const BackCheckAssigned = defineEvent({
  type: 'BackCheckAssigned',
  version: 1,
  topic: Topics.auditEvents,
  schema: z.object({ sampleId: uuid, campaignId: uuid, responseId: uuid, unitId: uuid, reinspectorId: staffId }).strict(),
  partitionKey: (data) => data.campaignId,
});

export const BACKCHECK_VERDICTS = ['confirmed', 'not-reachable', 'respondent-denies', 'answers-differ'] as const;

/**
 * What the re-inspector found: the respondent confirmed the response, could not be reached, denies
 * having answered, or answers otherwise now (with the answers as re-collected). A later verdict on the
 * same response supersedes an earlier one; nothing published changes.
 */
export const BackCheckVerdictRecorded = defineEvent({
  type: 'BackCheckVerdictRecorded',
  version: 1,
  topic: Topics.auditEvents,
  schema: z
    .object({
      verdictId: uuid,
      sampleId: uuid,
      campaignId: uuid,
      responseId: uuid,
      unitId: uuid,
      verdict: z.enum(BACKCHECK_VERDICTS),
      recollectedAnswers: z.array(answerSchema).min(1).max(200).nullable(),
    })
    .strict()
    .refine((d) => (d.verdict === 'answers-differ') === (d.recollectedAnswers !== null), {
      message: 'answers-differ carries the re-collected answers, and only it does',
      path: ['recollectedAnswers'],
    }),
  partitionKey: (data) => data.campaignId,
});

const overallFigure = z
  .object({
    responses: z.number().int().min(0),
    sampleSize: z.number().int().min(0),
    index: z.number().min(0).max(1).nullable(),
    interval: z
      .object({ lower: z.number().min(0).max(1), upper: z.number().min(0).max(1) })
      .strict()
      .nullable(),
  })
  .strict();

/**
 * The re-inspection team closed a campaign's re-inspection: the campaign is "re-inspected". Records
 * the samples and verdicts it rests on and each figure's overall index, published and re-inspected;
 * the published figures themselves never change.
 */
export const ReinspectionClosed = defineEvent({
  type: 'ReinspectionClosed',
  version: 1,
  topic: Topics.auditEvents,
  schema: z
    .object({
      campaignId: uuid,
      sampleIds: z.array(uuid).max(1000),
      differingAnswers: z.enum(['exclude', 'use-recollected']),
      verdicts: z
        .object({
          sampled: z.number().int().min(0),
          confirmed: z.number().int().min(0),
          notReachable: z.number().int().min(0),
          respondentDenies: z.number().int().min(0),
          answersDiffer: z.number().int().min(0),
          pending: z.number().int().min(0),
        })
        .strict(),
      excludedResponseIds: z.array(uuid).max(20000),
      figures: z
        .array(z.object({ key: z.string().min(1).max(300), published: overallFigure, reinspected: overallFigure }).strict())
        .max(20000),
    })
    .strict(),
  partitionKey: (data) => data.campaignId,
});

export const AUDIT_EVENTS = [
  LedgerCheckpointSigned,
  BackCheckSampleDrawn,
  BackCheckAssigned,
  BackCheckVerdictRecorded,
  ReinspectionClosed,
] as const;
