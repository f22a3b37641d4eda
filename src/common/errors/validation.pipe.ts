import { HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from './app-error';
import { ErrorCode } from './error-code';

/** Whitelists and transforms every body and query; unknown fields are refused, not dropped. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationFailed,
  });
}

/** 400 VALIDATION_FAILED naming every field that failed and why. */
export function validationFailed(validationErrors: ValidationError[]): AppError {
  const errors = validationErrors.flatMap((error) => flatten(error));
  return new AppError(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, `Validation failed: ${errors.join('; ')}`, errors);
}

function flatten(error: ValidationError, parent = ''): string[] {
  const path = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) =>
    // class-validator starts its messages with the property name; give the full path instead.
    message.startsWith(error.property) ? `${path}${message.slice(error.property.length)}` : `${path}: ${message}`,
  );
  return [...own, ...(error.children ?? []).flatMap((child) => flatten(child, path))];
}
