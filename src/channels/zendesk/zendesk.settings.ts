import { ArrayMaxSize, IsEmail, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { SettingField } from '../setting-field';

/** A Zendesk account and the agent whose API token creates the tickets. */
export class ZendeskSettings {
  @SettingField({ label: 'Zendesk subdomain', type: 'text', description: 'acme for https://acme.zendesk.com' })
  @IsString()
  @MaxLength(255)
  subdomain: string;

  @SettingField({ label: 'Agent email', type: 'email', description: 'The agent or admin the API token belongs to' })
  @IsString()
  @MaxLength(254)
  @IsEmail({ allow_display_name: false })
  agentEmail: string;

  @SettingField({
    label: 'API token',
    type: 'text',
    secret: true,
    boundTo: ['subdomain'],
    description: 'Admin Center > Apps and integrations > Zendesk API',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  apiToken: string;

  @SettingField({
    label: 'Conversation link field',
    type: 'number',
    required: false,
    description: 'The id of a ticket text field that receives the link to the conversation',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  conversationFieldId?: number;

  @SettingField({ label: 'Tags', type: 'list', required: false, description: 'Added to every ticket, besides wilow and handoff' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^[\w:/.-]{1,80}$/, { each: true, message: 'each tag must be one word: letters, digits, _ - : / .' })
  tags?: string[];

  @SettingField({
    label: 'Webhook signing secret',
    type: 'text',
    required: false,
    secret: true,
    description: "The signing secret of the Zendesk webhook that calls the inbound address: verifies agents' answers",
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  webhookSigningSecret?: string;
}
