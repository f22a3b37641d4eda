import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verify as verifyGithubStyle } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import { ReceivedRequest } from '../src/channels/testing/https-receiver';
import { HostResolver, SystemHostResolver } from '../src/channels/webhook-target/host-resolver';
import { configureHandoff, generateWebhookSecret } from './support/handoff';
import { Peers, startPeers } from './support/peers';
import { asAdmin, createTenant, TestTenant } from './support/tenants';
import { queryDatabase, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { openConversation, postVisitorMessage, requestHandoff } from './support/widget';

type Verifier = (rawBody: Buffer, headers: ReceivedRequest['headers'], secrets: string[]) => boolean;

/** The receiver's code of the README ("Rotating the signing secret"), as written there. */
function readmeVerifiers(): { verifyWilowSignature: Verifier; verifyStandardWebhook: Verifier } {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]).find((code) => code.includes('function verifyWilowSignature'));
  if (!block) throw new Error('The README has no receiver code for a rotation');
  return new Function('require', 'process', `${block}\nreturn { verifyWilowSignature, verifyStandardWebhook };`)(require, process);
}

/** The system's answers, after a pause when told: a delivery then waits in its address checks, in flight. */
class PausingResolver extends SystemHostResolver {
  pauseMs = 0;

  constructor() {
    super(2_000);
  }

