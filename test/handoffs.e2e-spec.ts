import { configureHandoff, generateWebhookSecret } from './support/handoff';
import { asAdmin, asPlatform, createTenant, TestTenant } from './support/tenants';
import { queryDatabase, startTestApp, TestApp } from './support/test-app';
import { asVisitor, asWidget, openConversation, postVisitorMessage, requestHandoff, TestConversation } from './support/widget';

describe('Creating handoffs', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ WEBHOOK_ALLOWLIST: '127.0.0.1' });
  });

  afterAll(async () => {
    await testApp.close();
  });

  const askForHandoff = (tenant: TestTenant, conversation: TestConversation, body: object = {}) =>
    testApp.http().post(`/v1/widget/conversations/${conversation.conversationId}/handoff`).set(asVisitor(tenant, conversation)).send(body);

  const countRows = async (table: string, conversationId: string) => {
    const sql =
      table === 'handoffs'
        ? 'SELECT count(*)::int AS n FROM handoffs WHERE conversation_id = $1'
        : 'SELECT count(*)::int AS n FROM deliveries d JOIN handoffs h ON h.id = d.handoff_id WHERE h.conversation_id = $1';
    return (await queryDatabase(testApp.databaseUrl, sql, [conversationId]))[0].n;
  };

  async function readyTenant(settings = { enabled: true, email: 'team@acme.example', webhookUrl: 'https://127.0.0.1:9/hook' }) {
    const tenant = await createTenant(testApp, { handoffEntitled: true });
    await configureHandoff(testApp, tenant, settings);
    await generateWebhookSecret(testApp, tenant);
    return tenant;
  }

  it('answers 202 at once and records the handoff with one pending delivery per channel', async () => {
    const tenant = await readyTenant();
    const conversation = await openConversation(testApp, tenant);
    await postVisitorMessage(testApp, tenant, conversation, 'I need a real person');
    const response = await askForHandoff(tenant, conversation, { visitorEmail: 'visitor@example.com', reason: 'Billing' }).expect(202);
    expect(response.body).toEqual({ handoffId: expect.any(String), status: 'open' });

    const deliveries = await queryDatabase(testApp.databaseUrl, 'SELECT channel, status FROM deliveries WHERE handoff_id = $1 ORDER BY channel', [
      response.body.handoffId,
    ]);
    expect(deliveries.map((d) => d.channel)).toEqual(['email', 'webhook']);
  });

  it('records only the configured channel', async () => {
    const tenant = await readyTenant({ enabled: true, email: 'team@acme.example', webhookUrl: null } as never);
    const conversation = await openConversation(testApp, tenant);
    const response = await askForHandoff(tenant, conversation).expect(202);
    const deliveries = await queryDatabase(testApp.databaseUrl, 'SELECT channel FROM deliveries WHERE handoff_id = $1', [response.body.handoffId]);
    expect(deliveries).toEqual([{ channel: 'email' }]);
  });

  it('is 403 HANDOFF_DISABLED when the entitlement is off, and records nothing', async () => {
    const tenant = await readyTenant();
    await testApp.http().patch(`/v1/platform/tenants/${tenant.id}`).set(asPlatform()).send({ handoffEntitled: false }).expect(200);
    const conversation = await openConversation(testApp, tenant);
    const response = await askForHandoff(tenant, conversation).expect(403);
    expect(response.body).toEqual({ statusCode: 403, code: 'HANDOFF_DISABLED', message: expect.stringContaining("not taking new chats right now") });
    expect(await countRows('handoffs', conversation.conversationId)).toBe(0);
  });

  it('is 403 HANDOFF_DISABLED when the toggle is off, and records nothing', async () => {
    const tenant = await readyTenant();
    await configureHandoff(testApp, tenant, { enabled: false });
    const conversation = await openConversation(testApp, tenant);
    await askForHandoff(tenant, conversation).expect(403);
    expect(await countRows('handoffs', conversation.conversationId)).toBe(0);
  });

  it('is 412 NO_DELIVERY_CHANNEL with neither email nor webhook, and records nothing', async () => {
    const tenant = await readyTenant({ enabled: true, email: null, webhookUrl: null } as never);
    const conversation = await openConversation(testApp, tenant);
    const response = await askForHandoff(tenant, conversation).expect(412);
    expect(response.body).toEqual({ statusCode: 412, code: 'NO_DELIVERY_CHANNEL', message: expect.any(String) });
    expect(await countRows('handoffs', conversation.conversationId)).toBe(0);
    expect(await countRows('deliveries', conversation.conversationId)).toBe(0);
  });

  it('checks the toggle before the channels (403 wins over 412), and authentication before both', async () => {
    const tenant = await readyTenant({ enabled: false, email: null, webhookUrl: null } as never);
    const conversation = await openConversation(testApp, tenant);
    await askForHandoff(tenant, conversation).expect(403);
    await testApp.http().post(`/v1/widget/conversations/${conversation.conversationId}/handoff`).set(asWidget(tenant)).send({}).expect(401);
  });

  it('returns the open handoff on a second click (200), and makes one for two concurrent clicks', async () => {
    const tenant = await readyTenant();
    const conversation = await openConversation(testApp, tenant);
    const first = await askForHandoff(tenant, conversation).expect(202);
    const second = await askForHandoff(tenant, conversation).expect(200);
    expect(second.body).toEqual(first.body);

    const racing = await openConversation(testApp, tenant);
    const responses = await Promise.all(Array.from({ length: 8 }, () => askForHandoff(tenant, racing)));
    const ids = new Set(responses.map((response) => response.body.handoffId));
    expect(ids.size).toBe(1);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 202]);
    expect(await countRows('handoffs', racing.conversationId)).toBe(1);
    expect(await countRows('deliveries', racing.conversationId)).toBe(2);
  });

  it('snapshots the transcript at the handoff: later messages stay in the conversation only', async () => {
    const tenant = await readyTenant();
    const conversation = await openConversation(testApp, tenant);
    await postVisitorMessage(testApp, tenant, conversation, 'before 1');
    await postVisitorMessage(testApp, tenant, conversation, 'before 2');
    const handoff = await askForHandoff(tenant, conversation).expect(202);
    await postVisitorMessage(testApp, tenant, conversation, 'after');

    const [row] = await queryDatabase(testApp.databaseUrl, 'SELECT transcript_length FROM handoffs WHERE id = $1', [handoff.body.handoffId]);
    expect(row.transcript_length).toBe(2);
    const transcript = await testApp.http().get(`/v1/widget/conversations/${conversation.conversationId}/messages`).set(asVisitor(tenant, conversation));
    expect(transcript.body.items).toHaveLength(3);
  });

  it.each([
    ['a reason over 1000 characters', { reason: 'x'.repeat(1001) }],
    ['a malformed email', { visitorEmail: 'not-an-email' }],
    ['an email with a line break', { visitorEmail: 'a@example.com\nBcc: b@example.com' }],
    ['an unknown field', { priority: 'high' }],
  ])('refuses %s with 400 and records nothing', async (_case, body) => {
    const tenant = await readyTenant();
    const conversation = await openConversation(testApp, tenant);
    const response = await askForHandoff(tenant, conversation, body).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(await countRows('handoffs', conversation.conversationId)).toBe(0);
  });

  it('offers the handoff inline once it is available', async () => {
    const tenant = await readyTenant();
    const conversation = await openConversation(testApp, tenant);
    const response = await postVisitorMessage(testApp, tenant, conversation, 'can I speak to someone?');
    expect(response.body.escalation).toEqual({ detected: true, offerHandoff: true });
  });
});

