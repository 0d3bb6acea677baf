import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

/** The caller's `X-Correlation-Id`, or a new one: it follows the request into every event it causes. */
export const CorrelationId = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const header = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers['x-correlation-id'];
  return header && /^[A-Za-z0-9._:-]{1,200}$/.test(header) ? header : randomUUID();
});
