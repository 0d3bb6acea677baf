import { canonicalJson, sha256Hex } from '@hailong/contracts';
import fc from 'fast-check';
import { verifyLedger, verifyLedgers } from './ledger-verification';
import {
  alter,
  buildLedger,
  checkpointOf,
  cloneLog,
  collect,
  find,
  forgedResponse,
  insertAfter,
  layOut,
  Log,
  relayRetry,
  remove,
  swap,
  testSigner,
} from './spec-helpers';

const intake = () => buildLedger('survey-intake', 40);
const report = (log: Log) => collect(log).verify();
const faultsOf = (log: Log) => report(log).ledgers.flatMap((l) => l.faults);
const eventAt = (events: ReturnType<typeof intake>, sequence: number) => events[sequence - 1];

/** Two events of the same partition and topic, not adjacent in the ledger. */
function samePartitionPair(events: ReturnType<typeof intake>) {
  const first = events.find((e) => e.envelope.type === 'ResponseSubmitted') as (typeof events)[number];
  const second = events.filter((e) => e.topic === first.topic && e.partition === first.partition)[3];
  return [first, second] as const;
}

describe('ledger verification', () => {
  it('finds no fault in an untouched ledger spread over two topics and three partitions', () => {
    const events = intake();
    const result = report(layOut(events));
    expect(result.ok).toBe(true);
    expect(result.ledgers).toHaveLength(1);
    expect(result.ledgers[0]).toMatchObject({ ledger: 'survey-intake', events: 40, messages: 40, relayRetries: 0, faults: [] });
    expect(result.ledgers[0].lastGood).toMatchObject({ sequence: 40, hash: eventAt(events, 40).hash });
    expect(result.ledgers[0].head?.sequence).toBe(40);
  });

  it('counts a relay retry (the same ids at the same places, resent after later events) as no fault', () => {
    const events = intake();
    const log = layOut(events);
    relayRetry(log, events, 11, 18);
    const result = report(log);
    expect(result.ok).toBe(true);
    expect(result.ledgers[0]).toMatchObject({ events: 40, messages: 48, relayRetries: 8 });
  });

  it('names a response whose answers were altered, and the last good place just before it', () => {
    const events = intake();
    const log = layOut(events);
    const victim = eventAt(events, 17);
    alter(log, victim.envelope.id, (e) => ((e['data'] as { answers: { level: number }[] }).answers[0].level = 1));
    const [ledger] = report(log).ledgers;
    expect(ledger.faults).toHaveLength(1);
    expect(ledger.faults[0]).toMatchObject({
      kind: 'altered',
      sequence: 17,
      eventId: victim.envelope.id,
      relatedEventId: eventAt(events, 18).envelope.id,
    });
    expect(ledger.faults[0].detail).toContain(victim.envelope.id);
    expect(ledger.lastGood).toMatchObject({ sequence: 16, eventId: eventAt(events, 16).envelope.id });
  });

  it('names the place of a removed event, and the event after it that still names its hash', () => {
    const events = intake();
    const log = layOut(events);
    remove(log, eventAt(events, 23).envelope.id);
    const [ledger] = report(log).ledgers;
    expect(ledger.faults).toEqual([
      expect.objectContaining({ kind: 'missing', sequence: 23, lastSequence: 23, relatedEventId: eventAt(events, 24).envelope.id }),
    ]);
    expect(ledger.faults[0].detail).toContain(eventAt(events, 23).hash.slice(0, 12));
    expect(ledger.lastGood?.sequence).toBe(22);
  });

  it('names an inserted response that claims a place of the chain and links to the event before it', () => {
    const events = intake();
    const log = layOut(events);
    const forged = forgedResponse(events, 12);
    insertAfter(log, eventAt(events, 12).envelope.id, forged);
    const [ledger] = report(log).ledgers;
    expect(ledger.faults).toEqual([
      expect.objectContaining({ kind: 'inserted', sequence: 12, eventId: forged.id, relatedEventId: eventAt(events, 12).envelope.id }),
    ]);
    expect(ledger.lastGood?.sequence).toBe(11);
  });

  it('names an inserted event that carries no ledger place, and places the last good position before it in its partition', () => {
    const events = intake();
    const log = layOut(events);
    const forged = { ...forgedResponse(events, 9), ledger: null };
    insertAfter(log, eventAt(events, 9).envelope.id, forged);
    const [ledger] = report(log).ledgers;
    expect(ledger.faults).toEqual([expect.objectContaining({ kind: 'inserted', sequence: null, eventId: forged.id })]);
    expect(ledger.lastGood?.sequence).toBe(9);
  });

  it('names both responses of a swap within a partition as reordered', () => {
    const events = intake();
    const log = layOut(events);
    const [a, b] = samePartitionPair(events);
    swap(log, a.envelope.id, b.envelope.id);
    const [ledger] = report(log).ledgers;
    expect(ledger.faults.every((f) => f.kind === 'reordered')).toBe(true);
    const named = new Set(ledger.faults.flatMap((f) => [f.eventId, f.relatedEventId]));
    expect(named).toEqual(new Set([a.envelope.id, b.envelope.id]));
    expect(ledger.lastGood?.sequence ?? 0).toBe(a.envelope.ledger.sequence - 1);
  });

  it('names both responses of a swap of neighbours within a partition', () => {
    const events = intake();
    const log = layOut(events);
    const [a] = samePartitionPair(events);
    const b = events.filter((e) => e.topic === a.topic && e.partition === a.partition)[1];
    swap(log, a.envelope.id, b.envelope.id);
    const faults = faultsOf(log);
    expect(faults.length).toBeGreaterThan(0);
    expect(faults.every((f) => f.kind === 'reordered')).toBe(true);
    expect(new Set(faults.flatMap((f) => [f.eventId, f.relatedEventId]))).toEqual(new Set([a.envelope.id, b.envelope.id]));
  });

  it('names the event whose link was altered, not the one before it', () => {
    const events = intake();
    const log = layOut(events);
    const victim = eventAt(events, 30);
    alter(log, victim.envelope.id, (e) => (e.ledger.previousHash = sha256Hex('something else')));
    expect(faultsOf(log)).toEqual([expect.objectContaining({ kind: 'altered', sequence: 30, eventId: victim.envelope.id })]);
  });

  it('names a second copy of an event with other content as altered, and keeps the genuine one on the chain', () => {
    const events = intake();
    const log = layOut(events);
    const victim = eventAt(events, 8);
    const copy = JSON.parse(canonicalJson(victim.envelope));
    copy.data.answers[0].level = 5 - (copy.data.answers[0].level % 5);
    insertAfter(log, eventAt(events, 9).envelope.id, copy);
    const [ledger] = report(log).ledgers;
    expect(ledger.faults).toEqual([expect.objectContaining({ kind: 'altered', sequence: 8, eventId: victim.envelope.id })]);
    expect(ledger.faults[0].detail).toContain('copy');
    expect(ledger.events).toBe(40);
  });

  it('names an event id repeated at a new place as inserted', () => {
    const events = intake();
    const log = layOut(events);
    const replayed = { ...eventAt(events, 3).envelope, ledger: { sequence: 41, previousHash: eventAt(events, 40).hash } };
    insertAfter(log, eventAt(events, 40).envelope.id, replayed);
    expect(faultsOf(log)).toEqual([expect.objectContaining({ kind: 'inserted', sequence: 41, eventId: replayed.id })]);
  });

  it('with a signed checkpoint, finds a removed tail and an altered head that the chain alone cannot see', () => {
    const events = intake();
    const signer = testSigner();
    const anchors = [checkpointOf(signer, 'survey-intake', eventAt(events, 40))];
    const trusted = anchors.map(({ checkpointId, ledger, sequence, hash }) => ({ checkpointId, ledger, sequence, hash }));

    const truncated = layOut(events);
    remove(truncated, eventAt(events, 40).envelope.id);
    remove(truncated, eventAt(events, 39).envelope.id);
    expect(verifyLedgers({ observations: collect(truncated).observations }).ok).toBe(true); // undetectable without it
    expect(verifyLedgers({ observations: collect(truncated).observations, checkpoints: trusted }).ledgers[0].faults).toEqual([
      expect.objectContaining({ kind: 'missing', sequence: 39, lastSequence: 40 }),
    ]);

    const alteredHead = layOut(events);
    alter(alteredHead, eventAt(events, 40).envelope.id, (e) => (e['subject'] = 'changed'));
    expect(verifyLedgers({ observations: collect(alteredHead).observations }).ok).toBe(true);
    expect(verifyLedgers({ observations: collect(alteredHead).observations, checkpoints: trusted }).ledgers[0].faults).toEqual([
      expect.objectContaining({ kind: 'altered', sequence: 40, eventId: eventAt(events, 40).envelope.id }),
    ]);
  });

  it('finds a chain rewritten after an alteration only through the checkpoint that covers it', () => {
    const events = intake();
    const signer = testSigner();
    const anchor = checkpointOf(signer, 'survey-intake', eventAt(events, 35));
    // The forger alters place 21 and re-links every later event, so the chain is consistent again.
    const rewritten = buildLedger('survey-intake', 40).map((e) => ({ ...e, envelope: JSON.parse(canonicalJson(e.envelope)) }));
    (rewritten[20].envelope['data'] as { answers: { level: number }[] }).answers[0].level = 1;
    let previous = '';
    const relinked = rewritten.map((e, i) => {
      const envelope = i === 0 ? e.envelope : { ...e.envelope, ledger: { ...e.envelope.ledger, previousHash: previous } };
      previous = sha256Hex(canonicalJson(envelope));
      return { ...e, envelope, hash: previous };
    });
    const observations = collect(layOut(relinked)).observations;
    expect(verifyLedgers({ observations }).ok).toBe(true);
    const faults = verifyLedgers({ observations, checkpoints: [anchor] }).ledgers[0].faults;
    expect(faults).toEqual([expect.objectContaining({ kind: 'altered', sequence: 35 })]);
    expect(faults[0].detail).toContain(anchor.checkpointId);
  });

  it('lists messages that belong to no service apart, without failing any ledger', () => {
    const events = intake();
    const log = layOut(events);
    log.set('hailong.intake.responses/0', [...(log.get('hailong.intake.responses/0') ?? []), 'garbage{']);
    const result = report(log);
    expect(result.ok).toBe(true);
    expect(result.foreign).toEqual([expect.objectContaining({ reason: expect.stringContaining('not JSON') })]);
  });

  it('keeps each service’s ledger apart when they share topics', () => {
    const intakeEvents = intake();
    const directory = buildLedger('unit-directory', 25, { topics: ['hailong.intake.responses'] });
    const log = layOut(intakeEvents, directory);
    remove(log, directory[4].envelope.id);
    const result = report(log);
    expect(result.ledgers.map((l) => [l.ledger, l.faults.map((f) => f.kind)])).toEqual([
      ['unit-directory', ['missing']],
      ['survey-intake', []],
    ]);
  });

  it('reports a ledger with one fault per tampering when several are combined', () => {
    const events = intake();
    const log = layOut(events);
    alter(log, eventAt(events, 6).envelope.id, (e) => (e['subject'] = 'x'));
    remove(log, eventAt(events, 26).envelope.id);
    const kinds = faultsOf(log).map((f) => [f.kind, f.sequence]);
    expect(kinds).toEqual([
      ['altered', 6],
      ['missing', 26],
    ]);
  });
});

