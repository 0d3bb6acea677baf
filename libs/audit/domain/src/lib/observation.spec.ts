import { canonicalJson, sha256Hex } from '@hailong/contracts';
import { observeMessage } from './observation';
import { buildLedger } from './spec-helpers';

const at = { topic: 'hailong.intake.responses', partition: 2, offset: '41' };

describe('reading a message for the ledger', () => {
  it('hashes the canonical JSON of the whole event, whatever its key order', () => {
    const [event] = buildLedger('survey-intake', 1);
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(event.envelope).reverse()));
    const observed = observeMessage(at, Buffer.from(reordered));
    expect(observed).toMatchObject({
      kind: 'event',
      observation: {
        source: 'survey-intake',
        eventId: event.envelope.id,
        eventType: 'ResponseSubmitted',
        hash: event.hash,
        ledger: event.envelope.ledger,
      },
    });
    expect(event.hash).toBe(sha256Hex(canonicalJson(event.envelope)));
  });

  it('takes the response id from a submission and from a correction’s replacement', () => {
    const [event] = buildLedger('survey-intake', 1);
    const corrected = { ...event.envelope, type: 'ResponseCorrected', data: { responseId: 'old', replacement: { responseId: 'new' } } };
    expect(observeMessage(at, JSON.stringify(event.envelope))).toMatchObject({
      observation: { responseId: (event.envelope['data'] as { responseId: string }).responseId },
    });
    expect(observeMessage(at, JSON.stringify(corrected))).toMatchObject({ observation: { responseId: 'new' } });
  });

  it('keeps an event with no usable ledger place as an event without a place', () => {
    const [event] = buildLedger('scoring', 1);
    for (const ledger of [null, { sequence: '1', previousHash: event.envelope.ledger.previousHash }, { sequence: 0, previousHash: 'x' }]) {
      expect(observeMessage(at, JSON.stringify({ ...event.envelope, ledger }))).toMatchObject({
        kind: 'event',
        observation: { ledger: null },
      });
    }
  });

  it('calls foreign what names no known service or is not JSON, with the reason', () => {
    expect(observeMessage(at, 'garbage{')).toMatchObject({
      kind: 'foreign',
      foreign: { location: at, reason: expect.stringMatching(/^not JSON/) },
    });
    expect(observeMessage(at, null)).toMatchObject({ kind: 'foreign', foreign: { reason: 'empty message' } });
    expect(observeMessage(at, '[1]')).toMatchObject({ kind: 'foreign', foreign: { reason: 'not a JSON object' } });
    expect(observeMessage(at, '{"id":"x","source":"mallory"}')).toMatchObject({
      kind: 'foreign',
      foreign: { reason: expect.stringContaining('mallory') },
    });
  });
});
