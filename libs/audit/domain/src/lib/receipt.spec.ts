import { randomBytes } from 'node:crypto';
import { verifyReceipt } from './receipt';
import {
  alter,
  buildLedger,
  checkpointOf,
  collect,
  forgedResponse,
  insertAfter,
  layOut,
  relayRetry,
  remove,
  testSigner,
} from './spec-helpers';

const events = buildLedger('survey-intake', 30);
const signer = testSigner();
const checkpoint = checkpointOf(signer, 'survey-intake', events[24]);
const receiptOf = (sequence: number) => {
  const e = events[sequence - 1];
  return {
    responseId: (e.envelope['data'] as { responseId: string }).responseId,
    eventId: e.envelope.id,
    ledger: 'survey-intake',
    sequence,
    hash: e.hash,
    location: { topic: e.topic, partition: e.partition, offset: '0' },
    checkpoint,
  };
};
const verify = (log = layOut(events), receipt: unknown = receiptOf(7), keys = [signer.publicKey]) =>
  verifyReceipt({ receipt, keys, observations: collect(log).observations });

describe('receipts', () => {
  it('verifies a receipt against the log, walking the hashes from the checkpoint’s head down to its place', () => {
    const verdict = verify();
    expect(verdict).toMatchObject({ verified: true, placesChecked: 19, checkpoint: { sequence: 25, keyId: signer.keyId } });
    expect(verdict.reason).toContain(receiptOf(7).responseId);
  });

  it('verifies a receipt as the audit serves it, the checkpoint carrying the id of the event that published it', () => {
    const served = {
      ...receiptOf(7),
      eventType: 'ResponseSubmitted',
      status: 'covered',
      checkpoint: { ...checkpoint, eventId: 'a1b2c3d4-0000-4000-8000-000000000001' },
    };
    expect(verify(undefined, served).verified).toBe(true);
  });

  it('still verifies with relay repeats and an unrelated insertion in the log', () => {
    const log = layOut(events);
    relayRetry(log, events, 5, 12);
    insertAfter(log, events[10].envelope.id, forgedResponse(events, 11));
    expect(verify(log).verified).toBe(true);
  });

  it('fails when an event between the receipt and the checkpoint was altered, or the receipt’s own event was', () => {
    for (const victim of [16, 7, 25]) {
      const log = layOut(events);
      alter(log, events[victim - 1].envelope.id, (e) => (e['subject'] = 'changed'));
      expect(verify(log)).toMatchObject({ verified: false, reason: expect.stringContaining(`place ${victim}`) });
    }
  });

  it('fails when an event on the way was removed', () => {
    const log = layOut(events);
    remove(log, events[11].envelope.id);
    expect(verify(log)).toMatchObject({ verified: false, reason: expect.stringContaining('removed') });
  });

  it('fails for a receipt whose hash, event or response does not match the log', () => {
    expect(verify(undefined, { ...receiptOf(7), hash: events[7].hash }).verified).toBe(false);
    expect(verify(undefined, { ...receiptOf(7), responseId: receiptOf(8).responseId }).verified).toBe(false);
    expect(verify(undefined, { ...receiptOf(7), eventId: receiptOf(8).eventId }).verified).toBe(false);
  });

  it('fails with a forged checkpoint signature, or a key that is not published', () => {
    const forged = { ...receiptOf(7), checkpoint: { ...checkpoint, signature: randomBytes(64).toString('base64url') } };
    expect(verify(undefined, forged)).toMatchObject({ verified: false, reason: expect.stringContaining('forged') });
    expect(verify(undefined, receiptOf(7), [testSigner().publicKey]).verified).toBe(false);
  });

  it('fails when the checkpoint does not cover the receipt, or there is none yet', () => {
    expect(verify(undefined, receiptOf(27))).toMatchObject({ verified: false, reason: expect.stringContaining('before the receipt') });
    expect(verify(undefined, { ...receiptOf(7), checkpoint: null })).toMatchObject({
      verified: false,
      reason: expect.stringContaining('no checkpoint'),
    });
    const otherLedger = checkpointOf(signer, 'scoring', events[24]);
    expect(
      verifyReceipt({
        receipt: receiptOf(7),
        checkpoint: otherLedger,
        keys: [signer.publicKey],
        observations: collect(layOut(events)).observations,
      }).verified,
    ).toBe(false);
  });

  it('refuses what is not a receipt, naming the field', () => {
    expect(verify(undefined, { ...receiptOf(7), sequence: 'seven' })).toMatchObject({
      verified: false,
      reason: expect.stringContaining('sequence'),
    });
  });
});
