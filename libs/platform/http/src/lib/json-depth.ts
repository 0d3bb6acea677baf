import { NextFunction, Request, Response } from 'express';

/** Deeper than any form of the platform nests (a response is 3 levels deep); far below what recursion survives. */
export const MAX_JSON_DEPTH = 32;

/** How deep a parsed JSON value nests, counted without recursion so that no input can overflow the stack. */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Refuses a JSON body nested deeper than `max` with a 400 naming the body, before any validation walks
 * it recursively (class-transformer and Nest's prototype-key stripping do, and a body nested 20,000
 * deep overflowed the stack into a 500).
 */
export function rejectDeeplyNestedJson(max = MAX_JSON_DEPTH) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!jsonDepthExceeds(request.body, max)) return next();
    response.status(400).json({
      statusCode: 400,
      error: 'Bad Request',
      message: `The body nests deeper than ${max} levels`,
      messageVi: `Nội dung yêu cầu lồng nhau sâu hơn ${max} cấp`,
      errors: [{ field: 'body', reason: `nests deeper than ${max} levels`, reasonVi: `body lồng nhau sâu hơn ${max} cấp` }],
    });
  };
}
