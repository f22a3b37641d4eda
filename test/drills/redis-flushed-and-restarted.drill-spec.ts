import { DrillApi, HandoffAnswer, inPool } from './support/drill-api';
import { audit, cleanUp, DrillDatabase, drillEnvironment, Fleet, report, within } from './support/drill';
import { DrillPeers, respondAfter, respondOk, startDrillPeers } from './support/peers';
import { OwnRedis } from './support/processes';

const FLUSH_HANDOFFS = 40;
const OUTAGE_HANDOFFS = 10;
const OUTAGE_MS = 5000;
/** DeliveryQueue's bounded wait for Redis (1.5 s) plus room for a loaded machine. */
const OUTAGE_ANSWER_BOUND_MS = 3000;

/**
 * Drill 3, on a Redis server of its own: (a) FLUSHDB while deliveries wait and run: the queue's
 * jobs vanish, Postgres still knows what is unfinished, and the sweep queues it again; (b) Redis
 * killed and restarted empty: during the outage the API keeps accepting handoffs (202: recorded in
 * Postgres, queued by the sweep later), /health says 503 at once, and once Redis is back the
 * workers resume by themselves and everything is delivered.
 */
describe('Drill: Redis flushed and restarted', () => {
  const fleet = new Fleet('redis-flushed-and-restarted');
  let peers: DrillPeers;
  let redis: OwnRedis;
  let db: DrillDatabase | undefined;

  beforeAll(async () => {
    [peers, redis] = await Promise.all([startDrillPeers(), OwnRedis.start()]);
  }, 30_000);

  afterAll(() => cleanUp([() => fleet.stopAll(), () => db?.drop(), () => peers.close(), () => redis.kill()]), 60_000);

  it('loses nothing to a flushed Redis or a Redis restart', async () => {
    const env = drillEnvironment(peers, { REDIS_URL: redis.url });
    db = new DrillDatabase(env.DATABASE_URL);
    const [apiProcess, worker] = await Promise.all([fleet.start(env, 'api'), fleet.startWorker(env)]);
    const api = new DrillApi(apiProcess.url);
    // A few tenants: each may hold only a quarter of the worker's webhook slots.
    const tenants = await Promise.all(
      [0, 1, 2, 3].map((i) => api.tenantWith(`Tenant ${i}`, { email: `team${i}@example.com`, webhookUrl: peers.peers.receiver.url })),
    );
    const tenant = tenants[0];
    const many = (count: number) => inPool([...Array(count).keys()], 8, (i) => api.handoff(tenants[i % tenants.length]));
    const acceptedIn = (answers: HandoffAnswer[]) => answers.flatMap((answer) => (answer.handoffId ? [answer.handoffId] : []));

    // (a) FLUSHDB with deliveries waiting and in flight (the receiver takes 1 s).
    peers.respondWith(respondAfter(1000));
    const beforeFlush = await many(FLUSH_HANDOFFS);
    expect(beforeFlush.map((answer) => answer.status)).toEqual(Array(FLUSH_HANDOFFS).fill(202));
    const unfinishedAtFlush = await db.unfinished();
    const flushedAt = Date.now();
    await redis.command((client) => client.flushdb());
    await new Promise((resolve) => setTimeout(resolve, 200));
    const midAttemptAtFlush = new Set(
      (await db.deliveries()).filter(({ status }) => status === 'delivering').map(({ channel, handoffId }) => `${channel}:${handoffId}`),
    );
    await within(30_000, 'deliveries lost with the flush to be delivered', async () => (await db!.unfinished()) === 0, 100);
    const flushToAllDeliveredMs = Date.now() - flushedAt;

    // (b) Redis dies; the API keeps answering; Redis comes back empty.
    peers.respondWith(respondOk);
    await redis.kill();
    const downAt = Date.now();
    const healthStarted = Date.now();
    const health = await fetch(`${apiProcess.url}/health`);
    const healthMs = Date.now() - healthStarted;
    const duringOutage = await inPool([...Array(OUTAGE_HANDOFFS).keys()], 5, () => api.handoff(tenant));
    // Once the connection is known to be down, health fails at once (no offline queue).
    const midStarted = Date.now();
    const healthMid = await fetch(`${apiProcess.url}/health`);
    const healthMidMs = Date.now() - midStarted;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - downAt))));
    await redis.up();
    const upAt = Date.now();
    const restartRecoveryMs = await within(30_000, 'handoffs accepted during the outage to be delivered', async () => (await db!.unfinished()) === 0, 100);
    // Workers took up normal work again: a new handoff goes through the queue at once.
    const afterRestart = await api.handoff(tenant);
    const resumeMs = await within(10_000, 'a handoff made after the restart to arrive', () =>
      Boolean(afterRestart.handoffId && peers.receipts.first('webhook', afterRestart.handoffId) && peers.receipts.first('email', afterRestart.handoffId)),
    );

    const accepted = [...acceptedIn(beforeFlush), ...acceptedIn(duringOutage), ...acceptedIn([afterRestart])];
    const result = await audit(db, peers, accepted);
    report('Redis flushed and restarted', {
      unfinishedAtFlush,
      midAttemptAtFlush: midAttemptAtFlush.size,
      flushToAllDeliveredMs,
      outageMs: upAt - downAt,
      healthAtOutageStart: { status: health.status, ms: healthMs },
      healthMidOutage: { status: healthMid.status, ms: healthMidMs },
      answersDuringOutage: duringOutage.map((answer) => answer.status),
      maxAnswerMsDuringOutage: Math.max(...duringOutage.map((answer) => answer.tookMs)),
      redisBackToAllDeliveredMs: restartRecoveryMs,
      newHandoffAfterRestartArrivedInMs: resumeMs,
      duplicates: result.duplicates,
      byStatus: result.byStatus,
    });

    expect(health.status).toBe(503);
    expect(healthMs).toBeLessThan(2000);
    expect(healthMid.status).toBe(503);
    expect(healthMidMs).toBeLessThan(500);
    expect(duringOutage.map((answer) => answer.status)).toEqual(Array(OUTAGE_HANDOFFS).fill(202));
    expect(Math.max(...duringOutage.map((answer) => answer.tookMs))).toBeLessThan(OUTAGE_ANSWER_BOUND_MS);
    expect(afterRestart.status).toBe(202);
    expect(result).toMatchObject({
      handoffs: FLUSH_HANDOFFS + OUTAGE_HANDOFFS + 1,
      byStatus: { delivered: 2 * (FLUSH_HANDOFFS + OUTAGE_HANDOFFS + 1) },
      acceptedNotRecorded: [],
      incomplete: [],
      deliveredButNotReceived: [],
      unfinished: [],
    });
    // A second arrival only for what was mid-attempt when its job vanished with the flush.
    expect(result.duplicates.map((entry) => entry.replace(/×2$/, '')).filter((key) => !midAttemptAtFlush.has(key))).toEqual([]);
    expect(worker.output()).toMatch(/Sweep queued \d+ deliveries whose job was missing/);
  }, 120_000);
});
