import { DirectoryRuleViolation } from './rule-violation';
import {
  noChange,
  requireDate,
  requireInOrder,
  requireOpen,
  requireUnit,
} from './rules';
import { UnitRenamed, UnitState } from '@hailong/directory/history';

export interface RenameUnit {
  readonly type: 'RenameUnit';
  readonly unitId: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly effectiveDate: string;
}

export function decideRenameUnit(
  command: RenameUnit,
  state: UnitState | null,
): UnitRenamed[] {
  requireDate(command.effectiveDate);
  const unit = requireUnit(state, command.unitId);
  requireOpen(unit);
  requireInOrder(unit, command.effectiveDate);
  for (const field of ['nameVi', 'nameEn'] as const) {
    if (!command[field].trim()) {
      throw new DirectoryRuleViolation(
        field,
        'name-required',
        'a name cannot be empty',
        'tên không được để trống',
      );
    }
  }
  if (command.nameVi === unit.nameVi && command.nameEn === unit.nameEn)
    throw noChange('nameVi', 'name', 'tên');
  const { unitId, nameVi, nameEn, effectiveDate } = command;
  return [
    { type: 'UnitRenamed', data: { unitId, nameVi, nameEn, effectiveDate } },
  ];
}