describe('Admin handoffs', () => {
  let testApp: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    testApp = await startTestApp({ WEBHOOK_ALLOWLIST: '127.0.0.1', ADMIN_BASE_URL: 'https://admin.wilow.example' });
    tenant = await createTenant(testApp, { handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, email: 'team@acme.example' });
  });

  afterAll(async () => {
    await testApp.close();
  });

  async function handoffOf(body: object = {}) {
    const conversation = await openConversation(testApp, tenant);
    const response = await requestHandoff(testApp, tenant, conversation, body);
    return { conversation, handoffId: response.body.handoffId as string };
  }

  it('shows a handoff with its conversation link and per-channel delivery', async () => {
    const { conversation, handoffId } = await handoffOf({ visitorEmail: 'v@example.com', reason: 'Refund' });
    const response = await testApp.http().get(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).expect(200);
    expect(response.body).toMatchObject({
      id: handoffId,
      conversationId: conversation.conversationId,
      adminConversationUrl: `https://admin.wilow.example/admin/conversations?id=${conversation.conversationId}`,
      visitorEmail: 'v@example.com',
      reason: 'Refund',
      status: 'open',
      resolvedAt: null,
      deliveries: [{ channel: 'email', status: expect.any(String), attempts: expect.any(Number), attemptLog: expect.any(Array) }],
    });
  });

  it('lists newest first, filters by status, paginates, resolves and reopens', async () => {
    const created = [];
    for (let i = 0; i < 3; i++) created.push((await handoffOf()).handoffId);
    await testApp.http().patch(`/v1/admin/handoffs/${created[0]}`).set(asAdmin(tenant)).send({ status: 'resolved' }).expect(200);

    const firstPage = await testApp.http().get('/v1/admin/handoffs').query({ limit: 2 }).set(asAdmin(tenant)).expect(200);
    expect(firstPage.body.items.map((h: { id: string }) => h.id)).toEqual([created[2], created[1]]);
    const secondPage = await testApp
      .http()
      .get('/v1/admin/handoffs')
      .query({ limit: 2, cursor: firstPage.body.nextCursor })
      .set(asAdmin(tenant))
      .expect(200);
    expect(secondPage.body.items[0].id).toBe(created[0]);

    const resolved = await testApp.http().get('/v1/admin/handoffs').query({ status: 'resolved' }).set(asAdmin(tenant)).expect(200);
    expect(resolved.body.items.map((h: { id: string; resolvedAt: string }) => [h.id, typeof h.resolvedAt])).toEqual([[created[0], 'string']]);

    const reopened = await testApp.http().patch(`/v1/admin/handoffs/${created[0]}`).set(asAdmin(tenant)).send({ status: 'open' }).expect(200);
    expect(reopened.body).toMatchObject({ status: 'open', resolvedAt: null });
    await testApp.http().get('/v1/admin/handoffs').query({ status: 'closed' }).set(asAdmin(tenant)).expect(400);
  });

  it("lists one conversation's handoffs with conversationId, and refuses an id that is not a uuid", async () => {
    const { conversation, handoffId: first } = await handoffOf();
    await testApp.http().patch(`/v1/admin/handoffs/${first}`).set(asAdmin(tenant)).send({ status: 'resolved' }).expect(200);
    const second = (await requestHandoff(testApp, tenant, conversation)).body.handoffId as string;
    await handoffOf();

    const listed = await testApp
      .http()
      .get('/v1/admin/handoffs')
      .query({ conversationId: conversation.conversationId })
      .set(asAdmin(tenant))
      .expect(200);
    expect(listed.body.items.map((h: { id: string }) => h.id)).toEqual([second, first]);
    const open = await testApp
      .http()
      .get('/v1/admin/handoffs')
      .query({ conversationId: conversation.conversationId, status: 'open' })
      .set(asAdmin(tenant))
      .expect(200);
    expect(open.body.items.map((h: { id: string }) => h.id)).toEqual([second]);

    const other = await createTenant(testApp);
    const foreign = await testApp.http().get('/v1/admin/handoffs').query({ conversationId: conversation.conversationId }).set(asAdmin(other)).expect(200);
    expect(foreign.body.items).toEqual([]);
    const invalid = await testApp.http().get('/v1/admin/handoffs').query({ conversationId: 'nope' }).set(asAdmin(tenant)).expect(400);
    expect(invalid.body.errors).toEqual(['conversationId must be a UUID']);
  });

  it('lets a visitor ask again after a resolve, and refuses reopening the old one while the new is open', async () => {
    const { conversation, handoffId } = await handoffOf();
    await testApp.http().patch(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).send({ status: 'resolved' }).expect(200);
    const again = await requestHandoff(testApp, tenant, conversation);
    expect(again.body.handoffId).not.toBe(handoffId);
    const conflict = await testApp.http().patch(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).send({ status: 'open' }).expect(409);
    expect(conflict.body.code).toBe('CONFLICT');
  });

  it("answers another tenant's handoff ids with 404 on every admin route", async () => {
    const { handoffId } = await handoffOf();
    const other = await createTenant(testApp, { handoffEntitled: true });
    await testApp.http().get(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(other)).expect(404);
    await testApp.http().patch(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(other)).send({ status: 'resolved' }).expect(404);
    const listed = await testApp.http().get('/v1/admin/handoffs').set(asAdmin(other)).expect(200);
    expect(listed.body.items).toEqual([]);
    await testApp.http().get('/v1/admin/handoffs/not-a-uuid').set(asAdmin(other)).expect(404);
  });
});
