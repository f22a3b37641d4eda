import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, ValidateBy, ValidationArguments } from 'class-validator';
import { Tenant } from '../entities/tenant.entity';
import { parseAllowedOrigin } from '../allowed-origins';

export const MAX_ALLOWED_ORIGINS = 100;

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
}

export function toWidgetSettingsDto(tenant: Tenant): WidgetSettingsDto {
  return { allowedOrigins: tenant.allowedOrigins };
}
