import { GENESIS_HASH } from '@hailong/contracts';
import { extendChain } from './chain-extension';
import { buildLedger } from './spec-helpers';

const links = (count: number) =>
  buildLedger('survey-intake', count).map((e) => ({
    sequence: e.envelope.ledger.sequence,
    previousHash: e.envelope.ledger.previousHash,
    hash: e.hash,
  }));

describe('extending the verified chain', () => {
  it('walks from the genesis hash to the last place read, in any order and with repeats', () => {
    const chain = links(12);
    const result = extendChain(null, [...chain].reverse().concat(chain.slice(3, 6)));
    expect(result.head).toEqual({ sequence: 12, hash: chain[11].hash });
    expect(result.accepted.map((l) => l.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(result.stop).toEqual({ kind: 'end' });
  });

  it('continues from a stored head and stops before a place not read yet', () => {
    const chain = links(12);
    const result = extendChain({ sequence: 4, hash: chain[3].hash }, [...chain.slice(4, 7), ...chain.slice(8)]);
    expect(result.head).toEqual({ sequence: 7, hash: chain[6].hash });
    expect(result.stop).toEqual({ kind: 'gap', sequence: 8 });
  });

  it('stops at an event that does not name the head’s hash', () => {
    const chain = links(6);
    const altered = { ...chain[3], previousHash: GENESIS_HASH };
    const result = extendChain(null, [...chain.slice(0, 3), altered, ...chain.slice(4)]);
    expect(result.head?.sequence).toBe(3);
    expect(result.stop).toEqual({ kind: 'broken-link', sequence: 4 });
  });

  it('takes, of two events naming the head, the one the next place names, and waits when nothing decides', () => {
    const chain = links(6);
    const forged = { sequence: 4, previousHash: chain[2].hash, hash: 'f'.repeat(64) };
    expect(extendChain(null, [...chain, forged]).head).toEqual({ sequence: 6, hash: chain[5].hash });
    const undecided = extendChain(null, [...chain.slice(0, 4), forged]);
    expect(undecided.head?.sequence).toBe(3);
    expect(undecided.stop).toEqual({ kind: 'conflict', sequence: 4, hashes: [chain[3].hash, forged.hash] });
  });
});
