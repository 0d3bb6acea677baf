import { EventEnvelope, Topics } from '@hailong/contracts';
import {
  DirectoryEvent,
  historiesOf,
  recordedOn,
  stateOn,
  Successors,
  successorsOf,
  treeOn,
  UnitHistory,
  UnitState,
  UnitTreeNode,
} from '@hailong/directory/history';
import type { ProjectionSubscription } from '@hailong/platform/messaging';
import { EntityManager } from 'typeorm';
import { DIRECTORY_EVENT_TYPES, DirectoryViewError, ledgerConflicts, requireLocalDate, toDirectoryRows } from './directory-rows';

interface StoredEvent {
  readonly event_type: DirectoryEvent['type'];
  readonly data: DirectoryEvent['data'];
}

const asEvent = (row: StoredEvent) => ({ type: row.event_type, data: row.data }) as DirectoryEvent;

/** What a service's directory-view projection consumes: every directory event, from the start. */
export const directoryViewSubscription: ProjectionSubscription = {
  name: 'directory-view',
  topics: [Topics.directoryEvents],
  eventTypes: DIRECTORY_EVENT_TYPES,
};

/**
 * A service's own view of the unit directory, kept from the directory's events in the service's
 * schema (see createDirectoryViewMigration). It stores the events and answers every question with
 * the directory's pure read model (@hailong/directory/history) over them, in the directory's commit
 * order, so it gives the same answers as the directory for the events it has received.
 * Every method takes the EntityManager to work in: a projection's transaction, or a request's.
 */
export class DirectoryView {
  private readonly table: string;

  constructor(readonly schema: string) {
    this.table = `"${schema}".directory_events`;
  }

  /** Stores decoded directory events; an event stored before changes nothing. */
  async record(manager: EntityManager, envelopes: readonly EventEnvelope[]): Promise<void> {
    const rows = toDirectoryRows(envelopes);
    if (rows.length === 0) return;
    const stored: { event_id: string; ledger_sequence: string }[] = await manager.query(
      `SELECT event_id, ledger_sequence FROM ${this.table}
          WHERE event_id = ANY($1::uuid[]) OR ledger_sequence = ANY($2::bigint[])`,
      [rows.map((r) => r.eventId), rows.map((r) => r.ledgerSequence)],
    );
    const conflicts = ledgerConflicts(
      rows,
      stored.map((s) => ({
        eventId: s.event_id,
        ledgerSequence: Number(s.ledger_sequence),
      })),
    );
    if (conflicts.length > 0) throw new DirectoryViewError(conflicts.join('; '));
    await manager.query(
      `INSERT INTO ${this.table} (event_id, unit_id, ledger_sequence, event_type, data, effective_date)
       SELECT r.event_id, r.unit_id, r.ledger_sequence, r.event_type, r.data, r.effective_date
         FROM jsonb_to_recordset($1::jsonb) AS r(
           event_id uuid, unit_id uuid, ledger_sequence bigint, event_type text, data jsonb, effective_date date)
       ON CONFLICT (event_id) DO NOTHING`,
      [
        JSON.stringify(
          rows.map((r) => ({
            event_id: r.eventId,
            unit_id: r.unitId,
            ledger_sequence: r.ledgerSequence,
            event_type: r.eventType,
            data: r.data,
            effective_date: r.effectiveDate,
          })),
        ),
      ],
    );
  }

