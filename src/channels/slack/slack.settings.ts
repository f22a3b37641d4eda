import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SettingField, SettingGroup } from '../setting-field';

/** One-way: an incoming webhook posts the handoff and nothing follows it. */
export const SLACK_WEBHOOK_MODE: SettingGroup = { name: 'webhook', label: 'Incoming webhook' };
/** Two-way: a Slack app's bot posts the handoff, threads what follows, and can delete its posts. */
export const SLACK_APP_MODE: SettingGroup = { name: 'app', label: 'Slack app' };

/**
 * A Slack channel, in one of two modes: an incoming webhook (the URL itself is the credential,
 * so it is a secret), or a Slack app's bot token, the channel it posts in, and the app's signing
 * secret that verifies what Slack sends back.
 */
export class SlackSettings {
  @SettingField({
    label: 'Incoming webhook URL',
    type: 'url',
    secret: true,
    group: SLACK_WEBHOOK_MODE,
    description: 'https://hooks.slack.com/services/..., from a Slack app with Incoming Webhooks turned on',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  webhookUrl?: string;

  @SettingField({
    label: 'Bot token',
    type: 'text',
    secret: true,
    group: SLACK_APP_MODE,
    description: "xoxb-..., the app's Bot User OAuth Token (scopes chat:write, channels:history, groups:history, users:read)",
  })
  @IsOptional()
  @IsString()
  @Matches(/^xoxb-[\w-]+$/, { message: 'botToken must be a bot token (xoxb-...)' })
  @MaxLength(255)
  botToken?: string;

  @SettingField({
    label: 'Channel ID',
    type: 'text',
    group: SLACK_APP_MODE,
    description: "C0123ABC: in Slack, the channel's details show it; invite the app to the channel",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[CG][A-Z0-9]{2,20}$/, { message: 'channelId must be a Slack channel ID such as C0123ABC' })
  channelId?: string;

  @SettingField({
    label: 'Signing secret',
    type: 'text',
    secret: true,
    group: SLACK_APP_MODE,
    description: "The app's Signing Secret (Basic Information > App Credentials), which verifies the events Slack sends",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-f]{16,128}$/i, { message: 'signingSecret must be the hexadecimal Signing Secret of the Slack app' })
  signingSecret?: string;
}
