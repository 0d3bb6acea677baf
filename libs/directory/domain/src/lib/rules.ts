import { UnitType } from '@hailong/contracts';
import { DirectoryRuleViolation } from './rule-violation';
import { ALLOWED_PARENTS, DirectoryLookup } from './unit';
import { isClosed, lastChangedOn, UnitState } from '@hailong/directory/history';

// The rules shared by several commands, each refusing with the field and the reason in both languages.

const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function requireDate(date: string, field = 'effectiveDate'): void {
  if (!LOCAL_DATE.test(date)) {
    throw new DirectoryRuleViolation(
      field,
      'date-format',
      `${date} is not a date (YYYY-MM-DD)`,
      `${date} không phải là ngày (YYYY-MM-DD)`,
    );
  }
}

export function requireUnit(
  state: UnitState | null,
  unitId: string,
  field = 'unitId',
): UnitState {
  if (!state || state.unitId !== unitId) {
    throw new DirectoryRuleViolation(
      field,
      'unit-unknown',
      `unit ${unitId} is not registered`,
      `đơn vị ${unitId} chưa được đăng ký`,
    );
  }
  return state;
}

/** A merged, split or dissolved unit accepts no later change. */
export function requireOpen(state: UnitState, field = 'unitId'): void {
  if (isClosed(state)) {
    throw new DirectoryRuleViolation(
      field,
      'unit-closed',
      `unit ${state.unitId} was ${state.status} on ${state.validTo} and accepts no later change`,
      `đơn vị ${state.unitId} đã ${STATUS_VI[state.status ?? 'active']} từ ngày ${state.validTo}, không thể thay đổi thêm`,
    );
  }
}

const STATUS_VI = {
  active: 'hoạt động',
  merged: 'bị hợp nhất',
  split: 'bị chia tách',
  dissolved: 'bị giải thể',
} as const;

/** A unit's history never goes back in time. */
export function requireInOrder(state: UnitState, date: string): void {
  const last = lastChangedOn(state);
  if (date < last) {
    throw new DirectoryRuleViolation(
      'effectiveDate',
      'history-order',
      `unit ${state.unitId} last changed on ${last}; a change cannot take effect on ${date}, before it`,
      `đơn vị ${state.unitId} thay đổi lần cuối ngày ${last}; không thể ghi nhận thay đổi có hiệu lực từ ngày ${date} trước đó`,
    );
  }
}

/** The parent exists, is valid on the date and may hold a unit of this type. */
export function requireParent(
  lookup: DirectoryLookup,
  parentId: string | null,
  unitType: UnitType,
  date: string,
  field = 'parentId',
): void {
  const parent = parentId ? lookup.unitOn(parentId, date) : null;
  if (parentId && !parent) {
    throw new DirectoryRuleViolation(
      field,
      'parent-not-valid',
      `parent ${parentId} does not exist or is not valid on ${date}`,
      `đơn vị cấp trên không tồn tại hoặc không còn hiệu lực vào ngày ${date}`,
    );
  }
  if (!ALLOWED_PARENTS[unitType].includes(parent?.unitType ?? null)) {
    throw new DirectoryRuleViolation(
      field,
      'parent-type',
      `a ${unitType} cannot sit under ${parent ? `a ${parent.unitType}` : 'no parent'}`,
      `loại đơn vị ${unitType} không thể trực thuộc ${parent ? parent.unitType : 'không có cấp trên'}`,
    );
  }
}

/** A unit cannot sit under itself or any of its descendants: walk up from the new parent on the date. */
export function requireNoCycle(
  lookup: DirectoryLookup,
  unitId: string,
  parentId: string | null,
  date: string,
  field = 'parentId',
): void {
  const seen = new Set<string>();
  for (
    let id = parentId;
    id !== null && !seen.has(id);
    id = lookup.unitOn(id, date)?.parentId ?? null
  ) {
    if (id === unitId) {
      throw new DirectoryRuleViolation(
        field,
        'cycle',
        `unit ${unitId} cannot move under ${parentId}: that is the unit itself or one of its descendants on ${date}`,
        `không thể chuyển đơn vị ${unitId} về trực thuộc chính nó hoặc đơn vị cấp dưới của nó (ngày ${date})`,
      );
    }
    seen.add(id);
  }
}

/** A successor exists and is valid on the date, and is not the unit it succeeds. */
export function requireSuccessor(
  lookup: DirectoryLookup,
  successorId: string,
  predecessorIds: readonly string[],
  date: string,
  field: string,
): void {
  if (predecessorIds.includes(successorId)) {
    throw new DirectoryRuleViolation(
      field,
      'successor-self',
      `unit ${successorId} cannot succeed itself`,
      `đơn vị ${successorId} không thể kế thừa chính nó`,
    );
  }
  if (!lookup.unitOn(successorId, date)) {
    throw new DirectoryRuleViolation(
      field,
      'successor-not-valid',
      `successor ${successorId} does not exist or is not valid on ${date}`,
      `đơn vị kế thừa ${successorId} không tồn tại hoặc không có hiệu lực vào ngày ${date}`,
    );
  }
}

export function requireDistinct(
  ids: readonly string[],
  min: number,
  field: string,
): void {
  if (ids.length < min) {
    throw new DirectoryRuleViolation(
      field,
      'too-few',
      `name at least ${min} unit(s)`,
      `cần ít nhất ${min} đơn vị`,
    );
  }
  if (new Set(ids).size !== ids.length) {
    throw new DirectoryRuleViolation(
      field,
      'duplicate',
      'a unit is named twice',
      'một đơn vị được nêu hai lần',
    );
  }
}

export function noChange(
  field: string,
  what: string,
  whatVi: string,
): DirectoryRuleViolation {
  return new DirectoryRuleViolation(
    field,
    'no-change',
    `the unit already has this ${what}`,
    `đơn vị đã có ${whatVi} này`,
  );
}
