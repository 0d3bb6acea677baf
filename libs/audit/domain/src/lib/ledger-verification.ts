import { GENESIS_HASH, SERVICES, ServiceName } from '@hailong/contracts';
import { compareLocations, describeLocation, ForeignMessage, LedgerObservation, MessageLocation } from './observation';
import { misplacedElements } from './partition-order';

export type LedgerFaultKind = 'missing' | 'altered' | 'inserted' | 'reordered';

/** An event's place in its ledger and where the log holds it. */
export interface LedgerPosition {
  readonly sequence: number;
  readonly hash: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly location: MessageLocation;
}

export interface LedgerFault {
  readonly kind: LedgerFaultKind;
  readonly ledger: ServiceName;
  /** The ledger place concerned; for missing events the first of the run; null for an event with no place. */
  readonly sequence: number | null;
  /** For a run of missing events, the last missing place; otherwise equal to `sequence`. */
  readonly lastSequence: number | null;
  /** The event at fault (null when it is missing from the log). */
  readonly eventId: string | null;
  readonly eventType: string | null;
  readonly location: MessageLocation | null;
  /** The other event involved: the one a swapped event changed places with, the one whose place was taken, … */
  readonly relatedEventId: string | null;
  readonly detail: string;
  readonly detailVi: string;
}

/** A checkpoint whose signature has been checked: its head is a fixed point the log must still reach. */
export interface TrustedCheckpoint {
  readonly checkpointId: string;
  readonly ledger: ServiceName;
  readonly sequence: number;
  readonly hash: string;
}

export interface LedgerReport {
  readonly ledger: ServiceName;
  /** Messages of this service read from the log, repeats included. */
  readonly messages: number;
  /** Distinct events on the ledger. */
  readonly events: number;
  /** Identical repeats (same id, same place, same content): what a relay resends after a crash. */
  readonly relayRetries: number;
  /** The highest place seen. */
  readonly head: LedgerPosition | null;
  /** The last place up to which every event is present, unaltered, alone in its place and in order. */
  readonly lastGood: LedgerPosition | null;
  /** Signed checkpoints of this ledger that the log was checked against. */
  readonly checkpoints: number;
  readonly faults: readonly LedgerFault[];
}

export interface VerificationReport {
  /** True when no ledger has a fault. */
  readonly ok: boolean;
  readonly faults: number;
  readonly ledgers: readonly LedgerReport[];
  /** Messages that are no service's event (garbage written past the relays); they belong to no ledger. */
  readonly foreign: readonly ForeignMessage[];
}

interface Candidate {
  readonly first: LedgerObservation;
  readonly sequence: number;
  readonly previousHash: string;
  readonly hash: string;
  readonly arrival: number;
  readonly locations: MessageLocation[];
}

const short = (hash: string) => hash.slice(0, 12);

function positionOf(candidate: Candidate): LedgerPosition {
  return {
    sequence: candidate.sequence,
    hash: candidate.hash,
    eventId: candidate.first.eventId,
    eventType: candidate.first.eventType,
    location: candidate.first.location,
  };
}

/**
 * Walks one service's ledger as the log holds it. Every event names its place (a gap-free sequence) and
 * the hash of the event before it, so:
 * - a place nobody holds is a **missing** event (and so is a tail a signed checkpoint covers but the log lacks);
 * - an event whose hash is not what its successor (or a checkpoint) names, or that does not name its
 *   predecessor's hash, was **altered** — and so is a second copy of an event with other content;
 * - an event in a place that belongs to another event on the chain, an event with no place, or an event
 *   id repeated at another place was **inserted**;
 * - events of a partition out of ledger order were **reordered** (consumers apply a partition in order);
 * - an identical repeat (same id, place and content) is a relay retry and no fault.
 * The last good position is the place just before the first fault.
 */
