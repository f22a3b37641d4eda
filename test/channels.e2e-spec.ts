import { randomBytes } from 'node:crypto';
import { configureHandoff } from './support/handoff';
import { Peers, startPeers } from './support/peers';
import { RecordingChannel, RecordingChannelModule } from './support/recording-channel';
import { asAdmin, createTenant, TestTenant } from './support/tenants';
import { queryDatabase, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { asVisitor, openConversation, postVisitorMessage, requestHandoff } from './support/widget';

const MAX_BODY_BYTES = 20_000;

describe('Delivery channels as plug-ins', () => {
  let peers: Peers;
  let testApp: TestApp;
  let recorder: RecordingChannel;

  beforeAll(async () => {
    peers = await startPeers();
    testApp = await startTestApp({ ...peers.env, WEBHOOK_MAX_BODY_BYTES: String(MAX_BODY_BYTES) }, undefined, [RecordingChannelModule]);
    recorder = testApp.app.get(RecordingChannel);
  });

  afterAll(async () => {
    await testApp.close();
    await peers.close();
  });

  const channels = (tenant: TestTenant) => testApp.http().get('/v1/admin/handoff/channels').set(asAdmin(tenant)).expect(200);
  const put = (tenant: TestTenant, channel: string, settings: object) =>
    testApp.http().put(`/v1/admin/handoff/channels/${channel}`).set(asAdmin(tenant)).send(settings);
  const itemOf = async (tenant: TestTenant, channel: string) =>
    ((await channels(tenant)).body.items as { channel: string }[]).find((item) => item.channel === channel) as Record<string, unknown>;
  const handoffDetail = (tenant: TestTenant, id: string) => testApp.http().get(`/v1/admin/handoffs/${id}`).set(asAdmin(tenant)).expect(200);

  async function enabledTenant(): Promise<TestTenant> {
    const tenant = await createTenant(testApp, { handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true });
    return tenant;
  }

  it('lists every channel with its form fields, nothing configured at first', async () => {
    const tenant = await enabledTenant();
    const { items } = (await channels(tenant)).body;
    expect(items.map((item: { channel: string; displayName: string }) => [item.channel, item.displayName])).toEqual([
      ['email', 'Handoff email'],
      ['webhook', 'Ticket webhook'],
      ['zendesk', 'Zendesk'],
      ['freshdesk', 'Freshdesk'],
      ['slack', 'Slack'],
      ['recorder', 'Recorder'],
    ]);
    expect(items[1]).toEqual({
      channel: 'webhook',
      displayName: 'Ticket webhook',
      configured: false,
      problem: expect.any(String),
      settings: {},
      secrets: [{ name: 'signingSecret', set: false, createdAt: null, previousExpiresAt: null }],
      fields: [
        { name: 'url', label: 'Webhook URL', type: 'url', required: true, secret: false },
        { name: 'events', label: 'Events', type: 'list', required: false, secret: false },
      ],
      failing: null,
      inboundUrl: null,
      inboundBodyTemplate: null,
      inboundSetupSteps: [],
    });
    expect(items.find((item: { channel: string }) => item.channel === 'recorder').fields).toEqual([
      { name: 'inbox', label: 'Inbox name', type: 'text', required: true, secret: false },
      { name: 'token', label: 'Access token', type: 'text', required: true, secret: true },
      { name: 'note', label: 'Note', type: 'text', required: false, secret: false },
    ]);
  });

  it('takes a channel registered by a module of its own through the whole path', async () => {
    const tenant = await enabledTenant();
    const token = `tok_${randomBytes(8).toString('hex')}`;

    const saved = await put(tenant, 'recorder', { inbox: 'support', token }).expect(200);
    expect(saved.body).toMatchObject({ channel: 'recorder', configured: true, problem: null, settings: { inbox: 'support' } });
    expect(saved.body.secrets).toEqual([{ name: 'token', set: true, createdAt: expect.any(String), previousExpiresAt: null }]);
    expect(JSON.stringify((await channels(tenant)).body)).not.toContain(token);

    const conversation = await openConversation(testApp, tenant);
    await postVisitorMessage(testApp, tenant, conversation, 'I need a person');
    const { handoffId } = (await requestHandoff(testApp, tenant, conversation, { reason: 'Refund' }, 202)).body;
    const delivered = await waitFor(() => recorder.delivered.find((entry) => entry.payload.handoffId === handoffId), 10_000, 'the recorder');
    expect(delivered.config).toEqual({ inbox: 'support', token });
    expect(delivered.payload).toMatchObject({ reason: 'Refund', transcript: [{ role: 'user', content: 'I need a person' }], transcriptTotal: 1 });
    const detail = await handoffDetail(tenant, handoffId);
    expect(detail.body.deliveries).toEqual([
      expect.objectContaining({ channel: 'recorder', status: 'delivered', externalId: 'rec-1', externalUrl: 'https://recorder.example/1' }),
    ]);

    await testApp.http().post(`/v1/admin/handoffs/${handoffId}/deliveries/recorder/redeliver`).set(asAdmin(tenant)).expect(202);
    await waitFor(() => recorder.delivered.filter((entry) => entry.payload.handoffId === handoffId).length === 2, 10_000, 'the redelivery');

    const tested = await testApp.http().post('/v1/admin/handoff/channels/recorder/test').set(asAdmin(tenant)).expect(200);
    expect(tested.body).toEqual({ ok: true, statusCode: 200, durationMs: expect.any(Number), externalUrl: 'https://recorder.example/1' });
    expect(recorder.delivered[recorder.delivered.length - 1].payload.test).toBe(true);

    // A save without the secret keeps the stored one; DELETE forgets everything.
    await put(tenant, 'recorder', { inbox: 'billing' }).expect(200);
    expect(await itemOf(tenant, 'recorder')).toMatchObject({ configured: true, settings: { inbox: 'billing' } });
    await testApp.http().delete('/v1/admin/handoff/channels/recorder').set(asAdmin(tenant)).expect(204);
    expect(await itemOf(tenant, 'recorder')).toMatchObject({ configured: false, settings: {}, secrets: [{ name: 'token', set: false, createdAt: null, previousExpiresAt: null }] });
    const again = await openConversation(testApp, tenant);
    await requestHandoff(testApp, tenant, again, {}, 412);
  });

  it('retries a transient failure on the channel\'s own policy, then delivers', async () => {
    const tenant = await enabledTenant();
    await put(tenant, 'recorder', { inbox: 'support', token: 'tok_retrying' }).expect(200);
    recorder.failNext = 2;
    const conversation = await openConversation(testApp, tenant);
    const { handoffId } = (await requestHandoff(testApp, tenant, conversation, {}, 202)).body;
    const delivery = await waitFor(async () => {
      const [found] = (await handoffDetail(tenant, handoffId)).body.deliveries;
      return found.status === 'delivered' && found;
    }, 10_000, 'the retried delivery');
    expect(delivery.attemptLog.map((attempt: { outcome: string }) => attempt.outcome)).toEqual(['transient_failure', 'transient_failure', 'delivered']);
  });

  it('refuses settings that fail the channel\'s validation or rules, and unknown channels', async () => {
    const tenant = await enabledTenant();
    const invalid = await put(tenant, 'email', { address: 'not an address' }).expect(400);
    expect(invalid.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('address') });
    expect((await put(tenant, 'email', { address: 'team@acme.example', extra: 1 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await put(tenant, 'recorder', { inbox: 'support' }).expect(400)).body.message).toContain('token');
    const http = await put(tenant, 'webhook', { url: 'http://hooks.example.com/x' }).expect(400);
    expect(http.body).toMatchObject({ code: 'WEBHOOK_URL_REJECTED', message: expect.stringContaining('https') });
    await put(tenant, 'webhook', { url: 'https://10.0.0.1/hook' }).expect(400);
    expect((await put(tenant, 'webhook', { url: peers.receiver.url, signingSecret: 'mine' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    await put(tenant, 'carrier-pigeon', {}).expect(404);
    await testApp.http().delete('/v1/admin/handoff/channels/carrier-pigeon').set(asAdmin(tenant)).expect(404);
    await testApp.http().post('/v1/admin/handoff/channels/email/secret').set(asAdmin(tenant)).expect(404);
    expect(await itemOf(tenant, 'webhook')).toMatchObject({ configured: false, settings: {} });
  });

  it('does not accept a handoff that a webhook without a signing secret could never deliver (412), until one is generated', async () => {
    const tenant = await enabledTenant();
    expect((await put(tenant, 'webhook', { url: peers.receiver.url }).expect(200)).body).toMatchObject({
      configured: false,
      problem: expect.stringContaining('signing secret'),
    });
    const conversation = await openConversation(testApp, tenant);
    const refused = await requestHandoff(testApp, tenant, conversation, {}, 412);
    expect(refused.body.code).toBe('NO_DELIVERY_CHANNEL');
    const [{ n }] = await queryDatabase(testApp.databaseUrl, 'SELECT count(*)::int AS n FROM handoffs WHERE conversation_id = $1', [conversation.conversationId]);
    expect(n).toBe(0);
    await testApp.http().post('/v1/admin/handoff/channels/webhook/test').set(asAdmin(tenant)).expect(412);

    const { secret } = (await testApp.http().post('/v1/admin/handoff/channels/webhook/secret').set(asAdmin(tenant)).expect(201)).body;
    expect(secret).toMatch(/^whsec_/);
    expect(await itemOf(tenant, 'webhook')).toMatchObject({ configured: true, problem: null, secrets: [{ name: 'signingSecret', set: true }] });
    expect(JSON.stringify((await channels(tenant)).body)).not.toContain(secret.slice(6));
    const { handoffId } = (await requestHandoff(testApp, tenant, conversation, {}, 202)).body;
    await waitFor(() => peers.receiver.requests.some((request) => request.body.toString().includes(handoffId)), 10_000, 'the webhook');
  });

  it('refuses control characters in messages and reasons with 400, never a 500', async () => {
    const tenant = await enabledTenant();
    await put(tenant, 'recorder', { inbox: 'support', token: 'tok_control' }).expect(200);
    const conversation = await openConversation(testApp, tenant);
    const message = await testApp
      .http()
      .post(`/v1/widget/conversations/${conversation.conversationId}/messages`)
      .set(asVisitor(tenant, conversation))
      .send({ content: 'nul \u0000 byte' })
      .expect(400);
    expect(message.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('control characters') });
    await testApp
      .http()
      .post(`/v1/admin/conversations/${conversation.conversationId}/messages`)
      .set(asAdmin(tenant))
      .send({ role: 'assistant', content: 'bell \u0007' })
      .expect(400);
    const handoff = await requestHandoff(testApp, tenant, conversation, { reason: 'escape \u001b[31m' }, 400);
    expect(handoff.body.code).toBe('VALIDATION_FAILED');
    await postVisitorMessage(testApp, tenant, conversation, 'tabs\tand\nlines are fine');
    expect(await queryDatabase(testApp.databaseUrl, 'SELECT content FROM messages WHERE conversation_id = $1', [conversation.conversationId])).toEqual([
      { content: 'tabs\tand\nlines are fine' },
    ]);
  });

  it('refuses bidirectional text controls in messages and reasons, so a transcript shows what was sent', async () => {
    const tenant = await enabledTenant();
    await put(tenant, 'recorder', { inbox: 'support', token: 'tok_bidi_x' }).expect(200);
    const conversation = await openConversation(testApp, tenant);
    for (const content of ['refund \u202Efdp.exe', 'isolate \u2066x\u2069']) {
      const message = await testApp
        .http()
        .post(`/v1/widget/conversations/${conversation.conversationId}/messages`)
        .set(asVisitor(tenant, conversation))
        .send({ content })
        .expect(400);
      expect(message.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('bidirectional text controls') });
    }
    await testApp
      .http()
      .post(`/v1/admin/conversations/${conversation.conversationId}/messages`)
      .set(asAdmin(tenant))
      .send({ role: 'assistant', content: 'override \u202D' })
      .expect(400);
    expect((await requestHandoff(testApp, tenant, conversation, { reason: 'embedding \u202B' }, 400)).body.code).toBe('VALIDATION_FAILED');
    expect(await queryDatabase(testApp.databaseUrl, 'SELECT id FROM messages WHERE conversation_id = $1', [conversation.conversationId])).toEqual([]);
    expect(await queryDatabase(testApp.databaseUrl, 'SELECT id FROM handoffs WHERE conversation_id = $1', [conversation.conversationId])).toEqual([]);
  });

  it('sends the newest messages that fit the webhook body limit, and the whole conversation stays behind the link', async () => {
    const tenant = await enabledTenant();
    await put(tenant, 'webhook', { url: peers.receiver.url }).expect(200);
    await testApp.http().post('/v1/admin/handoff/channels/webhook/secret').set(asAdmin(tenant)).expect(201);
    const conversation = await openConversation(testApp, tenant);
    for (let index = 0; index < 30; index += 1) {
      await testApp
        .http()
        .post(`/v1/admin/conversations/${conversation.conversationId}/messages`)
        .set(asAdmin(tenant))
        .send({ role: 'assistant', content: `message ${index} ${'é'.repeat(1500)}` })
        .expect(201);
    }
    const { handoffId } = (await requestHandoff(testApp, tenant, conversation, {}, 202)).body;
    const request = await waitFor(() => peers.receiver.requests.find((candidate) => candidate.body.toString().includes(handoffId)), 10_000, 'the webhook');
    expect(request.body.length).toBeLessThanOrEqual(MAX_BODY_BYTES);
    const body = JSON.parse(request.body.toString()) as { transcript: { content: string }[]; transcriptTruncated: boolean; transcriptTotal: number; adminConversationUrl: string };
    expect(body).toMatchObject({ transcriptTruncated: true, transcriptTotal: 30 });
    expect(body.transcript.length).toBeGreaterThan(0);
    expect(body.transcript.length).toBeLessThan(30);
    expect(body.transcript[body.transcript.length - 1].content).toMatch(/^message 29 /);
    const whole = await testApp.http().get(`/v1/admin/conversations/${conversation.conversationId}`).set(asAdmin(tenant)).expect(200);
    expect(whole.body.messages).toHaveLength(30);
  });
});
