import { HttpsReceiver, ReceiverResponse, Responder, startHttpsReceiver } from '../src/channels/testing/https-receiver';
import { END_REASONS } from '../src/delivery/delivery-life';
import { configureHandoff, generateWebhookSecret } from './support/handoff';
import { Peers, startPeers } from './support/peers';
import { RecordingChannel, RecordingChannelModule } from './support/recording-channel';
import { ServiceProcess, startServiceProcess } from './support/service-process';
import { asAdmin, createTenant, TestTenant } from './support/tenants';
import { isolatedEnvironment, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { openConversation, postVisitorMessage, requestHandoff } from './support/widget';

const FRESHDESK_KEY = 'fd-key-hardening-0001';
const TEN_MEGABYTES = 10 * 1024 * 1024;

interface DeliveryBody {
  channel: string;
  status: string;
  attempts: number;
  lastError: string | null;
  externalId?: string | null;
  externalUrl?: string | null;
  attemptLog: { outcome: string; responseBody: string | null; error: string | null }[];
}

/**
 * Peers that answer what a careless or hostile server may answer: bytes Postgres cannot store in
 * text, broken UTF-8, ten megabytes, ids and links longer than their columns. Every delivery must
 * end recorded, be sent exactly as often as its channel's policy allows, and stay redeliverable.
 */
describe('Deliveries that peers answer badly', () => {
  let peers: Peers;
  let freshdesk: HttpsReceiver;
  let freshdeskAnswer: () => ReceiverResponse;
  let testApp: TestApp;
  let respond: Responder;

  beforeAll(async () => {
    peers = await startPeers({ receiver: { respond: (request) => respond(request) } });
    freshdesk = await startHttpsReceiver({ respond: () => freshdeskAnswer() });
    testApp = await startTestApp({ ...peers.env, FRESHDESK_API_BASE_URL: `https://localhost:${freshdesk.port}` }, undefined, [RecordingChannelModule]);
  });

  afterAll(async () => {
    await testApp.close();
    await Promise.all([peers.close(), freshdesk.close()]);
  });

  async function webhookTenant(): Promise<TestTenant> {
    const tenant = await createTenant(testApp, { handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, webhookUrl: peers.receiver.url });
    await generateWebhookSecret(testApp, tenant);
    return tenant;
  }

  async function handoffOf(tenant: TestTenant): Promise<string> {
    const conversation = await openConversation(testApp, tenant);
    await postVisitorMessage(testApp, tenant, conversation, 'I need a person, please');
    return (await requestHandoff(testApp, tenant, conversation)).body.handoffId as string;
  }

  async function finished(tenant: TestTenant, handoffId: string, channel: string): Promise<DeliveryBody> {
    return waitFor(async () => {
      const { body } = await testApp.http().get(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).expect(200);
      const delivery = (body.deliveries as DeliveryBody[]).find((candidate) => candidate.channel === channel);
      return delivery && ['delivered', 'failed'].includes(delivery.status) ? delivery : undefined;
    }, 20_000, `the ${channel} delivery of ${handoffId} to finish`);
  }

  const webhookRequests = (handoffId: string) => peers.receiver.requests.filter((request) => request.body.toString().includes(handoffId));

  it.each<[string, ReceiverResponse]>([
    ['a body holding NUL bytes', { status: 500, body: Buffer.from('{"error":"\u0000\u0000 boom"}') }],
    ['broken UTF-8', { status: 500, body: Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x00, 0x7d]) }],
    ['a 10 MB body', { status: 500, body: Buffer.alloc(TEN_MEGABYTES, 0x61) }],
  ])('records a webhook answered with %s as failed, sent once, and redeliverable', async (_case, answer) => {
    respond = () => answer;
    const tenant = await webhookTenant();
    const handoffId = await handoffOf(tenant);

    const delivery = await finished(tenant, handoffId, 'webhook');
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastError: 'answered 500' });
    expect(Buffer.byteLength(delivery.attemptLog[0].responseBody ?? '')).toBeLessThanOrEqual(2048);
    expect(delivery.attemptLog[0].responseBody).not.toContain('\u0000');
    // A sweep interval later nothing has been sent again.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(webhookRequests(handoffId)).toHaveLength(1);

    respond = () => ({ status: 200, body: 'ok' });
    await testApp.http().post(`/v1/admin/handoffs/${handoffId}/deliveries/webhook/redeliver`).set(asAdmin(tenant)).expect(202);
    await waitFor(async () => (await finished(tenant, handoffId, 'webhook')).status === 'delivered', 20_000, 'the redelivery');
    expect(webhookRequests(handoffId)).toHaveLength(2);
  });

  it('records a webhook delivered with broken UTF-8 in its answer as delivered', async () => {
    respond = () => ({ status: 200, body: Buffer.from([0x6f, 0x6b, 0x00, 0xff]) });
    const tenant = await webhookTenant();
    const handoffId = await handoffOf(tenant);
    expect(await finished(tenant, handoffId, 'webhook')).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(webhookRequests(handoffId)).toHaveLength(1);
  });

  it.each([
    ['a 300-character ticket id', 'x'.repeat(300), { externalId: null, externalUrl: expect.stringContaining('x'.repeat(300)) }],
    ['a 5,000-character ticket id and link', 'y'.repeat(5_000), { externalId: null, externalUrl: null }],
  ])('records a Freshdesk ticket answered with %s as delivered, created once', async (_case, id, external) => {
    freshdeskAnswer = () => ({ status: 201, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id }) });
    const tenant = await createTenant(testApp, { handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true });
    const settings = { domain: 'acme', apiKey: FRESHDESK_KEY, fallbackRequesterEmail: 'support@acme.example' };
    await testApp.http().put('/v1/admin/handoff/channels/freshdesk').set(asAdmin(tenant)).send(settings).expect(200);
    const handoffId = await handoffOf(tenant);

    expect(await finished(tenant, handoffId, 'freshdesk')).toMatchObject({ status: 'delivered', attempts: 1, ...external });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(freshdesk.requests.filter((request) => request.body.toString().includes(handoffId))).toHaveLength(1);
  });

  it('says "internal error" with a reference when a channel fails in a way of its own, and tries it a bounded number of times', async () => {
    const recorder = testApp.app.get(RecordingChannel);
    const tenant = await createTenant(testApp, { handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true });
    await testApp.http().put('/v1/admin/handoff/channels/recorder').set(asAdmin(tenant)).send({ inbox: 'support', token: 'tok_internal' }).expect(200);
    recorder.throwNext = 100;
    const handoffId = await handoffOf(tenant);

    const delivery = await finished(tenant, handoffId, 'recorder');
    recorder.throwNext = 0;
    expect(delivery.status).toBe('failed');
    // Our own failures get at least five tries, and never more than that.
    expect(delivery.attempts).toBe(5);
    expect(delivery.lastError).toMatch(/^Internal error, reference [0-9a-f-]{36} \(gave up after 5 attempts\)$/);
    expect(JSON.stringify(delivery)).not.toContain('ECONNRESET');
  });
});

