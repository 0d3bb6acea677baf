import {
  CanActivate,
  ExecutionContext,
  Injectable,
  Logger,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@hailong/contracts';
import { ALLOWED_ROLES_METADATA, IS_PUBLIC_METADATA } from '../auth.constants';
import {
  endpointDeclaresNoRoles,
  roleMissing,
  tokenRejected,
  verificationUnavailable,
} from '../http-errors';
import { Actor } from '../tokens/actor';
import {
  TokenVerificationError,
  TokenVerifier,
} from '../tokens/token-verifier';
import { RequestWithActor } from './current-actor.decorator';

type AccessRule =
  | { kind: 'public' }
  | { kind: 'roles'; roles: readonly Role[] }
  | { kind: 'none' };

/**
 * Global, fail-closed guard: an HTTP endpoint is reachable only if it (or its controller) says
 * `@Public()` or `@AllowRoles(...)`, and the caller's token grants one of those roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Kafka consumers share the app through a custom transport; they are not caller-facing.
    if (context.getType() !== 'http') {
      return true;
    }
    const rule = this.accessRule(context);
    if (rule.kind === 'public') {
      return true;
    }
    if (rule.kind === 'none') {
      throw endpointDeclaresNoRoles();
    }
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const actor = await this.authenticate(request);
    if (!actor.roles.some((role) => rule.roles.includes(role))) {
      throw roleMissing(rule.roles);
    }
    request.actor = actor;
    return true;
  }

  /** The handler's own declaration wins over its controller's, whichever kind it is. */
  private accessRule(context: ExecutionContext): AccessRule {
    for (const target of [context.getHandler(), context.getClass()]) {
      if (this.reflector.get<boolean>(IS_PUBLIC_METADATA, target)) {
        return { kind: 'public' };
      }
      const roles = this.reflector.get<Role[] | undefined>(
        ALLOWED_ROLES_METADATA,
        target,
      );
      if (roles) {
        return { kind: 'roles', roles };
      }
    }
    return { kind: 'none' };
  }

  private async authenticate(request: RequestWithActor): Promise<Actor> {
    const header = request.headers['authorization'];
    if (typeof header !== 'string' || header.trim() === '') {
      throw tokenRejected('missing');
    }
    const token = /^Bearer +(\S+)$/i.exec(header.trim())?.[1];
    if (!token) {
      throw tokenRejected('malformed');
    }
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof TokenVerificationError) {
        throw tokenRejected(error.reason);
      }
      this.logger.error(
        `Token verification keys unavailable: ${(error as Error).message}`,
      );
      throw verificationUnavailable();
    }
  }
}
