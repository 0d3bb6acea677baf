import { z } from 'zod';
import { SERVICES } from '../envelope';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { uuid } from './common';

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

export const AUDIT_EVENTS = [LedgerCheckpointSigned] as const;
