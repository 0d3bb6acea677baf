import { NextFunction, Request, Response } from 'express';
import type { FieldError } from './validation';

/** Deeper than any form of the platform nests (a response is 3 levels deep); far below what recursion survives. */
export const MAX_JSON_DEPTH = 32;

/**
 * Keys that name an object's prototype machinery. JSON.parse makes `__proto__` an ordinary own key, but
 * a merge or a class-transformer pass would treat it as the prototype, and Nest silently drops it: a
 * body carrying one is refused by name instead, like any other field no form has.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

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

/** Text PostgreSQL can store and every client can show: no NUL, no half of a surrogate pair. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function storableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

const fieldName = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path || 'body'}[${key}]` : path ? `${path}.${key}` : key;

/**
 * The first thing in a parsed JSON body that no endpoint may receive, walked once and without
 * recursion: nesting deeper than `maxDepth`, a prototype key, or text with a NUL or a lone surrogate
 * (JSON escapes allow both; PostgreSQL cannot store them and they would fail deep inside a write as a
 * 500). Null when the body is clean.
 */
export function unsafeJsonField(value: unknown, maxDepth = MAX_JSON_DEPTH): FieldError | null {
  const pending: [unknown, number, string][] = [[value, 1, '']];
  while (pending.length > 0) {
    const [current, depth, path] = pending.pop() as [unknown, number, string];
    if (typeof current === 'string') {
      if (!storableText(current)) return textError(path || 'body');
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth > maxDepth) {
      return { field: 'body', reason: `nests deeper than ${maxDepth} levels`, reasonVi: `body lồng nhau sâu hơn ${maxDepth} cấp` };
    }
    const entries: [string | number, unknown][] = Array.isArray(current) ? current.map((v, i) => [i, v]) : Object.entries(current);
    for (const [key, child] of entries) {
      const field = fieldName(path, key);
      if (typeof key === 'string') {
        if (PROTOTYPE_KEYS.has(key)) {
          return { field, reason: `${key} is not an accepted field name`, reasonVi: `${key} không phải là tên trường được chấp nhận` };
        }
        if (!storableText(key)) return textError(field);
      }
      pending.push([child, depth + 1, field]);
    }
  }
  return null;
}

function textError(field: string): FieldError {
  return {
    field,
    reason: 'contains a NUL character or an unpaired surrogate, which is not text',
    reasonVi: `${field} chứa ký tự NUL hoặc nửa cặp surrogate, không phải văn bản hợp lệ`,
  };
}

/**
 * Refuses an unsafe JSON body (see unsafeJsonField) with a 400 naming the field, before any validation
 * walks it recursively (class-transformer and Nest's prototype-key stripping do, and a body nested
 * 20,000 deep overflowed the stack into a 500).
 */
export function rejectUnsafeJson(maxDepth = MAX_JSON_DEPTH) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const problem = unsafeJsonField(request.body, maxDepth);
    if (!problem) return next();
    response.status(400).json({
      statusCode: 400,
      error: 'Bad Request',
      message: `${problem.field} ${problem.reason}`,
      messageVi: problem.reasonVi,
      errors: [problem],
    });
  };
}
