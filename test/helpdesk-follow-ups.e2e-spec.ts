import { followUpMarker } from '../src/channels/helpdesk-follow-up';
import { FakeFreshdesk, freshdeskInvalid, freshdeskRateLimited, startFakeFreshdesk } from './support/fake-freshdesk';
import { json } from './support/fake-vendor';
import { agentAnswers as agentAnswersIn, assistantSays as assistantSaysIn, deliveriesOf, finishedDeliveries, handedOffThrough } from './support/deliveries';
import { FakeZendesk, startFakeZendesk, zendeskRateLimited } from './support/fake-zendesk';
import { configureHandoff } from './support/handoff';
import { Peers, startPeers } from './support/peers';
import { asAdmin, createTenant, TestTenant } from './support/tenants';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { postVisitorMessage, TestConversation } from './support/widget';

const ZENDESK = { agentEmail: 'agent@acme.example', apiToken: 'zd-token-5e1c9a' };
const FRESHDESK_KEY = 'fd-key-8b2d7f';

/**
 * What the visitor, the assistant and agents add after a handoff reaches the Zendesk ticket and
 * the Freshdesk ticket, exactly once each under retries, through fake HTTPS vendor APIs that
 * behave as their documentation says; an erasure deletes what the service made there.
 */
describe('Helpdesk follow-ups and erasures', () => {
  let peers: Peers;
  let zendesk: FakeZendesk;
  let freshdesk: FakeFreshdesk;
  let testApp: TestApp;

  beforeAll(async () => {
    [peers, zendesk, freshdesk] = await Promise.all([startPeers(), startFakeZendesk(ZENDESK), startFakeFreshdesk(FRESHDESK_KEY)]);
    testApp = await startTestApp({
      ...peers.env,
      ZENDESK_API_BASE_URL: zendesk.baseUrl,
      FRESHDESK_API_BASE_URL: freshdesk.baseUrl,
      WEBHOOK_TIMEOUT_MS: '1500',
      SWEEP_INTERVAL_MS: '1000',
      RATE_LIMIT_WIDGET_PER_CONVERSATION_PER_MINUTE: '10000',
      RATE_LIMIT_WIDGET_PER_IP_PER_MINUTE: '100000',
    });
  });

  afterAll(async () => {
    await testApp.close();
    await Promise.all([peers.close(), zendesk.close(), freshdesk.close()]);
  });

  beforeEach(() => {
    for (const vendor of [zendesk, freshdesk]) {
      vendor.faults.length = 0;
      vendor.readFaults.length = 0;
      vendor.applyThenHang = 0;
    }
  });

  const settingsOf = {
    zendesk: { subdomain: 'acme', ...ZENDESK },
    freshdesk: { domain: 'acme', apiKey: FRESHDESK_KEY, fallbackRequesterEmail: 'support@acme.example' },
  };

  async function tenantWith(channel: keyof typeof settingsOf): Promise<TestTenant> {
    const tenant = await createTenant(testApp, { name: 'Acme Support', handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true });
    await testApp.http().put(`/v1/admin/handoff/channels/${channel}`).set(asAdmin(tenant)).send(settingsOf[channel]).expect(200);
    return tenant;
  }

  const deliveries = (tenant: TestTenant, handoffId: string, kind: string) => deliveriesOf(testApp, tenant, handoffId, kind);
  const finished = (tenant: TestTenant, handoffId: string, kind: string, count: number) => finishedDeliveries(testApp, tenant, handoffId, kind, count);

  async function handedOff(tenant: TestTenant, body: object = {}): Promise<{ conversation: TestConversation; handoffId: string; ticketId: string }> {
    const { externalId, ...handoff } = await handedOffThrough(testApp, tenant, body);
    return { ...handoff, ticketId: externalId };
  }

  const assistantSays = (tenant: TestTenant, conversationId: string, content: string) => assistantSaysIn(testApp, tenant, conversationId, content);
  const agentAnswers = (tenant: TestTenant, conversationId: string, content: string) => agentAnswersIn(testApp, tenant, conversationId, content);

  describe('Zendesk', () => {
    const commentsOf = (ticketId: string) => zendesk.tickets.get(Number(ticketId))?.comments.slice(1) ?? [];

    it("adds the visitor's messages as the requester's public comments and the others as private notes, recording each comment's id", async () => {
      const tenant = await tenantWith('zendesk');
      const { conversation, handoffId, ticketId } = await handedOff(tenant, { visitorEmail: 'visitor@example.com' });
      const requesterId = zendesk.tickets.get(Number(ticketId))?.requester_id;
      expect(requesterId).not.toBe(zendesk.agentId);

      await postVisitorMessage(testApp, tenant, conversation, 'My order is late');
      await assistantSays(tenant, conversation.conversationId, 'Your team will answer here');
      await agentAnswers(tenant, conversation.conversationId, 'Checking it now');
      const followUps = await finished(tenant, handoffId, 'follow_up', 3);

      const comments = commentsOf(ticketId);
      expect(comments).toEqual([
        expect.objectContaining({ public: true, author_id: requesterId, body: `My order is late\n\n${followUpMarker(followUps[0].id)}` }),
        expect.objectContaining({ public: false, author_id: zendesk.agentId, body: `The assistant:\nYour team will answer here\n\n${followUpMarker(followUps[1].id)}` }),
        expect.objectContaining({ public: false, author_id: zendesk.agentId, body: `Dana (answered in admin):\nChecking it now\n\n${followUpMarker(followUps[2].id)}` }),
      ]);
      expect(followUps.map((delivery) => [delivery.status, delivery.attempts, delivery.externalId])).toEqual(comments.map((comment) => ['delivered', 1, String(comment.id)]));
    });

    it("makes the visitor's message a private note when the ticket's requester is not the visitor", async () => {
      const tenant = await tenantWith('zendesk');
      const { conversation, handoffId, ticketId } = await handedOff(tenant);

      await postVisitorMessage(testApp, tenant, conversation, 'Anyone there?');
      await finished(tenant, handoffId, 'follow_up', 1);

      expect(commentsOf(ticketId)).toEqual([expect.objectContaining({ public: false, author_id: zendesk.agentId, body: expect.stringMatching(/^The visitor:\nAnyone there\?/) })]);
    });

    it('retries a 429 and a 503 with Retry-After, adding the comment once', async () => {
      const tenant = await tenantWith('zendesk');
      const { conversation, handoffId, ticketId } = await handedOff(tenant);
      zendesk.faults.push(zendeskRateLimited(1), json(503, { error: 'ServiceUnavailable' }, { 'Retry-After': '1' }));

      await postVisitorMessage(testApp, tenant, conversation, 'Still waiting');
      const [followUp] = await finished(tenant, handoffId, 'follow_up', 1);

      expect(followUp).toMatchObject({ status: 'delivered', attempts: 3 });
      expect(commentsOf(ticketId)).toHaveLength(1);
      expect(followUp.externalId).toBe(String(commentsOf(ticketId)[0].id));
      // Each later try first looked for what an earlier one may have made.
      expect(zendesk.calls().filter((call) => call === `GET /api/v2/tickets/${ticketId}/comments.json`)).toHaveLength(2);
    });

    it('after a timeout finds the comment the update made by its marker, and records it delivered without a second one', async () => {
      const tenant = await tenantWith('zendesk');
      const { conversation, handoffId, ticketId } = await handedOff(tenant);
      zendesk.applyThenHang = 1;

      await postVisitorMessage(testApp, tenant, conversation, 'Hello again');
      const [followUp] = await finished(tenant, handoffId, 'follow_up', 1);

      expect(commentsOf(ticketId)).toHaveLength(1);
      expect(followUp).toMatchObject({ status: 'delivered', attempts: 1, externalId: String(commentsOf(ticketId)[0].id) });
      expect(zendesk.calls().filter((call) => call === `GET /api/v2/tickets/${ticketId}/comments.json`)).toHaveLength(1);
    });

    it('retries an ambiguous 500 once the comments surely do not hold its marker', async () => {
      const tenant = await tenantWith('zendesk');
      const { conversation, handoffId, ticketId } = await handedOff(tenant);
      zendesk.faults.push(json(500, { error: 'InternalError' }));

      await postVisitorMessage(testApp, tenant, conversation, 'Are you there?');
      const [followUp] = await finished(tenant, handoffId, 'follow_up', 1);

      expect(zendesk.calls()).toContain(`GET /api/v2/tickets/${ticketId}/comments.json`);
      expect(followUp).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(commentsOf(ticketId)).toHaveLength(1);
    });

    it('fails a timed-out comment for good when the comments cannot be read, saying it could not tell', async () => {
      const tenant = await tenantWith('zendesk');
      const { conversation, handoffId, ticketId } = await handedOff(tenant);
      zendesk.applyThenHang = 1;
      zendesk.readFaults.push({ path: `/api/v2/tickets/${ticketId}/comments`, response: json(503, { error: 'ServiceUnavailable' }) });

      await postVisitorMessage(testApp, tenant, conversation, 'Lost in the middle');
      const [followUp] = await finished(tenant, handoffId, 'follow_up', 1);

      expect(followUp).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/^could not tell whether the comment was created \(timed out after 1500 ms; looking for it: answered 503/) });
      expect(commentsOf(ticketId)).toHaveLength(1);
    });

    it('does not retry a 422 that cannot succeed', async () => {
      const tenant = await tenantWith('zendesk');
      const { conversation, handoffId, ticketId } = await handedOff(tenant);
      zendesk.faults.push(json(422, { error: 'RecordInvalid', description: 'Record validation errors', details: { base: [{ description: 'Comment limit reached' }] } }));

      await postVisitorMessage(testApp, tenant, conversation, 'One more thing');
      const [followUp] = await finished(tenant, handoffId, 'follow_up', 1);

      expect(followUp).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('answered 422: RecordInvalid') });
      expect(commentsOf(ticketId)).toHaveLength(0);
    });

    it('makes a follow-up ticket of a closed ticket, which takes the later follow-ups', async () => {
      const tenant = await tenantWith('zendesk');
      const { conversation, handoffId, ticketId } = await handedOff(tenant, { visitorEmail: 'closed@example.com' });
      const closed = zendesk.tickets.get(Number(ticketId))!;
      closed.status = 'closed';

      await postVisitorMessage(testApp, tenant, conversation, 'It broke again');
      const [first] = await finished(tenant, handoffId, 'follow_up', 1);
      const [followUpTicket] = zendesk.ticketByExternalId(handoffId).filter((ticket) => ticket.id !== closed.id);
      expect(followUpTicket).toMatchObject({ via_followup_source_id: closed.id, external_id: handoffId, requester_id: closed.requester_id, status: 'new' });
      expect(followUpTicket.comments).toEqual([expect.objectContaining({ public: true, author_id: closed.requester_id, body: expect.stringContaining(followUpMarker(first.id)) })]);
      expect(first).toMatchObject({ status: 'delivered', externalId: String(followUpTicket.comments[0].id) });
      const [handoff] = await deliveries(tenant, handoffId, 'handoff');
      expect(handoff.externalId).toBe(String(followUpTicket.id));

      await postVisitorMessage(testApp, tenant, conversation, 'Any news?');
      await finished(tenant, handoffId, 'follow_up', 2);
      expect(followUpTicket.comments.map((comment) => comment.body)).toEqual([expect.stringContaining('It broke again'), expect.stringContaining('Any news?')]);
      expect(closed.comments).toHaveLength(1);
    });
  });

  describe('Freshdesk', () => {
    const notesOf = (ticketId: string) => freshdesk.tickets.get(Number(ticketId))?.notes ?? [];

    it("adds the visitor's messages as public notes and the others as private notes, recording each note's id", async () => {
      const tenant = await tenantWith('freshdesk');
      const { conversation, handoffId, ticketId } = await handedOff(tenant);

      await postVisitorMessage(testApp, tenant, conversation, 'Order <42> & more');
      await agentAnswers(tenant, conversation.conversationId, 'On it');
      const followUps = await finished(tenant, handoffId, 'follow_up', 2);

      expect(notesOf(ticketId)).toEqual([
        expect.objectContaining({ private: false, body: `The visitor:<br>Order &lt;42&gt; &amp; more<br><br>${followUpMarker(followUps[0].id)}` }),
        expect.objectContaining({ private: true, body: expect.stringContaining('Dana (answered in admin):<br>On it') }),
      ]);
      expect(followUps.map((delivery) => delivery.externalId)).toEqual(notesOf(ticketId).map((note) => String(note.id)));
    });

    it('retries a 429 after its Retry-After, adding the note once', async () => {
      const tenant = await tenantWith('freshdesk');
      const { conversation, handoffId, ticketId } = await handedOff(tenant);
      freshdesk.faults.push(freshdeskRateLimited(1));

      await postVisitorMessage(testApp, tenant, conversation, 'Hello?');
      const [followUp] = await finished(tenant, handoffId, 'follow_up', 1);

      expect(followUp).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(notesOf(ticketId)).toHaveLength(1);
      expect(freshdesk.calls().filter((call) => call === `GET /api/v2/tickets/${ticketId}/conversations`)).toHaveLength(1);
    });

    it('after a timeout finds the note by its marker among the conversations, without a second one', async () => {
      const tenant = await tenantWith('freshdesk');
      const { conversation, handoffId, ticketId } = await handedOff(tenant);
      freshdesk.applyThenHang = 1;

      await postVisitorMessage(testApp, tenant, conversation, 'Timing out');
      const [followUp] = await finished(tenant, handoffId, 'follow_up', 1);

      expect(notesOf(ticketId)).toHaveLength(1);
      expect(followUp).toMatchObject({ status: 'delivered', attempts: 1, externalId: String(notesOf(ticketId)[0].id) });
    });

    it('retries a 502 whose note the conversations surely do not hold', async () => {
      const tenant = await tenantWith('freshdesk');
      const { conversation, handoffId, ticketId } = await handedOff(tenant);
      freshdesk.faults.push(json(502, { message: 'Bad gateway' }));

      await postVisitorMessage(testApp, tenant, conversation, 'Gateway trouble');
      const [followUp] = await finished(tenant, handoffId, 'follow_up', 1);

      expect(followUp).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(notesOf(ticketId)).toHaveLength(1);
      expect(freshdesk.calls()).toContain(`GET /api/v2/tickets/${ticketId}/conversations`);
    });

    it('does not retry a 400 that cannot succeed', async () => {
      const tenant = await tenantWith('freshdesk');
      const { conversation, handoffId } = await handedOff(tenant);
      freshdesk.faults.push(freshdeskInvalid('body', 'It should be a/an String'));

      await postVisitorMessage(testApp, tenant, conversation, 'Invalid somehow');
      const [followUp] = await finished(tenant, handoffId, 'follow_up', 1);

      expect(followUp).toMatchObject({ status: 'failed', attempts: 1, lastError: 'answered 400: Validation failed (body: It should be a/an String)' });
    });
  });

  describe('erasure', () => {
    const erasureDone = (tenant: TestTenant, erasureId: string) =>
      waitFor(async () => {
        const erasure = (await testApp.http().get(`/v1/admin/erasures/${erasureId}`).set(asAdmin(tenant)).expect(200)).body;
        return erasure.status !== 'pending' && erasure;
      }, 20_000, 'the erasure to finish');

    it('deletes every Zendesk ticket made for the handoff, the follow-up ticket too, then deletes them permanently', async () => {
      const tenant = await tenantWith('zendesk');
      const { conversation, handoffId, ticketId } = await handedOff(tenant, { visitorEmail: 'erase-me@example.com' });
      zendesk.tickets.get(Number(ticketId))!.status = 'closed';
      await postVisitorMessage(testApp, tenant, conversation, 'Reopening');
      await finished(tenant, handoffId, 'follow_up', 1);
      const made = zendesk.ticketByExternalId(handoffId).map((ticket) => ticket.id);
      expect(made).toHaveLength(2);

      const { erasureId } = (await testApp.http().delete(`/v1/admin/conversations/${conversation.conversationId}`).set(asAdmin(tenant)).expect(202)).body;
      const erasure = await erasureDone(tenant, erasureId);

      expect(erasure).toMatchObject({ status: 'done', destinations: [{ channel: 'zendesk', outcome: 'done', note: null }] });
      for (const id of made) expect(zendesk.calls()).toEqual(expect.arrayContaining([`DELETE /api/v2/tickets/${id}.json`, `DELETE /api/v2/deleted_tickets/${id}.json`]));
      expect(zendesk.purged).toEqual(expect.arrayContaining(made));
      expect(zendesk.ticketByExternalId(handoffId)).toEqual([]);
    });

    it('deletes the Freshdesk ticket, saying what Freshdesk keeps', async () => {
      const tenant = await tenantWith('freshdesk');
      const { conversation, ticketId } = await handedOff(tenant, { visitorEmail: 'erase-me@example.com' });

      const { erasureId } = (await testApp.http().delete(`/v1/admin/conversations/${conversation.conversationId}`).set(asAdmin(tenant)).expect(202)).body;
      const erasure = await erasureDone(tenant, erasureId);

      expect(freshdesk.calls()).toContain(`DELETE /api/v2/tickets/${ticketId}`);
      expect(freshdesk.tickets.get(Number(ticketId))?.deleted).toBe(true);
      expect(erasure).toMatchObject({
        status: 'partial',
        destinations: [{ channel: 'freshdesk', externalId: ticketId, outcome: 'not_recallable', note: expect.stringContaining('trash') }],
      });
    });

    it('retries a rate-limited deletion', async () => {
      const tenant = await tenantWith('freshdesk');
      const { conversation, ticketId } = await handedOff(tenant);
      freshdesk.faults.push(freshdeskRateLimited(1));

      const { erasureId } = (await testApp.http().delete(`/v1/admin/conversations/${conversation.conversationId}`).set(asAdmin(tenant)).expect(202)).body;
      await erasureDone(tenant, erasureId);

      expect(freshdesk.calls().filter((call) => call === `DELETE /api/v2/tickets/${ticketId}`)).toHaveLength(2);
      expect(freshdesk.tickets.get(Number(ticketId))?.deleted).toBe(true);
    });
  });
});
