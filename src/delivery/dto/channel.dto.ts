import { HttpStatus } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, IsOptional, Max, Min } from 'class-validator';
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
  /**
   * The mode the field belongs to, on a channel whose settings take one of several (Slack:
   * `webhook` or `app`): a form offers the modes as a choice and shows the chosen one's fields.
   * Settings are one complete mode (`required` holds within it); a save in one mode forgets the
   * other modes' fields and secrets. Absent on fields common to every mode.
   */
  group?: string;
  /** What a form calls the field's mode: "Incoming webhook", "Slack app". */
  groupLabel?: string;
}

export class ChannelSecretDto {
  name: string;
  set: boolean;
  createdAt: Date | null;
  /**
   * During a rotation with overlap: when the previous secret stops signing (it signs beside this
   * one until then, and is deleted after); null otherwise.
   */
  previousExpiresAt: Date | null;
}

/** Longest overlap of a rotation: a week, as the webhook platforms allow. */
export const MAX_OVERLAP_HOURS = 168;

export class GenerateChannelSecretDto {
  /**
   * How long the secret being replaced keeps signing beside the new one, in hours (0 to 168,
   * default 0: it stops at once), so receivers can move to the new one without refusing a delivery.
   */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_OVERLAP_HOURS)
  overlapHours?: number;
}

/** A channel on which the last deliveries all failed. */
export class ChannelFailingDto {
  /** The first failure of the run. */
  since: Date;
  /** Deliveries in a row that failed (Test sends aside), CHANNEL_FAILURE_NOTICE_AFTER or more. */
  consecutiveFailures: number;
  /** The last one's error. */
  lastError: string;
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
  /**
   * Set once CHANNEL_FAILURE_NOTICE_AFTER deliveries in a row of any kind have failed on this
   * channel (Test sends aside); the tenant is then told once by email at the handoff address. One
   * success clears it (null).
   */
  @ApiProperty({ type: () => ChannelFailingDto, nullable: true })
  failing: ChannelFailingDto | null;
  /**
   * Where the channel's helpdesk sends agents' answers (`{PUBLIC_BASE_URL}/v1/inbound/{channel}/{token}`);
   * null for channels without one. Replaced with `POST …/{channel}/inbound-url`.
   */
  @ApiProperty({ type: String, nullable: true })
  inboundUrl: string | null;
  /** The JSON body to paste into the helpdesk's webhook, with the helpdesk's placeholders; null when the helpdesk sends its own (Slack) or has no inbound side. */
  @ApiProperty({ type: String, nullable: true })
  inboundBodyTemplate: string | null;
  /** The steps that make the helpdesk send agents' answers to `inboundUrl`, in order; empty without an inbound side. */
  inboundSetupSteps: string[];
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
