import { DrillApi, inPool } from './support/drill-api';
import { audit, cleanUp, DrillDatabase, drillEnvironment, Fleet, report, within } from './support/drill';
import { DrillPeers, respondAfter, startDrillPeers } from './support/peers';

const HANDOFFS = 250;
/** Deliveries unfinished when the worker dies: at least this many (the figure). */
const UNFINISHED_AT_KILL = 200;
const RECEIVER_DELAY_MS = 1500;
const CONCURRENCY = 50;

/**
 * Drill 1: a worker is SIGKILLed while hundreds of deliveries are unfinished and dozens are in
 * the middle of an attempt (the receiver takes 1.5 s to answer). A new worker starts and
 * delivers everything: the waiting jobs at once, the ones the dead worker held once their Bull
 * lock expires and stall detection puts them back. Those may reach the receiver twice (the
 * dead worker had sent them): at-least-once, deduplicated on handoffId.
 */
describe('Drill: worker killed mid-delivery', () => {
  const fleet = new Fleet('worker-killed');
  let peers: DrillPeers;
  let db: DrillDatabase | undefined;

  beforeAll(async () => {
    peers = await startDrillPeers();
  }, 30_000);

  afterAll(() => cleanUp([() => fleet.stopAll(), () => db?.drop(), () => peers.close()]), 60_000);

  it('delivers everything after SIGKILL of the worker and a new worker', async () => {
    const env = drillEnvironment(peers, { DELIVERY_CONCURRENCY: String(CONCURRENCY) });
    db = new DrillDatabase(env.DATABASE_URL);
    peers.respondWith(respondAfter(RECEIVER_DELAY_MS));
    const apiProcess = await fleet.start(env, 'api');
    const api = new DrillApi(apiProcess.url);
    // Five tenants: each may hold only a quarter of a worker's webhook slots.
    const tenants = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => api.tenantWith(`Tenant ${i}`, { email: `team${i}@example.com`, webhookUrl: peers.peers.receiver.url })),
    );

    // Everything is accepted before any worker runs: 500 deliveries wait in the queue.
    const answers = await inPool([...Array(HANDOFFS).keys()], 16, (i) => api.handoff(tenants[i % tenants.length]));
    const accepted = answers.flatMap((answer) => (answer.handoffId ? [answer.handoffId] : []));
    expect(answers.filter((answer) => answer.status !== 202)).toEqual([]);

    const doomed = await fleet.startWorker(env);
    await within(30_000, 'webhook requests in flight at the receiver', () => peers.peers.receiver.requests.length >= CONCURRENCY / 2, 20);
    const unfinishedAtKill = await db.unfinished();
    const killedAt = Date.now();
    await fleet.signal(doomed, 'SIGKILL');
    // Everything the peers have seen so far, the dead worker sent. (A second for what it had on the
    // wire to arrive and be read: no other worker runs meanwhile.)
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const sentByDeadWorker = new Set([
      ...[...peers.webhookCounts().keys()].map((handoffId) => `webhook:${handoffId}`),
      ...[...peers.emailCounts().keys()].map((handoffId) => `email:${handoffId}`),
    ]);

    await fleet.startWorker(env);
    const recoveredMs = await within(45_000, 'every delivery to finish', async () => (await db!.unfinished()) === 0, 200);
    const result = await audit(db, peers, accepted);
    const duplicates = result.duplicates.length;
    report('worker killed', {
      handoffs: accepted.length,
      unfinishedAtKill,
      sentByDeadWorker: sentByDeadWorker.size,
      allDeliveredMsAfterKill: Date.now() - killedAt,
      recoveredMsAfterNewWorker: recoveredMs,
      duplicates,
      byStatus: result.byStatus,
      maxAttempts: result.maxAttempts,
    });

    expect(unfinishedAtKill).toBeGreaterThanOrEqual(UNFINISHED_AT_KILL);
    expect(result).toMatchObject({
      handoffs: HANDOFFS,
      byStatus: { delivered: 2 * HANDOFFS },
      acceptedNotRecorded: [],
      incomplete: [],
      deliveredButNotReceived: [],
      unfinished: [],
    });
    // Only what the dead worker was in the middle of may arrive twice, and never more than twice.
    const twice = result.duplicates.map((entry) => /^(.+)×2$/.exec(entry)?.[1]);
    expect(twice.filter((key) => !key || !sentByDeadWorker.has(key))).toEqual([]);
  }, 120_000);
});
