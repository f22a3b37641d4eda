import { ApiProperty } from '@nestjs/swagger';
import { ErrorCode } from './error-code';

/** The one error body of the API. */
export class ApiErrorResponse {
  /** The HTTP status, repeated for clients that only keep the body. */
  statusCode: number;

  @ApiProperty({ enum: ErrorCode, enumName: 'ErrorCode' })
  code: ErrorCode;

  /** A human-readable explanation, safe to show to the caller. */
  message: string;

  /** Field-level messages, present on validation errors. */
  errors?: string[];

  /** Present on internal errors: quote it to support, it finds the logged details. */
  errorId?: string;
}