describe('ledger verification properties', () => {
  type Tampering = 'alter' | 'remove' | 'insert' | 'swap' | 'relink';

  /**
   * Any single tampering of a ledger whose head a signed checkpoint covers is found, with the right
   * kind, naming the tampered event (or, for a removal, its place).
   */
  it('detects any single tampering and names the event and the fault', () => {
    const signer = testSigner();
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.constantFrom<Tampering>('alter', 'remove', 'insert', 'swap', 'relink'),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 4 }),
        (count, tampering, pick, other, partitions) => {
          const events = buildLedger('survey-intake', count, { partitions, units: partitions + 1 });
          const log = layOut(events);
          const target = events[pick % count];
          const place = target.envelope.ledger.sequence;
          const checkpoints = [checkpointOf(signer, 'survey-intake', events[count - 1])];
          const verify = () => verifyLedger('survey-intake', collect(log).observations, checkpoints);
          switch (tampering) {
            case 'alter': {
              alter(log, target.envelope.id, (e) => (e['recordedAt'] = '2030-01-01T00:00:00.000Z'));
              const faults = verify().faults;
              expect(faults).toEqual([expect.objectContaining({ kind: 'altered', sequence: place, eventId: target.envelope.id })]);
              break;
            }
            case 'relink': {
              alter(log, target.envelope.id, (e) => (e.ledger.previousHash = sha256Hex(`forged ${other}`)));
              expect(verify().faults).toEqual([expect.objectContaining({ kind: 'altered', sequence: place, eventId: target.envelope.id })]);
              break;
            }
            case 'remove': {
              remove(log, target.envelope.id);
              const result = verify();
              expect(result.faults).toEqual([expect.objectContaining({ kind: 'missing', sequence: place, lastSequence: place })]);
              expect(result.lastGood?.sequence ?? 0).toBe(place - 1);
              break;
            }
            case 'insert': {
              const forged = forgedResponse(events, place);
              insertAfter(log, events[other % count].envelope.id, forged);
              const faults = verify().faults;
              expect(faults).toEqual([expect.objectContaining({ kind: 'inserted', sequence: place, eventId: forged.id })]);
              break;
            }
            case 'swap': {
              const mates = events.filter((e) => e.topic === target.topic && e.partition === target.partition && e !== target);
              fc.pre(mates.length > 0);
              const mate = mates[other % mates.length];
              swap(log, target.envelope.id, mate.envelope.id);
              const faults = verify().faults;
              expect(faults.length).toBeGreaterThan(0);
              expect(faults.every((f) => f.kind === 'reordered')).toBe(true);
              const named = new Set(faults.flatMap((f) => [f.eventId, f.relatedEventId]));
              expect(named.has(target.envelope.id) && named.has(mate.envelope.id)).toBe(true);
              break;
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds nothing in any interleaving of partitions with any relay retries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 5 })), { maxLength: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        (count, retries, partitions, reverseReading) => {
          const events = buildLedger('survey-intake', count, { partitions, units: partitions * 2 });
          const log = layOut(events);
          for (const [from, length] of retries) {
            const start = Math.min(from, count);
            relayRetry(log, events, start, Math.min(count, start + length));
          }
          // The reader meets partitions in any order: only the order inside a partition counts.
          const shuffled: Log = new Map(reverseReading ? [...cloneLog(log)].reverse() : [...log]);
          const result = verifyLedger('survey-intake', collect(shuffled).observations);
          expect(result.faults).toEqual([]);
          expect(result.lastGood?.sequence).toBe(count);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('find (spec helper)', () => {
  it('throws for an event that is not in the log, so a tampering test cannot pass vacuously', () => {
    expect(() => find(new Map(), 'nope')).toThrow(/not in the log/);
  });
});
