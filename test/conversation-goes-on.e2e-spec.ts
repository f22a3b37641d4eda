import { verify as verifyGithubStyle } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import { ReceivedRequest, Responder } from '../src/channels/testing/https-receiver';
import { configureHandoff, generateWebhookSecret } from './support/handoff';
import { Peers, startPeers } from './support/peers';
import { asAdmin, createTenant, TestTenant } from './support/tenants';
import { queryDatabase, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { asVisitor, openConversation, postVisitorMessage, requestHandoff, TestConversation } from './support/widget';

const ok: Responder = () => ({ status: 200, body: '{"received":true}' });
const FOLLOW_UP_EMAIL_DELAY_MS = 1_500;
const VISITOR_REPLY_EMAIL_DELAY_MS = 2_000;

interface WebhookEvent {
  event: string;
  handoffId: string;
  message?: { id: string; sequence: number; role: string; content: string; author: { name: string } | null; source: string | null };
  resolvedAt?: string;
}

/**
 * The conversation goes on after the handoff: agents answer in the widget, the mode says who is
 * talking, and what is added later reaches the team as follow-ups, through the real HTTPS
 * receiver and SMTP server.
 */
describe('The conversation after the handoff', () => {
  let peers: Peers;
  let testApp: TestApp;
  let respond: Responder = ok;

  beforeAll(async () => {
    peers = await startPeers({ receiver: { respond: (request) => respond(request) } });
    testApp = await startTestApp({
      ...peers.env,
      ADMIN_BASE_URL: 'https://admin.wilow.example',
      FOLLOW_UP_EMAIL_DELAY_MS: String(FOLLOW_UP_EMAIL_DELAY_MS),
      VISITOR_REPLY_EMAIL_DELAY_MS: String(VISITOR_REPLY_EMAIL_DELAY_MS),
      SWEEP_INTERVAL_MS: '1000',
      RATE_LIMIT_WIDGET_PER_CONVERSATION_PER_MINUTE: '10000',
      RATE_LIMIT_WIDGET_PER_IP_PER_MINUTE: '100000',
    });
  });

  afterAll(async () => {
    await testApp.close();
    await peers.close();
  });

  beforeEach(() => {
    respond = ok;
  });

  async function teamTenant(channels: { email?: string; webhook?: boolean } = { email: 'team@acme.example', webhook: true }) {
    const tenant = await createTenant(testApp, { name: 'Acme', handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, email: channels.email ?? null, webhookUrl: channels.webhook ? peers.receiver.url : null });
    const secret = channels.webhook ? await generateWebhookSecret(testApp, tenant) : '';
    return { tenant, secret };
  }

  async function handedOff(tenant: TestTenant, body: object = {}) {
    const conversation = await openConversation(testApp, tenant);
    await postVisitorMessage(testApp, tenant, conversation, 'I need a person');
    const handoffId = (await requestHandoff(testApp, tenant, conversation, body)).body.handoffId as string;
    return { conversation, handoffId };
  }

  const reply = (tenant: TestTenant, conversationId: string, body: object) =>
    testApp.http().post(`/v1/admin/conversations/${conversationId}/replies`).set(asAdmin(tenant)).send(body);
  const assistantSays = (tenant: TestTenant, conversationId: string, content: string) =>
    testApp.http().post(`/v1/admin/conversations/${conversationId}/messages`).set(asAdmin(tenant)).send({ role: 'assistant', content });
  const widgetRead = async (tenant: TestTenant, conversation: TestConversation, after = 0) =>
    (await testApp.http().get(`/v1/widget/conversations/${conversation.conversationId}/messages`).query({ after }).set(asVisitor(tenant, conversation)).expect(200)).body;
  const adminRead = async (tenant: TestTenant, conversationId: string) =>
    (await testApp.http().get(`/v1/admin/conversations/${conversationId}`).set(asAdmin(tenant)).expect(200)).body;
  const setStatus = (tenant: TestTenant, handoffId: string, status: string) =>
    testApp.http().patch(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).send({ status });
  const handoffItem = async (tenant: TestTenant, handoffId: string) =>
    (await testApp.http().get(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).expect(200)).body;
  const eventsFor = (handoffId: string): { request: ReceivedRequest; body: WebhookEvent }[] =>
    peers.receiver.requests
      .map((request) => ({ request, body: JSON.parse(request.body.toString('utf8')) as WebhookEvent }))
      .filter(({ body }) => body.handoffId === handoffId);
  const mailsFor = (handoffId: string) => peers.sink.messages.filter((mail) => mail.headers.get('x-wilow-handoff-id') === handoffId);
  const rows = (sql: string, params: unknown[]) => queryDatabase(testApp.databaseUrl, sql, params);

  describe('who is talking', () => {
    it('is the assistant before any handoff, and the assistant may talk', async () => {
      const { tenant } = await teamTenant();
      const conversation = await openConversation(testApp, tenant);
      expect(await widgetRead(tenant, conversation)).toMatchObject({ mode: 'assistant', agent: null });
      await assistantSays(tenant, conversation.conversationId, 'Hello!').expect(201);
      expect((await adminRead(tenant, conversation.conversationId)).mode).toBe('assistant');
    });

    it('waits for the team once a handoff is made, while the assistant may keep answering', async () => {
      const { tenant } = await teamTenant();
      const { conversation, handoffId } = await handedOff(tenant);
      expect(await widgetRead(tenant, conversation)).toMatchObject({ mode: 'waiting', agent: null });
      await assistantSays(tenant, conversation.conversationId, 'A person will be with you shortly.').expect(201);
      expect((await handoffItem(tenant, handoffId)).firstReplyAt).toBeNull();
    });

    it('is the agent after the first answer: the visitor sees it with the name, and the assistant is refused (409 AGENT_ACTIVE, nothing recorded)', async () => {
      const { tenant } = await teamTenant();
      const { conversation, handoffId } = await handedOff(tenant);
      const answered = await reply(tenant, conversation.conversationId, { content: 'Hi, I am Dana from support.', authorName: 'Dana' }).expect(201);
      expect(answered.body.message).toMatchObject({ role: 'agent', content: 'Hi, I am Dana from support.', author: { name: 'Dana' }, source: 'admin', offerHandoff: false });

      const read = await widgetRead(tenant, conversation);
      expect(read).toMatchObject({ mode: 'agent', agent: { name: 'Dana' }, nextAfter: null });
      expect(read.items.map((m: { role: string; author: unknown; source: unknown }) => [m.role, m.author, m.source])).toEqual([
        ['user', null, null],
        ['agent', { name: 'Dana' }, 'admin'],
      ]);
      expect(await adminRead(tenant, conversation.conversationId)).toMatchObject({ mode: 'agent', agent: { name: 'Dana' } });
      expect((await handoffItem(tenant, handoffId)).firstReplyAt).toEqual(answered.body.message.createdAt);

      const refused = await assistantSays(tenant, conversation.conversationId, 'I can help with that!').expect(409);
      expect(refused.body).toMatchObject({ statusCode: 409, code: 'AGENT_ACTIVE' });
      expect(await rows('SELECT role FROM messages WHERE conversation_id = $1 ORDER BY seq', [conversation.conversationId])).toEqual([
        { role: 'user' },
        { role: 'agent' },
      ]);
      // The visitor may still write, and the escalation offer is off: the team has the conversation.
      const posted = await postVisitorMessage(testApp, tenant, conversation, 'Can I talk to a human?');
      expect(posted.body.escalation).toEqual({ detected: true, offerHandoff: false });
    });

    it('goes back to the assistant when the handoff is resolved; an answer then needs a new handoff (409 NO_OPEN_HANDOFF)', async () => {
      const { tenant } = await teamTenant();
      const { conversation, handoffId } = await handedOff(tenant);
      await reply(tenant, conversation.conversationId, { content: 'Solved!', authorName: 'Dana' }).expect(201);
      await setStatus(tenant, handoffId, 'resolved').expect(200);
      expect(await widgetRead(tenant, conversation)).toMatchObject({ mode: 'assistant', agent: null });
      await assistantSays(tenant, conversation.conversationId, 'Anything else?').expect(201);
      const refused = await reply(tenant, conversation.conversationId, { content: 'One more thing', authorName: 'Dana' }).expect(409);
      expect(refused.body).toMatchObject({ code: 'NO_OPEN_HANDOFF' });
      const posted = await postVisitorMessage(testApp, tenant, conversation, 'I want to talk to a person again');
      expect(posted.body.escalation).toEqual({ detected: true, offerHandoff: true });
    });

    it('on reopening, is the agent again when the handoff had been answered, and waiting when not', async () => {
      const { tenant } = await teamTenant();
      const answered = await handedOff(tenant);
      await reply(tenant, answered.conversation.conversationId, { content: 'Hello', authorName: 'Dana' }).expect(201);
      await setStatus(tenant, answered.handoffId, 'resolved').expect(200);
      await setStatus(tenant, answered.handoffId, 'open').expect(200);
      expect(await widgetRead(tenant, answered.conversation)).toMatchObject({ mode: 'agent', agent: { name: 'Dana' } });

      const unanswered = await handedOff(tenant);
      await setStatus(tenant, unanswered.handoffId, 'resolved').expect(200);
      await setStatus(tenant, unanswered.handoffId, 'open').expect(200);
      expect(await widgetRead(tenant, unanswered.conversation)).toMatchObject({ mode: 'waiting', agent: null });
    });

    it('refuses to reopen a handoff while another of the conversation is open', async () => {
      const { tenant } = await teamTenant();
      const { conversation, handoffId } = await handedOff(tenant);
      await setStatus(tenant, handoffId, 'resolved').expect(200);
      await requestHandoff(testApp, tenant, conversation);
      expect((await setStatus(tenant, handoffId, 'open').expect(409)).body.code).toBe('CONFLICT');
      expect((await adminRead(tenant, conversation.conversationId)).mode).toBe('waiting');
    });

    it('decides it in the database: an answer and assistant messages racing never leave an assistant message after the answer', async () => {
      const { tenant } = await teamTenant({ email: 'team@acme.example' });
      const second = await startTestApp({ ...peers.env, DATABASE_URL: testApp.databaseUrl, REDIS_PREFIX: testApp.config.redis.prefix, APP_ROLE: 'api' });
      try {
        for (let round = 0; round < 5; round += 1) {
          const { conversation } = await handedOff(tenant);
          const id = conversation.conversationId;
          const assistantAt = (app: TestApp) => app.http().post(`/v1/admin/conversations/${id}/messages`).set(asAdmin(tenant)).send({ role: 'assistant', content: 'race' });
          const answers = await Promise.all([
            ...Array.from({ length: 6 }, (_, i) => assistantAt(i % 2 === 0 ? testApp : second)),
            second.http().post(`/v1/admin/conversations/${id}/replies`).set(asAdmin(tenant)).send({ content: 'Mine now', authorName: 'Dana' }),
            ...Array.from({ length: 6 }, (_, i) => assistantAt(i % 2 === 0 ? second : testApp)),
          ]);
          expect(answers.map((answer) => answer.status).filter((status) => ![201, 409].includes(status))).toEqual([]);
          const stored = await rows('SELECT seq, role FROM messages WHERE conversation_id = $1 ORDER BY seq', [id]);
          const agentAt = stored.find((row) => row.role === 'agent')?.seq as number;
          expect(stored.filter((row) => row.role === 'assistant' && (row.seq as number) > agentAt)).toEqual([]);
          expect(answers.filter((answer) => answer.status === 201).length).toBe(stored.length - 1);
          expect((await adminRead(tenant, id)).mode).toBe('agent');
        }
      } finally {
        await second.app.close();
      }
    });
  });

  describe('replies', () => {
    it.each([
      ['empty content', { content: '', authorName: 'Dana' }, 'content'],
      ['content over 4,000 characters', { content: 'x'.repeat(4001), authorName: 'Dana' }, 'content'],
      ['a control character', { content: 'bell \u0007', authorName: 'Dana' }, 'content'],
      ['a bidi override', { content: 'ok', authorName: 'Dana \u202E' }, 'authorName'],
      ['an empty name', { content: 'Hello', authorName: '' }, 'authorName'],
      ['a name over 80 characters', { content: 'Hello', authorName: 'D'.repeat(81) }, 'authorName'],
      ['no name', { content: 'Hello' }, 'authorName'],
    ])('refuses %s with 400 naming the field, recording nothing', async (_case, body, field) => {
      const { tenant } = await teamTenant();
      const { conversation } = await handedOff(tenant);
      const refused = await reply(tenant, conversation.conversationId, body).expect(400);
      expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(refused.body.errors.some((error: string) => error.startsWith(field))).toBe(true);
      expect(await rows("SELECT id FROM messages WHERE conversation_id = $1 AND role = 'agent'", [conversation.conversationId])).toEqual([]);
    });

    it("answers another tenant's conversation exactly as an unknown one: 404", async () => {
      const { tenant } = await teamTenant();
      const { conversation } = await handedOff(tenant);
      const other = (await teamTenant()).tenant;
      const foreign = await reply(other, conversation.conversationId, { content: 'Hi', authorName: 'Eve' }).expect(404);
      const unknown = await reply(other, '00000000-0000-4000-8000-000000000000', { content: 'Hi', authorName: 'Eve' }).expect(404);
      expect(foreign.body).toEqual(unknown.body);
    });

    it('refuses an agent role on the assistant engine\'s route', async () => {
      const { tenant } = await teamTenant();
      const { conversation } = await handedOff(tenant);
      const refused = await testApp
        .http()
        .post(`/v1/admin/conversations/${conversation.conversationId}/messages`)
        .set(asAdmin(tenant))
        .send({ role: 'agent', content: 'Hi' })
        .expect(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    });

    it('is limited per tenant (RATE_LIMIT_TENANT_REPLIES_PER_MINUTE)', async () => {
      const limited = await startTestApp({ ...peers.env, RATE_LIMIT_TENANT_REPLIES_PER_MINUTE: '2', APP_ROLE: 'api' });
      try {
        const tenant = await createTenant(limited, { handoffEntitled: true });
        await limited.http().patch('/v1/admin/handoff/settings').set(asAdmin(tenant)).send({ enabled: true, email: 'team@acme.example' }).expect(200);
        const conversation = await openConversation(limited, tenant);
        await requestHandoff(limited, tenant, conversation);
        const send = () => limited.http().post(`/v1/admin/conversations/${conversation.conversationId}/replies`).set(asAdmin(tenant)).send({ content: 'Hi', authorName: 'Dana' });
        await send().expect(201);
        await send().expect(201);
        const over = await send().expect(429);
        expect(over.body.code).toBe('RATE_LIMITED');
        expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      } finally {
        await limited.close();
      }
    });
  });

  describe('follow-ups to the team', () => {
    it('sends every later message to the webhook as handoff.message, signed like handoff.created, in order, then handoff.resolved', async () => {
      const { tenant, secret } = await teamTenant({ webhook: true });
      const { conversation, handoffId } = await handedOff(tenant);
      await postVisitorMessage(testApp, tenant, conversation, 'My order number is 4471');
      await assistantSays(tenant, conversation.conversationId, 'Thanks, passing it on.').expect(201);
      await reply(tenant, conversation.conversationId, { content: 'Found it: it ships today.', authorName: 'Dana' }).expect(201);
      await postVisitorMessage(testApp, tenant, conversation, 'Great, thanks!');
      await setStatus(tenant, handoffId, 'resolved').expect(200);

      const events = await waitFor(() => eventsFor(handoffId).length === 6 && eventsFor(handoffId), 15_000, 'six webhook events');
      expect(events.map(({ body }) => body.event)).toEqual([
        'handoff.created',
        'handoff.message',
        'handoff.message',
        'handoff.message',
        'handoff.message',
        'handoff.resolved',
      ]);
      const messages = events.slice(1, 5).map(({ body }) => body.message!);
      expect(messages.map((message) => [message.sequence, message.role, message.content, message.author, message.source])).toEqual([
        [2, 'user', 'My order number is 4471', null, null],
        [3, 'assistant', 'Thanks, passing it on.', null, null],
        [4, 'agent', 'Found it: it ships today.', { name: 'Dana' }, 'admin'],
        [5, 'user', 'Great, thanks!', null, null],
      ]);
      const [{ request, body }] = events.slice(1, 2);
      expect(Object.keys(body)).toEqual(['event', 'tenantId', 'conversationId', 'handoffId', 'message', 'adminConversationUrl']);
      expect(Object.keys(body.message!)).toEqual(['id', 'sequence', 'role', 'content', 'createdAt', 'author', 'source']);
      const raw = request.body.toString('utf8');
      expect(await verifyGithubStyle(secret, raw, String(request.headers['x-wilow-signature']))).toBe(true);
      expect(() => new Webhook(secret).verify(raw, request.headers as Record<string, string>)).not.toThrow();
      expect(request.headers['x-wilow-event']).toBe('handoff.message');
      expect(new Set(events.map(({ request: sent }) => sent.headers['webhook-id'])).size).toBe(6);
      const resolved = events[5];
      expect(Object.keys(resolved.body)).toEqual(['event', 'tenantId', 'conversationId', 'handoffId', 'resolvedAt']);
      expect(() => new Webhook(secret).verify(resolved.request.body.toString('utf8'), resolved.request.headers as Record<string, string>)).not.toThrow();
    });

    it('stops following up once the handoff is resolved, and resumes when it is reopened', async () => {
      const { tenant } = await teamTenant({ webhook: true });
      const { conversation, handoffId } = await handedOff(tenant);
      await setStatus(tenant, handoffId, 'resolved').expect(200);
      await postVisitorMessage(testApp, tenant, conversation, 'said while resolved');
      await setStatus(tenant, handoffId, 'open').expect(200);
      await postVisitorMessage(testApp, tenant, conversation, 'said after reopening');
      await waitFor(() => eventsFor(handoffId).some(({ body }) => body.message?.content === 'said after reopening'), 15_000, 'the resumed follow-up');
      expect(eventsFor(handoffId).filter(({ body }) => body.message?.content === 'said while resolved')).toEqual([]);
    });

    it('still sends follow-ups to a channel that failed the handoff itself, and records each result', async () => {
      respond = () => ({ status: 503, body: 'down' });
      const { tenant } = await teamTenant({ webhook: true });
      const { conversation, handoffId } = await handedOff(tenant);
      await waitFor(async () => (await handoffItem(tenant, handoffId)).deliveries[0].status === 'failed', 15_000, 'the failed handoff delivery');
      respond = ok;
      await postVisitorMessage(testApp, tenant, conversation, 'Are you there now?');
      await waitFor(() => eventsFor(handoffId).some(({ body }) => body.event === 'handoff.message'), 15_000, 'the follow-up');
      await waitFor(async () => (await handoffItem(tenant, handoffId)).followUps.total === 1, 15_000, 'the follow-up count');
      expect((await handoffItem(tenant, handoffId)).followUps).toEqual({ total: 1, failed: 0 });
    });

    it('gathers follow-ups into one threaded email after FOLLOW_UP_EMAIL_DELAY_MS', async () => {
      const { tenant } = await teamTenant({ email: 'team@acme.example' });
      const { conversation, handoffId } = await handedOff(tenant, { visitorEmail: 'visitor@example.com' });
      const [handoffMail] = await waitFor(() => mailsFor(handoffId).length === 1 && mailsFor(handoffId), 15_000, 'the handoff email');
      for (const content of ['one', 'two', 'three']) await postVisitorMessage(testApp, tenant, conversation, content);

      const mails = await waitFor(() => mailsFor(handoffId).length === 2 && mailsFor(handoffId), 15_000, 'the follow-up email');
      const followUp = mails[1];
      expect(followUp.subject).toBe(`Re: ${handoffMail.subject}`);
      expect(followUp.inReplyTo).toBe(handoffMail.messageId);
      expect(followUp.references).toEqual(handoffMail.messageId);
      expect(followUp.text).toMatch(/one[\s\S]*two[\s\S]*three/);
      const [emailDeliveries] = [await deliveriesOf(tenant, handoffId, 'follow_up')];
      expect(emailDeliveries).toHaveLength(1);
      expect(emailDeliveries[0].messageIds).toHaveLength(3);
      expect(handoffMail.messageId).toBe(`<${(await handoffItem(tenant, handoffId)).deliveries[0].id}@localhost>`);
    });

    it('makes one email, not one per message, of a flood of messages, and one webhook per message', async () => {
      const { tenant } = await teamTenant({ email: 'team@acme.example', webhook: true });
      const { conversation, handoffId } = await handedOff(tenant);
      const postingStarted = Date.now();
      for (let index = 0; index < 150; index += 1) await assistantSays(tenant, conversation.conversationId, `update ${index}`).expect(201);
      const postingMs = Date.now() - postingStarted;
      await waitFor(() => eventsFor(handoffId).filter(({ body }) => body.event === 'handoff.message').length === 150, 30_000, '150 webhooks');
      const messages = eventsFor(handoffId).filter(({ body }) => body.event === 'handoff.message').map(({ body }) => body.message!.sequence);
      expect(messages).toEqual([...messages].sort((a, b) => a - b));
      // Each email gathers every message that came within the delay after its first one, at most
      // 100: however long the posting took, no more emails than delays it spanned, plus the cap's.
      const emailed = async () => (await deliveriesOf(tenant, handoffId, 'follow_up')).filter((delivery) => delivery.channel === 'email');
      await waitFor(async () => (await emailed()).every((delivery) => delivery.status === 'delivered'), 15_000, 'the follow-up emails');
      const sizes = (await emailed()).map((delivery) => delivery.messageIds.length);
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(150);
      expect(sizes.length).toBeLessThanOrEqual(Math.ceil(postingMs / FOLLOW_UP_EMAIL_DELAY_MS) + Math.ceil(150 / 100));
      expect(sizes.length).toBeLessThan(150 / 10);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
      expect(mailsFor(handoffId)).toHaveLength(1 + sizes.length);
    });
  });

  async function deliveriesOf(tenant: TestTenant, handoffId: string, kind?: string): Promise<{ id: string; channel: string; kind: string; messageIds: string[]; status: string }[]> {
    const items = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { limit: '100', ...(kind && { kind }), ...(cursor && { cursor }) };
      const { body } = await testApp.http().get(`/v1/admin/handoffs/${handoffId}/deliveries`).query(query).set(asAdmin(tenant)).expect(200);
      items.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    return items;
  }

  describe('deliveries of a handoff', () => {
    it('lists every delivery with its kind and messages, pages through them, and redelivers any one by id', async () => {
      const { tenant } = await teamTenant({ webhook: true });
      const { conversation, handoffId } = await handedOff(tenant);
      await postVisitorMessage(testApp, tenant, conversation, 'first');
      await postVisitorMessage(testApp, tenant, conversation, 'second');
      await waitFor(() => eventsFor(handoffId).length === 3, 15_000, 'the follow-ups');

      const all = await deliveriesOf(tenant, handoffId);
      expect(all.map((delivery) => [delivery.kind, delivery.channel, delivery.messageIds.length])).toEqual([
        ['handoff', 'webhook', 0],
        ['follow_up', 'webhook', 1],
        ['follow_up', 'webhook', 1],
      ]);
      const firstPage = await testApp.http().get(`/v1/admin/handoffs/${handoffId}/deliveries`).query({ limit: 2 }).set(asAdmin(tenant)).expect(200);
      expect(firstPage.body.items).toHaveLength(2);
      expect(firstPage.body.nextCursor).toEqual(expect.any(String));
      const followUps = await deliveriesOf(tenant, handoffId, 'follow_up');
      expect(followUps).toHaveLength(2);

      await testApp.http().post(`/v1/admin/deliveries/${followUps[0].id}/redeliver`).set(asAdmin(tenant)).expect(202);
      await waitFor(() => eventsFor(handoffId).filter(({ body }) => body.message?.content === 'first').length === 2, 15_000, 'the redelivered follow-up');

      const other = (await teamTenant({ webhook: true })).tenant;
      await testApp.http().post(`/v1/admin/deliveries/${followUps[0].id}/redeliver`).set(asAdmin(other)).expect(404);
      await testApp.http().get(`/v1/admin/handoffs/${handoffId}/deliveries`).set(asAdmin(other)).expect(404);
      await testApp.http().get(`/v1/admin/handoffs/${handoffId}/deliveries`).query({ kind: 'sometimes' }).set(asAdmin(tenant)).expect(400);
      await testApp.http().get(`/v1/admin/handoffs/${handoffId}/deliveries`).query({ cursor: 'not-a-cursor' }).set(asAdmin(tenant)).expect(400);
    });
  });

  describe('the visitor email', () => {
    it('emails an answer the visitor did not read in time, once, with the agent\'s name, replying to the team', async () => {
      const { tenant } = await teamTenant({ email: 'team@acme.example' });
      const { conversation, handoffId } = await handedOff(tenant, { visitorEmail: 'visitor@example.com' });
      await reply(tenant, conversation.conversationId, { content: 'Your refund <b>is</b> on its way.', authorName: 'Dana' }).expect(201);
      const toVisitor = () => peers.sink.messages.filter((mail) => mail.to && JSON.stringify(mail.to).includes('visitor@example.com'));
      const [mail] = await waitFor(() => toVisitor().length === 1 && toVisitor(), 15_000, 'the visitor email');
      expect(mail.text).toContain('Dana');
      expect(mail.text).toContain('Your refund <b>is</b> on its way.');
      expect(mail.html).not.toContain('<b>is</b>');
      expect(mail.replyTo?.text).toContain('team@acme.example');
      await new Promise((resolve) => setTimeout(resolve, VISITOR_REPLY_EMAIL_DELAY_MS + 1_000));
      expect(toVisitor()).toHaveLength(1);
      expect((await deliveriesOf(tenant, handoffId, 'visitor_email')).map((delivery) => delivery.status)).toEqual(['delivered']);
    });

    it('sends nothing when the widget showed the answer before the delay', async () => {
      const { tenant } = await teamTenant({ email: 'team@acme.example' });
      const { conversation, handoffId } = await handedOff(tenant, { visitorEmail: 'reader@example.com' });
      await reply(tenant, conversation.conversationId, { content: 'Read me in the widget', authorName: 'Dana' }).expect(201);
      await widgetRead(tenant, conversation);
      await waitFor(async () => (await deliveriesOf(tenant, handoffId, 'visitor_email'))[0]?.status === 'cancelled', 15_000, 'the cancelled visitor email');
      expect(peers.sink.messages.filter((mail) => JSON.stringify(mail.to).includes('reader@example.com'))).toEqual([]);
    });
  });

  describe('the Handoffs list and metrics', () => {
    it('shows when each handoff was first answered and how its follow-ups went, and measures the time to the first answer', async () => {
      const { tenant } = await teamTenant({ webhook: true });
      const { conversation, handoffId } = await handedOff(tenant);
      await reply(tenant, conversation.conversationId, { content: 'On it', authorName: 'Dana' }).expect(201);
      await waitFor(async () => (await handoffItem(tenant, handoffId)).followUps.total === 1, 15_000, 'the follow-up');
      const list = await testApp.http().get('/v1/admin/handoffs').set(asAdmin(tenant)).expect(200);
      expect(list.body.items[0]).toMatchObject({ id: handoffId, firstReplyAt: expect.any(String), followUps: { total: 1, failed: 0 } });
      expect(list.body.items[0].deliveries.map((delivery: { kind: string }) => delivery.kind)).toEqual(['handoff']);
      const metrics = (await testApp.http().get('/metrics').expect(200)).text;
      expect(metrics).toMatch(/wilow_handoff_first_reply_seconds_count \d+/);
      expect(metrics).toMatch(/wilow_follow_ups_total\{channel="webhook",status="delivered"\} \d+/);
    });
  });
});
