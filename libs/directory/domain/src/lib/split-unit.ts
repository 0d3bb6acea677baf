import {
  requireDate,
  requireDistinct,
  requireInOrder,
  requireOpen,
  requireSuccessor,
  requireUnit,
} from './rules';
import { DirectoryLookup } from './unit';
import { UnitSplit, UnitState } from '@hailong/directory/history';

/** One unit split into several successors, each registered beforehand. */
export interface SplitUnit {
  readonly type: 'SplitUnit';
  readonly unitId: string;
  readonly successorIds: readonly string[];
  readonly effectiveDate: string;
}

export function decideSplitUnit(
  command: SplitUnit,
  state: UnitState | null,
  lookup: DirectoryLookup,
): UnitSplit[] {
  requireDate(command.effectiveDate);
  const unit = requireUnit(state, command.unitId);
  requireOpen(unit);
  requireInOrder(unit, command.effectiveDate);
  requireDistinct(command.successorIds, 2, 'successorIds');
  for (const id of command.successorIds)
    requireSuccessor(
      lookup,
      id,
      [unit.unitId],
      command.effectiveDate,
      'successorIds',
    );
  const { unitId, successorIds, effectiveDate } = command;
  return [
    {
      type: 'UnitSplit',
      data: { unitId, successorIds: [...successorIds], effectiveDate },
    },
  ];
}
