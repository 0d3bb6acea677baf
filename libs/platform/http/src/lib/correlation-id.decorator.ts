import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

/** The caller's `X-Correlation-Id` if well-formed, or a new one: it follows the request into every event it causes. */
export function correlationIdOf(headers: Record<string, string | string[] | undefined>): string {
  const header = headers['x-correlation-id'];
  return typeof header === 'string' && /^[A-Za-z0-9._:-]{1,200}$/.test(header) ? header : randomUUID();
}

export const CorrelationId = createParamDecorator((_: unknown, context: ExecutionContext): string =>
  correlationIdOf(context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers),
);
