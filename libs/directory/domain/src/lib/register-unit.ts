import { DirectoryLookup } from './unit';
import { DirectoryRuleViolation } from './rule-violation';
import { requireDate, requireParent } from './rules';
import { overlaps, UnitRegisteredData, UnitRegisteredEvent, UnitState } from '@hailong/directory/history';

/** The command carries exactly the data of the event it may produce (one source: the contract). */
export type RegisterUnit = {
  readonly type: 'RegisterUnit';
} & Readonly<UnitRegisteredData>;

export function decideRegisterUnit(command: RegisterUnit, state: UnitState | null, lookup: DirectoryLookup): UnitRegisteredEvent[] {
  return [decideRegistration(command, state, lookup)];
}

/** How a registration that is part of a larger command (a merger's new successor) differs. */
export interface RegistrationContext {
  /** Put before every field name in a refusal, e.g. 'successor.' */
  readonly fieldPrefix?: string;
  /** Units the same command ends on `validFrom`: their codes are free from that day on. */
  readonly endingUnitIds?: readonly string[];
}

/**
 * The rules and the event of registering a unit: a new id, a code nobody else holds from `validFrom`
 * on, a parent valid then that may hold this type. `existing` is whatever is recorded under the id.
 */
export function decideRegistration(
  data: Readonly<UnitRegisteredData>,
  existing: UnitState | null,
  lookup: DirectoryLookup,
  context: RegistrationContext = {},
): UnitRegisteredEvent {
  const field = (name: string) => `${context.fieldPrefix ?? ''}${name}`;
  requireDate(data.validFrom, field('validFrom'));
  if (existing)
    throw new DirectoryRuleViolation(
      field('unitId'),
      'unit-exists',
      'a unit with this id is already registered',
      'đơn vị với mã định danh này đã được đăng ký',
    );
  requireCodeFree(lookup, data.code, data.validFrom, context.endingUnitIds ?? [], field('code'));
  requireParent(lookup, data.parentId, data.unitType, data.validFrom, field('parentId'));
  // Copy field by field so that nothing a caller added travels into the event.
  const { unitId, code, unitType, nameVi, nameEn, parentId, areaCode } = data;
  return {
    type: 'UnitRegistered',
    data: {
      unitId,
      code,
      unitType,
      nameVi,
      nameEn,
      parentId,
      areaCode,
      validFrom: data.validFrom,
    },
  };
}

/** Validity is half-open, so a code is free from the day its previous holder stops being valid. */
function requireCodeFree(lookup: DirectoryLookup, code: string, validFrom: string, endingUnitIds: readonly string[], field: string): void {
  const clash = lookup
    .unitsWithCodeDuring(code, validFrom, null)
    .find((u) => !endingUnitIds.includes(u.unitId) && overlaps(u, validFrom, null));
  if (clash) {
    throw new DirectoryRuleViolation(
      field,
      'code-in-use',
      `code ${code} is held by unit ${clash.unitId} on or after ${validFrom}`,
      `mã ${code} đang được đơn vị khác sử dụng từ ngày ${validFrom}`,
    );
  }
}
