import { ArgumentMetadata, BadRequestException, UnprocessableEntityException, ValidationError, ValidationPipe } from '@nestjs/common';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-screen';

/** One refused field: where it is and why, for a person reading it in either language. */
export interface FieldError {
  readonly field: string;
  readonly reason: string;
  readonly reasonVi: string;
}

const VIETNAMESE: Record<string, string> = {
  isDefined: 'bắt buộc phải có',
  isNotEmpty: 'không được để trống',
  isString: 'phải là chuỗi ký tự',
  isInt: 'phải là số nguyên',
  isNumber: 'phải là số',
  isBoolean: 'phải là đúng/sai',
  isUuid: 'phải là mã UUID',
  isIn: 'không thuộc các giá trị cho phép',
  isEnum: 'không thuộc các giá trị cho phép',
  min: 'nhỏ hơn giá trị nhỏ nhất cho phép',
  max: 'lớn hơn giá trị lớn nhất cho phép',
  minLength: 'ngắn hơn độ dài tối thiểu',
  maxLength: 'dài hơn độ dài tối đa',
  isLength: 'có độ dài không hợp lệ',
  matches: 'không đúng định dạng',
  isArray: 'phải là danh sách',
  arrayMinSize: 'có ít phần tử hơn mức tối thiểu',
  arrayMaxSize: 'có nhiều phần tử hơn mức tối đa',
  isObject: 'phải là đối tượng',
  isDateString: 'phải là ngày theo định dạng ISO',
  isISO8601: 'phải là ngày theo định dạng ISO',
  whitelistValidation: 'là trường không được phép',
  nestedValidation: 'có cấu trúc không hợp lệ',
};

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      reason: message,
      reasonVi: `${field} ${VIETNAMESE[constraint] ?? 'không hợp lệ'}`,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The body of every 4xx a caller can cause: stable shape, the fields named, both languages. */
export function badRequest(errors: FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: 'The request has invalid fields',
    messageVi: 'Yêu cầu có trường không hợp lệ',
    errors,
  });
}

/** Well-formed, but a domain rule refuses it (an unknown unit, a code in use): 422, same body shape. */
export function unprocessable(errors: (FieldError & { rule?: string; line?: number | null })[]): UnprocessableEntityException {
  return new UnprocessableEntityException({
    statusCode: 422,
    error: 'Unprocessable Entity',
    message: errors.map((e) => e.reason).join('; '),
    messageVi: errors.map((e) => e.reasonVi).join('; '),
    errors,
  });
}

/** Strict DTO validation: unknown fields refused, types converted only where declared. */
export function createValidationPipe(): ValidationPipe {
  return new DepthLimitedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => badRequest(flattenValidationErrors(errors)),
  });
}

/**
 * Nest's pipe strips prototype keys and class-transformer converts recursively: a value nested deep
 * enough overflows the stack (a 500). Refuse it first, whatever called the pipe (the HTTP bodies are
 * also checked by middleware before they get here).
 */
class DepthLimitedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    // Only what the caller sent: a custom decorator's value (a request context, a response) is ours.
    if (metadata.type !== 'custom' && jsonDepthExceeds(value, MAX_JSON_DEPTH)) {
      const field = metadata.type === 'body' ? 'body' : (metadata.data ?? metadata.type);
      throw badRequest([
        { field, reason: `nests deeper than ${MAX_JSON_DEPTH} levels`, reasonVi: `${field} lồng nhau sâu hơn ${MAX_JSON_DEPTH} cấp` },
      ]);
    }
    return super.transform(value, metadata);
  }
}
