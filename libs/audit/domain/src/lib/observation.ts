import { canonicalJson, LedgerPlace, SERVICES, ServiceName, sha256Hex } from '@hailong/contracts';

/** Where a message sits in the log. Topic names are given without the deployment's prefix. */
export interface MessageLocation {
  readonly topic: string;
  readonly partition: number;
  /** Kafka offsets are 64-bit: kept as decimal text. */
  readonly offset: string;
}

/**
 * One message of a platform topic that names a publishing service: what the ledger checks need,
 * without the rest of the event.
 */
export interface LedgerObservation {
  readonly source: ServiceName;
  readonly eventId: string;
  readonly eventType: string;
  /** Null when the message carries no ledger place (the relay gives every event one). */
  readonly ledger: LedgerPlace | null;
  /** SHA-256 of the message's canonical JSON: what the ledger's next event names as its previous hash. */
  readonly hash: string;
  /** The response a ResponseSubmitted (or a ResponseCorrected's replacement) accepted, for receipts. */
  readonly responseId: string | null;
  readonly location: MessageLocation;
}

/** A message that is no service's event (not JSON, no known source): it belongs to no ledger. */
export interface ForeignMessage {
  readonly location: MessageLocation;
  readonly reason: string;
}

export type ObservedMessage =
  | { readonly kind: 'event'; readonly observation: LedgerObservation; readonly value: Record<string, unknown> }
  | { readonly kind: 'foreign'; readonly foreign: ForeignMessage };

const HASH = /^[0-9a-f]{64}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function ledgerPlaceOf(value: unknown): LedgerPlace | null {
  if (!isRecord(value)) return null;
  const { sequence, previousHash } = value;
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 1) return null;
  if (typeof previousHash !== 'string' || !HASH.test(previousHash)) return null;
  return { sequence, previousHash };
}

function responseIdOf(type: string, data: unknown): string | null {
  if (!isRecord(data)) return null;
  if (type === 'ResponseSubmitted' && typeof data['responseId'] === 'string') return data['responseId'];
  const replacement = data['replacement'];
  if (type === 'ResponseCorrected' && isRecord(replacement) && typeof replacement['responseId'] === 'string') {
    return replacement['responseId'];
  }
  return null;
}

/**
 * Reads one message as the ledger checks see it. Deliberately lenient: an altered event that no longer
 * passes its schema is still an event of its service's ledger (and will fail the hash chain), so only
 * the fields the chain needs are looked at. The hash is over the canonical JSON of the whole message,
 * exactly what the relay hashed when it placed the event.
 */
export function observeMessage(location: MessageLocation, value: Buffer | string | null): ObservedMessage {
  const foreign = (reason: string): ObservedMessage => ({ kind: 'foreign', foreign: { location, reason } });
  if (value === null || value.length === 0) return foreign('empty message');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.isBuffer(value) ? value.toString('utf8') : value);
  } catch (error) {
    return foreign(`not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(parsed)) return foreign('not a JSON object');
  const { id, type, source } = parsed;
  if (typeof source !== 'string' || !(SERVICES as readonly string[]).includes(source)) {
    return foreign(`no known source service (${typeof source === 'string' ? source.slice(0, 50) : 'none'})`);
  }
  if (typeof id !== 'string' || id.length === 0) return foreign('no event id');
  const eventType = typeof type === 'string' ? type : '';
  let hash: string;
  try {
    hash = sha256Hex(canonicalJson(parsed));
  } catch {
    return foreign('cannot be encoded as canonical JSON');
  }
  return {
    kind: 'event',
    value: parsed,
    observation: {
      source: source as ServiceName,
      eventId: id,
      eventType,
      ledger: ledgerPlaceOf(parsed['ledger']),
      hash,
      responseId: responseIdOf(eventType, parsed['data']),
      location,
    },
  };
}

/** Orders locations the way a reader meets them: topic, partition, then offset as a number. */
export function compareLocations(a: MessageLocation, b: MessageLocation): number {
  if (a.topic !== b.topic) return a.topic < b.topic ? -1 : 1;
  if (a.partition !== b.partition) return a.partition - b.partition;
  const x = BigInt(a.offset);
  const y = BigInt(b.offset);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function describeLocation(location: MessageLocation): string {
  return `${location.topic}/${location.partition}@${location.offset}`;
}
