import { EventSchemaChecker } from '../src/channels/testing/event-schemas';
import { ReceivedRequest, ReceiverResponse } from '../src/channels/testing/https-receiver';
import { configureHandoff, generateWebhookSecret } from './support/handoff';
import { Peers, startPeers } from './support/peers';
import { asAdmin, createTenant, TestTenant } from './support/tenants';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { openConversation, postVisitorMessage, requestHandoff } from './support/widget';

interface CatalogueItem {
  event: string;
  description: string;
  schema: Record<string, unknown>;
}

interface DeliveryItem {
  kind: string;
  channel: string;
  status: string;
  lastError: string | null;
}

/**
 * The event catalogue and the webhook's `events` subscription, through the HTTP API, the real
 * HTTPS receiver and SMTP server: what is sent is what the catalogue describes, and a webhook
 * receives only what it subscribed to.
 */
describe('Webhook events', () => {
  let peers: Peers;
  let testApp: TestApp;
  /** Answers the receiver gives, by conversation id; 200 by default. */
  const answers = new Map<string, Promise<ReceiverResponse>>();

  beforeAll(async () => {
    peers = await startPeers({
      receiver: { respond: (request) => answers.get(bodyOf(request).conversationId ?? '') ?? { status: 200, body: '{"ok":true}' } },
    });
    testApp = await startTestApp({ ...peers.env, FOLLOW_UP_EMAIL_DELAY_MS: '200', SWEEP_INTERVAL_MS: '1000' });
  });

  afterAll(async () => {
    await testApp.close();
    await peers.close();
  });

  async function teamTenant(): Promise<TestTenant> {
    const tenant = await createTenant(testApp, { name: 'Acme', handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, email: 'team@acme.example', webhookUrl: peers.receiver.url });
    await generateWebhookSecret(testApp, tenant);
    return tenant;
  }

  const putWebhook = (tenant: TestTenant, body: object) => testApp.http().put('/v1/admin/handoff/channels/webhook').set(asAdmin(tenant)).send(body);
  const subscribe = (tenant: TestTenant, events: string[] | null) => putWebhook(tenant, { url: peers.receiver.url, events }).expect(200);
  const catalogue = async (tenant: TestTenant): Promise<CatalogueItem[]> =>
    (await testApp.http().get('/v1/admin/handoff/events').set(asAdmin(tenant)).expect(200)).body.items;
  const deliveriesOf = async (tenant: TestTenant, handoffId: string): Promise<DeliveryItem[]> =>
    (await testApp.http().get(`/v1/admin/handoffs/${handoffId}/deliveries`).set(asAdmin(tenant)).expect(200)).body.items;
  const received = (handoffId: string) => peers.receiver.requests.filter((request) => handoffIdOf(request) === handoffId);
  const eventsReceived = (handoffId: string) => received(handoffId).map((request) => request.headers['x-wilow-event']);
  const resolve = (tenant: TestTenant, handoffId: string) =>
    testApp.http().patch(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).send({ status: 'resolved' }).expect(200);

  async function handoffWithFollowUp(tenant: TestTenant) {
    const conversation = await openConversation(testApp, tenant);
    await postVisitorMessage(testApp, tenant, conversation, 'I need a person');
    const handoffId = (await requestHandoff(testApp, tenant, conversation)).body.handoffId as string;
    await waitFor(() => eventsReceived(handoffId).includes('handoff.created'), 15_000, 'handoff.created');
    await postVisitorMessage(testApp, tenant, conversation, 'My order number is 4471.');
    return { conversation, handoffId };
  }

  it('lists every event a webhook can receive, with a JSON Schema each, to admins only', async () => {
    const tenant = await teamTenant();
    const items = await catalogue(tenant);

    expect(items.map((item) => item.event)).toEqual(['handoff.created', 'handoff.message', 'handoff.resolved', 'handoff.erased']);
    for (const item of items) {
      expect(item.description).not.toBe('');
      expect(item.schema).toMatchObject({ type: 'object', title: item.event, properties: { event: { const: item.event } } });
    }
    expect(items[0].schema.required).toEqual(['event', 'tenantId', 'conversationId', 'handoffId', 'visitorEmail', 'reason', 'transcript', 'adminConversationUrl']);
    await testApp.http().get('/v1/admin/handoff/events').expect(401);
  });

  it('sends every event as its schema in the catalogue says', async () => {
    const tenant = await teamTenant();
    const { handoffId } = await handoffWithFollowUp(tenant);
    await waitFor(() => eventsReceived(handoffId).includes('handoff.message'), 15_000, 'handoff.message');
    await resolve(tenant, handoffId);
    await waitFor(() => eventsReceived(handoffId).includes('handoff.resolved'), 15_000, 'handoff.resolved');

    const schemas = new Map((await catalogue(tenant)).map((item) => [item.event, item.schema]));
    const checker = new EventSchemaChecker();
    expect(eventsReceived(handoffId)).toEqual(['handoff.created', 'handoff.message', 'handoff.resolved']);
    for (const request of received(handoffId)) {
      const schema = schemas.get(String(request.headers['x-wilow-event'])) ?? {};
      expect(checker.errors(schema, JSON.parse(request.body.toString('utf8')))).toEqual([]);
    }
  });

  it.each([
    ['a list without handoff.created', ['handoff.message'], 'events must include handoff.created: every webhook receives the handoffs'],
    ['an empty list', [], 'events must include handoff.created: every webhook receives the handoffs'],
    ['an unknown event', ['handoff.created', 'handoff.deleted'], 'events must list only handoff.created, handoff.message, handoff.resolved, handoff.erased'],
    ['an event twice', ['handoff.created', 'handoff.created'], 'events must not list an event twice'],
    ['a string', 'handoff.created', 'events must be an array'],
  ])('refuses %s as the webhook events (400 VALIDATION_FAILED), keeping what was saved', async (_case, events, message) => {
    const tenant = await teamTenant();
    await subscribe(tenant, ['handoff.created', 'handoff.resolved']);

    const refused = await putWebhook(tenant, { url: peers.receiver.url, events }).expect(400);

    expect(refused.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(refused.body.errors).toContain(message);
    const channels = (await testApp.http().get('/v1/admin/handoff/channels').set(asAdmin(tenant)).expect(200)).body.items;
    expect(channels.find((item: { channel: string }) => item.channel === 'webhook').settings.events).toEqual(['handoff.created', 'handoff.resolved']);
  });

  it('takes null, or no events at all, as every event, and keeps the subscription when the first settings API changes the URL', async () => {
    const tenant = await teamTenant();
    expect((await subscribe(tenant, null)).body.settings).toEqual({ url: peers.receiver.url, events: null });
    expect((await putWebhook(tenant, { url: peers.receiver.url }).expect(200)).body.settings).toEqual({ url: peers.receiver.url, events: null });

    await subscribe(tenant, ['handoff.created']);
    await configureHandoff(testApp, tenant, { webhookUrl: `${peers.receiver.url}?moved=1` });
    const channels = (await testApp.http().get('/v1/admin/handoff/channels').set(asAdmin(tenant)).expect(200)).body.items;
    expect(channels.find((item: { channel: string }) => item.channel === 'webhook').settings).toEqual({
      url: `${peers.receiver.url}?moved=1`,
      events: ['handoff.created'],
    });
  });

  it('sends a webhook subscribed to handoff.created only no follow-up and no resolution, and records none, while the email gets them', async () => {
    const tenant = await teamTenant();
    await subscribe(tenant, ['handoff.created']);
    const { handoffId } = await handoffWithFollowUp(tenant);
    await resolve(tenant, handoffId);
    const emailKinds = () => deliveriesOf(tenant, handoffId).then((items) => items.filter((item) => item.channel === 'email' && item.status === 'delivered').map((item) => item.kind));
    await waitFor(async () => (await emailKinds()).includes('follow_up'), 15_000, 'the follow-up email');

    expect(eventsReceived(handoffId)).toEqual(['handoff.created']);
    const webhook = (await deliveriesOf(tenant, handoffId)).filter((item) => item.channel === 'webhook');
    expect(webhook.map((item) => [item.kind, item.status])).toEqual([['handoff', 'delivered']]);
  });

  it('sends a webhook subscribed to handoff.resolved its resolution but no message', async () => {
    const tenant = await teamTenant();
    await subscribe(tenant, ['handoff.created', 'handoff.resolved']);
    const { handoffId } = await handoffWithFollowUp(tenant);
    await resolve(tenant, handoffId);

    await waitFor(() => eventsReceived(handoffId).includes('handoff.resolved'), 15_000, 'handoff.resolved');
    expect(eventsReceived(handoffId)).toEqual(['handoff.created', 'handoff.resolved']);
  });

  it('does not send, and records as cancelled with why, a follow-up made before its event was unsubscribed', async () => {
    const tenant = await teamTenant();
    const conversation = await openConversation(testApp, tenant);
    await postVisitorMessage(testApp, tenant, conversation, 'I need a person');
    // The receiver holds the handoff until told: the follow-up waits behind it on the channel.
    let answer: (response: ReceiverResponse) => void = () => undefined;
    const held = new Promise<ReceiverResponse>((resolve) => (answer = resolve));
    answers.set(conversation.conversationId, held);
    const handoffId = (await requestHandoff(testApp, tenant, conversation)).body.handoffId as string;
    await waitFor(() => eventsReceived(handoffId).includes('handoff.created'), 15_000, 'handoff.created');
    await postVisitorMessage(testApp, tenant, conversation, 'Still there?');
    await waitFor(async () => (await deliveriesOf(tenant, handoffId)).some((item) => item.kind === 'follow_up' && item.channel === 'webhook'), 15_000, 'the follow-up');

    await subscribe(tenant, ['handoff.created']);
    answer({ status: 200, body: '{"ok":true}' });

    const followUp = await waitFor(async () => {
      const item = (await deliveriesOf(tenant, handoffId)).find((each) => each.kind === 'follow_up' && each.channel === 'webhook');
      return item?.status === 'cancelled' && item;
    }, 15_000, 'the follow-up to end');
    expect(followUp.lastError).toBe('Not sent: the Ticket webhook is no longer subscribed to handoff.message.');
    expect(eventsReceived(handoffId)).toEqual(['handoff.created']);
  });
});

function bodyOf(request: ReceivedRequest): { handoffId?: string; conversationId?: string } {
  return JSON.parse(request.body.toString('utf8')) as { handoffId?: string; conversationId?: string };
}

function handoffIdOf(request: ReceivedRequest): string {
  return bodyOf(request).handoffId ?? '';
}
