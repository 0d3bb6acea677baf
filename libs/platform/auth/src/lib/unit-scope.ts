import { PROVINCE_WIDE_ROLES } from '@hailong/contracts';
import { ForbiddenException } from '@nestjs/common';
import { Actor } from './tokens/actor';

/**
 * DESIGN: staff see only their own unit and the units below it unless their role is province-wide.
 * The unit an actor's reads are confined to (lower case), or null when they see the whole province:
 * a province-wide role, or an account tied to no unit.
 */
export function confinedUnitOf(actor: Actor): string | null {
  if (actor.unitId === null || actor.roles.some((role) => PROVINCE_WIDE_ROLES.includes(role))) return null;
  return actor.unitId.toLowerCase();
}

/** The 403 of a read outside the caller's unit, naming the field that points outside it. */
export function outsideYourUnit(field: string): ForbiddenException {
  return new ForbiddenException({
    statusCode: 403,
    error: 'Forbidden',
    message: 'staff tied to a unit see their own unit and the units below it only',
    messageVi: 'cán bộ thuộc một đơn vị chỉ xem được đơn vị mình và các đơn vị trực thuộc',
    errors: [{ field, reason: 'outside your unit', reasonVi: 'ngoài đơn vị của bạn' }],
  });
}