  override async resolveAll(hostname: string): Promise<string[]> {
    if (this.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
    return super.resolveAll(hostname);
  }
}

const HOUR_MS = 3_600_000;

/**
 * Rotating the webhook's signing secret with an overlap: both signatures during the window, the
 * previous secret deleted when it ends, in every process, through the real HTTPS receiver and
 * third-party verifiers.
 */
describe('Signing secret rotation', () => {
  let peers: Peers;
  let testApp: TestApp;
  const dns = new PausingResolver();
  const { verifyWilowSignature, verifyStandardWebhook } = readmeVerifiers();

  beforeAll(async () => {
    peers = await startPeers();
    testApp = await startTestApp({ ...peers.env, SWEEP_INTERVAL_MS: '60000', RATE_LIMIT_ADMIN_SENDS_PER_MINUTE: '1000' }, (builder) =>
      builder.overrideProvider(HostResolver).useValue(dns),
    );
  });

  afterAll(async () => {
    await testApp.close();
    await peers.close();
  });

  afterEach(() => {
    dns.pauseMs = 0;
  });

  async function webhookTenant(): Promise<{ tenant: TestTenant; first: string }> {
    const tenant = await createTenant(testApp, { name: 'Acme', handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, webhookUrl: peers.receiver.url });
    return { tenant, first: await generateWebhookSecret(testApp, tenant) };
  }

  const rotate = (app: TestApp, tenant: TestTenant, body?: object) => {
    const post = app.http().post('/v1/admin/handoff/channels/webhook/secret').set(asAdmin(tenant));
    return body === undefined ? post : post.send(body);
  };
  const rotated = async (app: TestApp, tenant: TestTenant, overlapHours: number): Promise<string> =>
    (await rotate(app, tenant, { overlapHours }).expect(201)).body.secret;
  const signingSecret = async (app: TestApp, tenant: TestTenant) => {
    const items = (await app.http().get('/v1/admin/handoff/channels').set(asAdmin(tenant)).expect(200)).body.items;
    return items.find((item: { channel: string }) => item.channel === 'webhook').secrets[0] as { createdAt: string; previousExpiresAt: string | null };
  };
  const stored = async (tenant: TestTenant) =>
    (await queryDatabase(testApp.databaseUrl, `SELECT secrets, previous_secret, previous_secret_expires_at FROM channel_settings WHERE tenant_id = $1 AND channel = 'webhook'`, [tenant.id]))[0];
  /** A Test delivery through `app`, as the receiver got it. */
  async function testDelivery(app: TestApp, tenant: TestTenant): Promise<ReceivedRequest> {
    const before = peers.receiver.requests.length;
    await app.http().post('/v1/admin/handoff/channels/webhook/test').set(asAdmin(tenant)).expect(200);
    return peers.receiver.requests[before];
  }
  async function handoffs(tenant: TestTenant, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const conversation = await openConversation(testApp, tenant);
      await postVisitorMessage(testApp, tenant, conversation, 'I need a person');
      ids.push((await requestHandoff(testApp, tenant, conversation)).body.handoffId);
    }
    return ids;
  }
  const receivedFor = (handoffId: string) =>
    waitFor(() => peers.receiver.requests.find((request) => JSON.parse(request.body.toString('utf8')).handoffId === handoffId), 20_000, `the handoff ${handoffId}`);

  /** Which secrets each way of checking accepts the request with. */
  async function acceptedBy(request: ReceivedRequest, secrets: Record<string, string>) {
    const body = request.body.toString('utf8');
    const accepted: Record<string, string[]> = { readmeGithubStyle: [], readmeStandard: [], octokit: [], standardwebhooks: [] };
    for (const [name, secret] of Object.entries(secrets)) {
      if (verifyWilowSignature(request.body, request.headers, [secret])) accepted.readmeGithubStyle.push(name);
      if (verifyStandardWebhook(request.body, request.headers, [secret])) accepted.readmeStandard.push(name);
      const headers = [request.headers['x-wilow-signature'], request.headers['x-wilow-signature-previous']].filter((value): value is string => typeof value === 'string');
      if ((await Promise.all(headers.map((header) => verifyGithubStyle(secret, body, header)))).some(Boolean)) accepted.octokit.push(name);
      try {
        new Webhook(secret).verify(body, request.headers as Record<string, string>);
        accepted.standardwebhooks.push(name);
      } catch {
        // Not signed with this secret.
      }
    }
    return accepted;
  }
  const everyCheck = (names: string[]) => ({ readmeGithubStyle: names, readmeStandard: names, octokit: names, standardwebhooks: names });

  it.each([
    ['below 0', { overlapHours: -1 }],
    ['over a week', { overlapHours: 169 }],
    ['not a number', { overlapHours: '24' }],
    ['an unknown field', { overlap: 24 }],
  ])('refuses an overlap %s (400 VALIDATION_FAILED) and keeps the secret', async (_case, body) => {
    const { tenant, first } = await webhookTenant();
    const before = await signingSecret(testApp, tenant);

    const refused = await rotate(testApp, tenant, body).expect(400);

    expect(refused.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(await signingSecret(testApp, tenant)).toEqual(before);
    expect(await acceptedBy(await testDelivery(testApp, tenant), { first })).toEqual(everyCheck(['first']));
  });

  it('signs with both secrets during the overlap, as the README receiver, octokit and standardwebhooks verify', async () => {
    const { tenant, first } = await webhookTenant();
    const rotatedAt = Date.now();
    const second = await rotated(testApp, tenant, 24);

    const { previousExpiresAt } = await signingSecret(testApp, tenant);
    expect(Date.parse(previousExpiresAt ?? '')).toBeGreaterThanOrEqual(rotatedAt + 24 * HOUR_MS);
    expect(Date.parse(previousExpiresAt ?? '')).toBeLessThanOrEqual(Date.now() + 24 * HOUR_MS);

    const [handoffId] = await handoffs(tenant, 1);
    for (const request of [await testDelivery(testApp, tenant), await receivedFor(handoffId)]) {
      expect(request.headers['x-wilow-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(request.headers['x-wilow-signature-previous']).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
      expect(await acceptedBy(request, { first, second, other: await rotatedElsewhere() })).toEqual(everyCheck(['first', 'second']));
      expect(await verifyGithubStyle(second, request.body.toString('utf8'), String(request.headers['x-wilow-signature']))).toBe(true);
      expect(await verifyGithubStyle(first, request.body.toString('utf8'), String(request.headers['x-wilow-signature-previous']))).toBe(true);
    }
  });

  it('forgets the oldest secret at once when rotating during an overlap, and the previous one at once without an overlap', async () => {
    const { tenant, first } = await webhookTenant();
    const firstCiphertext = ((await stored(tenant)).secrets as { signingSecret: { encrypted: string } }).signingSecret.encrypted;
    const second = await rotated(testApp, tenant, 24);
    const third = await rotated(testApp, tenant, 48);

    expect(await acceptedBy(await testDelivery(testApp, tenant), { first, second, third })).toEqual(everyCheck(['second', 'third']));
    expect(JSON.stringify(await stored(tenant))).not.toContain(firstCiphertext);

    const fourth = (await rotate(testApp, tenant).expect(201)).body.secret as string;
    const request = await testDelivery(testApp, tenant);
    expect(request.headers['x-wilow-signature-previous']).toBeUndefined();
    expect(await acceptedBy(request, { second, third, fourth })).toEqual(everyCheck(['fourth']));
    expect(await stored(tenant)).toMatchObject({ previous_secret: null, previous_secret_expires_at: null });
    expect((await signingSecret(testApp, tenant)).previousExpiresAt).toBeNull();

    const fifth = await rotated(testApp, tenant, 24);
    await generateWebhookSecret(testApp, tenant);
    expect(await stored(tenant)).toMatchObject({ previous_secret: null });
    expect((await acceptedBy(await testDelivery(testApp, tenant), { fourth, fifth })).standardwebhooks).toEqual([]);
  });

  it('stops signing with the previous secret when the window ends, even for deliveries in flight, and then deletes it', async () => {
    const { tenant, first } = await webhookTenant();
    const second = await rotated(testApp, tenant, 5 / 3600);
    const expiresAt = Date.parse((await signingSecret(testApp, tenant)).previousExpiresAt ?? '');

    // Before the end: both signatures.
    const [early] = await handoffs(tenant, 1);
    const earlyRequest = await receivedFor(early);
    expect(Date.now()).toBeLessThan(expiresAt);
    expect(await acceptedBy(earlyRequest, { first, second })).toEqual(everyCheck(['first', 'second']));

    // Deliveries taken, settings and all, inside the window, whose requests leave after it.
    dns.pauseMs = expiresAt - Date.now() + 500;
    const inFlight = await handoffs(tenant, 3);
    const requests = await Promise.all(inFlight.map(receivedFor));
    const attempts = await queryDatabase<{ started_at: Date }>(
      testApp.databaseUrl,
      'SELECT a.started_at FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.handoff_id = ANY($1)',
      [inFlight],
    );
    expect(attempts.map((attempt) => attempt.started_at.getTime() < expiresAt)).toEqual([true, true, true]);
    for (const request of requests) {
      expect(Number(request.headers['webhook-timestamp']) * 1000).toBeGreaterThanOrEqual(Math.floor(expiresAt / 1000) * 1000);
      expect(request.headers['x-wilow-signature-previous']).toBeUndefined();
      expect(await acceptedBy(request, { first, second })).toEqual(everyCheck(['second']));
    }
    dns.pauseMs = 0;

    await waitFor(async () => (await stored(tenant)).previous_secret === null, 10_000, 'the previous secret to be deleted');
    const row = await stored(tenant);
    expect(row.previous_secret_expires_at).toBeNull();
    expect(Object.keys(row.secrets as object)).toEqual(['signingSecret']);
    expect((await signingSecret(testApp, tenant)).previousExpiresAt).toBeNull();
  });

  it('is one window for every API process: two processes on the same database and Redis show and sign alike', async () => {
    const other = await startTestApp({ ...peers.env, DATABASE_URL: testApp.databaseUrl, REDIS_PREFIX: testApp.config.redis.prefix, APP_ROLE: 'api' });
    try {
      const { tenant, first } = await webhookTenant();
      // The other process has the settings cached before the rotation.
      expect(await acceptedBy(await testDelivery(other, tenant), { first })).toEqual(everyCheck(['first']));

      const second = await rotated(testApp, tenant, 2 / 3600);
      const here = await signingSecret(testApp, tenant);
      expect(await signingSecret(other, tenant)).toEqual(here);
      expect(await acceptedBy(await testDelivery(other, tenant), { first, second })).toEqual(everyCheck(['first', 'second']));

      await waitFor(() => Date.now() > Date.parse(here.previousExpiresAt ?? '') && true, 5_000, 'the window to end');
      expect((await signingSecret(other, tenant)).previousExpiresAt).toBeNull();
      expect(await acceptedBy(await testDelivery(other, tenant), { first, second })).toEqual(everyCheck(['second']));

      const third = await rotated(other, tenant, 24);
      expect((await signingSecret(testApp, tenant)).previousExpiresAt).toEqual((await signingSecret(other, tenant)).previousExpiresAt);
      expect(await acceptedBy(await testDelivery(testApp, tenant), { first, second, third })).toEqual(everyCheck(['second', 'third']));
    } finally {
      await other.app.close();
    }
  });

  /** A secret of another tenant: never accepted. */
  async function rotatedElsewhere(): Promise<string> {
    const { tenant } = await webhookTenant();
    return rotated(testApp, tenant, 0);
  }
});
