import { getMetadataStorage } from 'class-validator';
import { AppRole, carriesCredential, EnvironmentVariables } from './environment';
import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('gives defaults that work on a developer machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      role: AppRole.All,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/wilow',
      redis: { url: 'redis://127.0.0.1:6379', prefix: 'wilow' },
      adminBaseUrl: 'http://localhost:3000',
      mail: { from: 'Wilow <handoff@localhost>', retryAttempts: 10, retryBaseMs: 7000 },
      webhook: { timeoutMs: 10000, allowlist: '' },
    });
    expect(config.platformToken).toBeUndefined();
    expect(config.servesHttp && config.runsWorkers).toBe(true);
    expect(config.encryptionKey).toHaveLength(32);
    expect(config.warnings).toEqual([expect.stringContaining('ENCRYPTION_KEY')]);
  });

  it('spreads the default email retries over about an hour', () => {
    const { retryAttempts, retryBaseMs } = loadConfig({}).mail;
    const totalDelayMs = retryBaseMs * (2 ** (retryAttempts - 1) - 1);
    expect(totalDelayMs / 60_000).toBeGreaterThan(50);
    expect(totalDelayMs / 60_000).toBeLessThan(70);
  });

  it('reads and converts every variable', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({
      PORT: '8080',
      APP_ROLE: 'worker',
      PLATFORM_TOKEN: 'a-long-enough-platform-token',
      ENCRYPTION_KEY: key,
      SMTP_URL: 'smtp://user:pass@mail:587',
      ADMIN_BASE_URL: 'https://admin.example.com/',
      WEBHOOK_TIMEOUT_MS: '2500',
      WEBHOOK_ALLOWLIST: '127.0.0.1,helpdesk.internal',
    });
    expect(config.port).toBe(8080);
    expect(config.servesHttp).toBe(false);
    expect(config.runsWorkers).toBe(true);
    expect(config.encryptionKey.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(config.adminBaseUrl).toBe('https://admin.example.com');
    expect(config.webhook.timeoutMs).toBe(2500);
    expect(config.warnings).toEqual([expect.stringMatching(/^WEBHOOK_ALLOWLIST exempts 127\.0\.0\.1,helpdesk\.internal /)]);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['APP_ROLE', { APP_ROLE: 'both' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/wilow' }],
    ['REDIS_URL', { REDIS_URL: 'localhost:6379' }],
    ['ENCRYPTION_KEY', { ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') }],
    ['ENCRYPTION_KEY', { NODE_ENV: 'production' }],
    ['SMTP_URL', { SMTP_URL: 'mail.example.com' }],
    ['ADMIN_BASE_URL', { ADMIN_BASE_URL: 'not a url' }],
    ['WEBHOOK_TIMEOUT_MS', { WEBHOOK_TIMEOUT_MS: '0' }],
    ['EMAIL_RETRY_ATTEMPTS', { EMAIL_RETRY_ATTEMPTS: '-1' }],
    ['PLATFORM_TOKEN', { PLATFORM_TOKEN: 'short' }],
  ])('stops the start naming %s when it is malformed or missing', (variable, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${variable}\\b`));
  });

  it('never prints the platform token it refuses', () => {
    expect(() => loadConfig({ PLATFORM_TOKEN: 'short' })).not.toThrow(/short/);
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'mysql://wilow:s3cret-pass@db.internal/wilow' }],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://wilow:s3cret-pass@db internal/wilow' }],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://wilow:s3cret-pass@db.internal:99999/wilow' }],
    ['REDIS_URL', { REDIS_URL: 'redis//:s3cret-pass@cache.internal:6379' }],
    ['REDIS_URL', { REDIS_URL: 'redis://:s3cret-pass@cache.internal:99999' }],
    ['SMTP_URL', { SMTP_URL: 'mail://user:s3cret-pass@mail.internal:587' }],
    ['SMTP_URL', { SMTP_URL: 'smtp://user:s3cret-pass@mail.internal:99999' }],
    ['ENCRYPTION_KEY', { ENCRYPTION_KEY: 's3cret-pass' }],
    ['PLATFORM_TOKEN', { PLATFORM_TOKEN: 's3cret-pass' }],
    ['METRICS_TOKEN', { METRICS_TOKEN: 's3cret-pass' }],
  ])('names %s but never prints a value that may carry a credential', (variable, env) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${variable} \\(value hidden`));
    expect(() => loadConfig(env)).not.toThrow(/s3cret|internal/);
  });

  it('prints the value of a variable that carries no credential, to help fix it', () => {
    expect(() => loadConfig({ APP_ROLE: 'both' })).toThrow('APP_ROLE="both"');
  });

  it('marks every variable named like a credential as carrying one', () => {
    const variables = getMetadataStorage()
      .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
      .map((metadata) => metadata.propertyName);
    const credentialLike = [...new Set(variables)].filter((name) => /TOKEN|SECRET|PASSWORD|_KEY$|^(DATABASE|REDIS|SMTP)_URL$/.test(name));
    expect(credentialLike.length).toBeGreaterThanOrEqual(6);
    expect(credentialLike.filter((name) => !carriesCredential(name))).toEqual([]);
  });

  describe('METRICS_TOKEN', () => {
    const production = { NODE_ENV: 'production', ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') };
    const notServed = expect.stringContaining('METRICS_TOKEN is unset: /metrics is not served');

    it('is optional, and reads when set', () => {
      expect(loadConfig({}).metricsToken).toBeUndefined();
      expect(loadConfig({ METRICS_TOKEN: 'a-long-enough-metrics-token' }).metricsToken).toBe('a-long-enough-metrics-token');
    });

    it('warns once at start that production without it serves no /metrics', () => {
      expect(loadConfig(production).warnings).toEqual([notServed]);
      expect(loadConfig({ ...production, METRICS_TOKEN: 'a-long-enough-metrics-token' }).warnings).toEqual([]);
      expect(loadConfig({ ...production, APP_ROLE: 'worker' }).warnings).toEqual([]);
    });
  });

  it('says at start that WEBHOOK_ALLOWLIST exempts its hosts for every tenant', () => {
    const withKey = { ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') };
    expect(loadConfig({ ...withKey, WEBHOOK_ALLOWLIST: 'helpdesk.corp.example,10.0.0.0/8' }).warnings).toEqual([
      expect.stringContaining("WEBHOOK_ALLOWLIST exempts helpdesk.corp.example,10.0.0.0/8 from the private-address block for every tenant's"),
    ]);
    expect(loadConfig({ ...withKey, WEBHOOK_ALLOWLIST: '' }).warnings).toEqual([]);
  });

  it('lists every problem at once', () => {
    expect(() => loadConfig({ PORT: 'x', APP_ROLE: 'y' })).toThrow(/PORT[\s\S]*APP_ROLE|APP_ROLE[\s\S]*PORT/);
  });
});
