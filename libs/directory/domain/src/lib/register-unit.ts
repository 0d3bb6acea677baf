import { ALLOWED_PARENTS, DirectoryLookup } from './unit';
import { DirectoryRuleViolation } from './rule-violation';
import { requireDate } from './rules';
import {
  overlaps,
  UnitRegisteredData,
  UnitState,
} from '@hailong/directory/history';

/** The command carries exactly the data of the event it may produce (one source: the contract). */
export type RegisterUnit = {
  readonly type: 'RegisterUnit';
} & Readonly<UnitRegisteredData>;

export function decideRegisterUnit(
  command: RegisterUnit,
  state: UnitState | null,
  lookup: DirectoryLookup,
): { type: 'UnitRegistered'; data: UnitRegisteredData }[] {
  requireDate(command.validFrom, 'validFrom');
  if (state)
    throw new DirectoryRuleViolation(
      'unitId',
      'unit-exists',
      'a unit with this id is already registered',
      'đơn vị với mã định danh này đã được đăng ký',
    );
  const clash = lookup
    .unitsWithCodeDuring(command.code, command.validFrom, null)
    .find((u) => overlaps(u, command.validFrom, null));
  if (clash) {
    throw new DirectoryRuleViolation(
      'code',
      'code-in-use',
      `code ${command.code} is held by unit ${clash.unitId} on or after ${command.validFrom}`,
      `mã ${command.code} đang được đơn vị khác sử dụng từ ngày ${command.validFrom}`,
    );
  }
  const parent = command.parentId
    ? lookup.unitOn(command.parentId, command.validFrom)
    : null;
  if (command.parentId && !parent) {
    throw new DirectoryRuleViolation(
      'parentId',
      'parent-not-valid',
      `parent ${command.parentId} does not exist or is not valid on ${command.validFrom}`,
      `đơn vị cấp trên không tồn tại hoặc không còn hiệu lực vào ngày ${command.validFrom}`,
    );
  }
  if (!ALLOWED_PARENTS[command.unitType].includes(parent?.unitType ?? null)) {
    throw new DirectoryRuleViolation(
      'parentId',
      'parent-type',
      `a ${command.unitType} cannot sit under ${parent ? `a ${parent.unitType}` : 'no parent'}`,
      `loại đơn vị ${command.unitType} không thể trực thuộc ${parent ? parent.unitType : 'không có cấp trên'}`,
    );
  }
  const {
    unitId,
    code,
    unitType,
    nameVi,
    nameEn,
    parentId,
    areaCode,
    validFrom,
  } = command;
  return [
    {
      type: 'UnitRegistered',
      data: {
        unitId,
        code,
        unitType,
        nameVi,
        nameEn,
        parentId,
        areaCode,
        validFrom,
      },
    },
  ];
}
