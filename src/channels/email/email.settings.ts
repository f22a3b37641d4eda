import { IsEmail, IsString, Matches, MaxLength } from 'class-validator';
import { SettingField } from '../setting-field';

const NO_LINE_BREAKS = /^[^\r\n]*$/;

/** The handoff email's settings: one address per account. */
export class EmailSettings {
  @SettingField({ label: 'Handoff email', type: 'email', description: 'One address' })
  @IsString()
  @MaxLength(254)
  @Matches(NO_LINE_BREAKS, { message: 'address must not contain line breaks' })
  @IsEmail({ allow_display_name: false, allow_ip_domain: false }, { message: 'address must be a single email address' })
  address: string;
}
