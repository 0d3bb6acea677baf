import { CampaignScope } from '@hailong/contracts';

/** A unit as it was on the service date, and the units above it then (parent first). */
export interface UnitInHierarchy {
  readonly unitId: string;
  readonly unitType: string;
  readonly ancestorIds: readonly string[];
}

/**
 * Whether a unit is in a campaign's scope on the service date: listed by id, or of a listed type
 * then (and below `withinUnitId` then, when set). A unit that changed type or parent later is judged
 * as it was when the service was delivered.
 */
export function isInScope(scope: CampaignScope, unit: UnitInHierarchy): boolean {
  const id = unit.unitId.toLowerCase();
  if (scope.unitIds.some((u) => u.toLowerCase() === id)) return true;
  if (!(scope.unitTypes as readonly string[]).includes(unit.unitType)) return false;
  if (scope.withinUnitId === null) return true;
  const within = scope.withinUnitId.toLowerCase();
  return id === within || unit.ancestorIds.some((a) => a.toLowerCase() === within);
}
