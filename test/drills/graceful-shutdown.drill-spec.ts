import Redis from 'ioredis';
import { QUEUE_LOCK_SETTINGS } from '../../src/delivery/queue/queue-settings';
import { DrillApi, inPool } from './support/drill-api';
import { audit, cleanUp, DrillDatabase, drillEnvironment, Fleet, report, within } from './support/drill';
import { DrillPeers, respondAfter, startDrillPeers } from './support/peers';

const HANDOFFS = 150;
const RECEIVER_DELAY_MS = 500;
/** A terminated worker exits once its running attempts end: here each takes 0.5 s, plus shutdown. */
const EXIT_BOUND_MS = RECEIVER_DELAY_MS + 4000;

/**
 * Drill 8: SIGTERM to one of two workers in the middle of the load. It stops taking jobs, lets the
 * running attempts finish and record, and exits; the jobs still waiting stay in the queue and the
 * other worker takes them at once. No job is left locked by the stopped worker (which stall
 * detection would only release after the lock expires), nothing is lost, nothing arrives twice.
 */
describe('Drill: graceful shutdown of a worker under load', () => {
  const fleet = new Fleet('graceful-shutdown');
  let peers: DrillPeers;
  let db: DrillDatabase | undefined;
  let redis: Redis | undefined;

  beforeAll(async () => {
    peers = await startDrillPeers();
  }, 30_000);

  afterAll(() => cleanUp([() => fleet.stopAll(), () => db?.drop(), () => peers.close(), async () => redis?.disconnect()]), 60_000);

  it('finishes the running jobs, hands the waiting ones to the other worker and loses nothing', async () => {
    const env = drillEnvironment(peers);
    db = new DrillDatabase(env.DATABASE_URL);
    redis = new Redis(env.REDIS_URL);
    const queueKey = (suffix: string) => `${env.REDIS_PREFIX}:delivery:${suffix}`;
    /**
     * The lock owner (Bull's per-process token) of every job in the active list; '' when unlocked.
     * A job a worker is just taking is in the list a moment before its lock: it is read again.
     */
    const activeLocks = async () => {
      const ids = await redis!.lrange(queueKey('active'), 0, -1);
      const lockOf = (id: string) => redis!.get(queueKey(`${id}:lock`));
      return Promise.all(
        ids.map(async (id) => {
          const owner = (await lockOf(id)) ?? (await new Promise((resolve) => setTimeout(resolve, 200)).then(() => lockOf(id)));
          const stillActive = owner !== null || (await redis!.lpos(queueKey('active'), id)) !== null;
          return owner ?? (stillActive ? '' : 'finished');
        }),
      );
    };
    const owners = (locks: string[]) => new Set(locks.filter((owner) => owner !== '' && owner !== 'finished'));

    peers.respondWith(respondAfter(RECEIVER_DELAY_MS));
    const apiProcess = await fleet.start(env, 'api');
    const api = new DrillApi(apiProcess.url);
    const tenants = await Promise.all(
      [0, 1, 2, 3].map((i) => api.tenantWith(`Tenant ${i}`, { email: `team${i}@example.com`, webhookUrl: peers.peers.receiver.url })),
    );

    const answers = await inPool([...Array(HANDOFFS).keys()], 16, (i) => api.handoff(tenants[i % tenants.length]));
    const accepted = answers.flatMap((answer) => (answer.handoffId ? [answer.handoffId] : []));
    expect(accepted).toHaveLength(HANDOFFS);
    // 300 deliveries wait; two workers start on them and one gets SIGTERM half-way, both busy.
    const [stopping] = await Promise.all([fleet.startWorker(env), fleet.startWorker(env)]);
    await within(30_000, 'both workers busy, half the deliveries left', async () => (await db!.unfinished()) <= HANDOFFS && owners(await activeLocks()).size === 2, 20);
    const ownersBefore = owners(await activeLocks());
    const unfinishedAtTerm = await db.unfinished();

    const exitMs = await fleet.signal(stopping, 'SIGTERM');
    const exitedAt = Date.now();
    const locksAfterExit = await activeLocks();
    const drainedMs = await within(30_000, 'every delivery to finish', async () => (await db!.unfinished()) === 0, 50);
    const lastArrival = Math.max(...accepted.flatMap((id) => [peers.receipts.first('webhook', id) ?? NaN, peers.receipts.first('email', id) ?? NaN]));
    const result = await audit(db, peers, accepted);
    report('graceful shutdown', {
      handoffs: accepted.length,
      unfinishedAtSigterm: unfinishedAtTerm,
      lockOwnersBefore: ownersBefore.size,
      exitMs,
      activeJobsAtExit: locksAfterExit.length,
      lockOwnersAtExit: owners(locksAfterExit).size,
      allDeliveredMsAfterExit: drainedMs,
      lastArrivalMsAfterExit: lastArrival - exitedAt,
      byStatus: result.byStatus,
      duplicates: result.duplicates.length,
      maxAttempts: result.maxAttempts,
    });

    expect(unfinishedAtTerm).toBeGreaterThan(0);
    expect(exitMs).toBeLessThan(EXIT_BOUND_MS);
    // Right after the exit every running job is locked, all by the remaining worker.
    expect(locksAfterExit.filter((owner) => owner === '')).toEqual([]);
    expect(owners(locksAfterExit).size).toBeLessThanOrEqual(1);
    // The rest is taken at once by the other worker, not after a lock expires.
    expect(lastArrival - exitedAt).toBeLessThan(QUEUE_LOCK_SETTINGS.lockDuration / 2);
    expect(result).toMatchObject({
      handoffs: HANDOFFS,
      byStatus: { delivered: 2 * HANDOFFS },
      acceptedNotRecorded: [],
      incomplete: [],
      deliveredButNotReceived: [],
      duplicates: [],
      unfinished: [],
      maxAttempts: 1,
    });
  }, 120_000);
});
