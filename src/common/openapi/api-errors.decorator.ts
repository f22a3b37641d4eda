import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ApiErrorResponse } from '../errors/api-error-response.dto';
import { ErrorCode } from '../errors/error-code';

const DEFAULT_DESCRIPTIONS: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: `Invalid input (\`${ErrorCode.ValidationFailed}\`).`,
  [HttpStatus.UNAUTHORIZED]: `Missing or wrong credentials (\`${ErrorCode.Unauthorized}\`).`,
  [HttpStatus.NOT_FOUND]: `No such resource for this tenant (\`${ErrorCode.NotFound}\`).`,
  [HttpStatus.TOO_MANY_REQUESTS]: `Rate limited (\`${ErrorCode.RateLimited}\`); see Retry-After.`,
};

type ErrorSpec = HttpStatus | { status: HttpStatus; description: string };

/** Documents error responses with the shared error body, so generated clients know their shape. */
export function ApiErrors(...specs: ErrorSpec[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...specs.map((spec) => {
      const { status, description } =
        typeof spec === 'number' ? { status: spec, description: DEFAULT_DESCRIPTIONS[spec] } : spec;
      return ApiResponse({ status, description: description ?? `Error ${status}.`, type: ApiErrorResponse });
    }),
  );
}
