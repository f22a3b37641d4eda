import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configureHandoff, generateWebhookSecret } from './support/handoff';
import { fetchJson, startServiceProcess } from './support/service-process';
import { asAdmin, asPlatform, createTenant, TestTenant } from './support/tenants';
import { isolatedEnvironment, queryDatabase, startTestApp, TestApp } from './support/test-app';
import { asWidget, TestConversation } from './support/widget';
import { waitFor } from './support/wait';

const SSRF_CORPUS = readFileSync(join(__dirname, '..', 'src/channels/webhook-target/__fixtures__/ssrf-urls.txt'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));

describe('Handoff settings', () => {
  let testApp: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    testApp = await startTestApp({ WEBHOOK_ALLOWLIST: '127.0.0.1' });
    tenant = await createTenant(testApp, { handoffEntitled: true });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('starts empty and off', async () => {
    const fresh = await createTenant(testApp);
    const response = await testApp.http().get('/v1/admin/handoff/settings').set(asAdmin(fresh)).expect(200);
    expect(response.body).toEqual({
      enabled: false,
      entitled: false,
      email: null,
      webhookUrl: null,
      webhookSecretSet: false,
      webhookSecretCreatedAt: null,
    });
  });

  it('saves channels and the toggle, and null clears a channel', async () => {
    const saved = await configureHandoff(testApp, tenant, {
      enabled: true,
      email: 'support@acme.example',
      webhookUrl: 'https://127.0.0.1:8443/hooks/wilow',
    });
    expect(saved).toMatchObject({ enabled: true, email: 'support@acme.example', webhookUrl: 'https://127.0.0.1:8443/hooks/wilow' });
    const cleared = await configureHandoff(testApp, tenant, { webhookUrl: null });
    expect(cleared).toMatchObject({ enabled: true, email: 'support@acme.example', webhookUrl: null });
    const config = await testApp.http().get('/v1/widget/config').set(asWidget(tenant)).expect(200);
    expect(config.body).toEqual({ handoff: { enabled: true } });
  });

  it('refuses enabling handoff without the entitlement (403, says to contact Wilow)', async () => {
    const notEntitled = await createTenant(testApp, { handoffEntitled: false });
    const response = await testApp
      .http()
      .patch('/v1/admin/handoff/settings')
      .set(asAdmin(notEntitled))
      .send({ enabled: true })
      .expect(403);
    expect(response.body).toEqual({ statusCode: 403, code: 'HANDOFF_NOT_ENTITLED', message: expect.stringContaining('contact Wilow') });
    await testApp.http().patch('/v1/admin/handoff/settings').set(asAdmin(notEntitled)).send({ enabled: false }).expect(200);
  });

  it.each([
    ['a display name', 'Support <support@acme.example>'],
    ['two addresses', 'a@acme.example, b@acme.example'],
    ['a header injection', 'support@acme.example\r\nBcc: victim@example.com'],
    ['no domain', 'support@'],
    ['not a string', 42],
  ])('refuses an email with %s (400)', async (_case, email) => {
    const response = await testApp.http().patch('/v1/admin/handoff/settings').set(asAdmin(tenant)).send({ email }).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it.each([
    ['http', 'http://127.0.0.1:8443/hook', 'https'],
    ['credentials', 'https://user:pass@127.0.0.1:8443/hook', 'credentials'],
    ['a private address', 'https://10.0.0.5/hook', 'private or reserved'],
    ['an internal name', 'https://helpdesk.internal/hook', 'internal name'],
    ['a name that does not resolve', 'https://no-such-host.invalid/hook', 'could not be resolved'],
  ])('says why a URL with %s is refused', async (_case, webhookUrl, reason) => {
    const response = await testApp.http().patch('/v1/admin/handoff/settings').set(asAdmin(tenant)).send({ webhookUrl }).expect(400);
    expect(response.body).toEqual({ statusCode: 400, code: 'WEBHOOK_URL_REJECTED', message: expect.stringContaining(reason) });
  });

  it('does not apply a valid change when another field of the same request is refused', async () => {
    await configureHandoff(testApp, tenant, { email: 'first@acme.example' });
    await testApp
      .http()
      .patch('/v1/admin/handoff/settings')
      .set(asAdmin(tenant))
      .send({ email: 'second@acme.example', webhookUrl: 'https://10.0.0.5/hook' })
      .expect(400);
    const settings = await testApp.http().get('/v1/admin/handoff/settings').set(asAdmin(tenant)).expect(200);
    expect(settings.body.email).toBe('first@acme.example');
  });

  it('shows the webhook secret once, stores it encrypted, and regenerates it', async () => {
    const secret = await generateWebhookSecret(testApp, tenant);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);

    const settings = await testApp.http().get('/v1/admin/handoff/settings').set(asAdmin(tenant)).expect(200);
    expect(settings.body.webhookSecretSet).toBe(true);
    expect(settings.body.webhookSecretCreatedAt).toEqual(expect.any(String));
    expect(JSON.stringify(settings.body)).not.toContain(secret.slice(6));

    const [row] = await queryDatabase(testApp.databaseUrl, "SELECT * FROM channel_settings WHERE tenant_id = $1 AND channel = 'webhook'", [tenant.id]);
    expect(JSON.stringify(row)).not.toContain(secret.slice(6));
    expect(row.secrets).toEqual({ signingSecret: { encrypted: expect.stringMatching(/^v1:/), createdAt: expect.any(String) } });

    const replaced = await generateWebhookSecret(testApp, tenant);
    expect(replaced).not.toEqual(secret);
  });

  it("keeps each tenant's settings to itself", async () => {
    const other = await createTenant(testApp, { handoffEntitled: true });
    await configureHandoff(testApp, other, { email: 'other@other.example' });
    const mine = await testApp.http().get('/v1/admin/handoff/settings').set(asAdmin(tenant)).expect(200);
    expect(mine.body.email).not.toBe('other@other.example');
  });

  it('answers the entitlement change on the widget config at once', async () => {
    await configureHandoff(testApp, tenant, { enabled: true });
    await testApp.http().get('/v1/widget/config').set(asWidget(tenant)).expect(200, { handoff: { enabled: true } });
    await testApp.http().patch(`/v1/platform/tenants/${tenant.id}`).set(asPlatform()).send({ handoffEntitled: false }).expect(200);
    await testApp.http().get('/v1/widget/config').set(asWidget(tenant)).expect(200, { handoff: { enabled: false } });
    await testApp.http().patch(`/v1/platform/tenants/${tenant.id}`).set(asPlatform()).send({ handoffEntitled: true }).expect(200);
  });
});

describe('Webhook URLs at save time, without an allowlist', () => {
  let testApp: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    testApp = await startTestApp();
    tenant = await createTenant(testApp, { handoffEntitled: true });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('refuses every URL of the SSRF corpus at save time (400 WEBHOOK_URL_REJECTED), saving nothing', async () => {
    expect(SSRF_CORPUS.length).toBeGreaterThan(200);
    const before = await testApp.http().get('/v1/admin/handoff/settings').set(asAdmin(tenant)).expect(200);
    const accepted: string[] = [];
    for (const webhookUrl of SSRF_CORPUS) {
      const response = await testApp.http().patch('/v1/admin/handoff/settings').set(asAdmin(tenant)).send({ webhookUrl });
      if (response.status !== 400 || response.body.code !== 'WEBHOOK_URL_REJECTED') accepted.push(`${webhookUrl} → ${response.status}`);
    }
    expect(accepted).toEqual([]);
    const after = await testApp.http().get('/v1/admin/handoff/settings').set(asAdmin(tenant)).expect(200);
    expect(after.body.webhookUrl).toEqual(before.body.webhookUrl);
  });
});

describe('Handoff settings across processes', () => {
  it('invalidates the widget config cache of another API process at once', async () => {
    const env = isolatedEnvironment();
    const first = await startServiceProcess({ ...env, APP_ROLE: 'api' });
    const second = await startServiceProcess({ ...env, APP_ROLE: 'api' });
    try {
      const created = await fetchJson<TestTenant>(`${first.url}/v1/platform/tenants`, {
        method: 'POST',
        headers: asPlatform(),
        body: JSON.stringify({ name: 'Multi', handoffEntitled: true }),
      });
      const widget = { 'X-Widget-Key': created.widgetKey as string };
      const readConfig = () => fetchJson<{ handoff: { enabled: boolean } }>(`${second.url}/v1/widget/config`, { headers: widget });

      expect(await readConfig()).toEqual({ handoff: { enabled: false } });
      await fetch(`${first.url}/v1/admin/handoff/settings`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${created.adminApiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ enabled: true }),
      });
      const deadline = Date.now() + 2000;
      let config = await readConfig();
      while (!config.handoff.enabled && Date.now() < deadline) config = await readConfig();
      expect(config).toEqual({ handoff: { enabled: true } });
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it('never writes the webhook secret, helpdesk tokens, keys or tokens to its logs, even when deliveries fail', async () => {
    const service = await startServiceProcess(
      isolatedEnvironment({ LOG_LEVEL: 'trace', WEBHOOK_ALLOWLIST: '127.0.0.1', ZENDESK_API_BASE_URL: 'https://127.0.0.1:9', SLACK_API_BASE_URL: 'https://127.0.0.1:9' }),
    );
    try {
      const created = await fetchJson<TestTenant>(`${service.url}/v1/platform/tenants`, {
        method: 'POST',
        headers: asPlatform(),
        body: JSON.stringify({ name: 'Logs', handoffEntitled: true }),
      });
      const admin = { Authorization: `Bearer ${created.adminApiKey}` };
      await fetchJson(`${service.url}/v1/admin/handoff/settings`, {
        method: 'PATCH',
        headers: admin,
        body: JSON.stringify({ enabled: true, webhookUrl: 'https://127.0.0.1:9/hook' }),
      });
      const { secret } = await fetchJson<{ secret: string }>(`${service.url}/v1/admin/handoff/webhook-secret`, {
        method: 'POST',
        headers: admin,
      });
      const zendeskToken = 'zdtoken_0123456789abcdefghij';
      const slackPath = '/services/T0001/B0001/slacksecretpath0123456789';
      const zendeskSigningSecret = 'zdsigning_0123456789abcdefghij';
      const slackSigningSecret = '5151a1b2c3d4e5f60718293a4b5c6d7e';
      const slackBotToken = 'xoxb-0123456789abcdefghij';
      // Slack saved as an incoming webhook, then as an app (which forgets the webhook): both modes' secrets pass through.
      const helpdesks: [string, object][] = [
        ['zendesk', { subdomain: 'acme', agentEmail: 'agent@acme.example', apiToken: zendeskToken, webhookSigningSecret: zendeskSigningSecret }],
        ['slack', { webhookUrl: `https://127.0.0.1:9${slackPath}` }],
        ['slack', { botToken: slackBotToken, channelId: 'C0LOGS', signingSecret: slackSigningSecret }],
      ];
      for (const [channel, settings] of helpdesks) {
        const saved = await fetchJson<{ configured: boolean }>(`${service.url}/v1/admin/handoff/channels/${channel}`, {
          method: 'PUT',
          headers: admin,
          body: JSON.stringify(settings),
        });
        expect(saved).toMatchObject({ configured: true });
      }
      const conversation = await fetchJson<TestConversation>(`${service.url}/v1/widget/conversations`, {
        method: 'POST',
        headers: { 'X-Widget-Key': created.widgetKey },
      });
      const visitor = { 'X-Widget-Key': created.widgetKey, Authorization: `Bearer ${conversation.visitorToken}` };
      await fetchJson(`${service.url}/v1/widget/conversations/${conversation.conversationId}/handoff`, {
        method: 'POST',
        headers: visitor,
        body: '{}',
      });
      // Helpdesks calling their inbound addresses, with and without a valid request: the tokens in the paths stay out of the logs.
      const { items } = await fetchJson<{ items: { channel: string; inboundUrl: string | null }[] }>(`${service.url}/v1/admin/handoff/channels`, { headers: admin });
      const inboundTokens: string[] = [];
      for (const { inboundUrl } of items.filter((item) => item.inboundUrl !== null)) {
        const path = new URL(inboundUrl as string).pathname;
        inboundTokens.push(path.split('/').pop() as string);
        const answer = await fetch(`${service.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"ticketId":"42"}' });
        expect([200, 401]).toContain(answer.status);
      }
      expect(inboundTokens).toHaveLength(3);
      const failuresLogged = () => ['webhook', 'zendesk', 'slack'].every((channel) => service.output().includes(`"channel":"${channel}","status"`));
      await waitFor(failuresLogged, 10_000, 'the failed deliveries to be logged');

      const logs = service.output();
      expect(logs).toContain('/v1/admin/handoff/webhook-secret');
      expect(logs).toContain('/v1/admin/handoff/channels/zendesk');
      expect(logs).toContain('/v1/inbound/zendesk/[redacted]');
      for (const value of [...inboundTokens, zendeskSigningSecret, slackSigningSecret, slackBotToken, secret, zendeskToken, slackPath, created.adminApiKey, conversation.visitorToken, 'test-platform-token-0123456789']) {
        expect(logs).not.toContain(String(value).slice(4));
      }
      expect(logs).not.toContain(created.widgetKey);
    } finally {
      await service.stop();
    }
  });
});
