import {
  requireDate,
  requireDistinct,
  requireInOrder,
  requireOpen,
  requireSuccessor,
  requireUnit,
} from './rules';
import { DirectoryLookup } from './unit';
import { UnitMerged } from '@hailong/directory/history';

/** Several units merged into one successor, which is registered beforehand (or already exists). */
export interface MergeUnits {
  readonly type: 'MergeUnits';
  readonly unitIds: readonly string[];
  readonly successorId: string;
  readonly effectiveDate: string;
}

/** Emits one UnitMerged per merged unit, each for that unit's own stream. */
export function decideMergeUnits(
  command: MergeUnits,
  lookup: DirectoryLookup,
): UnitMerged[] {
  requireDate(command.effectiveDate);
  requireDistinct(command.unitIds, 1, 'unitIds');
  const units = command.unitIds.map((id) => {
    const unit = requireUnit(
      lookup.unit ? lookup.unit(id) : lookup.unitOn(id, command.effectiveDate),
      id,
      'unitIds',
    );
    requireOpen(unit, 'unitIds');
    requireInOrder(unit, command.effectiveDate);
    return unit;
  });
  requireSuccessor(
    lookup,
    command.successorId,
    command.unitIds,
    command.effectiveDate,
    'successorId',
  );
  return units.map((unit) => ({
    type: 'UnitMerged',
    data: {
      unitId: unit.unitId,
      successorId: command.successorId,
      mergedUnitIds: [...command.unitIds],
      effectiveDate: command.effectiveDate,
    },
  }));
}
