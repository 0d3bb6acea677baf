import { UnitType } from '@hailong/contracts';
import { UnitState } from '@hailong/directory/history';

/** Facts about other units that a command needs; the write side answers them from its store. */
export interface DirectoryLookup {
  /** The unit as it stands on `date` if it is valid then, else null. */
  unitOn(unitId: string, date: string): UnitState | null;
  /** Units holding `code` at any time in [from, to). */
  unitsWithCodeDuring(
    code: string,
    from: string,
    to: string | null,
  ): readonly UnitState[];
  /**
   * The latest state of a unit whatever its validity (MergeUnits reads the merged units through it).
   * Optional for older lookups; without it a closed unit looks unknown rather than closed.
   */
  unit?(unitId: string): UnitState | null;
}

/** Which parent types each unit type may sit under. */
export const ALLOWED_PARENTS: Readonly<
  Record<UnitType, readonly (UnitType | null)[]>
> = {
  'provincial-police': [null],
  'provincial-division': ['provincial-police'],
  'district-police': ['provincial-police'],
  'commune-police': ['district-police', 'provincial-police'],
};
