import { ConflictException, HttpException, NotFoundException } from '@nestjs/common';
import { ReplayRefused } from './campaign-replay';

/** A replay refused for a reason the caller can act on becomes a 404 or 409 naming the field, in both languages. */
export async function refusal<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ReplayRefused)) throw error;
    const body = {
      statusCode: error.status,
      error: error.status === 404 ? 'Not Found' : 'Conflict',
      message: error.message,
      messageVi: error.messageVi,
      errors: [{ field: error.field, reason: error.message, reasonVi: error.messageVi }],
    };
    const exception: HttpException = error.status === 404 ? new NotFoundException(body) : new ConflictException(body);
    throw exception;
  }
}
