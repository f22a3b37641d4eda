import { applyDecorators, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse } from '@nestjs/swagger';
import { ErrorCode } from '../common/errors/error-code';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { AdminSendRateLimit } from '../rate-limit/rate-limit.decorators';
import { DeliveryDto } from './dto/handoff.dto';

/**
 * A route that sends a delivery again now: 202 with the delivery, one admin send for the limit.
 * The route itself says `@HttpCode(HttpStatus.ACCEPTED)`: the OpenAPI plugin reads the status
 * from the method, not from inside a composed decorator.
 */
export function RedeliverRoute(path: string) {
  return applyDecorators(
    Post(path),
    AdminSendRateLimit(),
    ApiAcceptedResponse({ type: DeliveryDto, description: 'Queued for a new attempt.' }),
    ApiErrors(HttpStatus.NOT_FOUND, {
      status: HttpStatus.CONFLICT,
      description: `The delivery is being attempted right now (\`${ErrorCode.Conflict}\`), or what it carried was erased (\`${ErrorCode.DeliveryErased}\`; an \`erased\` delivery itself may be sent again).`,
    }),
  );
}
