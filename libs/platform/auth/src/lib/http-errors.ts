import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  ServiceUnavailableException,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { Role } from '@hailong/contracts';
import { TokenRejection } from './tokens/token-verifier';

/** Every error a caller of the auth endpoints or guard can see: one shape, two languages. */
export interface AuthErrorBody {
  statusCode: number;
  error: string;
  message: string;
  messageVi: string;
}

/** One invalid field of a request body. */
export interface FieldError {
  field: string;
  reasons: string[];
}

const UNAUTHORIZED_MESSAGES: Record<TokenRejection | 'missing', [string, string]> = {
  missing: ['A bearer token is required (Authorization: Bearer <token>)', 'Cần mã truy cập (Authorization: Bearer <token>)'],
  malformed: ['The bearer token is malformed', 'Mã truy cập không đúng định dạng'],
  expired: ['The bearer token has expired', 'Mã truy cập đã hết hạn'],
  invalid: ['The bearer token is not valid', 'Mã truy cập không hợp lệ'],
};

export function tokenRejected(reason: TokenRejection | 'missing'): UnauthorizedException {
  const [message, messageVi] = UNAUTHORIZED_MESSAGES[reason];
  return new UnauthorizedException(body(401, 'Unauthorized', message, messageVi));
}

export function roleMissing(allowed: readonly Role[]): ForbiddenException {
  const list = allowed.join(', ');
  return new ForbiddenException(
    body(403, 'Forbidden', `This endpoint requires one of the roles: ${list}`, `Điểm truy cập này yêu cầu một trong các vai trò: ${list}`),
  );
}

export function endpointDeclaresNoRoles(): ForbiddenException {
  return new ForbiddenException(
    body(
      403,
      'Forbidden',
      'This endpoint declares no roles, so it is closed to everyone',
      'Điểm truy cập này chưa khai báo vai trò nào nên bị đóng với mọi người',
    ),
  );
}

export function verificationUnavailable(): ServiceUnavailableException {
  return new ServiceUnavailableException(
    body(
      503,
      'Service Unavailable',
      'Token verification keys are unavailable; try again shortly',
      'Tạm thời không lấy được khoá xác minh mã truy cập; vui lòng thử lại sau',
    ),
  );
}

export function invalidCredentials(): UnauthorizedException {
  return new UnauthorizedException(body(401, 'Unauthorized', 'Wrong username or password', 'Sai tên đăng nhập hoặc mật khẩu'));
}

export function usernameTaken(username: string): ConflictException {
  return new ConflictException(
    body(409, 'Conflict', `The username "${username}" is already taken`, `Tên đăng nhập "${username}" đã được sử dụng`),
  );
}

export function accountUnitRefused(unitId: string, status: 'unknown' | 'ended'): UnprocessableEntityException {
  const [reason, reasonVi] =
    status === 'unknown'
      ? ['the directory has no such unit', 'danh mục đơn vị không có đơn vị này']
      : [
          'the unit has ended (merged, split or dissolved): name the unit that carries on its work',
          'đơn vị đã giải thể hoặc sáp nhập: hãy chọn đơn vị kế thừa',
        ];
  return new UnprocessableEntityException({
    ...body(422, 'Unprocessable Entity', `unitId ${unitId}: ${reason}`, `unitId ${unitId}: ${reasonVi}`),
    errors: [{ field: 'unitId', reason, reasonVi }],
  });
}

export function invalidRequestBody(fields: FieldError[]): BadRequestException {
  const names = fields.map((field) => field.field).join(', ');
  const details = fields.map((field) => `${field.field}: ${field.reasons.join('; ')}`).join('. ');
  return new BadRequestException({
    ...body(400, 'Bad Request', `Invalid request body. ${details}`, `Dữ liệu gửi lên không hợp lệ ở trường: ${names}`),
    fields,
  });
}

function body(statusCode: number, error: string, message: string, messageVi: string): AuthErrorBody {
  return { statusCode, error, message, messageVi };
}
