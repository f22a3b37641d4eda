import { IsString, MaxLength } from 'class-validator';
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
}
