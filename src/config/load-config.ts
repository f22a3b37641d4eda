import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AppConfig } from './app-config';
import { AppRole, carriesCredential, EnvironmentVariables } from './environment';

/** A development-only key, so a laptop runs without set-up; production refuses it. */
const DEVELOPMENT_ENCRYPTION_KEY = Buffer.alloc(32, 'wilow-development-only-key');

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment once and returns the typed configuration, or throws naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const vars = plainToInstance(EnvironmentVariables, definedOnly(env), {
    exposeDefaultValues: true,
  });
  const problems = validateSync(vars, { forbidUnknownValues: false }).flatMap(describe);
  const warnings: string[] = [];
  const encryptionKey = readEncryptionKey(vars, problems, warnings);
  if (problems.length > 0) throw new ConfigError(problems);
  if (vars.NODE_ENV === 'production' && vars.METRICS_TOKEN === undefined && vars.APP_ROLE !== AppRole.Worker) {
    warnings.push('METRICS_TOKEN is unset: /metrics is not served (NODE_ENV=production); set it to scrape metrics with Authorization: Bearer <token>');
  }
  if (vars.WEBHOOK_ALLOWLIST.trim() !== '') {
    warnings.push(
      `WEBHOOK_ALLOWLIST exempts ${vars.WEBHOOK_ALLOWLIST} from the private-address block for every tenant's webhooks and helpdesks: any tenant may send there (HTTPS is still required)`,
    );
  }

  return new AppConfig({
    nodeEnv: vars.NODE_ENV,
    port: vars.PORT,
    role: vars.APP_ROLE,
    databaseUrl: vars.DATABASE_URL,
    redis: { url: vars.REDIS_URL, prefix: vars.REDIS_PREFIX },
    platformToken: vars.PLATFORM_TOKEN,
    encryptionKey,
    metricsToken: vars.METRICS_TOKEN,
    mail: {
      smtpUrl: vars.SMTP_URL,
      from: vars.MAIL_FROM,
      dir: vars.MAIL_DIR,
      retryAttempts: vars.EMAIL_RETRY_ATTEMPTS,
      retryBaseMs: vars.EMAIL_RETRY_BASE_MS,
      followUpDelayMs: vars.FOLLOW_UP_EMAIL_DELAY_MS,
      visitorReplyDelayMs: vars.VISITOR_REPLY_EMAIL_DELAY_MS,
    },
    adminBaseUrl: vars.ADMIN_BASE_URL.replace(/\/+$/, ''),
    publicBaseUrl: (vars.PUBLIC_BASE_URL ?? vars.ADMIN_BASE_URL).replace(/\/+$/, ''),
    webhook: {
      timeoutMs: vars.WEBHOOK_TIMEOUT_MS,
      maxBodyBytes: vars.WEBHOOK_MAX_BODY_BYTES,
      allowlist: vars.WEBHOOK_ALLOWLIST,
      caFile: vars.WEBHOOK_CA_FILE,
    },
    helpdesks: {
      zendeskApiBaseUrl: vars.ZENDESK_API_BASE_URL,
      freshdeskApiBaseUrl: vars.FRESHDESK_API_BASE_URL,
      slackApiBaseUrl: vars.SLACK_API_BASE_URL.replace(/\/+$/, ''),
    },
    delivery: {
      concurrency: vars.DELIVERY_CONCURRENCY,
      sweepIntervalMs: vars.SWEEP_INTERVAL_MS,
      failureNoticeAfter: vars.CHANNEL_FAILURE_NOTICE_AFTER,
    },
    retentionSweepIntervalMs: vars.RETENTION_SWEEP_INTERVAL_MS,
    rateLimits: {
      widgetPerIpPerMinute: vars.RATE_LIMIT_WIDGET_PER_IP_PER_MINUTE,
      widgetPerConversationPerMinute: vars.RATE_LIMIT_WIDGET_PER_CONVERSATION_PER_MINUTE,
      tenantConversationsPerMinute: vars.RATE_LIMIT_TENANT_CONVERSATIONS_PER_MINUTE,
      tenantHandoffsPerMinute: vars.RATE_LIMIT_TENANT_HANDOFFS_PER_MINUTE,
      adminSendsPerMinute: vars.RATE_LIMIT_ADMIN_SENDS_PER_MINUTE,
      tenantRepliesPerMinute: vars.RATE_LIMIT_TENANT_REPLIES_PER_MINUTE,
      inboundPerAddressPerMinute: vars.RATE_LIMIT_INBOUND_PER_ADDRESS_PER_MINUTE,
    },
    trustProxy: vars.TRUST_PROXY,
    logLevel: vars.LOG_LEVEL,
    warnings,
  });
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

function describe(error: ValidationError): string[] {
  const variable = carriesCredential(error.property)
    ? `${error.property} (value hidden: it may carry a credential)`
    : `${error.property}=${JSON.stringify(error.value)}`;
  return Object.values(error.constraints ?? {}).map((message) => `${variable}: ${message}`);
}

function readEncryptionKey(
  vars: EnvironmentVariables,
  problems: string[],
  warnings: string[],
): Buffer {
  if (vars.ENCRYPTION_KEY === undefined) {
    if (vars.NODE_ENV === 'production') {
      problems.push('ENCRYPTION_KEY: is required when NODE_ENV=production (32 bytes, base64)');
    } else {
      warnings.push('ENCRYPTION_KEY is unset: using the development key; never do this in production');
    }
    return DEVELOPMENT_ENCRYPTION_KEY;
  }
  const key = Buffer.from(vars.ENCRYPTION_KEY, 'base64');
  if (key.length !== 32) {
    problems.push(`ENCRYPTION_KEY: must decode to 32 bytes (got ${key.length})`);
  }
  return key;
}
