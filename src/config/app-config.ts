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
  };
  readonly adminBaseUrl: string;
  readonly webhook: { timeoutMs: number; maxBodyBytes: number; allowlist: string; caFile?: string };
  /** API base URL templates of the helpdesk channels (`{subdomain}`, `{domain}`). */
  readonly helpdesks: { zendeskApiBaseUrl: string; freshdeskApiBaseUrl: string };
  readonly delivery: { concurrency: number; sweepIntervalMs: number };
  readonly rateLimits: {
    widgetPerIpPerMinute: number;
    widgetPerConversationPerMinute: number;
    tenantConversationsPerMinute: number;
    tenantHandoffsPerMinute: number;
    adminSendsPerMinute: number;
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
