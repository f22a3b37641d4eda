import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateBy, ValidationArguments } from 'class-validator';
import { Tenant } from '../entities/tenant.entity';
import { parseAllowedOrigin } from '../allowed-origins';

export const MAX_ALLOWED_ORIGINS = 100;
/** Ten years: longer is no retention policy. */
export const MAX_RETENTION_DAYS = 3650;

function originProblems(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown, index) => {
    if (typeof entry !== 'string') return [];
    const parsed = parseAllowedOrigin(entry);
    return 'problem' in parsed ? [`[${index}] ${parsed.problem}`] : [];
  });
}

/** Every entry is an origin (scheme and host, optional port, `*.` for subdomains); the message names each bad one. */
function IsAllowedOriginList() {
  return ValidateBy({
    name: 'isAllowedOriginList',
    validator: {
      validate: (value: unknown) => originProblems(value).length === 0,
      defaultMessage: (args?: ValidationArguments) => `allowedOrigins${originProblems(args?.value).join('; ')}`,
    },
  });
}

export class WidgetSettingsDto {
  /**
   * Sites allowed to use the widget key, in their normal form. Empty: every site. Otherwise a
   * widget API request whose `Origin` is not listed is refused (403 `ORIGIN_NOT_ALLOWED`);
   * requests without `Origin` (servers) are not affected.
   * @example ["https://www.acme.com", "https://*.acme.com"]
   */
  allowedOrigins: string[];

  /**
   * Conversations with no message for this many days are erased from this service (never the
   * team's tickets or Slack threads); null keeps them.
   */
  @ApiProperty({ type: 'integer', nullable: true, minimum: 1, maximum: MAX_RETENTION_DAYS })
  transcriptRetentionDays: number | null;
}

export class UpdateWidgetSettingsDto {
  /**
   * Origins: scheme and host with an optional port, no path (`https://www.acme.com`,
   * `http://localhost:8080`); `https://*.acme.com` allows every subdomain of acme.com (not acme.com
   * itself). `[]` allows every site.
   * @example ["https://www.acme.com", "https://*.acme.com"]
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ALLOWED_ORIGINS)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  @IsAllowedOriginList()
  allowedOrigins?: string[];

  /** 1 to 3650 days, or null to keep transcripts (the default). */
  @ApiProperty({ type: 'integer', nullable: true, minimum: 1, maximum: MAX_RETENTION_DAYS, required: false })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RETENTION_DAYS)
  transcriptRetentionDays?: number | null;
}

export function toWidgetSettingsDto(tenant: Tenant): WidgetSettingsDto {
  return { allowedOrigins: tenant.allowedOrigins, transcriptRetentionDays: tenant.transcriptRetentionDays };
}
