import { ConflictException, ForbiddenException, HttpException, NotFoundException } from '@nestjs/common';

const EXCEPTIONS = {
  403: (body: object) => new ForbiddenException(body),
  404: (body: object) => new NotFoundException(body),
  409: (body: object) => new ConflictException(body),
} as const;
const ERRORS = { 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' } as const;

/** A re-inspection request refused for a reason the caller can act on: the field named, in both languages. */
export function refuse(status: 403 | 404 | 409, field: string, message: string, messageVi: string): HttpException {
  return EXCEPTIONS[status]({
    statusCode: status,
    error: ERRORS[status],
    message,
    messageVi,
    errors: [{ field, reason: message, reasonVi: messageVi }],
  });
}
