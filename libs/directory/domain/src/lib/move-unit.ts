import {
  noChange,
  requireDate,
  requireInOrder,
  requireNoCycle,
  requireOpen,
  requireParent,
  requireUnit,
} from './rules';
import { DirectoryLookup } from './unit';
import { UnitMoved, UnitState } from '@hailong/directory/history';

export interface MoveUnit {
  readonly type: 'MoveUnit';
  readonly unitId: string;
  readonly parentId: string | null;
  readonly effectiveDate: string;
}

export function decideMoveUnit(
  command: MoveUnit,
  state: UnitState | null,
  lookup: DirectoryLookup,
): UnitMoved[] {
  requireDate(command.effectiveDate);
  const unit = requireUnit(state, command.unitId);
  requireOpen(unit);
  requireInOrder(unit, command.effectiveDate);
  if (command.parentId === unit.parentId)
    throw noChange('parentId', 'parent', 'đơn vị cấp trên');
  requireNoCycle(lookup, unit.unitId, command.parentId, command.effectiveDate);
  requireParent(lookup, command.parentId, unit.unitType, command.effectiveDate);
  return [
    {
      type: 'UnitMoved',
      data: {
        unitId: unit.unitId,
        parentId: command.parentId,
        previousParentId: unit.parentId,
        effectiveDate: command.effectiveDate,
      },
    },
  ];
}