/**
 * A worker SIGKILLed after its request reached the peer and before the attempt was recorded: the
 * delivery is retried only within its channel's policy. The webhook's receivers deduplicate on
 * the handoff id, so its copy is sent again (our failure, so our failures' tries); Freshdesk has
 * no idempotency key, so the delivery ends failed, saying the outcome is unknown.
 */
describe('A worker killed between the send and the record', () => {
  let peers: Peers;
  let freshdesk: HttpsReceiver;
  let testApp: TestApp;
  let env: Record<string, string>;
  let worker: ServiceProcess | undefined;
  let killOnArrival = true;

  const killWorker = async (): Promise<ReceiverResponse> => {
    if (killOnArrival) {
      killOnArrival = false;
      await worker?.stop('SIGKILL');
      return new Promise<never>(() => undefined);
    }
    return { status: 201, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 7 }) };
  };

  beforeAll(async () => {
    peers = await startPeers({ receiver: { respond: killWorker } });
    freshdesk = await startHttpsReceiver({ respond: killWorker });
    env = isolatedEnvironment({ ...peers.env, FRESHDESK_API_BASE_URL: `https://localhost:${freshdesk.port}`, SWEEP_INTERVAL_MS: '2000' });
    testApp = await startTestApp({ ...env, APP_ROLE: 'api' });
  });

  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  afterAll(async () => {
    await testApp.close();
    await Promise.all([peers.close(), freshdesk.close()]);
  });

  async function killedMidAttempt(configure: (tenant: TestTenant) => Promise<void>): Promise<{ tenant: TestTenant; handoffId: string }> {
    killOnArrival = true;
    const tenant = await createTenant(testApp, { handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true });
    await configure(tenant);
    const conversation = await openConversation(testApp, tenant);
    await postVisitorMessage(testApp, tenant, conversation, 'a person, please');
    const handoffId = (await requestHandoff(testApp, tenant, conversation)).body.handoffId as string;
    worker = await startServiceProcess({ ...env, APP_ROLE: 'worker' });
    await waitFor(() => worker?.child.signalCode === 'SIGKILL', 20_000, 'the worker to be killed by the peer');
    worker = await startServiceProcess({ ...env, APP_ROLE: 'worker' });
    return { tenant, handoffId };
  }

  async function deliveryOf(tenant: TestTenant, handoffId: string, channel: string): Promise<DeliveryBody> {
    return waitFor(async () => {
      const { body } = await testApp.http().get(`/v1/admin/handoffs/${handoffId}`).set(asAdmin(tenant)).expect(200);
      const delivery = (body.deliveries as DeliveryBody[]).find((candidate) => candidate.channel === channel);
      return delivery && ['delivered', 'failed'].includes(delivery.status) ? delivery : undefined;
    }, 45_000, `the ${channel} delivery to finish`);
  }

  it('sends a webhook again (its receiver deduplicates on the handoff id), once', async () => {
    const { tenant, handoffId } = await killedMidAttempt(async (tenant) => {
      await configureHandoff(testApp, tenant, { webhookUrl: peers.receiver.url });
      await testApp.http().post('/v1/admin/handoff/webhook-secret').set(asAdmin(tenant)).expect(201);
    });
    expect(await deliveryOf(tenant, handoffId, 'webhook')).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(peers.receiver.requests.filter((request) => request.body.toString().includes(handoffId))).toHaveLength(2);
  });

  it('never sends a Freshdesk ticket again by itself: it ends failed, saying the outcome is unknown, and can be redelivered', async () => {
    const { tenant, handoffId } = await killedMidAttempt(async (tenant) => {
      const settings = { domain: 'acme', apiKey: FRESHDESK_KEY, fallbackRequesterEmail: 'support@acme.example' };
      await testApp.http().put('/v1/admin/handoff/channels/freshdesk').set(asAdmin(tenant)).send(settings).expect(200);
    });
    const tickets = () => freshdesk.requests.filter((request) => request.body.toString().includes(handoffId));
    expect(await deliveryOf(tenant, handoffId, 'freshdesk')).toMatchObject({ status: 'failed', attempts: 1, lastError: END_REASONS.outcomeUnknown });
    expect(tickets()).toHaveLength(1);

    await testApp.http().post(`/v1/admin/handoffs/${handoffId}/deliveries/freshdesk/redeliver`).set(asAdmin(tenant)).expect(202);
    await waitFor(async () => (await deliveryOf(tenant, handoffId, 'freshdesk')).status === 'delivered', 20_000, 'the redelivery');
    expect(tickets()).toHaveLength(2);
  });
});
