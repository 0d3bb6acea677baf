import {
  latestState,
  stateOn,
  UnitHistory,
  UnitState,
} from '@hailong/directory/history';
import { DirectoryLookup } from './unit';

/** A DirectoryLookup over histories (for consumers' views and for specifications). */
export function lookupOver(units: readonly UnitHistory[]): DirectoryLookup {
  const byId = new Map(
    units.filter((h) => h.length > 0).map((h) => [h[0].data.unitId, h]),
  );
  return {
    unitOn: (id, date) => {
      const history = byId.get(id);
      return history ? stateOn(history, date) : null;
    },
    unitsWithCodeDuring: (code) =>
      units.map(latestState).filter((u): u is UnitState => u?.code === code),
    unit: (id) => {
      const history = byId.get(id);
      return history ? latestState(history) : null;
    },
  };
}
