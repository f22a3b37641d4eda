import { IsBoolean, IsEmail, IsOptional, IsString, Matches, MaxLength } from 'class-validator';


export class HandoffSettingsDto {
  /** The admin's toggle. */
  enabled: boolean;
  /** Wilow's entitlement: without it handoff cannot be enabled. */
  entitled: boolean;
  /** The handoff email address, or null. */
  email: string | null;
  /** The ticket webhook URL, or null. */
  webhookUrl: string | null;
  /** Whether a webhook signing secret exists (the secret itself is never shown again). */
  webhookSecretSet: boolean;
  webhookSecretCreatedAt: Date | null;
}

const NO_LINE_BREAKS = /^[^\r\n]*$/;

export class UpdateHandoffSettingsDto {
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  /** One address; null clears the email channel. */
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @Matches(NO_LINE_BREAKS, { message: 'email must not contain line breaks' })
  @IsEmail({ allow_display_name: false, allow_ip_domain: false }, { message: 'email must be a single email address' })
  email?: string | null;

  /** An https URL on a public host; null clears the webhook channel. */
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  webhookUrl?: string | null;
}

export class WebhookSecretDto {
  /** The signing secret (`whsec_…`). Shown only in this response: store it in your helpdesk now. */
  secret: string;
}
