import type { HistoryEvent } from '../api/directory';

/** Units an event points to, with what they are to it. */
export interface EventReference {
  readonly role: 'parent' | 'movedTo' | 'successor' | 'successors';
  readonly unitIds: readonly string[];
}

/** What a history entry says, as an i18n key with its values, and the units it names. */
export interface EventSummary {
  readonly key:
    | 'events.UnitRegistered'
    | 'events.UnitRenamed'
    | 'events.UnitTypeChanged'
    | 'events.UnitMoved'
    | 'events.UnitMerged'
    | 'events.UnitSplit'
    | 'events.UnitDissolved'
    | 'events.UnitDissolvedUnknown'
    | 'events.UnitEventCorrected'
    | 'events.other';
  readonly values: Record<string, string | number>;
  readonly references: readonly EventReference[];
}

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const ids = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * Reads the directory's change events (libs/contracts directory.events.ts); an event type this screen
 * does not know yet still shows, by its type name.
 */
export function summarizeEvent(
  event: HistoryEvent,
  language: string,
  unitTypeLabel: (unitType: string) => string = (unitType) => unitType,
): EventSummary {
  const d = event.data;
  switch (event.type) {
    case 'UnitRegistered': {
      const parent = str(d['parentId']);
      return { key: 'events.UnitRegistered', values: {}, references: parent ? [{ role: 'parent', unitIds: [parent] }] : [] };
    }
    case 'UnitRenamed':
      return {
        key: 'events.UnitRenamed',
        values: { name: (language === 'en' ? str(d['nameEn']) : null) ?? str(d['nameVi']) ?? '' },
        references: [],
      };
    case 'UnitTypeChanged':
      return {
        key: 'events.UnitTypeChanged',
        values: { from: unitTypeLabel(str(d['previousUnitType']) ?? ''), to: unitTypeLabel(str(d['unitType']) ?? '') },
        references: [],
      };
    case 'UnitMoved': {
      const parent = str(d['parentId']);
      return { key: 'events.UnitMoved', values: {}, references: parent ? [{ role: 'movedTo', unitIds: [parent] }] : [] };
    }
    case 'UnitMerged': {
      const successor = str(d['successorId']);
      return {
        key: 'events.UnitMerged',
        values: { count: ids(d['mergedUnitIds']).length },
        references: successor ? [{ role: 'successor', unitIds: [successor] }] : [],
      };
    }
    case 'UnitSplit': {
      const successors = ids(d['successorIds']);
      return { key: 'events.UnitSplit', values: { count: successors.length }, references: [{ role: 'successors', unitIds: successors }] };
    }
    case 'UnitDissolved': {
      const successor = str(d['successorId']);
      if (d['successorUnknown'] === true || !successor) return { key: 'events.UnitDissolvedUnknown', values: {}, references: [] };
      return { key: 'events.UnitDissolved', values: {}, references: [{ role: 'successor', unitIds: [successor] }] };
    }
    case 'UnitEventCorrected':
      return { key: 'events.UnitEventCorrected', values: { reason: str(d['reason']) ?? '' }, references: [] };
    default:
      return { key: 'events.other', values: { type: event.type }, references: [] };
  }
}
