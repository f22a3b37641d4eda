import { FakeHelpdeskApis, slackMessageEvent, slackSignature, startFakeHelpdeskApis, zendeskSignature } from './support/inbound-requests';
import { configureHandoff } from './support/handoff';
import { Peers, startPeers } from './support/peers';
import { asAdmin, createTenant, TestTenant } from './support/tenants';
import { queryDatabase, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { asVisitor, openConversation, postVisitorMessage, requestHandoff, TestConversation } from './support/widget';

const ZENDESK_SIGNING_SECRET = 'zd-webhook-signing-secret-5f1c';
const SLACK_SIGNING_SECRET = '8e2a44f0c1d2b3a4958677aabbccddee';
const SLACK_BOT_TOKEN = 'xoxb-test-bot-token-93c1';
const SLACK_CHANNEL = 'C0HANDOFF';
const RATE_LIMIT = 30;

type Helpdesk = 'zendesk' | 'freshdesk' | 'slack';

interface Message {
  role: string;
  content: string;
  author: { name: string } | null;
  source: string | null;
}

describe('Helpdesks answer too: inbound answers from Zendesk, Freshdesk and Slack', () => {
  let peers: Peers;
  let apis: FakeHelpdeskApis;
  let testApp: TestApp;

  beforeAll(async () => {
    peers = await startPeers();
    apis = await startFakeHelpdeskApis(SLACK_BOT_TOKEN);
    apis.slackUsers.set('U0AGENT', { real_name: 'Grace Hopper', profile: { display_name: 'grace', real_name: 'Grace Hopper' } });
    apis.slackUsers.set('U0NODISPLAY', { real_name: 'Alan Turing', profile: { display_name: '', real_name: 'Alan Turing' } });
    testApp = await startTestApp({
      ...peers.env,
      ZENDESK_API_BASE_URL: `${apis.url}/zendesk`,
      FRESHDESK_API_BASE_URL: `${apis.url}/freshdesk`,
      SLACK_API_BASE_URL: `${apis.url}/slack/api`,
      PUBLIC_BASE_URL: 'https://wilow.example',
      RATE_LIMIT_INBOUND_PER_ADDRESS_PER_MINUTE: String(RATE_LIMIT),
    });
  });

  afterAll(async () => {
    await testApp.close();
    await Promise.all([peers.close(), apis.server.close()]);
  });

  const settingsOf: Record<Helpdesk, () => object> = {
    zendesk: () => ({ subdomain: 'acme', agentEmail: 'agent@acme.example', apiToken: 'zd-api-token', webhookSigningSecret: ZENDESK_SIGNING_SECRET }),
    freshdesk: () => ({ domain: 'acme', apiKey: 'fd-api-key', fallbackRequesterEmail: 'support@acme.example' }),
    slack: () => ({ botToken: SLACK_BOT_TOKEN, channelId: SLACK_CHANNEL, signingSecret: SLACK_SIGNING_SECRET }),
  };

  async function tenantWith(channel: Helpdesk): Promise<TestTenant> {
    const tenant = await createTenant(testApp, { name: 'Acme Support', handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true });
    await testApp.http().put(`/v1/admin/handoff/channels/${channel}`).set(asAdmin(tenant)).send(settingsOf[channel]()).expect(200);
    return tenant;
  }

  async function channelItem(tenant: TestTenant, channel: string) {
    const response = await testApp.http().get('/v1/admin/handoff/channels').set(asAdmin(tenant)).expect(200);
    return response.body.items.find((item: { channel: string }) => item.channel === channel);
  }

  /** The path of the channel's inbound URL, to call on the app under test. */
  async function inboundPath(tenant: TestTenant, channel: Helpdesk): Promise<string> {
    return new URL((await channelItem(tenant, channel)).inboundUrl as string).pathname;
  }

  /** A handoff whose delivery through `channel` has been made; resolves to what the helpdesk calls its ticket or thread. */
  async function handoffIn(tenant: TestTenant, channel: Helpdesk) {
    const conversation = await openConversation(testApp, tenant);
    await postVisitorMessage(testApp, tenant, conversation, 'I need a person');
    const handoffId = (await requestHandoff(testApp, tenant, conversation, { visitorEmail: 'visitor@example.com' })).body.handoffId as string;
    const delivery = await waitFor(async () => {
      const response = await testApp.http().get(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).expect(200);
      return response.body.deliveries.find((d: { channel: string; status: string }) => d.channel === channel && d.status === 'delivered');
    }, 20_000, `the ${channel} delivery`);
    // Zendesk and Freshdesk: the ticket id; Slack app mode: the handoff post's `<channel>:<ts>`.
    return { conversation, handoffId, thread: String(delivery.externalId) };
  }

  async function widgetRead(tenant: TestTenant, conversation: TestConversation): Promise<{ items: Message[]; mode: string; agent: { name: string } | null }> {
    return (await testApp.http().get(`/v1/widget/conversations/${conversation.conversationId}/messages`).set(asVisitor(tenant, conversation)).expect(200)).body;
  }

  const agentMessages = async (tenant: TestTenant, conversation: TestConversation) =>
    (await widgetRead(tenant, conversation)).items.filter((message) => message.role === 'agent');

  async function handoffStatus(tenant: TestTenant, handoffId: string): Promise<string> {
    return (await testApp.http().get(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).expect(200)).body.status;
  }

  const zendeskBody = (fields: Partial<Record<string, string>>) =>
    JSON.stringify({ ticketId: '', externalId: '', commentId: '', commentText: '', authorName: 'Ada Lovelace', ticketStatus: 'Open', ...fields });

  function postSigned(path: string, body: string, headers: Record<string, string>) {
    return testApp.http().post(path).set({ 'Content-Type': 'application/json', ...headers }).send(body);
  }

  const postZendesk = (path: string, body: string, at?: Date) => postSigned(path, body, zendeskSignature(ZENDESK_SIGNING_SECRET, body, at));
  const postSlack = (path: string, body: string, extra: Record<string, string> = {}) => postSigned(path, body, { ...slackSignature(SLACK_SIGNING_SECRET, body), ...extra });

  describe('addresses', () => {
    it('gives each helpdesk channel an inbound URL with its set-up steps, and none to the others', async () => {
      const tenant = await tenantWith('zendesk');
      const zendesk = await channelItem(tenant, 'zendesk');
      expect(zendesk.inboundUrl).toMatch(/^https:\/\/wilow\.example\/v1\/inbound\/zendesk\/[A-Za-z0-9_-]{43}$/);
      expect(JSON.parse(zendesk.inboundBodyTemplate as string)).toEqual({
        ticketId: '{{ticket.id}}',
        externalId: '{{ticket.external_id}}',
        commentId: '{{ticket.latest_public_comment.id}}',
        commentText: '{{ticket.latest_public_comment.value}}',
        authorName: '{{current_user.name}}',
        ticketStatus: '{{ticket.status}}',
      });
      expect(zendesk.inboundSetupSteps.join('\n')).toContain(zendesk.inboundUrl);
      expect((await channelItem(tenant, 'slack')).inboundBodyTemplate).toBeNull();
      expect((await channelItem(tenant, 'slack')).inboundSetupSteps.join('\n')).toContain('message.channels');
      expect(await channelItem(tenant, 'email')).toMatchObject({ inboundUrl: null, inboundBodyTemplate: null, inboundSetupSteps: [] });
      // The same address on every read.
      expect((await channelItem(tenant, 'zendesk')).inboundUrl).toBe(zendesk.inboundUrl);
    });

    it('replaces an address: the old one answers 404, the new one is in the channel item', async () => {
      const tenant = await tenantWith('freshdesk');
      const oldPath = await inboundPath(tenant, 'freshdesk');
      await testApp.http().post(oldPath).send({ ticketId: '1' }).expect(200);
      const { inboundUrl } = (await testApp.http().post('/v1/admin/handoff/channels/freshdesk/inbound-url').set(asAdmin(tenant)).expect(200)).body;
      expect((await channelItem(tenant, 'freshdesk')).inboundUrl).toBe(inboundUrl);
      expect((await testApp.http().post(oldPath).send({ ticketId: '1' }).expect(404)).body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });
      await testApp.http().post(new URL(inboundUrl).pathname).send({ ticketId: '1' }).expect(200);
      await testApp.http().post('/v1/admin/handoff/channels/email/inbound-url').set(asAdmin(tenant)).expect(404);
    });

    it('answers 404 for an unknown address or channel, and 429 past the limit per address', async () => {
      await testApp.http().post('/v1/inbound/zendesk/not-a-real-token').send({}).expect(404);
      await testApp.http().post('/v1/inbound/email/whatever').send({}).expect(404);
      const path = '/v1/inbound/freshdesk/flooded-unknown-address';
      for (let i = 0; i < RATE_LIMIT; i++) await testApp.http().post(path).send({}).expect(404);
      const refused = await testApp.http().post(path).send({}).expect(429);
      expect(refused.body.code).toBe('RATE_LIMITED');
      expect(refused.headers['retry-after']).toBeDefined();
    });
  });

  describe('Zendesk', () => {
    it("takes an agent's public comment: the widget shows it as plain text with the agent's name; solved resolves, a later answer reopens", async () => {
      const tenant = await tenantWith('zendesk');
      const path = await inboundPath(tenant, 'zendesk');
      const { conversation, handoffId, thread } = await handoffIn(tenant, 'zendesk');
      const html = '<p>Hello <b>there</b> &amp; welcome</p><script>alert(1)</script>';

      await postZendesk(path, zendeskBody({ ticketId: thread, externalId: handoffId, commentId: '9001', commentText: html })).expect(200, {});

      const read = await widgetRead(tenant, conversation);
      expect(read.items.filter((m) => m.role === 'agent')).toEqual([
        expect.objectContaining({ role: 'agent', content: 'Hello there & welcome', author: { name: 'Ada Lovelace' }, source: 'zendesk' }),
      ]);
      expect(read.mode).toBe('agent');
      expect(read.agent).toEqual({ name: 'Ada Lovelace' });

      // The same comment again (Zendesk retries) records nothing more.
      await postZendesk(path, zendeskBody({ ticketId: thread, commentId: '9001', commentText: html })).expect(200);
      expect(await agentMessages(tenant, conversation)).toHaveLength(1);

      await postZendesk(path, zendeskBody({ ticketId: thread, commentId: '9002', commentText: 'Solved for you.', ticketStatus: 'Solved' })).expect(200);
      expect(await handoffStatus(tenant, handoffId)).toBe('resolved');
      expect((await widgetRead(tenant, conversation)).mode).toBe('assistant');
      expect((await agentMessages(tenant, conversation)).map((m) => m.content)).toEqual(['Hello there & welcome', 'Solved for you.']);

      await postZendesk(path, zendeskBody({ ticketId: thread, commentId: '9003', commentText: 'One more thing.' })).expect(200);
      expect(await handoffStatus(tenant, handoffId)).toBe('open');
      expect((await widgetRead(tenant, conversation)).mode).toBe('agent');
    });

    it('refuses a missing or wrong signature and an old timestamp (401), malformed JSON (400) and a body over 64 KB (413), recording nothing', async () => {
      const tenant = await tenantWith('zendesk');
      const path = await inboundPath(tenant, 'zendesk');
      const { conversation, thread } = await handoffIn(tenant, 'zendesk');
      const body = zendeskBody({ ticketId: thread, commentId: '9101', commentText: 'Hi' });

      const missing = await postSigned(path, body, {}).expect(401);
      expect(missing.body).toEqual({ statusCode: 401, code: 'UNAUTHORIZED', message: expect.any(String) });
      await postSigned(path, body, zendeskSignature('another-secret', body)).expect(401);
      await postSigned(path, body, { ...zendeskSignature(ZENDESK_SIGNING_SECRET, body), 'X-Zendesk-Webhook-Signature-Timestamp': 'yesterday' }).expect(401);
      await postZendesk(path, body, new Date(Date.now() - 6 * 60_000)).expect(401);
      const tampered = zendeskSignature(ZENDESK_SIGNING_SECRET, body);
      await postSigned(path, body.replace('Hi', 'Ho'), tampered).expect(401);

      const malformed = '{"ticketId": ';
      expect((await postZendesk(path, malformed).expect(400)).body.code).toBe('VALIDATION_FAILED');
      const huge = zendeskBody({ ticketId: thread, commentId: '9102', commentText: 'x'.repeat(70 * 1024) });
      expect((await postZendesk(path, huge).expect(413)).body).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large.' });

      expect(await agentMessages(tenant, conversation)).toEqual([]);
      expect(await queryDatabase(testApp.databaseUrl, 'SELECT 1 FROM inbound_events WHERE tenant_id = $1', [tenant.id])).toEqual([]);
    });

    it("ignores with 200 an unknown ticket, another tenant's ticket and the service's own comment", async () => {
      const tenant = await tenantWith('zendesk');
      const other = await tenantWith('zendesk');
      const path = await inboundPath(tenant, 'zendesk');
      const mine = await handoffIn(tenant, 'zendesk');
      const theirs = await handoffIn(other, 'zendesk');

      await postZendesk(path, zendeskBody({ ticketId: '999999', commentId: '9201', commentText: 'Unknown ticket' })).expect(200, {});
      await postZendesk(path, zendeskBody({ ticketId: theirs.thread, externalId: theirs.handoffId, commentId: '9202', commentText: 'Not yours', ticketStatus: 'Solved' })).expect(200, {});
      // A follow-up the service wrote into the ticket comes back through the trigger: its comment id is on its delivery.
      await queryDatabase(
        testApp.databaseUrl,
        "INSERT INTO deliveries (handoff_id, channel, kind, max_attempts, status, external_id) VALUES ($1, 'zendesk', 'follow_up', 1, 'delivered', '9203')",
        [mine.handoffId],
      );
      await postZendesk(path, zendeskBody({ ticketId: mine.thread, commentId: '9203', commentText: 'Our own note' })).expect(200, {});

      expect(await agentMessages(tenant, mine.conversation)).toEqual([]);
      expect(await agentMessages(other, theirs.conversation)).toEqual([]);
      expect(await handoffStatus(other, theirs.handoffId)).toBe('open');
      expect(await queryDatabase(testApp.databaseUrl, 'SELECT 1 FROM inbound_events WHERE tenant_id = ANY($1)', [[tenant.id, other.id]])).toEqual([]);
    });

    it('cuts a long comment to the message limit with a marker instead of refusing it', async () => {
      const tenant = await tenantWith('zendesk');
      const path = await inboundPath(tenant, 'zendesk');
      const { conversation, thread } = await handoffIn(tenant, 'zendesk');
      await postZendesk(path, zendeskBody({ ticketId: thread, commentId: '9301', commentText: 'Long answer. '.repeat(500) })).expect(200);
      const [message] = await agentMessages(tenant, conversation);
      expect(Array.from(message.content)).toHaveLength(4000);
      expect(message.content).toMatch(/\[…\] \(shortened: the full answer is longer\)$/);
    });
  });

  describe('Freshdesk', () => {
    it("takes an agent's reply by the address alone, once, and a resolved ticket resolves the handoff", async () => {
      const tenant = await tenantWith('freshdesk');
      const path = await inboundPath(tenant, 'freshdesk');
      const { conversation, handoffId, thread } = await handoffIn(tenant, 'freshdesk');
      const reply = { ticketId: thread, externalId: '', commentId: '', commentText: '<div>We are on it</div>', authorName: 'Linus', ticketStatus: 'Open' };

      await Promise.all([testApp.http().post(path).send(reply).expect(200), testApp.http().post(path).send(reply).expect(200)]);
      expect(await agentMessages(tenant, conversation)).toEqual([expect.objectContaining({ content: 'We are on it', author: { name: 'Linus' }, source: 'freshdesk' })]);

      await testApp.http().post(path).send({ ...reply, commentText: '', ticketStatus: 'Resolved' }).expect(200);
      expect(await handoffStatus(tenant, handoffId)).toBe('resolved');
      expect((await widgetRead(tenant, conversation)).mode).toBe('assistant');
    });
  });

  describe('Slack', () => {
    it('answers the url_verification challenge once the signature is checked', async () => {
      const tenant = await tenantWith('slack');
      const path = await inboundPath(tenant, 'slack');
      const body = JSON.stringify({ token: 'verification-token', challenge: 'c-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' });
      await postSlack(path, body).expect(200, { challenge: 'c-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
      await postSigned(path, body, slackSignature('wrong-secret', body)).expect(401);
      await postSigned(path, body, slackSignature(SLACK_SIGNING_SECRET, body, new Date(Date.now() - 10 * 60_000))).expect(401);
    });

    it("turns a person's thread reply into an agent message authored by their Slack display name, as plain text", async () => {
      const tenant = await tenantWith('slack');
      const path = await inboundPath(tenant, 'slack');
      const { conversation, thread } = await handoffIn(tenant, 'slack');
      const [channel, threadTs] = thread.split(':');
      const event = slackMessageEvent('Ev0001', { channel, user: 'U0AGENT', text: '*Hi* there, see <https://acme.example/help|our help> &amp; more', ts: '1700000100.000200', thread_ts: threadTs });

      await postSlack(path, event).expect(200, {});

      const [message] = await waitFor(async () => {
        const messages = await agentMessages(tenant, conversation);
        return messages.length > 0 && messages;
      }, 10_000, 'the Slack answer in the widget');
      expect(message).toEqual(expect.objectContaining({ content: 'Hi there, see our help (https://acme.example/help) & more', author: { name: 'grace' }, source: 'slack' }));
      expect((await widgetRead(tenant, conversation)).mode).toBe('agent');
      const lookups = apis.server.requests.filter((request) => request.path.startsWith('/slack/api/users.info'));
      expect(lookups.at(-1)?.headers.authorization).toBe(`Bearer ${SLACK_BOT_TOKEN}`);
    });

    it('records two concurrent identical retries once, and ignores bots, edits and messages outside the thread', async () => {
      const tenant = await tenantWith('slack');
      const path = await inboundPath(tenant, 'slack');
      const { conversation, thread } = await handoffIn(tenant, 'slack');
      const [channel, threadTs] = thread.split(':');
      const retry = slackMessageEvent('Ev0002', { channel, user: 'U0NODISPLAY', text: 'On it', ts: '1700000200.000300', thread_ts: threadTs });

      await Promise.all([
        postSlack(path, retry, { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' }).expect(200),
        postSlack(path, retry, { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' }).expect(200),
      ]);
      await postSlack(path, slackMessageEvent('Ev0003', { channel, bot_id: 'B0001', subtype: 'bot_message', text: 'A bot', ts: '1700000300.0004', thread_ts: threadTs })).expect(200);
      await postSlack(path, slackMessageEvent('Ev0004', { channel, user: 'U0AGENT', bot_id: 'B0002', text: 'An app as a user', ts: '1700000301.0004', thread_ts: threadTs })).expect(200);
      await postSlack(path, slackMessageEvent('Ev0005', { channel, subtype: 'message_changed', message: { text: 'edited' }, ts: '1700000400.0005' })).expect(200);
      await postSlack(path, slackMessageEvent('Ev0006', { channel, user: 'U0AGENT', text: 'Top level', ts: '1700000500.0006' })).expect(200);
      await postSlack(path, slackMessageEvent('Ev0007', { channel, user: 'U0AGENT', text: 'Another thread', ts: '1700000600.0007', thread_ts: '1600000000.000001' })).expect(200);
      // The retry's answer is written once its author's name is known; nothing else follows it.
      await postSlack(path, slackMessageEvent('Ev0008', { channel, user: 'U0AGENT', text: 'Last', ts: '1700000700.0008', thread_ts: threadTs })).expect(200);

      const pending = () => queryDatabase(testApp.databaseUrl, 'SELECT 1 FROM inbound_events WHERE tenant_id = $1 AND completed_at IS NULL', [tenant.id]);
      await waitFor(async () => (await pending()).length === 0, 10_000, 'the Slack answers to be written');
      const messages = await agentMessages(tenant, conversation);
      expect(messages.map((m) => [m.content, m.author?.name]).sort()).toEqual([
        ['Last', 'grace'],
        ['On it', 'Alan Turing'],
      ]);
      expect(await queryDatabase(testApp.databaseUrl, 'SELECT event_id FROM inbound_events WHERE tenant_id = $1 ORDER BY event_id', [tenant.id])).toEqual([
        { event_id: 'Ev0002' },
        { event_id: 'Ev0008' },
      ]);
    });
  });
});
