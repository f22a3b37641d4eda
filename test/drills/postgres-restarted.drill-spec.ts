import { DrillApi, HandoffAnswer } from './support/drill-api';
import { audit, cleanUp, DrillDatabase, drillEnvironment, Fleet, report, within } from './support/drill';
import { DrillPeers, startDrillPeers } from './support/peers';
import { OwnPostgres } from './support/processes';

const CLIENTS = 4;
const OUTAGE_MS = 5000;
const DELIVERY_CONCURRENCY = 20;

/**
 * Drill 4, on a PostgreSQL cluster of its own: the server is stopped (`pg_ctl stop -m fast`:
 * sessions cut, open transactions rolled back) under a steady load of handoffs, and started again
 * 5 s later. While it is down every request fails cleanly (503 SERVICE_UNAVAILABLE with the error
 * body), the processes recover by themselves when it is back, every handoff recorded has all its
 * deliveries (one transaction), and everything accepted is delivered.
 */
describe('Drill: Postgres restarted under load', () => {
  const fleet = new Fleet('postgres-restarted');
  let peers: DrillPeers;
  let postgres: OwnPostgres;
  let db: DrillDatabase | undefined;

  beforeAll(async () => {
    [peers, postgres] = await Promise.all([startDrillPeers(), OwnPostgres.create()]);
  }, 60_000);

  afterAll(() => cleanUp([() => fleet.stopAll(), () => db?.close(), () => peers.close(), () => postgres.destroy()]), 60_000);

  it('answers 503 while Postgres is down, recovers by itself and leaves nothing half-written', async () => {
    const env = drillEnvironment(peers, { DATABASE_URL: `${postgres.url}/wilow_drill`, DELIVERY_CONCURRENCY: String(DELIVERY_CONCURRENCY) });
    db = new DrillDatabase(env.DATABASE_URL);
    const [apiProcess] = await Promise.all([fleet.start(env, 'api'), fleet.startWorker(env)]);
    const api = new DrillApi(apiProcess.url);
    const tenant = await api.tenantWith('Acme', { email: 'team@acme.example', webhookUrl: peers.peers.receiver.url });

    const answers: HandoffAnswer[] = [];
    let loading = true;
    const load = Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (loading) {
          answers.push(await api.handoff(tenant));
          // A client that was refused waits a little, as a widget would, instead of spinning.
          if (answers.at(-1)!.status !== 202) await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }),
    );

    await new Promise((resolve) => setTimeout(resolve, 2000));
    const stoppingAt = Date.now();
    await postgres.stop('fast');
    const stoppedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await postgres.start();
    const restartedAt = Date.now();
    const recoveredMs = await within(20_000, 'a handoff to be accepted again', () => answers.some((answer) => answer.status === 202 && answer.at > restartedAt + 1));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    loading = false;
    await load;
    const health = await fetch(`${apiProcess.url}/health`);

    const settledMs = await within(45_000, 'every delivery to finish', async () => (await db!.unfinished()) === 0, 200);
    const accepted = answers.flatMap((answer) => (answer.handoffId ? [answer.handoffId] : []));
    const result = await audit(db, peers, accepted);
    const refused = answers.filter((answer) => answer.status !== 202);
    const statuses: Record<string, number> = {};
    for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    report('Postgres restarted', {
      requests: answers.length,
      statuses,
      outageMs: restartedAt - stoppingAt,
      firstAcceptedMsAfterRestart: recoveredMs,
      maxRefusalMs: Math.max(0, ...refused.map((answer) => answer.tookMs)),
      healthAfter: health.status,
      allDeliveredMsAfterLoad: settledMs,
      handoffs: result.handoffs,
      byStatus: result.byStatus,
      incomplete: result.incomplete.length,
      duplicates: result.duplicates.length,
    });

    const internalErrors = fleet.grep('Unhandled error');
    if (internalErrors.length > 0) process.stdout.write(`${internalErrors.join('\n')}\n`);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect({ status: answer.status, body: answer.body }).toEqual({
        status: 503,
        body: { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: expect.any(String) },
      });
      // Refused while the server was down (or in the moment the pool found its connections cut).
      expect(answer.at).toBeGreaterThanOrEqual(stoppingAt);
      expect(answer.at - answer.tookMs).toBeLessThanOrEqual(restartedAt + 3000);
    }
    expect(health.status).toBe(200);
    expect(result).toMatchObject({ acceptedNotRecorded: [], incomplete: [], deliveredButNotReceived: [], unfinished: [] });
    expect(result.byStatus).toEqual({ delivered: 2 * result.handoffs });
    // Sent twice only if the attempt was under way when the server went down, so that it could not
    // be recorded (at most one per delivery slot of the worker), and sent again once it was back.
    expect(result.duplicates.length).toBeLessThanOrEqual(DELIVERY_CONCURRENCY);
    for (const entry of result.duplicates) {
      const [, channel, handoffId] = /^(\w+):(.+)×2$/.exec(entry) ?? [];
      const [first, second] = peers.receipts[channel as 'webhook' | 'email'].get(handoffId) ?? [];
      expect(first).toBeGreaterThanOrEqual(stoppingAt - 5000);
      expect(first).toBeLessThanOrEqual(stoppedAt + 5000);
      expect(second).toBeGreaterThanOrEqual(restartedAt);
    }
  }, 120_000);
});
