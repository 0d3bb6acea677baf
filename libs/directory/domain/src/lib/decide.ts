import { ChangeUnitType, decideChangeUnitType } from './change-unit-type';
import { CorrectUnitEvent, decideCorrectUnitEvent } from './correct-unit-event';
import { decideDissolveUnit, DissolveUnit } from './dissolve-unit';
import { decideMergeUnits, MergeUnits } from './merge-units';
import { decideMoveUnit, MoveUnit } from './move-unit';
import { decideRegisterUnit, RegisterUnit } from './register-unit';
import { decideRenameUnit, RenameUnit } from './rename-unit';
import { decideSplitUnit, SplitUnit } from './split-unit';
import { DirectoryLookup } from './unit';
import { DirectoryEvent, UnitState } from '@hailong/directory/history';

export type DirectoryCommand =
  | RegisterUnit
  | RenameUnit
  | ChangeUnitType
  | MoveUnit
  | MergeUnits
  | SplitUnit
  | DissolveUnit
  | CorrectUnitEvent;

/**
 * The events a command causes, or a DirectoryRuleViolation. `state` is the stream of the unit the
 * command names (`unitId`); MergeUnits names several and reads them through `lookup.unit`.
 */
export function decide(
  command: DirectoryCommand,
  state: UnitState | null,
  lookup: DirectoryLookup,
): DirectoryEvent[] {
  switch (command.type) {
    case 'RegisterUnit':
      return decideRegisterUnit(command, state, lookup);
    case 'RenameUnit':
      return decideRenameUnit(command, state);
    case 'ChangeUnitType':
      return decideChangeUnitType(command, state, lookup);
    case 'MoveUnit':
      return decideMoveUnit(command, state, lookup);
    case 'MergeUnits':
      return decideMergeUnits(command, lookup);
    case 'SplitUnit':
      return decideSplitUnit(command, state, lookup);
    case 'DissolveUnit':
      return decideDissolveUnit(command, state, lookup);
    case 'CorrectUnitEvent':
      return decideCorrectUnitEvent(command, state, lookup);
  }
}
