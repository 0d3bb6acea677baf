import { badRequest } from '@hailong/platform/http';
import { HttpException, HttpStatus } from '@nestjs/common';
import { Response } from 'express';

/** A unit's ETag is its stream version, quoted: `"3"`. */
export function setUnitETag(response: Response, version: number): void {
  response.setHeader('ETag', `"${version}"`);
}

/**
 * The version a change is based on, from `If-Match`. Required: a directory edit made without
 * having read the unit could silently undo someone else's (428 Precondition Required).
 */
export function versionFromIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new HttpException(
      {
        statusCode: 428,
        error: 'Precondition Required',
        message: 'send If-Match with the ETag of the unit you read (GET /units/:unitId)',
        messageVi: 'cần gửi tiêu đề If-Match với ETag của đơn vị đã đọc (GET /units/:unitId)',
        errors: [{ field: 'If-Match', reason: 'is required', reasonVi: 'If-Match là bắt buộc' }],
      },
      HttpStatus.PRECONDITION_REQUIRED,
    );
  }
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!match) {
    throw badRequest([
      {
        field: 'If-Match',
        reason: `${header} is not an ETag of this API (like "3")`,
        reasonVi: `If-Match ${header} không phải ETag hợp lệ (ví dụ "3")`,
      },
    ]);
  }
  return Number(match[1]);
}
