import { DirectoryRuleViolation } from './rule-violation';
import {
  requireDate,
  requireInOrder,
  requireOpen,
  requireSuccessor,
  requireUnit,
} from './rules';
import { DirectoryLookup } from './unit';
import { UnitDissolved, UnitState } from '@hailong/directory/history';

/** A unit dissolved, naming who takes over its procedures, or recording honestly that nobody knows. */
export type DissolveUnit = {
  readonly type: 'DissolveUnit';
  readonly unitId: string;
  readonly effectiveDate: string;
} & (
  | { readonly successorId: string; readonly successorUnknown?: false }
  | { readonly successorId?: null; readonly successorUnknown: true }
);

export function decideDissolveUnit(
  command: DissolveUnit,
  state: UnitState | null,
  lookup: DirectoryLookup,
): UnitDissolved[] {
  requireDate(command.effectiveDate);
  const unit = requireUnit(state, command.unitId);
  requireOpen(unit);
  requireInOrder(unit, command.effectiveDate);
  const successorId = command.successorId ?? null;
  if ((successorId === null) !== (command.successorUnknown === true)) {
    throw new DirectoryRuleViolation(
      'successorId',
      'successor-required',
      'name the successor or say that it is unknown, not both',
      'hãy nêu đơn vị kế thừa hoặc ghi nhận là chưa rõ, không đồng thời cả hai',
    );
  }
  if (successorId)
    requireSuccessor(
      lookup,
      successorId,
      [unit.unitId],
      command.effectiveDate,
      'successorId',
    );
  return [
    {
      type: 'UnitDissolved',
      data: {
        unitId: unit.unitId,
        successorId,
        successorUnknown: successorId === null,
        effectiveDate: command.effectiveDate,
      },
    },
  ];
}
