import { applyDecorators, HttpStatus, SetMetadata, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { PER_CONVERSATION, PER_IP, TEST_BUTTON_ROUTE } from './rate-limit.module';

/** Applies the widget rate limits (429 with Retry-After when exceeded). */
export function WidgetRateLimit() {
  return applyDecorators(UseGuards(ThrottlerGuard), ApiErrors(HttpStatus.TOO_MANY_REQUESTS));
}

/** The per-tenant limit of the admin Test buttons, after the admin key guard has named the tenant. */
export function TestButtonRateLimit() {
  return applyDecorators(
    SetMetadata(TEST_BUTTON_ROUTE, true),
    SkipThrottle({ [PER_IP]: true, [PER_CONVERSATION]: true }),
    UseGuards(ThrottlerGuard),
    ApiErrors(HttpStatus.TOO_MANY_REQUESTS),
  );
}