export function verifyLedger(
  ledger: ServiceName,
  observations: Iterable<LedgerObservation>,
  checkpoints: readonly TrustedCheckpoint[] = [],
): LedgerReport {
  const byPlace = new Map<number, Candidate[]>();
  const unplaced: LedgerObservation[] = [];
  let messages = 0;
  for (const observation of observations) {
    if (observation.source !== ledger) continue;
    messages += 1;
    if (!observation.ledger) {
      unplaced.push(observation);
      continue;
    }
    const { sequence, previousHash } = observation.ledger;
    const list = byPlace.get(sequence) ?? [];
    const same = list.find((c) => c.hash === observation.hash);
    if (same) same.locations.push(observation.location);
    else
      list.push({
        first: observation,
        sequence,
        previousHash,
        hash: observation.hash,
        arrival: messages,
        locations: [observation.location],
      });
    byPlace.set(sequence, list);
  }
  const anchors = checkpoints.filter((c) => c.ledger === ledger);
  const anchorsAt = new Map<number, TrustedCheckpoint[]>();
  for (const anchor of anchors) anchorsAt.set(anchor.sequence, [...(anchorsAt.get(anchor.sequence) ?? []), anchor]);

  let maxPlace = 0;
  for (const sequence of byPlace.keys()) maxPlace = Math.max(maxPlace, sequence);
  const maxAnchor = anchors.reduce((max, a) => Math.max(max, a.sequence), 0);

  // The chain: per place, the candidate that links to its predecessor and that its successor (or a
  // checkpoint) names; a place held by one event simply takes it.
  const chain = new Map<number, Candidate>();
  const rejected: Candidate[] = [];
  let previous: string | null = GENESIS_HASH;
  for (let s = 1; s <= maxPlace; s += 1) {
    const candidates = byPlace.get(s);
    if (!candidates) {
      previous = null;
      continue;
    }
    let pick = candidates[0];
    if (candidates.length > 1) {
      const named = new Set([...(byPlace.get(s + 1) ?? []).map((c) => c.previousHash), ...(anchorsAt.get(s) ?? []).map((a) => a.hash)]);
      const score = (c: Candidate) => (previous !== null && c.previousHash === previous ? 1 : 0) + (named.has(c.hash) ? 2 : 0);
      pick = [...candidates].sort((a, b) => score(b) - score(a) || a.arrival - b.arrival)[0];
      rejected.push(...candidates.filter((c) => c !== pick));
    }
    chain.set(s, pick);
    previous = pick.hash;
  }

  const faults: { fault: LedgerFault; position: number }[] = [];
  const add = (position: number, fault: Omit<LedgerFault, 'ledger'>) => faults.push({ position, fault: { ledger, ...fault } });
  const about = (c: Candidate) => ({
    sequence: c.sequence,
    lastSequence: c.sequence,
    eventId: c.first.eventId,
    eventType: c.first.eventType,
    location: c.first.location,
  });
  const name = (c: Candidate) =>
    `${c.first.eventType || 'event'} ${c.first.eventId} (place ${c.sequence}, ${describeLocation(c.first.location)})`;

  // Missing places, including a tail that a signed checkpoint covers.
  for (let s = 1; s <= Math.max(maxPlace, maxAnchor); s += 1) {
    if (chain.has(s)) continue;
    let t = s;
    while (t + 1 <= Math.max(maxPlace, maxAnchor) && !chain.has(t + 1)) t += 1;
    const next = chain.get(t + 1);
    const run = s === t ? `place ${s} is` : `places ${s}–${t} are`;
    const runVi = s === t ? `vị trí ${s}` : `các vị trí ${s}–${t}`;
    add(s, {
      kind: 'missing',
      sequence: s,
      lastSequence: t,
      eventId: null,
      eventType: null,
      location: null,
      relatedEventId: next?.first.eventId ?? null,
      detail: next
        ? `ledger ${run} missing from the log: ${name(next)} names ${short(next.previousHash)}… as the hash before it`
        : `ledger ${run} missing from the log: a signed checkpoint covers the ledger up to place ${maxAnchor}`,
      detailVi: next
        ? `thiếu ${runVi} của sổ cái trong nhật ký: sự kiện ${next.first.eventId} ở vị trí ${t + 1} ghi mã băm trước nó là ${short(next.previousHash)}…`
        : `thiếu ${runVi} của sổ cái trong nhật ký: một điểm kiểm tra đã ký bao phủ sổ cái đến vị trí ${maxAnchor}`,
    });
    s = t;
  }

  const link = (s: number): boolean | undefined => {
    const c = chain.get(s);
    if (!c) return undefined;
    if (s === 1) return c.previousHash === GENESIS_HASH;
    const p = chain.get(s - 1);
    return p ? c.previousHash === p.hash : undefined;
  };
  const anchored = (s: number): boolean | undefined => {
    const c = chain.get(s);
    const at = anchorsAt.get(s);
    if (!c || !at) return undefined;
    return at.every((a) => a.hash === c.hash);
  };

  const flagged = new Set<number>();
  const explained = new Set<number>();
  const altered = (c: Candidate, detail: string, detailVi: string, relatedEventId: string | null = null) => {
    if (flagged.has(c.sequence)) return;
    flagged.add(c.sequence);
    add(c.sequence, {
      kind: 'altered',
      ...about(c),
      relatedEventId,
      detail: `${name(c)}: ${detail}`,
      detailVi: `sự kiện ${c.first.eventId} ở vị trí ${c.sequence}: ${detailVi}`,
    });
  };
  for (let s = 1; s <= maxPlace; s += 1) {
    const c = chain.get(s);
    if (!c) continue;
    if (link(s) === false && !explained.has(s)) {
      // Its own hash disowned too: this event changed (its link and so its hash), not the one before.
      const disowned = link(s + 1) === false || anchored(s) === false;
      const vouched = link(s + 1) === true || anchored(s) === true;
      const p = chain.get(s - 1);
      if (s === 1 || disowned || !p) {
        altered(
          c,
          s === 1
            ? 'it does not start from the genesis hash'
            : `it does not name its predecessor's hash, and its own hash is not what follows it names`,
          s === 1
            ? 'không bắt đầu từ mã băm khởi đầu'
            : 'không ghi đúng mã băm của sự kiện trước, và mã băm của nó không khớp với sự kiện sau',
        );
        if (link(s + 1) === false) explained.add(s + 1);
      } else if (vouched || anchored(s - 1) !== true) {
        altered(
          p,
          vouched
            ? `its hash is not the one the next event (${c.first.eventId}) names`
            : `its hash is not the one the next event (${c.first.eventId}) names: it was altered, or that event's link was`,
          vouched
            ? `mã băm của nó không khớp với mã băm mà sự kiện sau (${c.first.eventId}) ghi`
            : `mã băm của nó không khớp với sự kiện sau (${c.first.eventId}): nó bị sửa, hoặc liên kết của sự kiện sau bị sửa`,
          c.first.eventId,
        );
      } else {
        // The predecessor is fixed by a signed checkpoint, and nothing after this event vouches for it.
        altered(
          c,
          'it does not continue the chain from the checkpointed event before it',
          'không nối tiếp chuỗi từ sự kiện trước đã được ký',
        );
      }
    }
    if (anchored(s) === false) {
      const anchor = (anchorsAt.get(s) ?? []).find((a) => a.hash !== c.hash) as TrustedCheckpoint;
      altered(
        c,
        `its hash is not the one signed checkpoint ${anchor.checkpointId} names for this place (${short(anchor.hash)}…): the ledger up to here was altered or rewritten`,
        `mã băm không khớp với điểm kiểm tra đã ký ${anchor.checkpointId}: sổ cái đến đây đã bị sửa hoặc viết lại`,
      );
      if (link(s + 1) === false) explained.add(s + 1);
    }
  }

  // Events competing for a place on the chain.
  for (const r of rejected) {
    const owner = chain.get(r.sequence) as Candidate;
    if (r.first.eventId === owner.first.eventId) {
      add(r.sequence, {
        kind: 'altered',
        ...about(r),
        relatedEventId: null,
        detail: `${name(r)}: a copy of this event whose content differs from the one on the chain (hash ${short(r.hash)}… instead of ${short(owner.hash)}…)`,
        detailVi: `sự kiện ${r.first.eventId} ở vị trí ${r.sequence}: một bản sao có nội dung khác với bản trên chuỗi`,
      });
    } else {
      add(r.sequence, {
        kind: 'inserted',
        ...about(r),
        relatedEventId: owner.first.eventId,
        detail: `${name(r)}: claims place ${r.sequence}, which belongs to ${owner.first.eventId} on the chain`,
        detailVi: `sự kiện ${r.first.eventId} chiếm vị trí ${r.sequence}, vốn thuộc về sự kiện ${owner.first.eventId} trên chuỗi`,
      });
    }
  }
  // An event id appears once on a ledger: the relay gives each event exactly one place.
  const placeOfId = new Map<string, number>();
  for (let s = 1; s <= maxPlace; s += 1) {
    const c = chain.get(s);
    if (!c) continue;
    const earlier = placeOfId.get(c.first.eventId);
    if (earlier === undefined) {
      placeOfId.set(c.first.eventId, s);
      continue;
    }
    add(s, {
      kind: 'inserted',
      ...about(c),
      relatedEventId: c.first.eventId,
      detail: `${name(c)}: repeats the id of the event at place ${earlier}`,
      detailVi: `sự kiện ${c.first.eventId} ở vị trí ${s} lặp lại mã của sự kiện ở vị trí ${earlier}`,
    });
  }

  // Order within each partition: first occurrences of the chain's events must follow their places.
  const partitions = new Map<string, { candidate: Candidate; location: MessageLocation }[]>();
  for (const candidate of chain.values()) {
    const firstInPartition = new Map<string, MessageLocation>();
    for (const location of candidate.locations) {
      const key = `${location.topic}\u0000${location.partition}`;
      const seen = firstInPartition.get(key);
      if (!seen || compareLocations(location, seen) < 0) firstInPartition.set(key, location);
    }
    for (const [key, location] of firstInPartition) {
      const list = partitions.get(key) ?? [];
      list.push({ candidate, location });
      partitions.set(key, list);
    }
  }
  for (const entries of partitions.values()) {
    entries.sort((a, b) => compareLocations(a.location, b.location));
    for (const { index, relatedIndex } of misplacedElements(entries.map((e) => e.candidate.sequence))) {
      const { candidate, location } = entries[index];
      const related = relatedIndex === null ? null : entries[relatedIndex];
      add(Math.min(candidate.sequence, related?.candidate.sequence ?? candidate.sequence), {
        kind: 'reordered',
        ...about(candidate),
        location,
        relatedEventId: related?.candidate.first.eventId ?? null,
        detail: related
          ? `${name(candidate)} stands at ${describeLocation(location)}, out of ledger order: in ledger order it belongs where ${related.candidate.first.eventId} (place ${related.candidate.sequence}) stands, at ${describeLocation(related.location)}`
          : `${name(candidate)} stands at ${describeLocation(location)}, out of ledger order`,
        detailVi: related
          ? `sự kiện ${candidate.first.eventId} (vị trí ${candidate.sequence}) nằm sai thứ tự sổ cái tại ${describeLocation(location)}: đúng ra nó ở chỗ của sự kiện ${related.candidate.first.eventId} (vị trí ${related.candidate.sequence})`
          : `sự kiện ${candidate.first.eventId} (vị trí ${candidate.sequence}) nằm sai thứ tự sổ cái tại ${describeLocation(location)}`,
      });
    }
  }

  // Events with no place: placed (for the last good position) after the chain's last event before them in their partition.
  for (const u of unplaced) {
    let before = 0;
    for (const c of chain.values()) {
      for (const location of c.locations) {
        if (
          location.topic === u.location.topic &&
          location.partition === u.location.partition &&
          compareLocations(location, u.location) < 0
        ) {
          before = Math.max(before, c.sequence);
        }
      }
    }
    add(before + 1, {
      kind: 'inserted',
      sequence: null,
      lastSequence: null,
      eventId: u.eventId,
      eventType: u.eventType,
      location: u.location,
      relatedEventId: null,
      detail: `${u.eventType || 'event'} ${u.eventId} at ${describeLocation(u.location)} carries no ledger place: the relay places every event before sending it`,
      detailVi: `sự kiện ${u.eventId} tại ${describeLocation(u.location)} không có vị trí trong sổ cái: bộ chuyển tiếp luôn gán vị trí trước khi gửi`,
    });
  }

  faults.sort((a, b) => a.position - b.position || (a.fault.sequence ?? 0) - (b.fault.sequence ?? 0));
  const firstFault = faults.length ? faults[0].position : Infinity;
  const head = maxPlace > 0 ? chain.get(maxPlace) : undefined;
  const lastGoodCandidate = firstFault === Infinity ? head : chain.get(firstFault - 1);
  let relayRetries = 0;
  for (const list of byPlace.values()) for (const c of list) relayRetries += c.locations.length - 1;
  return {
    ledger,
    messages,
    events: chain.size,
    relayRetries,
    head: head ? positionOf(head) : null,
    lastGood: lastGoodCandidate ? positionOf(lastGoodCandidate) : null,
    checkpoints: anchors.length,
    faults: faults.map((f) => f.fault),
  };
}

/** Every service's ledger in the observations (and every ledger a checkpoint names), in SERVICES order. */
export function verifyLedgers(input: {
  readonly observations: readonly LedgerObservation[];
  readonly foreign?: readonly ForeignMessage[];
  readonly checkpoints?: readonly TrustedCheckpoint[];
}): VerificationReport {
  const bySource = new Map<ServiceName, LedgerObservation[]>();
  for (const o of input.observations) {
    const list = bySource.get(o.source) ?? [];
    list.push(o);
    bySource.set(o.source, list);
  }
  const checkpoints = input.checkpoints ?? [];
  const ledgers = SERVICES.filter((s) => bySource.has(s) || checkpoints.some((c) => c.ledger === s)).map((service) =>
    verifyLedger(service, bySource.get(service) ?? [], checkpoints),
  );
  const faults = ledgers.reduce((n, l) => n + l.faults.length, 0);
  return { ok: faults === 0, faults, ledgers, foreign: input.foreign ?? [] };
}
