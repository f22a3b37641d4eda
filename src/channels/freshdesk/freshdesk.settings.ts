import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SettingField } from '../setting-field';

/** Freshdesk's ticket priorities: low, medium, high, urgent. */
export const FRESHDESK_PRIORITIES = [1, 2, 3, 4];

/** A Freshdesk account and an agent's API key that creates the tickets. */
export class FreshdeskSettings {
  @SettingField({ label: 'Freshdesk domain', type: 'text', description: 'acme for https://acme.freshdesk.com' })
  @IsString()
  @MaxLength(255)
  domain: string;

  @SettingField({
    label: 'API key',
    type: 'text',
    secret: true,
    boundTo: ['domain'],
    description: 'Profile settings > View API key, of the agent who files the tickets',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  apiKey: string;

  @SettingField({
    label: 'Requester email when the visitor gave none',
    type: 'email',
    description: 'Required: Freshdesk needs a requester on every ticket, and not every visitor leaves an email',
  })
  @IsString()
  @MaxLength(254)
  @IsEmail({ allow_display_name: false })
  fallbackRequesterEmail: string;

  @SettingField({ label: 'Priority', type: 'number', required: false, description: '1 low (default), 2 medium, 3 high, 4 urgent' })
  @IsOptional()
  @IsIn(FRESHDESK_PRIORITIES, { message: 'priority must be 1, 2, 3 or 4' })
  priority?: number;
}
