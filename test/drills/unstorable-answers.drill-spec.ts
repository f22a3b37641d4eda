import { DrillApi, inPool } from './support/drill-api';
import { audit, cleanUp, DrillDatabase, drillEnvironment, Fleet, percentile, report, within } from './support/drill';
import { DrillPeers, startDrillPeers } from './support/peers';

const TENANTS_EACH = 50;
const HANDOFFS_PER_TENANT = 3;
/** What Postgres refuses in text (NUL), broken UTF-8 and a lone surrogate, with a 500. */
const UNSTORABLE = Buffer.concat([Buffer.from('{"error":"\u0000'), Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('"}')]);

/**
 * Drill: 50 tenants' receivers answer every webhook with a body Postgres cannot store as it is,
 * while 50 others answer 200. Every delivery must end finished, every healthy tenant's handoff
 * must arrive, and no delivery may be sent more often than its policy allows (the webhook: once).
 * Before deliveries owned their life, each bad answer left its delivery `delivering`, and the
 * sweep sent it again every interval, forever.
 */
describe('Drill: receivers answering what cannot be stored', () => {
  const fleet = new Fleet('unstorable-answers');
  let peers: DrillPeers;
  let db: DrillDatabase | undefined;

  beforeAll(async () => {
    peers = await startDrillPeers();
  }, 30_000);

  afterAll(() => cleanUp([() => fleet.stopAll(), () => db?.drop(), () => peers.close()]), 60_000);

  it('finishes every delivery, delivers every healthy tenant, and sends none more than its policy allows', async () => {
    const env = drillEnvironment(peers);
    db = new DrillDatabase(env.DATABASE_URL);
    peers.respondWith((request) => (request.path.includes('bad=') ? { status: 500, body: UNSTORABLE } : { status: 200, body: 'ok' }));
    const api = new DrillApi((await fleet.start(env, 'all')).url);
    const receiverUrl = peers.peers.receiver.url;
    const tenants = await inPool([...Array(2 * TENANTS_EACH).keys()], 8, (i) =>
      i < TENANTS_EACH ? api.tenantWith(`Bad ${i}`, { webhookUrl: `${receiverUrl}?bad=${i}` }) : api.tenantWith(`Good ${i}`, { webhookUrl: receiverUrl }),
    );
    const healthy = new Set(tenants.slice(TENANTS_EACH).map((tenant) => tenant.id));

    const answers = await inPool([...Array(tenants.length * HANDOFFS_PER_TENANT).keys()], 16, (i) => api.handoff(tenants[i % tenants.length]));
    const accepted = answers.flatMap((answer) => (answer.handoffId ? [answer.handoffId] : []));
    expect(answers.filter((answer) => answer.status !== 202)).toEqual([]);
    const acceptedAt = new Map(answers.map((answer) => [answer.handoffId, answer.at]));

    await within(60_000, 'every delivery to finish', async () => (await db!.unfinished()) === 0, 200);
    // Three sweep intervals more: nothing is sent again.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const result = await audit(db, peers, accepted, () => ['webhook']);
    const deliveries = await db.deliveries();
    const healthyDeliveries = deliveries.filter((delivery) => healthy.has(delivery.tenantId));
    const sentMoreThanOnce = [...peers.webhookCounts()].filter(([, count]) => count > 1);
    const latencies = healthyDeliveries.map((delivery) => (peers.receipts.first('webhook', delivery.handoffId) ?? NaN) - (acceptedAt.get(delivery.handoffId) ?? NaN));
    report('unstorable answers', {
      handoffs: accepted.length,
      byStatus: result.byStatus,
      maxAttempts: result.maxAttempts,
      sentMoreThanOnce: sentMoreThanOnce.length,
      healthyP99ReceiptMs: percentile(latencies, 99),
    });

    expect(result).toMatchObject({ handoffs: 2 * TENANTS_EACH * HANDOFFS_PER_TENANT, acceptedNotRecorded: [], incomplete: [], unfinished: [] });
    expect(healthyDeliveries.filter((delivery) => delivery.status !== 'delivered')).toEqual([]);
    expect(deliveries.filter((delivery) => !healthy.has(delivery.tenantId)).map((delivery) => [delivery.status, delivery.attempts, delivery.lastError])).toEqual(
      Array(TENANTS_EACH * HANDOFFS_PER_TENANT).fill(['failed', 1, 'answered 500']),
    );
    expect(sentMoreThanOnce).toEqual([]);
    expect(fleet.grep('Delivery job failed')).toEqual([]);
  }, 180_000);
});
