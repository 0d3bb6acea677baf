import { DirectoryEvent, effectiveDateOf } from './events';
import { evolve, initialState } from './evolve';
import { UnitState } from './unit-state';

// Pure queries over units' event histories, so a consumer that keeps the events can answer "as it was
// then" and "rolled up into today's structure" exactly as the directory does.

/** One unit's stream, in order. */
export type UnitHistory = readonly DirectoryEvent[];

/** Groups a directory log (in order) into one history per unit. */
export function historiesOf(log: readonly DirectoryEvent[]): UnitHistory[] {
  const byUnit = new Map<string, DirectoryEvent[]>();
  for (const event of log) {
    const stream = byUnit.get(event.data.unitId) ?? [];
    stream.push(event);
    byUnit.set(event.data.unitId, stream);
  }
  return [...byUnit.values()];
}

/** The unit as recorded for `date`: its events that took effect on or before that date, in order. */
export function recordedOn(history: UnitHistory, date: string): UnitState | null {
  return history.filter((e) => effectiveDateOf(e) <= date).reduce<UnitState | null>(evolve, initialState);
}

/** The unit on `date` if it is valid then (validity is half-open), else null. */
export function stateOn(history: UnitHistory, date: string): UnitState | null {
  const state = recordedOn(history, date);
  return state && state.validFrom <= date && (state.validTo === null || date < state.validTo) ? state : null;
}

/** The latest state, whatever its validity. */
export function latestState(history: UnitHistory): UnitState | null {
  return history.reduce<UnitState | null>(evolve, initialState);
}

export interface UnitTreeNode {
  readonly unit: UnitState;
  readonly children: readonly UnitTreeNode[];
}

/** The hierarchy on `date`: units valid then, under the parents they had then, ordered by code. */
export function treeOn(units: readonly UnitHistory[], date: string): UnitTreeNode[] {
  const valid = units.map((h) => stateOn(h, date)).filter((u): u is UnitState => u !== null);
  const ids = new Set(valid.map((u) => u.unitId));
  const children = new Map<string | null, UnitState[]>();
  for (const unit of valid) {
    // A parent not valid on the date cannot happen through decide; show such a unit as a root, not lose it.
    const parent = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const build = (parent: string | null): UnitTreeNode[] =>
    (children.get(parent) ?? [])
      .sort((a, b) => a.code.localeCompare(b.code) || a.unitId.localeCompare(b.unitId))
      .map((unit) => ({ unit, children: build(unit.unitId) }));
  return build(null);
}

export type Successors = { readonly resolved: readonly string[] } | { readonly unknown: true };

/**
 * The unit(s) that on `date` carry on the work of `unitId`, through any chain of merges, splits and
 * dissolutions: the unit itself while it is valid. Unknown if any link of the chain is unknown.
 */
export function successorsOf(units: readonly UnitHistory[], unitId: string, date: string): Successors {
  const byId = new Map(units.filter((h) => h.length > 0).map((h) => [h[0].data.unitId, h]));
  const resolved = new Set<string>();
  const seen = new Set<string>();
  const follow = (id: string): boolean => {
    if (seen.has(id)) return true;
    seen.add(id);
    const history = byId.get(id);
    const state = history ? recordedOn(history, date) : null;
    if (!state) return false;
    if (state.validTo === null || date < state.validTo) {
      resolved.add(id);
      return true;
    }
    if (state.successorUnknown || !state.successorIds?.length) return false;
    return state.successorIds.every(follow);
  };
  if (!follow(unitId)) return { unknown: true };
  return { resolved: [...resolved].sort() };
}
