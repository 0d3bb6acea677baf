import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { isRole, Role } from '@hailong/contracts';
import { ALLOWED_ROLES_METADATA } from '../auth.constants';

/**
 * Admits callers holding at least one of `roles` (on a handler, or on a controller for all of
 * its handlers). Nothing is implied: list `Roles.admin` where admins belong.
 */
export function AllowRoles(...roles: Role[]): MethodDecorator & ClassDecorator {
  // Checked at class-definition time so a typo fails the start-up, not a request.
  if (roles.length === 0) {
    throw new Error(
      '@AllowRoles() needs at least one role; use @Public() for open endpoints',
    );
  }
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) {
    throw new Error(`@AllowRoles() got unknown roles: ${unknown.join(', ')}`);
  }
  return applyDecorators(
    SetMetadata(ALLOWED_ROLES_METADATA, [...new Set(roles)]),
    ApiBearerAuth(),
  );
}
