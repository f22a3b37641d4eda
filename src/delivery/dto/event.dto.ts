import { ApiProperty } from '@nestjs/swagger';

export class HandoffEventDto {
  /** As sent in the body's `event` and in `X-Wilow-Event`: `handoff.created`, `handoff.message`… */
  event: string;
  description: string;
  /** The JSON Schema of the body. Receivers should accept properties they do not know: fields are only ever added. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  schema: Record<string, unknown>;
}

export class HandoffEventListDto {
  /** Every event a webhook can receive, in the order of a handoff's life. */
  @ApiProperty({ type: () => [HandoffEventDto] })
  items: HandoffEventDto[];
}
