import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from './error-code';

/**
 * An error the client is meant to see: its status, stable code and message become the
 * response body as they are. Anything else thrown is an internal error.
 */
export class AppError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: ErrorCode,
    message: string,
    /** Field-level messages, for validation errors. */
    readonly errors?: string[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The same answer for "does not exist" and "belongs to another tenant": ids reveal nothing. */
export function notFound(what: string): AppError {
  return new AppError(HttpStatus.NOT_FOUND, ErrorCode.NotFound, `${what} not found.`);
}

export function unauthorized(message: string): AppError {
  return new AppError(HttpStatus.UNAUTHORIZED, ErrorCode.Unauthorized, message);
}
