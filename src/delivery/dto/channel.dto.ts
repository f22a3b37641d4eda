import { HttpStatus } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ErrorCode } from '../../common/errors/error-code';

/** The Test buttons' 412, for `@ApiErrors`. */
export const CHANNEL_NOT_CONFIGURED = {
  status: HttpStatus.PRECONDITION_FAILED,
  description: `The channel is not configured (\`${ErrorCode.ChannelNotConfigured}\`); the message says what is missing.`,
};

export class ChannelFieldDto {
  /** The settings property. */
  name: string;
  /** What a form shows next to the input. */
  label: string;
  @ApiProperty({ enum: ['text', 'email', 'url', 'number', 'boolean', 'list'], enumName: 'ChannelFieldType' })
  type: 'text' | 'email' | 'url' | 'number' | 'boolean' | 'list';
  required: boolean;
  /** Write-only: encrypted at rest, never returned; left out of a save, the stored value is kept. */
  secret: boolean;
}

export class ChannelSecretDto {
  name: string;
  set: boolean;
  createdAt: Date | null;
}

export class HandoffChannelDto {
  /** The channel's name: `email`, `webhook`, `zendesk`, `freshdesk`, `slack`. */
  channel: string;
  /** "Handoff email", "Ticket webhook", "Zendesk"… */
  displayName: string;
  /** True only when a handoff sent now could be delivered through this channel. */
  configured: boolean;
  /** What is missing when it is not configured (e.g. a webhook URL without a signing secret). */
  problem: string | null;
  /** The saved settings, secrets excepted. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  settings: Record<string, unknown>;
  @ApiProperty({ type: () => [ChannelSecretDto] })
  secrets: ChannelSecretDto[];
  /** How to render this channel's settings form. */
  @ApiProperty({ type: () => [ChannelFieldDto] })
  fields: ChannelFieldDto[];
}

export class HandoffChannelListDto {
  /** One item per available channel. */
  @ApiProperty({ type: () => [HandoffChannelDto] })
  items: HandoffChannelDto[];
}

export class ChannelSecretValueDto {
  /** The secret (`whsec_…` for the webhook). Shown only in this response: store it in your helpdesk now. */
  secret: string;
}

export class ChannelTestResultDto {
  /** The channel accepted the test: a 2xx from the webhook or helpdesk, or the mail server took the email. */
  ok: boolean;
  /** The peer's HTTP status, or the mail server's reply code, when there was an answer. */
  statusCode?: number;
  durationMs: number;
  /** Why it failed. */
  error?: string;
  /** Where the helpdesk shows what the test made (a ticket), when it says. */
  externalUrl?: string;
}
