import { DrillApi, HandoffAnswer } from './support/drill-api';
import { audit, cleanUp, DrillDatabase, drillEnvironment, Fleet, report, within } from './support/drill';
import { DrillPeers, startDrillPeers } from './support/peers';

const BURST = 60;

/**
 * Drill 2: the API process is SIGKILLed in the middle of a burst of handoffs, so some visitors'
 * requests die after their commit and before (or while) their jobs are enqueued: the handoff is
 * in Postgres with no queue job. The worker's sweep (every SWEEP_INTERVAL_MS, here 1 s) finds
 * them; every handoff that was recorded, answered or not, is delivered exactly once per channel.
 */
describe('Drill: API killed between commit and enqueue', () => {
  const fleet = new Fleet('api-killed-after-commit');
  let peers: DrillPeers;
  let db: DrillDatabase | undefined;

  beforeAll(async () => {
    peers = await startDrillPeers();
  }, 30_000);

  afterAll(() => cleanUp([() => fleet.stopAll(), () => db?.drop(), () => peers.close()]), 60_000);

  it('delivers every recorded handoff of an API killed mid-burst, through the sweep where no job was queued', async () => {
    const env = drillEnvironment(peers);
    db = new DrillDatabase(env.DATABASE_URL);
    const [api, worker] = await Promise.all([fleet.start(env, 'api'), fleet.startWorker(env)]);
    const drillApi = new DrillApi(api.url);
    const tenant = await drillApi.tenantWith('Acme', { email: 'team@acme.example', webhookUrl: peers.peers.receiver.url });

    const burst: Promise<HandoffAnswer>[] = [];
    for (let index = 0; index < BURST; index++) {
      burst.push(drillApi.handoff(tenant));
      // Killed once a third of the burst is on its way, while requests are being committed.
      if (index === Math.floor(BURST / 3)) setTimeout(() => api.child.kill('SIGKILL'), 5);
    }
    const answers = await Promise.all(burst);
    await within(10_000, 'the API to die', () => api.child.signalCode !== null);
    const recorded = (await db.handoffIds()).map(({ id }) => id);
    const accepted = answers.filter((answer) => answer.status === 202).length;
    expect(recorded.length).toBeGreaterThanOrEqual(accepted);

    const deliveredMs = await within(30_000, 'every recorded handoff to be delivered', async () => (await db!.unfinished()) === 0, 100);
    const result = await audit(db, peers, []);
    report('API killed mid-burst', {
      burst: BURST,
      accepted,
      recordedButUnanswered: recorded.length - accepted,
      connectionErrors: answers.filter((answer) => answer.status === 0).length,
      lastDeliveredMsAfterKill: deliveredMs,
      sweepLog: worker.output().match(/Sweep queued \d+ deliveries[^"]*/g),
      ...result,
    });
    expect(result).toMatchObject({
      handoffs: recorded.length,
      byStatus: { delivered: 2 * recorded.length },
      incomplete: [],
      deliveredButNotReceived: [],
      duplicates: [],
      unfinished: [],
    });
    for (const handoffId of recorded) {
      expect([peers.webhookCounts().get(handoffId), peers.emailCounts().get(handoffId)]).toEqual([1, 1]);
    }
  }, 120_000);
});
