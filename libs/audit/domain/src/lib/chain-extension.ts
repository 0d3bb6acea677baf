import { GENESIS_HASH } from '@hailong/contracts';

export interface ChainLink {
  readonly sequence: number;
  readonly previousHash: string;
  readonly hash: string;
}

export interface ChainHead {
  readonly sequence: number;
  readonly hash: string;
}

/** Why the verified chain stops where it does. */
export type ChainStop =
  /** Nothing more has been read past the head. */
  | { readonly kind: 'end' }
  /** The next place has not been read, though later ones have: not arrived yet, or missing. */
  | { readonly kind: 'gap'; readonly sequence: number }
  /** Nothing at the next place names the head's hash: altered, or inserted. */
  | { readonly kind: 'broken-link'; readonly sequence: number }
  /** Several events at the next place name the head's hash, and nothing read yet tells which is genuine. */
  | { readonly kind: 'conflict'; readonly sequence: number; readonly hashes: readonly string[] };

/**
 * Extends a verified head along entries read since (sorted or not, repeats allowed): place by place,
 * the entry that names the head's hash. Only a chain that links all the way from the genesis hash is
 * ever signed, so the audit never vouches for a place it could not connect to the ledger's first event.
 */
export function extendChain<T extends ChainLink>(
  head: ChainHead | null,
  entries: readonly T[],
): { readonly accepted: readonly T[]; readonly head: ChainHead | null; readonly stop: ChainStop } {
  const byPlace = new Map<number, T[]>();
  let maxPlace = 0;
  for (const entry of entries) {
    const list = byPlace.get(entry.sequence) ?? [];
    if (!list.some((e) => e.hash === entry.hash)) list.push(entry);
    byPlace.set(entry.sequence, list);
    maxPlace = Math.max(maxPlace, entry.sequence);
  }
  const accepted: T[] = [];
  let current = head;
  for (;;) {
    const sequence = (current?.sequence ?? 0) + 1;
    const expected = current?.hash ?? GENESIS_HASH;
    const candidates = byPlace.get(sequence);
    if (!candidates) {
      return { accepted, head: current, stop: sequence > maxPlace ? { kind: 'end' } : { kind: 'gap', sequence } };
    }
    const linking = candidates.filter((c) => c.previousHash === expected);
    if (linking.length === 0) return { accepted, head: current, stop: { kind: 'broken-link', sequence } };
    let pick = linking[0];
    if (linking.length > 1) {
      const next = byPlace.get(sequence + 1) ?? [];
      const named = linking.filter((c) => next.some((n) => n.previousHash === c.hash));
      if (named.length !== 1) {
        return { accepted, head: current, stop: { kind: 'conflict', sequence, hashes: linking.map((c) => c.hash) } };
      }
      pick = named[0];
    }
    accepted.push(pick);
    current = { sequence, hash: pick.hash };
  }
}
