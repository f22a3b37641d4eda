import { Webhook } from 'standardwebhooks';
import { configureHandoff, generateWebhookSecret } from './support/handoff';
import { Peers, startPeers } from './support/peers';
import { asAdmin, createTenant, TestTenant } from './support/tenants';
import { ServiceApi } from './support/service-api';
import { startServiceProcess } from './support/service-process';
import { isolatedEnvironment, queryDatabase, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { asVisitor, openConversation, postVisitorMessage, requestHandoff, TestConversation } from './support/widget';

const VISITOR_REPLY_EMAIL_DELAY_MS = 500;

/**
 * Every text column of every table of the service's own schema: after an erasure, none may hold
 * what was erased.
 */
async function columnsHolding(databaseUrl: string, text: string): Promise<string[]> {
  const columns = await queryDatabase<{ table_name: string; column_name: string }>(
    databaseUrl,
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')`,
  );
  const holding: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const [{ n }] = await queryDatabase<{ n: number }>(databaseUrl, `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text ILIKE $1`, [`%${text}%`]);
    if (n > 0) holding.push(`${table}.${column}`);
  }
  return holding;
}

describe('Data protection', () => {
  let peers: Peers;
  let testApp: TestApp;

  beforeAll(async () => {
    peers = await startPeers();
    testApp = await startTestApp({
      ...peers.env,
      VISITOR_REPLY_EMAIL_DELAY_MS: String(VISITOR_REPLY_EMAIL_DELAY_MS),
      FOLLOW_UP_EMAIL_DELAY_MS: '200',
      RETENTION_SWEEP_INTERVAL_MS: '1000',
      SWEEP_INTERVAL_MS: '1000',
    });
  });

  afterAll(async () => {
    await testApp.close();
    await peers.close();
  });

  async function teamTenant(): Promise<{ tenant: TestTenant; secret: string }> {
    const tenant = await createTenant(testApp, { name: 'Acme', handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, email: 'team@acme.example', webhookUrl: peers.receiver.url });
    return { tenant, secret: await generateWebhookSecret(testApp, tenant) };
  }

  /** A conversation whose every trace carries `marker`: the messages, the email, the reason, the follow-ups, an answer emailed to the visitor. */
  async function conversationFullOf(tenant: TestTenant, marker: string, visitorEmail = `${marker}@visitor.example`) {
    const conversation = await openConversation(testApp, tenant);
    await postVisitorMessage(testApp, tenant, conversation, `My order ${marker} never came`);
    const handoffId = (await requestHandoff(testApp, tenant, conversation, { visitorEmail, reason: `Refund ${marker}` })).body.handoffId as string;
    await postVisitorMessage(testApp, tenant, conversation, `Also ${marker} was charged twice`);
    await testApp.http().post(`/v1/admin/conversations/${conversation.conversationId}/replies`).set(asAdmin(tenant)).send({ content: `Looking at ${marker} now`, authorName: 'Dana' }).expect(201);
    await waitFor(() => peers.receiver.requests.filter((request) => request.body.toString().includes(handoffId)).length >= 3, 15_000, 'the webhook follow-ups');
    await waitFor(() => peers.sink.messages.some((mail) => JSON.stringify(mail.to).includes(visitorEmail)), 15_000, 'the visitor email');
    return { conversation, handoffId, visitorEmail };
  }

  const erase = (tenant: TestTenant, conversationId: string) => testApp.http().delete(`/v1/admin/conversations/${conversationId}`).set(asAdmin(tenant));
  const eraseByEmail = (tenant: TestTenant, visitorEmail: string) => testApp.http().post('/v1/admin/erasures').set(asAdmin(tenant)).send({ visitorEmail });
  const erasureOf = async (tenant: TestTenant, id: string) => (await testApp.http().get(`/v1/admin/erasures/${id}`).set(asAdmin(tenant)).expect(200)).body;
  const finished = (tenant: TestTenant, id: string) =>
    waitFor(async () => {
      const erasure = await erasureOf(tenant, id);
      return erasure.status !== 'pending' && erasure;
    }, 15_000, 'the erasure to finish');

  describe('erasing one conversation', () => {
    it('leaves no trace of it in any table, tells the webhook, and keeps the records as skeletons', async () => {
      const { tenant, secret } = await teamTenant();
      const marker = `erase${Date.now()}`;
      const { conversation, handoffId, visitorEmail } = await conversationFullOf(tenant, marker);
      expect((await columnsHolding(testApp.databaseUrl, marker)).length).toBeGreaterThan(0);

      const started = await erase(tenant, conversation.conversationId).expect(202);
      expect(started.body).toEqual({ erasureId: expect.any(String), conversations: 1 });
      expect(await columnsHolding(testApp.databaseUrl, marker)).toEqual([]);
      expect(await columnsHolding(testApp.databaseUrl, visitorEmail)).toEqual([]);

      const erasure = await finished(tenant, started.body.erasureId);
      expect(erasure).toMatchObject({ id: started.body.erasureId, status: 'partial', conversations: 1 });
      expect(erasure.destinations.map((destination: { channel: string; outcome: string }) => [destination.channel, destination.outcome]).sort()).toEqual([
        ['email', 'not_recallable'],
        ['email', 'not_recallable'],
        ['webhook', 'done'],
      ]);
      expect(erasure.destinations.every((destination: { note: string | null; outcome: string }) => destination.outcome === 'done' || destination.note)).toBe(true);

      const erased = peers.receiver.requests.find((request) => request.headers['x-wilow-event'] === 'handoff.erased' && request.body.toString().includes(handoffId));
      expect(erased).toBeDefined();
      const raw = erased!.body.toString('utf8');
      expect(Object.keys(JSON.parse(raw))).toEqual(['event', 'tenantId', 'conversationId', 'handoffId', 'erasedAt']);
      expect(() => new Webhook(secret).verify(raw, erased!.headers as Record<string, string>)).not.toThrow();

      await testApp.http().get(`/v1/admin/conversations/${conversation.conversationId}`).set(asAdmin(tenant)).expect(404);
      await testApp.http().get(`/v1/widget/conversations/${conversation.conversationId}/messages`).set(asVisitor(tenant, conversation)).expect(404);
      await postVisitorMessageExpecting(tenant, conversation, 404);
      const handoff = (await testApp.http().get(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).expect(200)).body;
      expect(handoff).toMatchObject({ id: handoffId, status: 'resolved', visitorEmail: null, reason: null, erasedAt: expect.any(String) });
      expect(handoff.deliveries.every((delivery: { erasedAt: string | null; lastError: string | null }) => delivery.erasedAt && delivery.lastError === null)).toBe(true);

      await erase(tenant, conversation.conversationId).expect(404);
    });

    it("answers another tenant's conversation exactly as an unknown one: 404, and erases nothing", async () => {
      const { tenant } = await teamTenant();
      const conversation = await openConversation(testApp, tenant);
      await postVisitorMessage(testApp, tenant, conversation, 'still here');
      const other = (await teamTenant()).tenant;
      const foreign = await erase(other, conversation.conversationId).expect(404);
      expect((await erase(other, '00000000-0000-4000-8000-000000000000').expect(404)).body).toEqual(foreign.body);
      await testApp.http().get(`/v1/admin/conversations/${conversation.conversationId}`).set(asAdmin(tenant)).expect(200);
    });

    it('resolves an open handoff silently and cancels what was still to be sent', async () => {
      const { tenant } = await teamTenant();
      const conversation = await openConversation(testApp, tenant);
      const handoffId = (await requestHandoff(testApp, tenant, conversation, {})).body.handoffId as string;
      await waitFor(() => peers.receiver.requests.some((request) => request.body.toString().includes(handoffId)), 15_000, 'the handoff webhook');
      await queryDatabase(testApp.databaseUrl, "UPDATE conversations SET last_message_at = now() WHERE id = $1", [conversation.conversationId]);
      // An email gathering follow-ups for a minute is pending when the erasure comes.
      await queryDatabase(
        testApp.databaseUrl,
        `INSERT INTO deliveries (handoff_id, channel, kind, max_attempts, not_before) VALUES ($1, 'email', 'follow_up', 10, now() + interval '1 minute')`,
        [handoffId],
      );
      await erase(tenant, conversation.conversationId).expect(202);
      const rows = await queryDatabase(testApp.databaseUrl, "SELECT kind, status FROM deliveries WHERE handoff_id = $1 AND kind = 'follow_up'", [handoffId]);
      expect(rows).toEqual([{ kind: 'follow_up', status: 'cancelled' }]);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const events = peers.receiver.requests.filter((request) => request.body.toString().includes(handoffId)).map((request) => request.headers['x-wilow-event']);
      expect(events).toEqual(['handoff.created', 'handoff.erased']);
    });
    it('records a webhook not subscribed to handoff.erased as not applicable, and tells it nothing', async () => {
      const { tenant } = await teamTenant();
      await testApp.http().put('/v1/admin/handoff/channels/webhook').set(asAdmin(tenant)).send({ url: peers.receiver.url, events: ['handoff.created'] }).expect(200);
      const conversation = await openConversation(testApp, tenant);
      const handoffId = (await requestHandoff(testApp, tenant, conversation, {})).body.handoffId as string;
      await waitFor(() => peers.receiver.requests.some((request) => request.body.toString().includes(handoffId)), 15_000, 'the handoff webhook');

      const started = await erase(tenant, conversation.conversationId).expect(202);
      const erasure = await finished(tenant, started.body.erasureId);

      expect(erasure.destinations.find((destination: { channel: string }) => destination.channel === 'webhook')).toEqual({
        handoffId,
        channel: 'webhook',
        externalId: null,
        deliveryId: null,
        outcome: 'not_applicable',
        note: 'The Ticket webhook is not subscribed to handoff.erased, so it was not told.',
      });
      const events = peers.receiver.requests.filter((request) => request.body.toString().includes(handoffId)).map((request) => request.headers['x-wilow-event']);
      expect(events).toEqual(['handoff.created']);
    });
  });

  describe('what stays of an erased handoff', () => {
    /** A handoff whose webhook delivery failed (the receiver was down, as the database records it). */
    async function failedHandoff(tenant: TestTenant) {
      const conversation = await openConversation(testApp, tenant);
      await postVisitorMessage(testApp, tenant, conversation, 'where is my parcel');
      const handoffId = (await requestHandoff(testApp, tenant, conversation, {})).body.handoffId as string;
      await waitFor(() => peers.receiver.requests.some((request) => request.body.toString().includes(handoffId)), 15_000, 'the handoff webhook');
      const [webhook] = await queryDatabase<{ id: string }>(
        testApp.databaseUrl,
        "UPDATE deliveries SET status = 'failed', last_error = 'HTTP 503' WHERE handoff_id = $1 AND kind = 'handoff' AND channel = 'webhook' RETURNING id",
        [handoffId],
      );
      return { conversation, handoffId, webhookDeliveryId: webhook.id };
    }

    it('cannot be reopened: 409 HANDOFF_ERASED, and nothing changes', async () => {
      const { tenant } = await teamTenant();
      const { conversation, handoffId } = await failedHandoff(tenant);
      await erase(tenant, conversation.conversationId).expect(202);
      const before = (await testApp.http().get(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).expect(200)).body;

      const refused = await testApp.http().patch(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).send({ status: 'open' }).expect(409);
      expect(refused.body).toMatchObject({ statusCode: 409, code: 'HANDOFF_ERASED' });
      expect((await testApp.http().get(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).expect(200)).body).toEqual(before);
      const [row] = await queryDatabase(testApp.databaseUrl, 'SELECT mode, open_handoff_id FROM conversations WHERE id = $1', [conversation.conversationId]);
      expect(row).toEqual({ mode: 'assistant', open_handoff_id: null });
      await testApp.http().patch(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).send({ status: 'resolved' }).expect(200);
    });

    it('sends none of its erased deliveries again, by hand or in bulk, but sends the news of the erasure again', async () => {
      const { tenant } = await teamTenant();
      const erased = await failedHandoff(tenant);
      const kept = await failedHandoff(tenant);
      const started = await erase(tenant, erased.conversation.conversationId).expect(202);
      const erasure = await finished(tenant, started.body.erasureId);

      for (const path of [`/v1/admin/deliveries/${erased.webhookDeliveryId}/redeliver`, `/v1/admin/handoffs/${erased.handoffId}/deliveries/webhook/redeliver`]) {
        const refused = await testApp.http().post(path).set(asAdmin(tenant)).expect(409);
        expect(refused.body).toMatchObject({ statusCode: 409, code: 'DELIVERY_ERASED' });
      }
      const since = new Date(Date.now() - 3_600_000).toISOString();
      const bulk = await testApp.http().post('/v1/admin/handoff/channels/webhook/redeliver-failed').set(asAdmin(tenant)).send({ since }).expect(202);
      expect(bulk.body).toEqual({ count: 1 });
      await waitFor(async () => {
        const rows = await queryDatabase<{ handoff_id: string; status: string }>(
          testApp.databaseUrl,
          "SELECT handoff_id, status FROM deliveries WHERE handoff_id = ANY($1) AND kind = 'handoff' AND channel = 'webhook' ORDER BY handoff_id = $2 DESC",
          [[erased.handoffId, kept.handoffId], erased.handoffId],
        );
        return rows[0].status === 'failed' && rows[1].status === 'delivered';
      }, 15_000, 'the kept handoff redelivered and the erased one left failed');

      const webhook = erasure.destinations.find((destination: { channel: string }) => destination.channel === 'webhook');
      const emailed = erasure.destinations.find((destination: { channel: string }) => destination.channel === 'email');
      expect(emailed.deliveryId).toBeNull();
      expect(webhook.handoffId).toBe(erased.handoffId);
      const news = await testApp.http().get(`/v1/admin/handoffs/${webhook.handoffId}/deliveries?kind=erased`).set(asAdmin(tenant)).expect(200);
      expect(news.body.items.map((delivery: { id: string }) => delivery.id)).toEqual([webhook.deliveryId]);
      const again = await testApp.http().post(`/v1/admin/deliveries/${webhook.deliveryId}/redeliver`).set(asAdmin(tenant)).expect(202);
      expect(again.body).toMatchObject({ id: webhook.deliveryId, kind: 'erased' });
      await waitFor(
        () => peers.receiver.requests.filter((request) => request.headers['x-wilow-event'] === 'handoff.erased' && request.body.toString().includes(erased.handoffId)).length === 2,
        15_000,
        'the news of the erasure sent again',
      );
    });
  });

  describe('erasing by visitor email', () => {
    it("erases every conversation of the visitor's email, whatever its case, keeping only a hash of it", async () => {
      const { tenant } = await teamTenant();
      const email = `visitor${Date.now()}@example.com`;
      const first = await openConversation(testApp, tenant);
      await requestHandoff(testApp, tenant, first, { visitorEmail: email });
      const second = await openConversation(testApp, tenant);
      await requestHandoff(testApp, tenant, second, { visitorEmail: email.toUpperCase() });
      const someoneElse = await openConversation(testApp, tenant);
      await requestHandoff(testApp, tenant, someoneElse, { visitorEmail: `other${email}` });
      const otherTenant = (await teamTenant()).tenant;
      const elsewhere = await openConversation(testApp, otherTenant);
      await requestHandoff(testApp, otherTenant, elsewhere, { visitorEmail: email });

      const started = await eraseByEmail(tenant, email).expect(202);
      expect(started.body).toEqual({ erasureId: expect.any(String), conversations: 2 });
      for (const gone of [first, second]) await testApp.http().get(`/v1/admin/conversations/${gone.conversationId}`).set(asAdmin(tenant)).expect(404);
      await testApp.http().get(`/v1/admin/conversations/${someoneElse.conversationId}`).set(asAdmin(tenant)).expect(200);
      await testApp.http().get(`/v1/admin/conversations/${elsewhere.conversationId}`).set(asAdmin(otherTenant)).expect(200);
      expect(await columnsHolding(testApp.databaseUrl, email.split('@')[0].slice(0, 20))).toEqual(['handoffs.visitor_email']);

      expect((await eraseByEmail(tenant, email).expect(202)).body).toEqual({ erasureId: expect.any(String), conversations: 0 });
      expect((await eraseByEmail(tenant, `nobody${email}`).expect(202)).body).toEqual({ erasureId: expect.any(String), conversations: 0 });
      await eraseByEmail(tenant, 'not an email').expect(400);

      const list = await testApp.http().get('/v1/admin/erasures').set(asAdmin(tenant)).expect(200);
      expect(list.body.items.map((erasure: { conversations: number }) => erasure.conversations)).toEqual([0, 0, 2]);
      await testApp.http().get(`/v1/admin/erasures/${started.body.erasureId}`).set(asAdmin(otherTenant)).expect(404);
    });
  });

  describe('retention', () => {
    it('erases a conversation quiet for longer than the tenant keeps transcripts, and keeps a recent one, touching nothing outside', async () => {
      const { tenant } = await teamTenant();
      const settings = await testApp.http().patch('/v1/admin/widget/settings').set(asAdmin(tenant)).send({ transcriptRetentionDays: 30 }).expect(200);
      expect(settings.body).toMatchObject({ transcriptRetentionDays: 30 });
      const old = await openConversation(testApp, tenant);
      await postVisitorMessage(testApp, tenant, old, 'an old question');
      const oldHandoff = (await requestHandoff(testApp, tenant, old, {})).body.handoffId as string;
      const recent = await openConversation(testApp, tenant);
      await postVisitorMessage(testApp, tenant, recent, 'a recent question');
      await queryDatabase(
        testApp.databaseUrl,
        "UPDATE conversations SET created_at = now() - interval '40 days', last_message_at = now() - interval '40 days' WHERE id = $1",
        [old.conversationId],
      );

      await waitFor(async () => (await testApp.http().get(`/v1/admin/conversations/${old.conversationId}`).set(asAdmin(tenant))).status === 404, 15_000, 'retention');
      await testApp.http().get(`/v1/admin/conversations/${recent.conversationId}`).set(asAdmin(tenant)).expect(200);
      expect(await columnsHolding(testApp.databaseUrl, 'an old question')).toEqual([]);
      // The team's copy is theirs: retention tells no one and deletes nothing outside.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(peers.receiver.requests.filter((request) => request.body.toString().includes(oldHandoff)).map((request) => request.headers['x-wilow-event'])).toEqual([
        'handoff.created',
      ]);
      expect((await testApp.http().get('/metrics').expect(200)).text).toMatch(/wilow_retention_erased_conversations_total [1-9]/);
    });

    it.each([[0], [3651], [1.5], ['thirty']])('refuses a retention of %j days with 400', async (days) => {
      const { tenant } = await teamTenant();
      const refused = await testApp.http().patch('/v1/admin/widget/settings').set(asAdmin(tenant)).send({ transcriptRetentionDays: days }).expect(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    });

    it('keeps transcripts again when the retention is set back to null', async () => {
      const { tenant } = await teamTenant();
      await testApp.http().patch('/v1/admin/widget/settings').set(asAdmin(tenant)).send({ transcriptRetentionDays: 3650 }).expect(200);
      const kept = await testApp.http().patch('/v1/admin/widget/settings').set(asAdmin(tenant)).send({ transcriptRetentionDays: null }).expect(200);
      expect(kept.body).toMatchObject({ transcriptRetentionDays: null });
    });
  });

  describe('logs', () => {
    it('never carry message content, visitor emails or reasons, so there is nothing to erase there', async () => {
      const rejecting = await startPeers({ sink: { onRcptTo: (address) => (address.includes('visitor') ? { code: 550, message: `5.1.1 <${address}>: unknown user` } : undefined) } });
      const service = await startServiceProcess(
        isolatedEnvironment({ ...rejecting.env, LOG_LEVEL: 'trace', VISITOR_REPLY_EMAIL_DELAY_MS: '0', FOLLOW_UP_EMAIL_DELAY_MS: '0' }),
      );
      try {
        const marker = `logged${Date.now()}`;
        const api = new ServiceApi(service.url);
        const tenant = await api.tenant();
        const conversation = await api.conversation(tenant);
        await api.visitorSays(tenant, conversation, `my card ${marker} was declined`);
        await api.handoff(tenant, conversation, { visitorEmail: `${marker}.visitor@example.com`, reason: `reason ${marker}` });
        await api.visitorSays(tenant, conversation, `and ${marker} again`);
        await api.reply(tenant, conversation, `answer ${marker}`);
        await waitFor(() => service.output().includes('"kind":"visitor_email"'), 15_000, 'the refused visitor email to be logged');
        await api.erase(tenant, conversation);

        expect(service.output()).toContain('/replies');
        expect(service.output()).not.toContain(marker);
      } finally {
        await service.stop();
        await rejecting.close();
      }
    });
  });

  function postVisitorMessageExpecting(tenant: TestTenant, conversation: TestConversation, status: number) {
    return testApp
      .http()
      .post(`/v1/widget/conversations/${conversation.conversationId}/messages`)
      .set(asVisitor(tenant, conversation))
      .send({ content: 'anyone?' })
      .expect(status);
  }
});
