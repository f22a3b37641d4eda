import { HttpsReceiver, ReceivedRequest, ReceiverResponse, startHttpsReceiver } from '../src/channels/testing/https-receiver';
import { configureHandoff } from './support/handoff';
import { Peers, startPeers } from './support/peers';
import { asAdmin, createTenant, TestTenant } from './support/tenants';
import { queryDatabase, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { openConversation, postVisitorMessage, requestHandoff } from './support/widget';

const ZENDESK_TOKEN = 'zd-token-7a1f5e9c3b';
const FRESHDESK_KEY = 'fd-key-41c0e8a2d6';
const SLACK_PATH = '/services/T0001/B0001/sl4ckS3cr3tP4th';

/**
 * A helpdesk API as its public documentation describes it: it checks the method, path and
 * Basic credentials, records the tickets it creates, and answers the documented success body,
 * unless a test queued faults to answer first.
 */
interface FakeHelpdesk {
  server: HttpsReceiver;
  /** Answered in order, one per request, before the helpdesk behaves normally again. */
  faults: ReceiverResponse[];
  tickets: { id: number; request: ReceivedRequest; body: Record<string, unknown> }[];
}

async function startFakeHelpdesk(
  expected: { path: string; authorization: () => string },
  created: (id: number, body: Record<string, unknown>) => ReceiverResponse,
  idempotent = false,
): Promise<FakeHelpdesk> {
  const helpdesk: FakeHelpdesk = { server: undefined as unknown as HttpsReceiver, faults: [], tickets: [] };
  const byKey = new Map<string, ReceiverResponse>();
  helpdesk.server = await startHttpsReceiver({
    respond: (request) => {
      if (request.method !== 'POST' || request.path !== expected.path) return { status: 404, body: '{"error":"InvalidEndpoint"}' };
      if (request.headers.authorization !== expected.authorization()) {
        return { status: 401, body: '{"error":"Couldn\'t authenticate you"}' };
      }
      const fault = helpdesk.faults.shift();
      if (fault) return fault;
      const key = String(request.headers['idempotency-key'] ?? '');
      const replay = idempotent && key !== '' ? byKey.get(key) : undefined;
      if (replay) return replay;
      const body = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
      const id = 1000 + helpdesk.tickets.length;
      helpdesk.tickets.push({ id, request, body });
      const response = created(id, body);
      if (key !== '') byKey.set(key, response);
      return response;
    },
  });
  return helpdesk;
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Native helpdesk channels: Zendesk, Freshdesk and Slack', () => {
  let peers: Peers;
  let zendesk: FakeHelpdesk;
  let freshdesk: FakeHelpdesk;
  let slack: FakeHelpdesk;
  let testApp: TestApp;

  beforeAll(async () => {
    peers = await startPeers();
    // Zendesk: POST /api/v2/tickets.json answers 201 with the ticket and its API URL in Location.
    zendesk = await startFakeHelpdesk(
      { path: '/api/v2/tickets.json', authorization: () => basic('agent@acme.example/token', ZENDESK_TOKEN) },
      (id, body) => ({
        status: 201,
        headers: { 'Content-Type': 'application/json', Location: `https://acme.zendesk.com/api/v2/tickets/${id}.json` },
        body: JSON.stringify({ ticket: { url: `https://acme.zendesk.com/api/v2/tickets/${id}.json`, id, ...(body.ticket as object), status: 'new' } }),
      }),
      true,
    );
    // Freshdesk: POST /api/v2/tickets answers 201 with the ticket.
    freshdesk = await startFakeHelpdesk(
      { path: '/api/v2/tickets', authorization: () => basic(FRESHDESK_KEY, 'X') },
      (id, body) => ({ status: 201, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id, ...body, requester_id: 42 }) }),
    );
    // Slack incoming webhook: the URL is the credential; answers 200 "ok".
    slack = await startFakeHelpdesk({ path: SLACK_PATH, authorization: () => undefined as unknown as string }, () => ({ status: 200, body: 'ok' }));
    testApp = await startTestApp({
      ...peers.env,
      ZENDESK_API_BASE_URL: `https://localhost:${zendesk.server.port}`,
      FRESHDESK_API_BASE_URL: `https://localhost:${freshdesk.server.port}`,
      ADMIN_BASE_URL: 'https://admin.wilow.example',
    });
  });

  afterAll(async () => {
    await testApp.close();
    await Promise.all([peers.close(), zendesk.server.close(), freshdesk.server.close(), slack.server.close()]);
  });

  beforeEach(() => {
    for (const helpdesk of [zendesk, freshdesk, slack]) helpdesk.faults.length = 0;
  });

  const slackUrl = () => `https://localhost:${slack.server.port}${SLACK_PATH}`;
  const settingsOf = {
    zendesk: () => ({ subdomain: 'acme', agentEmail: 'agent@acme.example', apiToken: ZENDESK_TOKEN, conversationFieldId: 360001, tags: ['vip'] }),
    freshdesk: () => ({ domain: 'acme', apiKey: FRESHDESK_KEY, fallbackRequesterEmail: 'support@acme.example', priority: 3 }),
    slack: () => ({ webhookUrl: slackUrl() }),
  };
  type Native = keyof typeof settingsOf;

  async function tenantWith(...channels: Native[]): Promise<TestTenant> {
    const tenant = await createTenant(testApp, { name: 'Acme Support', handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true });
    for (const channel of channels) {
      await testApp.http().put(`/v1/admin/handoff/channels/${channel}`).set(asAdmin(tenant)).send(settingsOf[channel]()).expect(200);
    }
    return tenant;
  }

  async function handoffWith(tenant: TestTenant, messages: string[], body: object = {}) {
    const conversation = await openConversation(testApp, tenant);
    for (const message of messages) await postVisitorMessage(testApp, tenant, conversation, message);
    const response = await requestHandoff(testApp, tenant, conversation, body);
    return { conversation, handoffId: response.body.handoffId as string };
  }

  async function deliveryOf(tenant: TestTenant, handoffId: string, channel: string) {
    return waitFor(async () => {
      const response = await testApp.http().get(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).expect(200);
      const delivery = response.body.deliveries.find((d: { channel: string }) => d.channel === channel);
      return delivery && ['delivered', 'failed'].includes(delivery.status) ? delivery : undefined;
    }, 20_000, `${channel} delivery of ${handoffId}`);
  }

  const ticketsFor = (helpdesk: FakeHelpdesk, handoffId: string) =>
    helpdesk.tickets.filter((ticket) => ticket.request.body.toString().includes(handoffId));
  const requestsFor = (helpdesk: FakeHelpdesk, handoffId: string) =>
    helpdesk.server.requests.filter((request) => request.body.toString().includes(handoffId));

  describe('Zendesk', () => {
    it('creates a ticket with every mapped field, the visitor text escaped, and links it from the handoff', async () => {
      const tenant = await tenantWith('zendesk');
      const { conversation, handoffId } = await handoffWith(tenant, ['Hi <script>alert(1)</script> & bye', 'I need a person'], {
        visitorEmail: 'visitor@example.com',
        reason: 'Refund <b>now</b>',
      });

      const delivery = await deliveryOf(tenant, handoffId, 'zendesk');

      const [ticket] = ticketsFor(zendesk, handoffId);
      expect(ticket.request.headers).toMatchObject({
        authorization: basic('agent@acme.example/token', ZENDESK_TOKEN),
        'content-type': 'application/json',
        'idempotency-key': expect.any(String),
      });
      const adminUrl = `https://admin.wilow.example/admin/conversations?id=${conversation.conversationId}`;
      expect(ticket.body).toEqual({
        ticket: {
          subject: 'Refund <b>now</b>',
          comment: { html_body: expect.any(String), public: false },
          requester: { email: 'visitor@example.com' },
          external_id: handoffId,
          tags: ['wilow', 'handoff', 'vip'],
          custom_fields: [{ id: 360001, value: adminUrl }],
        },
      });
      const html = (ticket.body.ticket as { comment: { html_body: string } }).comment.html_body;
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<b>');
      expect(html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt; &amp; bye');
      expect(html).toContain('Refund &lt;b&gt;now&lt;/b&gt;');
      expect(html).toContain(`<a href="${adminUrl.replace('&', '&amp;')}">`);
      expect(html.indexOf('Hi &lt;script')).toBeLessThan(html.indexOf('I need a person'));
      expect(html).toMatch(/<strong>Visitor<\/strong> · \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
      expect(delivery).toMatchObject({
        status: 'delivered',
        attempts: 1,
        responseStatus: 201,
        externalId: String(ticket.id),
        externalUrl: `https://acme.zendesk.com/agent/tickets/${ticket.id}`,
      });
    });

    it('retries a 503 after its Retry-After with the same Idempotency-Key, making one ticket', async () => {
      const tenant = await tenantWith('zendesk');
      zendesk.faults.push({ status: 503, headers: { 'Retry-After': '1' }, body: '{"error":"ServiceUnavailable"}' });
      const { handoffId } = await handoffWith(tenant, ['help']);

      const delivery = await deliveryOf(tenant, handoffId, 'zendesk');

      expect(delivery).toMatchObject({ status: 'delivered', attempts: 2 });
      const requests = requestsFor(zendesk, handoffId);
      expect(requests).toHaveLength(2);
      expect(requests[1].headers['idempotency-key']).toBe(requests[0].headers['idempotency-key']);
      expect(ticketsFor(zendesk, handoffId)).toHaveLength(1);
    });

    it('replays a lost answer as the same ticket: a 429 then a repeat of the key is answered from the first', async () => {
      const tenant = await tenantWith('zendesk');
      zendesk.faults.push({ status: 429, headers: { 'Retry-After': '1' }, body: '{"error":"TooManyRequests"}' });
      const { handoffId } = await handoffWith(tenant, ['help']);

      expect(await deliveryOf(tenant, handoffId, 'zendesk')).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(ticketsFor(zendesk, handoffId)).toHaveLength(1);
    });

    it.each([
      [422, '{"error":"RecordInvalid","description":"Record validation errors","details":{"requester":[{"description":"Requester: Email is invalid"}]}}',
        'answered 422: RecordInvalid: Record validation errors: (requester: Requester: Email is invalid)'],
      [401, '{"error":"Couldn\'t authenticate you"}', "answered 401: Couldn't authenticate you"],
    ])('fails at once on %i with Zendesk\'s error text, never retried', async (status, body, error) => {
      const tenant = await tenantWith('zendesk');
      zendesk.faults.push({ status, body, headers: { 'Content-Type': 'application/json' } });
      const { handoffId } = await handoffWith(tenant, ['help']);

      const delivery = await deliveryOf(tenant, handoffId, 'zendesk');

      expect(delivery).toMatchObject({ status: 'failed', attempts: 1, responseStatus: status, lastError: error });
      expect(requestsFor(zendesk, handoffId)).toHaveLength(1);
    });
  });

  describe('Freshdesk', () => {
    it('creates an open chat ticket, for the fallback requester when the visitor gave no email', async () => {
      const tenant = await tenantWith('freshdesk');
      const { handoffId } = await handoffWith(tenant, ['<script>x()</script>']);

      const delivery = await deliveryOf(tenant, handoffId, 'freshdesk');

      const [ticket] = ticketsFor(freshdesk, handoffId);
      expect(ticket.request.headers.authorization).toBe(basic(FRESHDESK_KEY, 'X'));
      expect(ticket.request.headers['idempotency-key']).toBeUndefined();
      expect(ticket.body).toEqual({
        email: 'support@acme.example',
        subject: 'Chat handoff',
        description: expect.stringContaining('&lt;script&gt;x()&lt;/script&gt;'),
        status: 2,
        priority: 3,
        source: 7,
        tags: ['wilow', 'handoff'],
      });
      expect(ticket.body.description).toContain('<h3>Transcript</h3>');
      expect(delivery).toMatchObject({
        status: 'delivered',
        externalId: String(ticket.id),
        externalUrl: `https://acme.freshdesk.com/a/tickets/${ticket.id}`,
      });
    });

    it('files the ticket for the visitor when they gave an email, and waits out a 429', async () => {
      const tenant = await tenantWith('freshdesk');
      freshdesk.faults.push({ status: 429, headers: { 'Retry-After': '1' }, body: '{"message":"rate limited"}' });
      const { handoffId } = await handoffWith(tenant, ['help'], { visitorEmail: 'visitor@example.com' });

      expect(await deliveryOf(tenant, handoffId, 'freshdesk')).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(ticketsFor(freshdesk, handoffId)[0].body.email).toBe('visitor@example.com');
    });

    it('fails at once on a server error, which may have made a ticket, with Freshdesk\'s error text', async () => {
      const tenant = await tenantWith('freshdesk');
      freshdesk.faults.push({
        status: 500,
        body: '{"description":"Validation failed","errors":[{"field":"email","message":"There is no contact matching the given email","code":"invalid_value"}]}',
      });
      const { handoffId } = await handoffWith(tenant, ['help']);

      expect(await deliveryOf(tenant, handoffId, 'freshdesk')).toMatchObject({
        status: 'failed',
        attempts: 1,
        lastError: 'answered 500: Validation failed (email: There is no contact matching the given email)',
      });
    });

    it('requires the fallback requester email when saving', async () => {
      const tenant = await tenantWith();
      const settings: Partial<ReturnType<typeof settingsOf.freshdesk>> = settingsOf.freshdesk();
      delete settings.fallbackRequesterEmail;
      const response = await testApp.http().put('/v1/admin/handoff/channels/freshdesk').set(asAdmin(tenant)).send(settings).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(response.body)).toContain('fallbackRequesterEmail');
    });
  });

  describe('Slack', () => {
    it('posts the handoff as blocks, with visitor text escaped so it cannot mention or link', async () => {
      const tenant = await tenantWith('slack');
      const { conversation, handoffId } = await handoffWith(tenant, ['<!channel> look at <https://evil.example|this> & <@U123>'], {
        visitorEmail: 'visitor@example.com',
        reason: 'Urgent <!here>',
      });

      const delivery = await deliveryOf(tenant, handoffId, 'slack');

      expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, responseStatus: 200 });
      const [request] = slack.server.requests.filter((r) => r.body.toString().includes(conversation.conversationId));
      const raw = request.body.toString();
      expect(raw).not.toMatch(/<!channel>|<!here>|<@U123>|<https:/);
      const message = JSON.parse(raw) as { text: string; blocks: { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { url?: string }[] }[] };
      expect(message.text).toBe('Handoff from Acme Support: Urgent &lt;!here&gt;');
      expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Handoff from Acme Support', emoji: false } });
      expect(message.blocks[1].fields?.map((field) => field.text)).toEqual(['*Visitor email*\nvisitor@example.com', '*Reason*\nUrgent &lt;!here&gt;']);
      expect(message.blocks[2].text?.text).toContain('&lt;!channel&gt; look at &lt;https://evil.example|this&gt; &amp; &lt;@U123&gt;');
      expect(message.blocks.at(-1)?.elements?.[0].url).toBe(`https://admin.wilow.example/admin/conversations?id=${conversation.conversationId}`);
    });

    it('fails at once on 410 channel_is_archived, and retries a 429', async () => {
      const tenant = await tenantWith('slack');
      slack.faults.push({ status: 410, body: 'channel_is_archived' });
      const first = await handoffWith(tenant, ['one']);
      expect(await deliveryOf(tenant, first.handoffId, 'slack')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'answered 410: channel_is_archived' });

      slack.faults.push({ status: 429, headers: { 'Retry-After': '1' }, body: 'rate_limited' });
      const second = await handoffWith(tenant, ['two']);
      expect(await deliveryOf(tenant, second.handoffId, 'slack')).toMatchObject({ status: 'delivered', attempts: 2 });
    });

    it('refuses at save a URL that is not on hooks.slack.com nor allowlisted', async () => {
      const tenant = await tenantWith();
      const response = await testApp
        .http()
        .put('/v1/admin/handoff/channels/slack')
        .set(asAdmin(tenant))
        .send({ webhookUrl: 'https://hooks.evil.example/services/T/B/x' })
        .expect(400);
      expect(response.body).toMatchObject({ code: 'WEBHOOK_URL_REJECTED', message: expect.stringContaining('hooks.slack.com') });
    });
  });

  it.each(['zendesk', 'freshdesk', 'slack'] as Native[])('the Test button of %s sends a test handoff and reports the outcome', async (channel) => {
    const tenant = await tenantWith(channel);
    const response = await testApp.http().post(`/v1/admin/handoff/channels/${channel}/test`).set(asAdmin(tenant)).expect(200);
    expect(response.body).toMatchObject({ ok: true, durationMs: expect.any(Number) });
    if (channel === 'zendesk') expect(response.body.externalUrl).toMatch(/^https:\/\/acme\.zendesk\.com\/agent\/tickets\/\d+$/);
    if (channel === 'freshdesk') expect(response.body.externalUrl).toMatch(/^https:\/\/acme\.freshdesk\.com\/a\/tickets\/\d+$/);

    ({ zendesk, freshdesk, slack })[channel].faults.push({ status: 401, body: '{"error":"Couldn\'t authenticate you"}' });
    const failed = await testApp.http().post(`/v1/admin/handoff/channels/${channel}/test`).set(asAdmin(tenant)).expect(200);
    expect(failed.body).toMatchObject({ ok: false, statusCode: 401, error: expect.stringMatching(/^answered 401/) });
  });

  it('delivers one handoff to email, webhook, Zendesk, Freshdesk and Slack, each carrying the same handoffId', async () => {
    const tenant = await tenantWith('zendesk', 'freshdesk', 'slack');
    await testApp.http().put('/v1/admin/handoff/channels/email').set(asAdmin(tenant)).send({ address: 'team@acme.example' }).expect(200);
    await testApp.http().put('/v1/admin/handoff/channels/webhook').set(asAdmin(tenant)).send({ url: peers.receiver.url }).expect(200);
    await testApp.http().post('/v1/admin/handoff/channels/webhook/secret').set(asAdmin(tenant)).expect(201);
    const { conversation, handoffId } = await handoffWith(tenant, ['help'], { visitorEmail: 'visitor@example.com' });

    for (const channel of ['email', 'webhook', 'zendesk', 'freshdesk', 'slack']) {
      expect(await deliveryOf(tenant, handoffId, channel)).toMatchObject({ status: 'delivered' });
    }
    expect(peers.sink.messages.filter((mail) => mail.headers.get('x-wilow-handoff-id') === handoffId)).toHaveLength(1);
    expect(peers.receiver.requests.filter((request) => JSON.parse(request.body.toString()).handoffId === handoffId)).toHaveLength(1);
    expect((ticketsFor(zendesk, handoffId)[0].body.ticket as { external_id: string }).external_id).toBe(handoffId);
    expect(ticketsFor(freshdesk, handoffId)).toHaveLength(1);
    // Slack's message carries the conversation link; the handoff lists its delivery.
    expect(slack.server.requests.filter((request) => request.body.toString().includes(conversation.conversationId))).toHaveLength(1);
  });

  it('keeps tokens secret: never answered, stored only encrypted, never in an error', async () => {
    const tenant = await tenantWith('zendesk', 'freshdesk', 'slack');
    zendesk.faults.push({ status: 401, body: '{"error":"Couldn\'t authenticate you"}' });
    const { handoffId } = await handoffWith(tenant, ['help']);
    const handoff = await deliveryOf(tenant, handoffId, 'zendesk');

    const list = await testApp.http().get('/v1/admin/handoff/channels').set(asAdmin(tenant)).expect(200);
    const answered = JSON.stringify(list.body) + JSON.stringify(handoff);
    for (const secret of [ZENDESK_TOKEN, FRESHDESK_KEY, SLACK_PATH]) expect(answered).not.toContain(secret);
    const zendeskView = list.body.items.find((item: { channel: string }) => item.channel === 'zendesk');
    expect(zendeskView.secrets).toEqual([
      { name: 'apiToken', set: true, createdAt: expect.any(String), previousExpiresAt: null },
      { name: 'webhookSigningSecret', set: false, createdAt: null, previousExpiresAt: null },
    ]);
    expect(zendeskView.settings).toEqual({ subdomain: 'acme', agentEmail: 'agent@acme.example', conversationFieldId: 360001, tags: ['vip'] });

    const stored = JSON.stringify(await queryDatabase(testApp.databaseUrl, 'SELECT * FROM channel_settings WHERE tenant_id = $1', [tenant.id]));
    for (const secret of [ZENDESK_TOKEN, FRESHDESK_KEY, SLACK_PATH]) expect(stored).not.toContain(secret);
  });

  it.each([
    ['zendesk', 'subdomain', 'apiToken', 'other-account', { subdomain: 'acme', agentEmail: 'agent@acme.example' }],
    ['freshdesk', 'domain', 'apiKey', 'other-account', { domain: 'acme', fallbackRequesterEmail: 'support@acme.example' }],
  ] as const)('refuses to aim the stored %s credential at another account without sending it again', async (channel, field, secret, otherAccount, rest) => {
    const tenant = await tenantWith(channel);
    const put = (settings: object) => testApp.http().put(`/v1/admin/handoff/channels/${channel}`).set(asAdmin(tenant)).send(settings);

    const refused = await put({ ...rest, [field]: otherAccount }).expect(400);
    expect(refused.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [`${secret} must be sent again when ${field} changes: the stored one belongs to the previous account`],
    });
    const unchanged = await testApp.http().get('/v1/admin/handoff/channels').set(asAdmin(tenant)).expect(200);
    expect(unchanged.body.items.find((item: { channel: string }) => item.channel === channel).settings[field]).toBe('acme');

    // The same account, pasted as a URL, is no change; a new account with its credential is fine.
    await put({ ...rest, [field]: `https://acme.${channel}.com/` }).expect(200);
    await put({ ...rest, [field]: otherAccount, [secret]: 'a-credential-for-the-other-account' }).expect(200);
  });

  it('keeps the webhook\'s own signing secret when its URL changes', async () => {
    const tenant = await createTenant(testApp, { handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, webhookUrl: peers.receiver.url });
    await testApp.http().post('/v1/admin/handoff/channels/webhook/secret').set(asAdmin(tenant)).expect(201);
    const before = await testApp.http().get('/v1/admin/handoff/channels').set(asAdmin(tenant)).expect(200);
    const secretOf = (body: { items: { channel: string; secrets: unknown[] }[] }) => body.items.find((item) => item.channel === 'webhook')?.secrets;

    await testApp.http().put('/v1/admin/handoff/channels/webhook').set(asAdmin(tenant)).send({ url: `${peers.receiver.url}?moved=1` }).expect(200);
    const after = await testApp.http().get('/v1/admin/handoff/channels').set(asAdmin(tenant)).expect(200);
    expect(secretOf(after.body)).toEqual(secretOf(before.body));
    expect(secretOf(after.body)).toEqual([{ name: 'signingSecret', set: true, createdAt: expect.any(String), previousExpiresAt: null }]);
  });
});
