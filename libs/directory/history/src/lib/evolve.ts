import { DirectoryEvent, UnitRegisteredEvent } from './events';
import { CORRECTABLE_FIELDS, UnitState } from './unit-state';

export const initialState = null;

/** The unit after one more event of its own stream. Total: an event for no unit leaves no unit. */
export function evolve(state: UnitState | null, event: DirectoryEvent): UnitState | null {
  if (event.type === 'UnitRegistered') return evolveUnit(state, event);
  if (!state) return state;
  const next = { ...state, version: state.version + 1 };
  const date = event.data.effectiveDate;
  const changed = (fields: readonly string[]) => ({
    lastChangedOn: date,
    fieldsChangedOn: {
      ...state.fieldsChangedOn,
      ...Object.fromEntries(fields.map((f) => [f, date])),
    },
  });
  switch (event.type) {
    case 'UnitRenamed':
      return {
        ...next,
        nameVi: event.data.nameVi,
        nameEn: event.data.nameEn,
        ...changed(['nameVi', 'nameEn']),
      };
    case 'UnitTypeChanged':
      return {
        ...next,
        unitType: event.data.unitType,
        ...changed(['unitType']),
      };
    case 'UnitMoved':
      return {
        ...next,
        parentId: event.data.parentId,
        ...changed(['parentId']),
      };
    case 'UnitMerged':
      return {
        ...next,
        status: 'merged',
        validTo: date,
        lastChangedOn: date,
        successorIds: [event.data.successorId],
      };
    case 'UnitSplit':
      return {
        ...next,
        status: 'split',
        validTo: date,
        lastChangedOn: date,
        successorIds: event.data.successorIds,
      };
    case 'UnitDissolved':
      return {
        ...next,
        status: 'dissolved',
        validTo: date,
        lastChangedOn: date,
        successorIds: event.data.successorId ? [event.data.successorId] : [],
        successorUnknown: event.data.successorUnknown,
      };
    case 'UnitEventCorrected':
      // The corrected values replace the mistaken ones; the unit's own timeline does not move.
      return { ...next, ...event.data.corrections };
  }
}

export function evolveUnit(state: UnitState | null, event: UnitRegisteredEvent): UnitState {
  switch (event.type) {
    case 'UnitRegistered':
      return {
        ...event.data,
        validTo: null,
        version: (state?.version ?? 0) + 1,
        lastChangedOn: event.data.validFrom,
        status: 'active',
        fieldsChangedOn: Object.fromEntries(CORRECTABLE_FIELDS.map((f) => [f, event.data.validFrom])),
      };
  }
}
