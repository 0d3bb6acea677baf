import { z } from 'zod';
import { ALL_ROLES, Role } from './roles';

/** The services that publish events; each keeps its own ledger. */
export const SERVICES = [
  'unit-directory',
  'survey-intake',
  'scoring',
  'audit',
] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Who caused an event: a staff member, a channel credential, a citizen's visit token or a service. */
export interface Actor {
  readonly id: string;
  readonly kind: 'staff' | 'channel' | 'citizen' | 'service';
  readonly roles: readonly Role[];
}

/**
 * An event's place in its service's ledger: a gap-free sequence and the hash of the previous
 * event's canonical encoding. The outbox relay assigns it once and never changes it, so a resent
 * event keeps its place and the audit can detect anything missing, altered, inserted or reordered.
 */
export interface LedgerPlace {
  readonly sequence: number;
  readonly previousHash: string;
}

export interface TraceContext {
  readonly traceparent?: string;
  readonly tracestate?: string;
}

/** An event as it travels on Kafka: plain read-only data, never a class. */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  readonly id: string;
  readonly type: TType;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly source: ServiceName;
  readonly subject: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly trace: TraceContext;
  readonly ledger: LedgerPlace | null;
  readonly data: TData;
}

/** An event before the relay has given it a ledger place. */
export type UnplacedEvent<
  TType extends string = string,
  TData = unknown,
> = Omit<EventEnvelope<TType, TData>, 'ledger'> & { readonly ledger: null };

const isoInstant = z.iso.datetime({ offset: true });

export const actorSchema = z
  .object({
    id: z.string().min(1).max(200),
    kind: z.enum(['staff', 'channel', 'citizen', 'service']),
    roles: z.array(z.enum(ALL_ROLES as [Role, ...Role[]])),
  })
  .strict();

export const ledgerPlaceSchema = z
  .object({
    sequence: z.number().int().positive(),
    previousHash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

/** The envelope's shape; `data` is checked against the schema of its type and version. */
export const envelopeSchema = z
  .object({
    id: z.uuid(),
    type: z.string().regex(/^[A-Z][A-Za-z0-9]+$/),
    schemaVersion: z.number().int().positive(),
    occurredAt: isoInstant,
    recordedAt: isoInstant,
    source: z.enum(SERVICES),
    subject: z.string().min(1).max(200),
    actor: actorSchema,
    correlationId: z.string().min(1).max(200),
    causationId: z.string().min(1).max(200).nullable(),
    trace: z
      .object({
        traceparent: z.string().max(55).optional(),
        tracestate: z.string().max(512).optional(),
      })
      .strict(),
    ledger: ledgerPlaceSchema.nullable(),
    data: z.unknown(),
  })
  .strict();

/** The previous hash of a ledger's first event. */
export const GENESIS_HASH = '0'.repeat(64);
