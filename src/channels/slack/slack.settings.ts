import { IsOptional, IsString, MaxLength } from 'class-validator';
import { SettingField } from '../setting-field';

/** A Slack incoming webhook: the URL itself is the credential, so it is a secret. */
export class SlackSettings {
  @SettingField({
    label: 'Incoming webhook URL',
    type: 'url',
    secret: true,
    description: 'https://hooks.slack.com/services/..., from a Slack app with Incoming Webhooks turned on',
  })
  @IsString()
  @MaxLength(2048)
  webhookUrl: string;

  @SettingField({
    label: 'Bot token',
    type: 'text',
    required: false,
    secret: true,
    description: "xoxb-..., the Slack app's bot token: looks up the names of the people who answer in a handoff's thread",
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  botToken?: string;

  @SettingField({
    label: 'Signing secret',
    type: 'text',
    required: false,
    secret: true,
    description: "The Slack app's signing secret (Basic Information): verifies the events Slack sends to the inbound address",
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  signingSecret?: string;
}
