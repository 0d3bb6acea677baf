import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Actor } from '../tokens/actor';

/** The HTTP request once the guard has authenticated it. */
export interface RequestWithActor {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

/** Injects the authenticated {@link Actor}; only meaningful on `@AllowRoles` endpoints. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => {
    const { actor } = context.switchToHttp().getRequest<RequestWithActor>();
    if (!actor) {
      // Public endpoints have no actor; reaching here is a wiring mistake, not a caller error.
      throw new Error(
        '@CurrentActor() used on an endpoint without @AllowRoles()',
      );
    }
    return actor;
  },
);
