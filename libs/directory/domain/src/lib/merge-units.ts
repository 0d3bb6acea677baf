import { decideRegistration } from './register-unit';
import { DirectoryRuleViolation } from './rule-violation';
import { requireDate, requireDistinct, requireInOrder, requireOpen, requireSuccessor, requireUnit } from './rules';
import { DirectoryLookup } from './unit';
import { UnitMerged, UnitRegisteredData, UnitRegisteredEvent, UnitState } from '@hailong/directory/history';

/** A successor registered by the merger itself; it is valid from the merger's date. */
export type MergeSuccessor = Readonly<Omit<UnitRegisteredData, 'validFrom'>>;

/**
 * Several units merged into one successor: an existing unit (`successorId`), or a new one the merger
 * registers (`successor`). The new one may take over a merged unit's code, which it could not do in a
 * command of its own while that unit still holds it.
 */
export type MergeUnits = {
  readonly type: 'MergeUnits';
  readonly unitIds: readonly string[];
  readonly effectiveDate: string;
} & (
  | { readonly successorId: string; readonly successor?: MergeSuccessor }
  | { readonly successorId?: string; readonly successor: MergeSuccessor }
);

/**
 * Emits the new successor's UnitRegistered first (if the merger registers it), then one UnitMerged per
 * merged unit, each for its own stream.
 */
export function decideMergeUnits(command: MergeUnits, lookup: DirectoryLookup): (UnitRegisteredEvent | UnitMerged)[] {
  requireDate(command.effectiveDate);
  const successorId = requireOneSuccessorId(command);
  requireDistinct(command.unitIds, 1, 'unitIds');
  const units = command.unitIds.map((id) => requireMergeable(lookup, id, command.effectiveDate));
  const registered = command.successor ? [registerSuccessor(command, command.successor, lookup)] : [];
  if (!command.successor) requireSuccessor(lookup, successorId, command.unitIds, command.effectiveDate, 'successorId');
  return [
    ...registered,
    ...units.map(
      (unit): UnitMerged => ({
        type: 'UnitMerged',
        data: {
          unitId: unit.unitId,
          successorId,
          mergedUnitIds: [...command.unitIds],
          effectiveDate: command.effectiveDate,
        },
      }),
    ),
  ];
}

/** The successor's id, from `successorId` or the new successor; both given must agree. */
function requireOneSuccessorId(command: MergeUnits): string {
  const id = command.successorId ?? command.successor?.unitId;
  if (!id)
    throw new DirectoryRuleViolation(
      'successorId',
      'successor-required',
      'name the successor, or describe the new unit that succeeds',
      'hãy nêu đơn vị kế thừa, hoặc mô tả đơn vị mới kế thừa',
    );
  if (command.successor && command.successor.unitId !== id)
    throw new DirectoryRuleViolation(
      'successorId',
      'successor-mismatch',
      `successorId ${id} is not the new successor's id ${command.successor.unitId}`,
      `successorId ${id} không trùng với mã định danh của đơn vị kế thừa mới ${command.successor.unitId}`,
    );
  return id;
}

function requireMergeable(lookup: DirectoryLookup, unitId: string, date: string): UnitState {
  const unit = requireUnit(lookup.unit ? lookup.unit(unitId) : lookup.unitOn(unitId, date), unitId, 'unitIds');
  requireOpen(unit, 'unitIds');
  requireInOrder(unit, date);
  return unit;
}

/**
 * Registers the new successor with RegisterUnit's rules, valid from the merger's date; the merged units
 * end that day, so their codes do not count as taken, nor can one of them be its parent.
 */
function registerSuccessor(command: MergeUnits, successor: MergeSuccessor, lookup: DirectoryLookup): UnitRegisteredEvent {
  const date = command.effectiveDate;
  if (successor.parentId && command.unitIds.includes(successor.parentId))
    throw new DirectoryRuleViolation(
      'successor.parentId',
      'parent-not-valid',
      `parent ${successor.parentId} is merged on ${date} and cannot hold the successor`,
      `đơn vị cấp trên ${successor.parentId} bị hợp nhất từ ngày ${date}, không thể quản lý đơn vị kế thừa`,
    );
  const existing = lookup.unit ? lookup.unit(successor.unitId) : lookup.unitOn(successor.unitId, date);
  return decideRegistration({ ...successor, validFrom: date }, existing, lookup, {
    fieldPrefix: 'successor.',
    endingUnitIds: command.unitIds,
  });
}
