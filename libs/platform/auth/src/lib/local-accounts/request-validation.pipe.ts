import { ValidationError, ValidationPipe } from '@nestjs/common';
import { invalidRequestBody } from '../http-errors';

/**
 * Body validation that does not depend on the host installing a global ValidationPipe, and
 * answers in the platform's bilingual error shape with each failing field named.
 */
export const requestBodyValidation = new ValidationPipe({
  whitelist: true,
  transform: true,
  exceptionFactory: (errors: ValidationError[]) =>
    invalidRequestBody(
      errors.map((error) => ({
        field: error.property,
        reasons: Object.values(error.constraints ?? {}),
      })),
    ),
});
