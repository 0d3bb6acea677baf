import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { EventEnvelope } from './envelope';

/**
 * RFC 8785 (JSON Canonicalization Scheme): one byte sequence per JSON value, whatever the key order
 * or number formatting of whoever wrote it. The ledger hashes and the Kafka message values use it, so
 * the audit can recompute a hash from a decoded event and compare.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined)
    throw new TypeError('value cannot be encoded as canonical JSON');
  return text;
}

export function sha256Hex(bytes: string | Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The hash that the next event of the same ledger names as its previous hash. */
export function eventHash(envelope: EventEnvelope): string {
  return sha256Hex(canonicalJson(envelope));
}
