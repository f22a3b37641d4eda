import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsBase64,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';

export enum AppRole {
  All = 'all',
  Api = 'api',
  Worker = 'worker',
}

const emptyAsUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

const CREDENTIAL_VARIABLES = new Set<string>();

/** The variable may carry a credential: a configuration error names it, never prints its value. */
function Credential(): PropertyDecorator {
  return (_target, property) => {
    CREDENTIAL_VARIABLES.add(String(property));
  };
}

export function carriesCredential(variable: string): boolean {
  return CREDENTIAL_VARIABLES.has(variable);
}

/** Parsed as a WHATWG URL by every client later: refused here, where the message hides the value. */
function IsParsableUrl() {
  return ValidateBy({
    name: 'isParsableUrl',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && URL.canParse(value),
      defaultMessage: () => 'must be a valid URL (check the host and port; percent-encode special characters in the user name and password)',
    },
  });
}

/**
 * The process environment as the service reads it. Every variable is validated here, once,
 * at start; nothing else in the code reads `process.env`.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Credential()
  @Matches(/^postgres(ql)?:\/\/.+\/[^/?]+/, { message: 'must be a postgres:// URL naming a database' })
  @IsParsableUrl()
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/wilow';

  @Credential()
  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// or rediss:// URL' })
  @IsParsableUrl()
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Namespaces every Redis key and channel, so several deployments can share one Redis. */
  @Matches(/^[a-zA-Z0-9_-]{1,32}$/, { message: 'must be 1-32 letters, digits, - or _' })
  REDIS_PREFIX = 'wilow';

  @IsEnum(AppRole)
  APP_ROLE: AppRole = AppRole.All;

  @Credential()
  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  PLATFORM_TOKEN?: string;

  @Credential()
  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsBase64(undefined, { message: 'must be 32 bytes encoded as base64' })
  ENCRYPTION_KEY?: string;

  /** Bearer token `/metrics` requires; unset, `/metrics` is open, or not served when NODE_ENV=production. */
  @Credential()
  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  METRICS_TOKEN?: string;

  @Credential()
  @Transform(emptyAsUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  @IsParsableUrl()
  SMTP_URL?: string;

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Wilow <handoff@localhost>';

  /** Where emails are written as .eml files when SMTP_URL is unset. */
  @IsString()
  MAIL_DIR = 'var/mail';

  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  ADMIN_BASE_URL = 'http://localhost:3000';

  /** The service's public address, for the inbound URLs helpdesks call; defaults to ADMIN_BASE_URL. */
  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  PUBLIC_BASE_URL?: string;

  /** An agent's answer not read in the widget this long is emailed to the visitor (when they left an email). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  VISITOR_REPLY_EMAIL_DELAY_MS = 120000;

  /** Follow-up emails to the team gather the messages of this long, from the first not yet emailed. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  FOLLOW_UP_EMAIL_DELAY_MS = 60000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  EMAIL_RETRY_ATTEMPTS = 10;

  /** 7 s doubled over 10 attempts: retries span about an hour (7 s x 511). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  EMAIL_RETRY_BASE_MS = 7000;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120000)
  WEBHOOK_TIMEOUT_MS = 10000;

  /** The largest webhook body sent: a longer transcript keeps its newest messages that fit. */
  @Type(() => Number)
  @IsInt()
  @Min(16384)
  @Max(16777216)
  WEBHOOK_MAX_BODY_BYTES = 262144;

  @IsOptional()
  @IsString()
  WEBHOOK_ALLOWLIST = '';

  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsString()
  WEBHOOK_CA_FILE?: string;

  /** The Zendesk API of an account; `{subdomain}` is the account's subdomain. */
  @Matches(/^https:\/\/\S+$/, { message: 'must be an https:// URL, optionally with {subdomain}' })
  ZENDESK_API_BASE_URL = 'https://{subdomain}.zendesk.com';

  /** The Freshdesk API of an account; `{domain}` is the account's name. */
  @Matches(/^https:\/\/\S+$/, { message: 'must be an https:// URL, optionally with {domain}' })
  FRESHDESK_API_BASE_URL = 'https://{domain}.freshdesk.com';

  /** The Slack Web API (app mode). */
  @Matches(/^https:\/\/\S+$/, { message: 'must be an https:// URL' })
  SLACK_API_BASE_URL = 'https://slack.com/api';

  /** How often the retention job erases conversations older than their tenant keeps them. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  RETENTION_SWEEP_INTERVAL_MS = 3600000;

  /** Deliveries failed in a row on a channel before the tenant is told the channel is failing. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  CHANNEL_FAILURE_NOTICE_AFTER = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  DELIVERY_CONCURRENCY = 20;

  /** How often pending deliveries are checked for a missing queue job. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  SWEEP_INTERVAL_MS = 30000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WIDGET_PER_IP_PER_MINUTE = 120;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WIDGET_PER_CONVERSATION_PER_MINUTE = 30;

  /** Conversations one tenant may open a minute: far above a busy site, low enough to stop a script. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_TENANT_CONVERSATIONS_PER_MINUTE = 1000;

  /** Handoffs one tenant may create a minute: each one emails or calls the tenant's team. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_TENANT_HANDOFFS_PER_MINUTE = 300;

  /** Test buttons and redeliveries of one tenant a minute, together: each sends a real email or request. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_ADMIN_SENDS_PER_MINUTE = 30;

  /** Agents' replies one tenant may send a minute. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_TENANT_REPLIES_PER_MINUTE = 120;

  /** Requests a minute to one helpdesk inbound address. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_INBOUND_PER_ADDRESS_PER_MINUTE = 600;

  /** Proxy hops in front of the service (load balancers) whose X-Forwarded-For is trusted for client IPs. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY = 0;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}
