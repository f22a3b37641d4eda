import type { Response } from 'supertest';
import { configureHandoff } from './support/handoff';
import { asAdmin, createTenant, TestTenant } from './support/tenants';
import { queryDatabase, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { asVisitor, asWidget, openConversation, postVisitorMessage, requestHandoff } from './support/widget';

const LIMITS = {
  RATE_LIMIT_WIDGET_PER_IP_PER_MINUTE: '100000',
  RATE_LIMIT_TENANT_CONVERSATIONS_PER_MINUTE: '3',
  RATE_LIMIT_TENANT_HANDOFFS_PER_MINUTE: '2',
  RATE_LIMIT_ADMIN_SENDS_PER_MINUTE: '3',
};

function expectRateLimited(response: Response): void {
  expect(response.status).toBe(429);
  expect(response.body).toEqual({ statusCode: 429, code: 'RATE_LIMITED', message: expect.any(String) });
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
}

describe('Per-tenant rate limits', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp(LIMITS);
  });

  afterAll(async () => {
    await testApp.close();
  });

  const tryOpenConversation = (app: TestApp, tenant: TestTenant) =>
    app.http().post('/v1/widget/conversations').set(asWidget(tenant));

  it('limits the conversations a tenant opens, counted across API processes, and no other tenant', async () => {
    const tenant = await createTenant(testApp);
    // A second API process on the same database and Redis: the count is shared through Redis.
    const secondProcess = await startTestApp({
      ...LIMITS,
      DATABASE_URL: testApp.databaseUrl,
      REDIS_PREFIX: testApp.config.redis.prefix,
    });
    try {
      await tryOpenConversation(testApp, tenant).expect(201);
      await tryOpenConversation(secondProcess, tenant).expect(201);
      await tryOpenConversation(testApp, tenant).expect(201);
      expectRateLimited(await tryOpenConversation(secondProcess, tenant));
      expectRateLimited(await tryOpenConversation(testApp, tenant));
    } finally {
      await secondProcess.app.close();
    }
    const opened = await queryDatabase(testApp.databaseUrl, 'SELECT id FROM conversations WHERE tenant_id = $1', [tenant.id]);
    expect(opened).toHaveLength(3);

    const other = await createTenant(testApp);
    await tryOpenConversation(testApp, other).expect(201);
  });

  it('limits the handoffs a tenant creates; a refused one records nothing', async () => {
    const tenant = await createTenant(testApp, { handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, email: 'team@acme.example' });
    const conversations = [];
    for (let i = 0; i < 3; i++) conversations.push(await openConversation(testApp, tenant));

    await requestHandoff(testApp, tenant, conversations[0]);
    await requestHandoff(testApp, tenant, conversations[1]);
    expectRateLimited((await requestHandoff(testApp, tenant, conversations[2], {}, 429)) as Response);
    const recorded = await queryDatabase(testApp.databaseUrl, 'SELECT conversation_id FROM handoffs WHERE tenant_id = $1', [tenant.id]);
    expect(recorded.map((row) => row.conversation_id).sort()).toEqual([conversations[0].conversationId, conversations[1].conversationId].sort());
  });

  it('counts Test buttons and redeliveries together against one admin send limit per tenant', async () => {
    const tenant = await createTenant(testApp, { handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, email: 'team@acme.example' });
    const { body } = await requestHandoff(testApp, tenant, await openConversation(testApp, tenant));
    const handoffId = body.handoffId as string;
    await waitFor(async () => {
      const handoff = await testApp.http().get(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).expect(200);
      return handoff.body.deliveries[0].status === 'delivered';
    }, 15_000, 'the email delivery');
    const redeliver = () => testApp.http().post(`/v1/admin/handoffs/${handoffId}/deliveries/email/redeliver`).set(asAdmin(tenant));
    const testEmail = (of: TestTenant) => testApp.http().post('/v1/admin/handoff/test/email').set(asAdmin(of));

    await testEmail(tenant).expect(200);
    await redeliver().expect(202);
    await testEmail(tenant).expect(200);
    expectRateLimited(await redeliver());
    expectRateLimited(await testEmail(tenant));
    expectRateLimited(await testApp.http().post('/v1/admin/handoff/test/webhook').set(asAdmin(tenant)));

    const other = await createTenant(testApp, { handoffEntitled: true });
    await configureHandoff(testApp, other, { enabled: true, email: 'team@other.example' });
    await testEmail(other).expect(200);
  });
});

describe('Per-conversation rate limit', () => {
  const PER_CONVERSATION = 3;
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ RATE_LIMIT_WIDGET_PER_IP_PER_MINUTE: '100000', RATE_LIMIT_WIDGET_PER_CONVERSATION_PER_MINUTE: String(PER_CONVERSATION) });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('counts only requests that carry the conversation’s visitor token: a stranger cannot lock its visitor out', async () => {
    const tenant = await createTenant(testApp);
    const conversation = await openConversation(testApp, tenant);
    const asStranger = { ...asWidget(tenant), Authorization: 'Bearer wvt_forged-token-of-someone-who-learned-the-id' };
    const messages = `/v1/widget/conversations/${conversation.conversationId}/messages`;
    for (let i = 0; i < 10; i++) {
      await testApp.http().post(messages).set(asStranger).send({ content: 'let me in' }).expect(404);
      await testApp.http().get(messages).set(asWidget(tenant)).expect(401);
    }

    for (let i = 0; i < PER_CONVERSATION; i++) await postVisitorMessage(testApp, tenant, conversation, `message ${i}`);
    expectRateLimited(await testApp.http().get(messages).set(asVisitor(tenant, conversation)));
  });
});
