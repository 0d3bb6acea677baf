import { DIRECTORY_EVENTS, EventEnvelope, localDate } from '@hailong/contracts';
import { DirectoryEvent, effectiveDateOf } from '@hailong/directory/history';

/** Every directory event type: a view that skipped one would silently disagree with the directory. */
export const DIRECTORY_EVENT_TYPES: readonly DirectoryEvent['type'][] = DIRECTORY_EVENTS.map((definition) => definition.type);

/** One stored directory event: what the view keeps of an envelope. */
export interface DirectoryEventRow {
  readonly eventId: string;
  readonly unitId: string;
  /** The directory's commit order: the view replays a unit's events in this order. */
  readonly ledgerSequence: number;
  readonly eventType: DirectoryEvent['type'];
  readonly data: DirectoryEvent['data'];
  readonly effectiveDate: string;
}

/** Why a batch cannot be recorded; the projection consumer dead-letters the event that causes it. */
export class DirectoryViewError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryViewError';
  }
}

function isDirectoryEvent(envelope: EventEnvelope): boolean {
  return (DIRECTORY_EVENT_TYPES as readonly string[]).includes(envelope.type);
}

/**
 * The rows for decoded directory envelopes, once per event id. An envelope without a ledger place
 * was never published by a relay, and one of another type is not the directory's: both are refused
 * rather than stored where they would reorder or pollute a unit's history.
 */
export function toDirectoryRows(envelopes: readonly EventEnvelope[]): DirectoryEventRow[] {
  const rows = new Map<string, DirectoryEventRow>();
  for (const envelope of envelopes) {
    if (!isDirectoryEvent(envelope)) {
      throw new DirectoryViewError(`event ${envelope.id} of type ${envelope.type} is not a directory event`);
    }
    if (envelope.ledger === null) {
      throw new DirectoryViewError(`event ${envelope.id} has no ledger place: it was not published by the directory's relay`);
    }
    const event = {
      type: envelope.type,
      data: envelope.data,
    } as DirectoryEvent;
    const row: DirectoryEventRow = {
      eventId: envelope.id,
      unitId: event.data.unitId,
      ledgerSequence: envelope.ledger.sequence,
      eventType: event.type,
      data: event.data,
      effectiveDate: effectiveDateOf(event),
    };
    const seen = rows.get(row.eventId);
    if (seen && seen.ledgerSequence !== row.ledgerSequence) {
      throw new DirectoryViewError(`event ${row.eventId} arrived at ledger places ${seen.ledgerSequence} and ${row.ledgerSequence}`);
    }
    rows.set(row.eventId, row);
  }
  return [...rows.values()];
}

/** A stored event's identity: its id and its ledger place. */
export interface LedgerEntry {
  readonly eventId: string;
  readonly ledgerSequence: number;
}

/**
 * Where incoming events disagree with each other or with stored ones about ledger places. A repeat
 * (same id, same place) is fine; one place held by two ids, or one id at two places, means the log
 * is not the directory's single ledger (altered, or a directory rebuilt without its history).
 */
export function ledgerConflicts(incoming: readonly LedgerEntry[], stored: readonly LedgerEntry[]): string[] {
  const conflicts: string[] = [];
  const idAt = new Map<number, string>();
  const placeOf = new Map<string, number>();
  for (const entry of [...stored, ...incoming]) {
    const holder = idAt.get(entry.ledgerSequence);
    const place = placeOf.get(entry.eventId);
    if (holder !== undefined && holder !== entry.eventId) {
      conflicts.push(`ledger place ${entry.ledgerSequence} is held by event ${holder}, not ${entry.eventId}`);
    } else if (place !== undefined && place !== entry.ledgerSequence) {
      conflicts.push(`event ${entry.eventId} is at ledger place ${place}, not ${entry.ledgerSequence}`);
    } else {
      idAt.set(entry.ledgerSequence, entry.eventId);
      placeOf.set(entry.eventId, entry.ledgerSequence);
    }
  }
  return conflicts;
}

/** A local date `YYYY-MM-DD` (Asia/Ho_Chi_Minh), the form every directory date takes. */
export function requireLocalDate(date: string): string {
  if (!localDate.safeParse(date).success) {
    throw new DirectoryViewError(`${date} is not a date of the form YYYY-MM-DD`);
  }
  return date;
}
