import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { ApiErrorResponse } from './api-error-response.dto';
import { AppError } from './app-error';
import { ErrorCode } from './error-code';
import { isDatabaseUnavailable } from './database-unavailable';

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.ValidationFailed,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.Unauthorized,
  [HttpStatus.FORBIDDEN]: ErrorCode.Forbidden,
  [HttpStatus.NOT_FOUND]: ErrorCode.NotFound,
  [HttpStatus.CONFLICT]: ErrorCode.Conflict,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PayloadTooLarge,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ErrorCode.ValidationFailed,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RateLimited,
  [HttpStatus.SERVICE_UNAVAILABLE]: ErrorCode.ServiceUnavailable,
};

/**
 * Statuses only the platform answers (Fastify's refusals of a request body reach the filter as
 * HTTP exceptions with Fastify's wording): said the same way whatever the platform.
 */
const PLATFORM_MESSAGES: Partial<Record<number, string>> = {
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'Request body is too large.',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'Request body must be JSON (Content-Type: application/json).',
};

/** Turns every error into `{ statusCode, code, message }`; internals never reach the body. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (body.statusCode === HttpStatus.TOO_MANY_REQUESTS && !reply.hasHeader('Retry-After')) {
      reply.header('Retry-After', '60');
    }
    reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ApiErrorResponse {
    if (exception instanceof AppError) {
      const { status: statusCode, code, message, errors } = exception;
      return errors ? { statusCode, code, message, errors } : { statusCode, code, message };
    }
    if (exception instanceof ThrottlerException) {
      return {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        code: ErrorCode.RateLimited,
        message: 'Too many requests: retry after the time given in Retry-After.',
      };
    }
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`Database unavailable: ${(exception as Error).message}`);
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        code: ErrorCode.ServiceUnavailable,
        message: 'The service is temporarily unavailable; please retry shortly.',
      };
    }
    return this.internalError(exception);
  }

  private fromHttpException(exception: HttpException): ApiErrorResponse {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const message =
      PLATFORM_MESSAGES[statusCode] ??
      (typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message));
    return { statusCode, code: CODE_BY_STATUS[statusCode] ?? ErrorCode.InternalError, message };
  }

  private internalError(exception: unknown): ApiErrorResponse {
    const errorId = randomUUID();
    this.logger.error({ err: exception, errorId }, 'Unhandled error');
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: ErrorCode.InternalError,
      message: `Internal error; quote error id ${errorId} to support.`,
      errorId,
    };
  }
}
