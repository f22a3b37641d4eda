import { DrillApi, HandoffAnswer } from './support/drill-api';
import { audit, cleanUp, DrillDatabase, drillEnvironment, Fleet, report, within } from './support/drill';
import { DrillPeers, startDrillPeers } from './support/peers';

const ROUNDS = 2;

/**
 * Drill 2: the API process dies between the commit of a handoff and the enqueue of its jobs
 * (`FAULT_INJECTION=exit-after-commit` SIGKILLs it right after the commit). The visitor's request
 * gets a reset connection, the handoff is in Postgres with no queue job, and the worker's sweep
 * (every SWEEP_INTERVAL_MS, here 1 s) queues and delivers it. The API is restarted without the fault.
 */
describe('Drill: API killed between commit and enqueue', () => {
  const fleet = new Fleet('api-killed-after-commit');
  let peers: DrillPeers;
  let db: DrillDatabase | undefined;

  beforeAll(async () => {
    peers = await startDrillPeers();
  }, 30_000);

  afterAll(() => cleanUp([() => fleet.stopAll(), () => db?.drop(), () => peers.close()]), 60_000);

  it('delivers, through the sweep, handoffs committed by an API that died before enqueueing', async () => {
    const env = drillEnvironment(peers);
    db = new DrillDatabase(env.DATABASE_URL);
    const [firstApi, worker] = await Promise.all([fleet.start(env, 'api'), fleet.startWorker(env)]);
    const tenant = await new DrillApi(firstApi.url).tenantWith('Acme', { email: 'team@acme.example', webhookUrl: peers.peers.receiver.url });
    await fleet.signal(firstApi, 'SIGTERM');

    const crashes: { answer: HandoffAnswer; exit: string | null }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const faulty = await fleet.start({ ...env, FAULT_INJECTION: 'exit-after-commit' }, 'api');
      const answer = await new DrillApi(faulty.url).handoff(tenant);
      await within(10_000, 'the faulty API to die', () => faulty.child.signalCode !== null || faulty.child.exitCode !== null);
      crashes.push({ answer, exit: faulty.child.signalCode });
    }
    // No visitor got a 202 for these: the connection was reset after the commit.
    expect(crashes.map(({ answer, exit }) => ({ status: answer.status, exit }))).toEqual(Array(ROUNDS).fill({ status: 0, exit: 'SIGKILL' }));
    const orphans = (await db.handoffIds()).map(({ id }) => id);
    expect(orphans).toHaveLength(ROUNDS);

    // The API is back without the fault and keeps working normally meanwhile.
    const api = new DrillApi((await fleet.start(env, 'api')).url);
    const normal = await api.handoff(tenant);
    expect(normal.status).toBe(202);

    const sweptMs = await within(20_000, 'the orphaned handoffs to be delivered', async () => (await db!.unfinished()) === 0, 100);
    const result = await audit(db, peers, [normal.handoffId!]);
    report('API killed after commit', {
      crashes: ROUNDS,
      connectionErrors: crashes.map(({ answer }) => answer.error),
      // From the reset connection to the later of the two arrivals, per orphan.
      crashToDeliveredMs: orphans.map((handoffId, round) =>
        Math.max(peers.receipts.first('webhook', handoffId) ?? NaN, peers.receipts.first('email', handoffId) ?? NaN) - crashes[round].answer.at,
      ),
      lastDeliveredMsAfterRestart: sweptMs,
      sweepLog: worker.output().match(/Sweep queued \d+ deliveries[^"]*/g),
      ...result,
    });
    expect(result).toMatchObject({
      handoffs: ROUNDS + 1,
      byStatus: { delivered: 2 * (ROUNDS + 1) },
      incomplete: [],
      deliveredButNotReceived: [],
      duplicates: [],
      unfinished: [],
      maxAttempts: 1,
    });
    for (const handoffId of orphans) {
      expect([peers.webhookCounts().get(handoffId), peers.emailCounts().get(handoffId)]).toEqual([1, 1]);
    }
    expect(worker.output()).toMatch(/Sweep queued \d+ deliveries whose job was missing/);
  }, 120_000);
});
