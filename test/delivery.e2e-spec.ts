import { verify as verifyGithubStyle } from '@octokit/webhooks-methods';
import Redis from 'ioredis';
import { Webhook } from 'standardwebhooks';
import { neverRespond, ReceiverResponse, Responder } from '../src/channels/testing/https-receiver';
import { SmtpReply } from '../src/channels/testing/smtp-sink';
import { HostResolver, SystemHostResolver } from '../src/channels/webhook-target/host-resolver';
import { DeliveryQueue } from '../src/delivery/queue/delivery-queue';
import { configureHandoff, generateWebhookSecret } from './support/handoff';
import { Peers, startPeers } from './support/peers';
import { asAdmin, createTenant, TestTenant } from './support/tenants';
import { queryDatabase, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { openConversation, postVisitorMessage, requestHandoff } from './support/widget';

const ok: Responder = () => ({ status: 200, body: '{"received":true}' });

/** Real DNS, except for the names a test decides (a rebinding attack). */
class ProgrammableResolver extends SystemHostResolver {
  private readonly answers = new Map<string, string[]>();

  constructor() {
    super(2_000);
  }

  set(hostname: string, addresses: string[]): void {
    this.answers.set(hostname, addresses);
  }

  override resolveAll(hostname: string): Promise<string[]> {
    const answer = this.answers.get(hostname);
    return answer ? Promise.resolve(answer) : super.resolveAll(hostname);
  }
}

describe('Delivery to real peers', () => {
  let peers: Peers;
  let testApp: TestApp;
  let respond: Responder = ok;
  let rejectRecipient: (address: string) => SmtpReply | undefined = () => undefined;
  const dns = new ProgrammableResolver();

  beforeAll(async () => {
    peers = await startPeers({
      receiver: { respond: (request) => respond(request) },
      sink: { onRcptTo: (address) => rejectRecipient(address) },
    });
    testApp = await startTestApp(
      {
        ...peers.env,
        EMAIL_RETRY_ATTEMPTS: '4',
        EMAIL_RETRY_BASE_MS: '50',
        WEBHOOK_TIMEOUT_MS: '1000',
        SWEEP_INTERVAL_MS: '1000',
        ADMIN_BASE_URL: 'https://admin.wilow.example',
      },
      (builder) => builder.overrideProvider(HostResolver).useValue(dns),
    );
  });

  afterAll(async () => {
    await testApp.close();
    await peers.close();
  });

  beforeEach(() => {
    respond = ok;
    rejectRecipient = () => undefined;
  });

  async function tenantWithBothChannels(): Promise<{ tenant: TestTenant; secret: string }> {
    const tenant = await createTenant(testApp, { name: 'Acme <Support>', handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, email: 'team@acme.example', webhookUrl: peers.receiver.url });
    return { tenant, secret: await generateWebhookSecret(testApp, tenant) };
  }

  async function handoffWith(tenant: TestTenant, messages: string[], body: object = {}) {
    const conversation = await openConversation(testApp, tenant);
    for (const message of messages) await postVisitorMessage(testApp, tenant, conversation, message);
    const response = await requestHandoff(testApp, tenant, conversation, body);
    return { conversation, handoffId: response.body.handoffId as string };
  }

  const requestsFor = (handoffId: string) =>
    peers.receiver.requests.filter((request) => request.body.toString().includes(handoffId));
  const mailsFor = (handoffId: string) =>
    peers.sink.messages.filter((mail) => mail.headers.get('x-wilow-handoff-id') === handoffId);

  async function deliveryOf(tenant: TestTenant, handoffId: string, channel: string, until: (status: string) => boolean) {
    return waitFor(async () => {
      const response = await testApp.http().get(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).expect(200);
      const delivery = response.body.deliveries.find((d: { channel: string }) => d.channel === channel);
      return until(delivery.status) ? delivery : undefined;
    }, 15_000, `${channel} delivery of ${handoffId}`);
  }
  const finished = (status: string) => status === 'delivered' || status === 'failed';

  it('delivers the signed webhook payload of the contract, verified by third-party libraries', async () => {
    const { tenant, secret } = await tenantWithBothChannels();
    const { conversation, handoffId } = await handoffWith(tenant, ['Hello', 'I need a real person'], {
      visitorEmail: 'visitor@example.com',
      reason: 'Refund',
    });
    const [request] = await waitFor(() => requestsFor(handoffId).length > 0 && requestsFor(handoffId));
    const raw = request.body.toString('utf8');
    const payload = JSON.parse(raw);

    expect(Object.keys(payload)).toEqual([
      'event', 'tenantId', 'conversationId', 'handoffId', 'visitorEmail', 'reason', 'transcript', 'adminConversationUrl',
    ]);
    expect(payload).toMatchObject({
      event: 'handoff.created',
      tenantId: tenant.id,
      conversationId: conversation.conversationId,
      handoffId,
      visitorEmail: 'visitor@example.com',
      reason: 'Refund',
      adminConversationUrl: `https://admin.wilow.example/admin/conversations?id=${conversation.conversationId}`,
    });
    expect(payload.transcript.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', 'Hello'],
      ['user', 'I need a real person'],
    ]);
    expect(Object.keys(payload.transcript[0])).toEqual(['role', 'content', 'createdAt', 'author', 'source']);

    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toMatch(/Wilow/);
    expect(request.headers['x-wilow-event']).toBe('handoff.created');
    expect(await verifyGithubStyle(secret, raw, String(request.headers['x-wilow-signature']))).toBe(true);
    expect(() => new Webhook(secret).verify(raw, request.headers as Record<string, string>)).not.toThrow();
    expect(await verifyGithubStyle(secret, raw.replace('Refund', 'Refunds'), String(request.headers['x-wilow-signature']))).toBe(false);

    const delivery = await deliveryOf(tenant, handoffId, 'webhook', finished);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, responseStatus: 200, lastError: null });
    expect(request.headers['x-wilow-delivery']).toEqual(expect.any(String));
    expect(delivery.attemptLog).toEqual([
      expect.objectContaining({ outcome: 'delivered', responseStatus: 200, responseBody: '{"received":true}', durationMs: expect.any(Number) }),
    ]);
  });

  it('emails the transcript with both parts, escaped HTML, the deep link and Reply-To; both channels share the handoffId', async () => {
    const { tenant } = await tenantWithBothChannels();
    const { conversation, handoffId } = await handoffWith(
      tenant,
      ['<script>alert(1)</script>', 'line one\nline two', '"><img src=x onerror=alert(1)>'],
      { visitorEmail: 'visitor@example.com', reason: '<b>urgent</b>' },
    );
    const [mail] = await waitFor(() => mailsFor(handoffId).length > 0 && mailsFor(handoffId));
    expect(mail.subject).toContain('Acme <Support>');
    expect(mail.replyTo?.value[0].address).toBe('visitor@example.com');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : undefined).toBe('team@acme.example');
    expect(mail.text).toContain('<script>alert(1)</script>');
    expect(mail.text).toContain(`https://admin.wilow.example/admin/conversations?id=${conversation.conversationId}`);
    const html = String(mail.html).replace(/&#x3D;/g, '=');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>urgent</b>');
    expect(html).toMatch(/line one<br>\s*line two/);
    expect(html).toContain(`href="https://admin.wilow.example/admin/conversations?id=${conversation.conversationId}"`);
    expect(html.indexOf('alert(1)&lt;/script')).toBeLessThan(html.indexOf('line one'));

    await waitFor(() => requestsFor(handoffId).length > 0);
    expect(JSON.parse(requestsFor(handoffId)[0].body.toString()).handoffId).toBe(handoffId);
    await deliveryOf(tenant, handoffId, 'email', (status) => status === 'delivered');
  });

  it('retries transient SMTP failures with backoff, then delivers, recording every attempt', async () => {
    const { tenant } = await tenantWithBothChannels();
    let refusals = 0;
    rejectRecipient = () => (refusals++ < 2 ? { code: 451, message: '4.3.0 Try again later' } : undefined);
    const { handoffId } = await handoffWith(tenant, ['help']);
    const delivery = await deliveryOf(tenant, handoffId, 'email', finished);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(delivery.attemptLog.map((a: { outcome: string }) => a.outcome)).toEqual(['transient_failure', 'transient_failure', 'delivered']);
    expect(delivery.attemptLog[0].responseStatus).toBe(451);
    expect(mailsFor(handoffId)).toHaveLength(1);
  });

  it('gives up after EMAIL_RETRY_ATTEMPTS transient failures, saying so', async () => {
    const { tenant } = await tenantWithBothChannels();
    rejectRecipient = () => ({ code: 421, message: '4.7.0 Service not available' });
    const { handoffId } = await handoffWith(tenant, ['help']);
    const delivery = await deliveryOf(tenant, handoffId, 'email', finished);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 4, lastError: expect.stringContaining('gave up after 4 attempts') });
  });

  it('does not retry a permanent SMTP failure', async () => {
    const { tenant } = await tenantWithBothChannels();
    rejectRecipient = () => ({ code: 550, message: '5.1.1 No such user' });
    const { handoffId } = await handoffWith(tenant, ['help']);
    const delivery = await deliveryOf(tenant, handoffId, 'email', finished);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, responseStatus: 550 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = await deliveryOf(tenant, handoffId, 'email', finished);
    expect(again.attempts).toBe(1);
  });

  it.each<[string, Responder, RegExp]>([
    ['an HTTP 500', () => ({ status: 500, body: 'x'.repeat(5000) }), /^answered 500$/],
    ['a redirect', () => ({ status: 302, headers: { Location: 'https://127.0.0.1:1/elsewhere' } }), /redirect/],
    ['a receiver that never answers', neverRespond, /^timed out after/],
  ])('records %s as failed, once, without retrying', async (_case, responder, error) => {
    const { tenant } = await tenantWithBothChannels();
    respond = responder;
    const { handoffId } = await handoffWith(tenant, ['help']);
    const delivery = await deliveryOf(tenant, handoffId, 'webhook', finished);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(error) });
    if (delivery.attemptLog[0].responseBody) expect(Buffer.byteLength(delivery.attemptLog[0].responseBody)).toBeLessThanOrEqual(2048);
    expect(requestsFor(handoffId)).toHaveLength(1);
  });

  it('records a refused connection as failed', async () => {
    const tenant = await createTenant(testApp, { handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, webhookUrl: 'https://127.0.0.1:9/hook' });
    await generateWebhookSecret(testApp, tenant);
    const { handoffId } = await handoffWith(tenant, ['help']);
    const delivery = await deliveryOf(tenant, handoffId, 'webhook', finished);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/refused/) });
  });

  it('redelivers by hand: a new attempt with the same handoffId', async () => {
    const { tenant } = await tenantWithBothChannels();
    respond = () => ({ status: 503 });
    const { handoffId } = await handoffWith(tenant, ['help']);
    await deliveryOf(tenant, handoffId, 'webhook', finished);
    respond = ok;
    const redelivered = await testApp
      .http()
      .post(`/v1/admin/handoffs/${handoffId}/deliveries/webhook/redeliver`)
      .set(asAdmin(tenant))
      .expect(202);
    expect(redelivered.body).toMatchObject({ channel: 'webhook', status: 'pending' });
    const delivery = await deliveryOf(tenant, handoffId, 'webhook', (status) => status === 'delivered');
    expect(delivery.attempts).toBe(2);
    expect(delivery.attemptLog.map((a: { outcome: string }) => a.outcome)).toEqual(['permanent_failure', 'delivered']);
    const ids = requestsFor(handoffId).map((request) => JSON.parse(request.body.toString()).handoffId);
    expect(ids).toEqual([handoffId, handoffId]);

    await testApp.http().post(`/v1/admin/handoffs/${handoffId}/deliveries/slack/redeliver`).set(asAdmin(tenant)).expect(404);
    const other = await createTenant(testApp);
    await testApp.http().post(`/v1/admin/handoffs/${handoffId}/deliveries/webhook/redeliver`).set(asAdmin(other)).expect(404);
  });

  it('sends once when the job of a delivered delivery runs again', async () => {
    const { tenant } = await tenantWithBothChannels();
    const { handoffId } = await handoffWith(tenant, ['help']);
    await deliveryOf(tenant, handoffId, 'webhook', (status) => status === 'delivered');
    const [row] = await queryDatabase(testApp.databaseUrl, "SELECT id FROM deliveries WHERE handoff_id = $1 AND channel = 'webhook'", [handoffId]);
    await testApp.app.get(DeliveryQueue).enqueue([{ id: String(row.id), backoff: { baseMs: 1_000, honoursRetryAfter: false } }]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(requestsFor(handoffId)).toHaveLength(1);
  });

  it('delivers what was recorded but never queued (the sweep), e.g. after Redis lost its jobs', async () => {
    const { tenant } = await tenantWithBothChannels();
    const conversation = await openConversation(testApp, tenant);
    await postVisitorMessage(testApp, tenant, conversation, 'recorded before a crash');
    const [handoff] = await queryDatabase(
      testApp.databaseUrl,
      `INSERT INTO handoffs (tenant_id, conversation_id, transcript_length) VALUES ($1, $2, 1) RETURNING id`,
      [tenant.id, conversation.conversationId],
    );
    await queryDatabase(
      testApp.databaseUrl,
      `INSERT INTO deliveries (handoff_id, channel, max_attempts, updated_at) VALUES ($1, 'webhook', 1, now() - interval '1 minute'), ($1, 'email', 10, now() - interval '1 minute')`,
      [handoff.id],
    );
    const handoffId = String(handoff.id);
    await waitFor(() => requestsFor(handoffId).length === 1 && mailsFor(handoffId).length === 1, 15_000, 'the sweep');
    await deliveryOf(tenant, handoffId, 'webhook', (status) => status === 'delivered');
  });

  it('delivers pending deliveries after the queue was flushed', async () => {
    const { tenant } = await tenantWithBothChannels();
    respond = () => new Promise<ReceiverResponse>((resolve) => setTimeout(() => resolve({ status: 200 }), 200));
    const redis = new Redis(testApp.config.redis.url);
    try {
      const created = await Promise.all(Array.from({ length: 5 }, () => handoffWith(tenant, ['help'])));
      const keys = await redis.keys(`${testApp.config.redis.prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      for (const { handoffId } of created) await deliveryOf(tenant, handoffId, 'webhook', (status) => status === 'delivered');
      for (const { handoffId } of created) expect(mailsFor(handoffId).length).toBeGreaterThanOrEqual(1);
    } finally {
      redis.disconnect();
    }
  });

  it('refuses at send time a host that resolved to a public address when saved and to a blocked one now', async () => {
    const tenant = await createTenant(testApp, { handoffEntitled: true });
    dns.set('rebind.example.com', ['93.184.216.34']);
    await configureHandoff(testApp, tenant, { enabled: true, webhookUrl: 'https://rebind.example.com/hook' });
    await generateWebhookSecret(testApp, tenant);
    dns.set('rebind.example.com', ['169.254.169.254']);
    const before = peers.receiver.requests.length;
    const { handoffId } = await handoffWith(tenant, ['help']);
    const delivery = await deliveryOf(tenant, handoffId, 'webhook', finished);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('address refused') });
    expect(peers.receiver.requests.length).toBe(before);
  });

  describe('Test buttons', () => {
    it('fires a signed synthetic handoff at the webhook and reports the outcome', async () => {
      const { tenant, secret } = await tenantWithBothChannels();
      const response = await testApp.http().post('/v1/admin/handoff/test/webhook').set(asAdmin(tenant)).expect(200);
      expect(response.body).toEqual({ ok: true, statusCode: 200, durationMs: expect.any(Number) });
      const request = peers.receiver.requests[peers.receiver.requests.length - 1];
      const payload = JSON.parse(request.body.toString());
      expect(payload).toMatchObject({ event: 'handoff.created', tenantId: tenant.id, test: true });
      expect(await verifyGithubStyle(secret, request.body.toString(), String(request.headers['x-wilow-signature']))).toBe(true);

      respond = () => ({ status: 500 });
      const failed = await testApp.http().post('/v1/admin/handoff/test/webhook').set(asAdmin(tenant)).expect(200);
      expect(failed.body).toEqual({ ok: false, statusCode: 500, durationMs: expect.any(Number), error: 'answered 500' });
    });

    it('sends a sample email and reports whether the mail server took it', async () => {
      const { tenant } = await tenantWithBothChannels();
      const before = peers.sink.messages.length;
      const response = await testApp.http().post('/v1/admin/handoff/test/email').set(asAdmin(tenant)).expect(200);
      expect(response.body).toMatchObject({ ok: true, durationMs: expect.any(Number) });
      expect(peers.sink.messages.length).toBe(before + 1);
      expect(peers.sink.messages[before].subject).toContain('TEST');

      rejectRecipient = () => ({ code: 550, message: '5.1.1 No such user' });
      const failed = await testApp.http().post('/v1/admin/handoff/test/email').set(asAdmin(tenant)).expect(200);
      expect(failed.body).toMatchObject({ ok: false, error: expect.any(String) });
    });

    it('is 412 CHANNEL_NOT_CONFIGURED for a channel that is not set', async () => {
      const tenant = await createTenant(testApp, { handoffEntitled: true });
      const response = await testApp.http().post('/v1/admin/handoff/test/webhook').set(asAdmin(tenant)).expect(412);
      expect(response.body.code).toBe('CHANNEL_NOT_CONFIGURED');
      await testApp.http().post('/v1/admin/handoff/test/email').set(asAdmin(tenant)).expect(412);
    });
  });

  it('exposes delivery metrics', async () => {
    const response = await testApp.http().get('/metrics').expect(200);
    expect(response.text).toMatch(/wilow_deliveries_total\{channel="webhook",status="delivered"\} \d+/);
    expect(response.text).toMatch(/wilow_delivery_attempts_total\{channel="email",outcome="transient_failure"\} \d+/);
    expect(response.text).toContain('wilow_delivery_latency_seconds_bucket');
    expect(response.text).toMatch(/wilow_delivery_queue_jobs\{state="waiting"\} \d+/);
    expect(response.text).toContain('wilow_http_request_duration_seconds_bucket');
  });
});
