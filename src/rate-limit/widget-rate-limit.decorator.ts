import { applyDecorators, HttpStatus, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

/** Applies the widget rate limits (429 with Retry-After when exceeded). */
export function WidgetRateLimit() {
  return applyDecorators(UseGuards(ThrottlerGuard), ApiErrors(HttpStatus.TOO_MANY_REQUESTS));
}
