import { AppRole } from './environment';

/** The validated, typed configuration every provider injects (see `loadConfig`). */
export class AppConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly port: number;
  readonly role: AppRole;
  readonly databaseUrl: string;
  readonly redis: { url: string; prefix: string };
  /** Unset: the platform API is disabled. */
  readonly platformToken?: string;
  readonly encryptionKey: Buffer;
  /** Unset: `/metrics` is open, or not served at all when NODE_ENV=production. */
  readonly metricsToken?: string;
  readonly mail: {
    smtpUrl?: string;
    from: string;
    dir: string;
    retryAttempts: number;
    retryBaseMs: number;
    /** Follow-up emails to the team gather this long (FOLLOW_UP_EMAIL_DELAY_MS). */
    followUpDelayMs: number;
    /** Agents' answers not read this long go to the visitor by email (VISITOR_REPLY_EMAIL_DELAY_MS). */
    visitorReplyDelayMs: number;
  };
  readonly adminBaseUrl: string;
  /** The service's public address, for inbound URLs (PUBLIC_BASE_URL, else ADMIN_BASE_URL). */
  readonly publicBaseUrl: string;
  readonly webhook: { timeoutMs: number; maxBodyBytes: number; allowlist: string; caFile?: string };
  /** API base URL templates of the helpdesk channels (`{subdomain}`, `{domain}`). */
  readonly helpdesks: { zendeskApiBaseUrl: string; freshdeskApiBaseUrl: string; slackApiBaseUrl: string };
  readonly delivery: { concurrency: number; sweepIntervalMs: number; failureNoticeAfter: number };
  readonly retentionSweepIntervalMs: number;
  readonly rateLimits: {
    widgetPerIpPerMinute: number;
    widgetPerConversationPerMinute: number;
    tenantConversationsPerMinute: number;
    tenantHandoffsPerMinute: number;
    adminSendsPerMinute: number;
    tenantRepliesPerMinute: number;
    inboundPerAddressPerMinute: number;
  };
  readonly trustProxy: number;
  readonly logLevel: string;
  /** Non-fatal findings of validation, logged once the logger is up. */
  readonly warnings: readonly string[];

  constructor(values: Omit<AppConfig, 'servesHttp' | 'runsWorkers'>) {
    Object.assign(this, values);
  }

  get servesHttp(): boolean {
    return this.role !== AppRole.Worker;
  }

  get runsWorkers(): boolean {
    return this.role !== AppRole.Api;
  }
}
