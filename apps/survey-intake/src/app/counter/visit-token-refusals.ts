import { ConflictException, GoneException, UnauthorizedException } from '@nestjs/common';
import { VISIT_TOKEN_HEADER } from './citizen-rate-limit.guard';

export const unknownVisitToken = () =>
  new UnauthorizedException({
    statusCode: 401,
    error: 'Unauthorized',
    message: 'this visit token is not valid',
    messageVi: 'mã lượt giao dịch này không hợp lệ',
    errors: [{ field: VISIT_TOKEN_HEADER, reason: 'not a valid visit token', reasonVi: 'không phải mã lượt giao dịch hợp lệ' }],
  });

export const expiredVisitToken = () =>
  new GoneException({
    statusCode: 410,
    error: 'Gone',
    message: 'this visit token has expired',
    messageVi: 'mã lượt giao dịch này đã hết hạn',
    errors: [{ field: VISIT_TOKEN_HEADER, reason: 'expired', reasonVi: 'đã hết hạn' }],
  });

/** A used token with another form: the citizen never sees an idempotency key, so the token is named. */
export const usedVisitToken = () =>
  new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: 'this visit token was already used for a rating',
    messageVi: 'mã lượt giao dịch này đã được dùng để đánh giá',
    errors: [{ field: VISIT_TOKEN_HEADER, reason: 'already used for a rating', reasonVi: 'đã được dùng để đánh giá' }],
  });
