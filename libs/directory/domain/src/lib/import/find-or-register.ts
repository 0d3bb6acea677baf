import { UnitRegisteredData, UnitState } from '@hailong/directory/history';
import { DirectoryIndex, label } from './directory-index';
import { ImportChange, PlanBuilder } from './import-plan';

/** A unit an import wants to exist, as far as the source describes it. */
export type UnitDescription = Readonly<Omit<UnitRegisteredData, 'unitId' | 'parentId' | 'validFrom'>>;

/** A unit the plan can refer to: found in the directory or registered by an earlier command of the plan. */
export interface PlacedUnit {
  readonly unitId: string;
  readonly code: string;
  readonly nameVi: string;
}

export interface PlanContext {
  readonly directory: DirectoryIndex;
  readonly plan: PlanBuilder;
  readonly newId: () => string;
}

/**
 * The unit of this code and type valid on `date` if the directory has it (unchanged; a different name or
 * parent is only reported), else a RegisterUnit for it from `date`. Null, with a warning, when another
 * unit holds the code then or later, since registering would be refused.
 */
export function findOrRegister(
  context: PlanContext,
  unit: UnitDescription,
  parent: PlacedUnit | null,
  date: string,
  source: string,
): PlacedUnit | null {
  const existing = findExisting(context, unit, parent, date, source);
  if (existing) return existing;
  const { directory, plan, newId } = context;
  const holder = directory.codeHolderFrom(unit.code, date);
  if (holder) {
    plan.warn(codeHeldWarning(source, unit, holder));
    return null;
  }
  const unitId = newId();
  plan.command(
    {
      type: 'RegisterUnit',
      unitId,
      ...unit,
      parentId: parent?.unitId ?? null,
      validFrom: date,
    },
    registeredChange(unit, parent, date),
  );
  return { unitId, code: unit.code, nameVi: unit.nameVi };
}

/**
 * The unit of this code and type valid on `date` (and `accepted`, if given), counted unchanged; a
 * different name or parent is reported, not changed.
 */
export function findExisting(
  { directory, plan }: PlanContext,
  unit: UnitDescription,
  parent: PlacedUnit | null,
  date: string,
  source: string,
  accepted: (found: UnitState) => boolean = () => true,
): UnitState | null {
  const existing = directory.find(unit.code, unit.unitType, date);
  if (!existing || !accepted(existing)) return null;
  plan.unchanged();
  if (existing.nameVi !== unit.nameVi)
    plan.warn(`${source}: ${unit.code} is recorded as "${existing.nameVi}" on ${date}, the source says "${unit.nameVi}"; left as recorded`);
  if (existing.parentId !== (parent?.unitId ?? null))
    plan.warn(
      `${source}: ${label(existing)} sits under ${parentLabel(directory, existing.parentId, date)} on ${date}, the source puts it under ${parent ? label(parent) : 'no parent'}; left as recorded`,
    );
  return existing;
}

export function registeredChange(unit: UnitDescription, parent: PlacedUnit | null, date: string): ImportChange {
  return {
    action: 'registered',
    code: unit.code,
    nameVi: unit.nameVi,
    detail: parent ? `${unit.unitType} under ${label(parent)} from ${date}` : `${unit.unitType}, a root unit, from ${date}`,
  };
}

export function codeHeldWarning(source: string, unit: UnitDescription, holder: UnitState): string {
  return `${source}: ${label(unit)} not registered: code ${unit.code} is held by ${holder.unitType} ${holder.nameVi} (${holder.unitId}) from ${holder.validFrom}${holder.validTo ? ` to ${holder.validTo}` : ''}`;
}

function parentLabel(directory: DirectoryIndex, parentId: string | null, date: string): string {
  const parent = parentId ? directory.stateOn(parentId, date) : null;
  return parent ? label(parent) : (parentId ?? 'no parent');
}