  /** Whether the directory has ever published anything about the unit. */
  async isKnown(manager: EntityManager, unitId: string): Promise<boolean> {
    const [{ known }]: { known: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM ${this.table} WHERE unit_id = $1) AS known`,
      [unitId],
    );
    return known;
  }

  /**
   * Every unit code the directory has ever used (upper case), wherever an event carries one (a
   * registration, a correction, a successor a merge or split creates): tells a code that was never a
   * unit's from one that was, just not on some date.
   */
  async codesEverUsed(manager: EntityManager): Promise<Set<string>> {
    const rows: { code: string }[] = await manager.query(
      `SELECT DISTINCT upper(c #>> '{}') AS code FROM ${this.table}, jsonb_path_query(data, 'strict $.**.code') AS c
        WHERE jsonb_typeof(c) = 'string'`,
    );
    return new Set(rows.map((r) => r.code));
  }

  /** The unit's events, in the directory's order. */
  async history(manager: EntityManager, unitId: string): Promise<UnitHistory> {
    return this.historyOf(manager, unitId, null);
  }

  /** The unit as it was on `date`, or null if it was not valid then. Reads only that unit's events. */
  async unitOn(manager: EntityManager, unitId: string, date: string): Promise<UnitState | null> {
    return stateOn(await this.historyOf(manager, unitId, requireLocalDate(date)), date);
  }

  /** The hierarchy on `date`: units valid then, under the parents they had then. */
  async treeOn(manager: EntityManager, date: string): Promise<UnitTreeNode[]> {
    const rows: StoredEvent[] = await manager.query(
      `SELECT event_type, data FROM ${this.table}
        WHERE effective_date <= $1::date ORDER BY ledger_sequence`,
      [requireLocalDate(date)],
    );
    return treeOn(historiesOf(rows.map(asEvent)), date);
  }

  /**
   * Who carries on the work of `unitId` on `date` (today, for "rolled up into today's structure"):
   * the unit itself while valid, else its successors through any chain of merges, splits and
   * dissolutions, or unknown. Reads the lineage one generation at a time, not the whole directory.
   */
  async successorsOf(manager: EntityManager, unitId: string, date: string): Promise<Successors> {
    requireLocalDate(date);
    const histories = new Map<string, UnitHistory>();
    let generation = [unitId.toLowerCase()];
    while (generation.length > 0) {
      const loaded = await this.historiesOf(manager, generation, date);
      const next = new Set<string>();
      for (const id of generation) {
        const history = loaded.get(id) ?? [];
        histories.set(id, history);
        // The successors the read model itself derives (evolve), so no event field is named here.
        for (const successor of recordedOn(history, date)?.successorIds ?? []) {
          if (!histories.has(successor)) next.add(successor);
        }
      }
      generation = [...next].filter((id) => !histories.has(id));
    }
    return successorsOf([...histories.values()], unitId.toLowerCase(), date);
  }

  /**
   * Whether `unitId` is `rootId` or below it on `date`: walks up the unit's parents as they were then,
   * one unit at a time (a province is four levels deep). False when the unit was not valid on the date.
   */
  async isWithin(manager: EntityManager, unitId: string, rootId: string, date: string): Promise<boolean> {
    requireLocalDate(date);
    const root = rootId.toLowerCase();
    const seen = new Set<string>();
    let current: string | null = unitId.toLowerCase();
    while (current !== null && !seen.has(current)) {
      if (current === root) return true;
      seen.add(current);
      current = stateOn(await this.historyOf(manager, current, date), date)?.parentId ?? null;
    }
    return false;
  }

  /** `rootId` and every unit below it on `date` (lower case); empty when the root was not valid then. */
  async unitsWithin(manager: EntityManager, rootId: string, date: string): Promise<Set<string>> {
    const root = rootId.toLowerCase();
    const found = new Set<string>();
    const collect = (nodes: readonly UnitTreeNode[], inside: boolean): void => {
      for (const node of nodes) {
        const here = inside || node.unit.unitId === root;
        if (here) found.add(node.unit.unitId);
        collect(node.children, here);
      }
    };
    collect(await this.treeOn(manager, date), false);
    return found;
  }

  private async historyOf(manager: EntityManager, unitId: string, until: string | null): Promise<UnitHistory> {
    const id = unitId.toLowerCase();
    return (await this.historiesOf(manager, [id], until)).get(id) ?? [];
  }

  /** The histories of some units (by lower-case id, as PostgreSQL prints a uuid), limited to events in effect by `until` when given. */
  private async historiesOf(manager: EntityManager, unitIds: readonly string[], until: string | null): Promise<Map<string, UnitHistory>> {
    const rows: (StoredEvent & { unit_id: string })[] = await manager.query(
      `SELECT unit_id, event_type, data FROM ${this.table}
        WHERE unit_id = ANY($1::uuid[]) AND ($2::date IS NULL OR effective_date <= $2::date)
        ORDER BY ledger_sequence`,
      [unitIds, until],
    );
    const histories = new Map<string, DirectoryEvent[]>();
    for (const row of rows) {
      const history = histories.get(row.unit_id) ?? [];
      history.push(asEvent(row));
      histories.set(row.unit_id, history);
    }
    return histories;
  }
}
