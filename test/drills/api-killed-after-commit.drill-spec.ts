import { DrillApi, HandoffAnswer } from './support/drill-api';
import { audit, cleanUp, DrillDatabase, drillEnvironment, Fleet, report, within } from './support/drill';
import { DrillPeers, startDrillPeers } from './support/peers';

/** Visitors asking at once, each again as soon as answered, until the API dies. */
const VISITORS = 8;
/** Answered handoffs before the kill. */
const KILL_AFTER = 30;

/**
 * Drill 2: the API process is SIGKILLed while visitors keep asking for handoffs, so some visitors'
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

  it('delivers every recorded handoff of an API killed mid-stream, through the sweep where no job was queued', async () => {
    const env = drillEnvironment(peers);
    db = new DrillDatabase(env.DATABASE_URL);
    const [api, worker] = await Promise.all([fleet.start(env, 'api'), fleet.startWorker(env)]);
    const drillApi = new DrillApi(api.url);
    const tenant = await drillApi.tenantWith('Acme', { email: 'team@acme.example', webhookUrl: peers.peers.receiver.url });

    // Killed while requests are being committed: some die between their commit and their enqueue.
    const answers: HandoffAnswer[] = [];
    const visitor = async () => {
      while (api.child.signalCode === null) {
        answers.push(await drillApi.handoff(tenant));
        if (answers.filter((answer) => answer.status === 202).length === KILL_AFTER) api.child.kill('SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: VISITORS }, visitor));
    await within(10_000, 'the API to die', () => api.child.signalCode !== null);
    const recorded = (await db.handoffIds()).map(({ id }) => id);
    const accepted = answers.filter((answer) => answer.status === 202).length;
    expect(recorded.length).toBeGreaterThanOrEqual(accepted);

    const deliveredMs = await within(30_000, 'every recorded handoff to be delivered', async () => (await db!.unfinished()) === 0, 100);
    const result = await audit(db, peers, []);
    report('API killed mid-stream', {
      asked: answers.length,
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
