import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';

export const LOCAL_DATE_MESSAGE = '$property must be a date written YYYY-MM-DD';

/** A calendar date in Asia/Ho_Chi_Minh (YYYY-MM-DD), as decrees state when a change takes effect. */
export function IsLocalDate(description = 'The date it takes effect, Asia/Ho_Chi_Minh') {
  return applyDecorators(
    ApiProperty({ example: '2025-07-01', description }),
    IsISO8601({ strict: true }),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: LOCAL_DATE_MESSAGE }),
  );
}

// Built once: a DateTimeFormat costs far more to make than to use, and every response checks today.
const VIETNAM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

/** Today's date in Vietnam, the default for "as of" queries. */
export function todayInVietnam(now = new Date()): string {
  return VIETNAM_DATE.format(now);
}
