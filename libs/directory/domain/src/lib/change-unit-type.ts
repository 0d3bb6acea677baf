import { UnitType } from '@hailong/contracts';
import {
  noChange,
  requireDate,
  requireInOrder,
  requireOpen,
  requireParent,
  requireUnit,
} from './rules';
import { DirectoryLookup } from './unit';
import { UnitState, UnitTypeChanged } from '@hailong/directory/history';

/** A unit changes kind, e.g. a commune police becoming a ward police keeps its identity. */
export interface ChangeUnitType {
  readonly type: 'ChangeUnitType';
  readonly unitId: string;
  readonly unitType: UnitType;
  readonly effectiveDate: string;
}

export function decideChangeUnitType(
  command: ChangeUnitType,
  state: UnitState | null,
  lookup: DirectoryLookup,
): UnitTypeChanged[] {
  requireDate(command.effectiveDate);
  const unit = requireUnit(state, command.unitId);
  requireOpen(unit);
  requireInOrder(unit, command.effectiveDate);
  if (command.unitType === unit.unitType)
    throw noChange('unitType', 'type', 'loại đơn vị');
  // The current parent must be able to hold a unit of the new type.
  requireParent(
    lookup,
    unit.parentId,
    command.unitType,
    command.effectiveDate,
    'unitType',
  );
  return [
    {
      type: 'UnitTypeChanged',
      data: {
        unitId: unit.unitId,
        unitType: command.unitType,
        previousUnitType: unit.unitType,
        effectiveDate: command.effectiveDate,
      },
    },
  ];
}
