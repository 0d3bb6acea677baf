import {
  DirectoryEvent,
  latestState,
  recordedOn,
  stateOn,
  Successors,
  successorsOf,
  UnitHistory,
  UnitState,
} from '@hailong/directory/history';

/** Enough ancestors for any police hierarchy; stops at a malformed parent cycle. */
const MAX_DEPTH = 32;

/**
 * The whole directory, as a consumer's view holds it, answering "as it was on a date" and "who carries
 * on its work on a date" in memory with the directory's own pure read model — so a breakdown over a
 * campaign's units and days asks the database once, not once per unit and day.
 */
export class DirectorySnapshot {
  private readonly histories: Map<string, UnitHistory>;
  private readonly all: UnitHistory[];
  private readonly states = new Map<string, UnitState | null>();
  private readonly successors = new Map<string, Successors>();

  constructor(log: readonly DirectoryEvent[]) {
    const byUnit = new Map<string, DirectoryEvent[]>();
    for (const event of log) {
      const stream = byUnit.get(event.data.unitId) ?? [];
      stream.push(event);
      byUnit.set(event.data.unitId, stream);
    }
    this.histories = byUnit;
    this.all = [...byUnit.values()];
  }

  isKnown(unitId: string): boolean {
    return this.histories.has(unitId);
  }

  /** The unit on `date`, or null when it was not valid then. */
  unitOn(unitId: string, date: string): UnitState | null {
    const key = `${unitId}@${date}`;
    if (!this.states.has(key)) this.states.set(key, stateOn(this.histories.get(unitId) ?? [], date));
    return this.states.get(key) ?? null;
  }

  /** The unit as recorded for `date`, valid or not (a dissolved unit keeps its last name). */
  recordedOn(unitId: string, date: string): UnitState | null {
    return recordedOn(this.histories.get(unitId) ?? [], date);
  }

  latest(unitId: string): UnitState | null {
    return latestState(this.histories.get(unitId) ?? []);
  }

  /** The unit and its ancestors on `date`, nearest first; empty when the unit was not valid then. */
  pathOn(unitId: string, date: string): string[] {
    const path: string[] = [];
    let current: UnitState | null = this.unitOn(unitId, date);
    while (current && path.length < MAX_DEPTH && !path.includes(current.unitId)) {
      path.push(current.unitId);
      current = current.parentId ? this.unitOn(current.parentId, date) : null;
    }
    return path;
  }

  /** Who carries on the unit's work on `date`: itself while valid, its successors, or unknown. */
  successorsOn(unitId: string, date: string): Successors {
    const key = `${unitId}@${date}`;
    let found = this.successors.get(key);
    if (!found) {
      found = successorsOf(this.all, unitId, date);
      this.successors.set(key, found);
    }
    return found;
  }
}
