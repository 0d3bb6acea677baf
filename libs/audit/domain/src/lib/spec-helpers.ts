import { canonicalJson, GENESIS_HASH, LedgerCheckpoint, ServiceName, sha256Hex } from '@hailong/contracts';
import { generateKeyPairSync } from 'node:crypto';
import { checkpointSignerFromPem, CheckpointSigner } from './checkpoint-signing';
import { LogCollector } from './log-collector';

/** A deterministic v4-shaped UUID, so failures name stable ids. */
export const uuidOf = (n: number, kind = 0) => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export interface PlacedEvent {
  readonly envelope: Record<string, unknown> & { id: string; ledger: { sequence: number; previousHash: string } };
  readonly hash: string;
  readonly topic: string;
  readonly partition: number;
}

/**
 * A service's ledger as its relay would have placed it: each event names the hash of the canonical
 * JSON of the one before, and lands on one of several topics and partitions (key = unit).
 */
export function buildLedger(
  source: ServiceName,
  count: number,
  { topics = ['hailong.intake.responses', 'hailong.survey-intake.dead-letter'], partitions = 3, units = 4 } = {},
): PlacedEvent[] {
  const events: PlacedEvent[] = [];
  let previousHash = GENESIS_HASH;
  for (let sequence = 1; sequence <= count; sequence += 1) {
    const unit = sequence % units;
    // Mostly responses; every fifth event on the service's second topic, as dead letters are.
    const onSecondTopic = topics.length > 1 && sequence % 5 === 0;
    const responseId = uuidOf(sequence, 2);
    const envelope = {
      id: uuidOf(sequence, 1),
      type: onSecondTopic ? 'DeadLetterRecorded' : 'ResponseSubmitted',
      schemaVersion: onSecondTopic ? 1 : 2,
      occurredAt: '2022-04-12T09:30:00+07:00',
      recordedAt: new Date(Date.UTC(2026, 10, 28, 2, 0, sequence)).toISOString(),
      source,
      subject: responseId,
      actor: { id: 'surveyor-01', kind: 'staff', roles: ['surveyor'] },
      correlationId: responseId,
      causationId: null,
      trace: {},
      ledger: { sequence, previousHash },
      data: onSecondTopic
        ? { reason: `poison ${sequence}` }
        : { responseId, unitId: uuidOf(unit, 3), channel: 'paper', answers: [{ itemId: 'A1', level: (sequence % 5) + 1 }] },
    };
    const hash = sha256Hex(canonicalJson(envelope));
    events.push({ envelope, hash, topic: topics[onSecondTopic ? 1 : 0], partition: unit % partitions });
    previousHash = hash;
  }
  return events;
}

/** Per "topic/partition", the message values in offset order. */
export type Log = Map<string, string[]>;

export function layOut(...ledgers: PlacedEvent[][]): Log {
  const log: Log = new Map();
  for (const events of ledgers) {
    for (const e of events) {
      const key = `${e.topic}/${e.partition}`;
      log.set(key, [...(log.get(key) ?? []), canonicalJson(e.envelope)]);
    }
  }
  return log;
}

export function cloneLog(log: Log): Log {
  return new Map([...log].map(([k, v]) => [k, [...v]]));
}

export function collect(log: Log): LogCollector {
  const collector = new LogCollector();
  for (const [key, values] of log) {
    const cut = key.lastIndexOf('/');
    values.forEach((value, offset) =>
      collector.add({ topic: key.slice(0, cut), partition: Number(key.slice(cut + 1)), offset: String(offset) }, value),
    );
  }
  return collector;
}

/** Where an event's first copy is in the log. */
export function find(log: Log, eventId: string): { key: string; index: number; envelope: PlacedEvent['envelope'] } {
  for (const [key, values] of log) {
    const index = values.findIndex((v) => (JSON.parse(v) as { id: string }).id === eventId);
    if (index >= 0) return { key, index, envelope: JSON.parse(values[index]) };
  }
  throw new Error(`event ${eventId} is not in the log`);
}

export function alter(log: Log, eventId: string, change: (envelope: PlacedEvent['envelope']) => void): void {
  const { key, index, envelope } = find(log, eventId);
  change(envelope);
  (log.get(key) as string[])[index] = canonicalJson(envelope);
}

export function remove(log: Log, eventId: string): void {
  const { key, index } = find(log, eventId);
  (log.get(key) as string[]).splice(index, 1);
}

export function insertAfter(log: Log, eventId: string, envelope: unknown): void {
  const { key, index } = find(log, eventId);
  (log.get(key) as string[]).splice(index + 1, 0, canonicalJson(envelope));
}

export function swap(log: Log, a: string, b: string): void {
  const first = find(log, a);
  const second = find(log, b);
  if (first.key !== second.key) throw new Error('swap needs two events of one partition');
  const values = log.get(first.key) as string[];
  [values[first.index], values[second.index]] = [values[second.index], values[first.index]];
}

/**
 * What a relay that crashed after sending and before marking does: sends the events of places
 * `from`–`to` again, each after the last of that batch in its partition (so repeats follow later events).
 */
export function relayRetry(log: Log, events: readonly PlacedEvent[], from: number, to: number): void {
  const batch = events.filter((e) => e.envelope.ledger.sequence >= from && e.envelope.ledger.sequence <= to);
  const byKey = new Map<string, PlacedEvent[]>();
  for (const e of batch) byKey.set(`${e.topic}/${e.partition}`, [...(byKey.get(`${e.topic}/${e.partition}`) ?? []), e]);
  for (const [key, resent] of byKey) {
    const values = log.get(key) as string[];
    const lastIndex = Math.max(...resent.map((e) => values.indexOf(canonicalJson(e.envelope))));
    values.splice(lastIndex + 1, 0, ...resent.map((e) => canonicalJson(e.envelope)));
  }
}

/** A forged response: another id and response, a plausible place (the one of `claims`), linked to its predecessor. */
export function forgedResponse(events: readonly PlacedEvent[], claims: number): PlacedEvent['envelope'] {
  const genuine = events[claims - 1].envelope;
  return {
    ...genuine,
    id: uuidOf(90000 + claims, 9),
    subject: uuidOf(90000 + claims, 8),
    data: { ...(genuine['data'] as object), responseId: uuidOf(90000 + claims, 8) },
    ledger: { sequence: claims, previousHash: claims === 1 ? GENESIS_HASH : events[claims - 2].hash },
  };
}

export function testSigner(): CheckpointSigner & { publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return Object.assign(checkpointSignerFromPem(privateKey), { publicKeyPem: publicKey });
}

export function checkpointOf(signer: CheckpointSigner, ledger: ServiceName, head: PlacedEvent, n = 1): LedgerCheckpoint {
  return signer.sign({
    checkpointId: uuidOf(n, 7),
    ledger,
    sequence: head.envelope.ledger.sequence,
    hash: head.hash,
    signedAt: '2026-11-28T03:00:00.000Z',
    reason: 'on-demand',
    campaignId: null,
  });
}
