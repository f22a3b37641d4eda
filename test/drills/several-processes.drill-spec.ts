import { DrillApi, DrillTenant, inPool } from './support/drill-api';
import { audit, cleanUp, DrillDatabase, drillEnvironment, Fleet, report, within } from './support/drill';
import { DrillPeers, startDrillPeers } from './support/peers';

const HANDOFFS = 1000;
const TENANTS = 10;

/**
 * Drill 7: two API processes and two worker processes on one Postgres and one Redis; 1,000
 * handoffs spread over both APIs. In this normal run each reaches each channel exactly once.
 */
describe('Drill: several API and worker processes', () => {
  const fleet = new Fleet('several-processes');
  let peers: DrillPeers;
  let db: DrillDatabase | undefined;

  beforeAll(async () => {
    peers = await startDrillPeers();
  });

  afterAll(() => cleanUp([() => fleet.stopAll(), () => db?.drop(), () => peers.close()]), 60_000);

  it('delivers 1,000 handoffs made through 2 APIs with 2 workers exactly once per channel', async () => {
    const env = drillEnvironment(peers);
    db = new DrillDatabase(env.DATABASE_URL);
    const [apiA, apiB] = await Promise.all([fleet.start(env, 'api'), fleet.start(env, 'api')]);
    await Promise.all([fleet.startWorker(env), fleet.startWorker(env)]);
    const api = new DrillApi(apiA.url);
    const tenants: DrillTenant[] = [];
    for (let i = 0; i < TENANTS; i++) {
      tenants.push(await api.tenantWith(`Tenant ${i}`, { email: `team${i}@example.com`, webhookUrl: peers.peers.receiver.url }));
    }

    const started = Date.now();
    const answers = await inPool([...Array(HANDOFFS).keys()], 24, (i) => api.handoff(tenants[i % TENANTS], i % 2 === 0 ? apiA.url : apiB.url));
    const createdMs = Date.now() - started;
    const accepted = answers.flatMap((answer) => (answer.handoffId ? [answer.handoffId] : []));
    if (answers.some((answer) => answer.status !== 202)) process.stdout.write(fleet.logs().split('\n').filter((l) => l.includes('Unhandled')).slice(0, 3).join('\n'));
    expect(answers.filter((answer) => answer.status !== 202).map((answer) => `${answer.status} ${answer.error ?? ''}`)).toEqual([]);

    const settledMs = await within(90_000, 'every delivery to finish', async () => (await db!.unfinished()) === 0, 250);
    const result = await audit(db, peers, accepted);
    report('several processes', {
      accepted: accepted.length,
      createdInMs: createdMs,
      allDeliveredMsAfterLast202: settledMs,
      totalMs: Date.now() - started,
      ...result,
      duplicates: result.duplicates.length,
      unfinished: result.unfinished.length,
    });
    expect(result).toMatchObject({
      handoffs: HANDOFFS,
      deliveries: 2 * HANDOFFS,
      byStatus: { delivered: 2 * HANDOFFS },
      acceptedNotRecorded: [],
      incomplete: [],
      deliveredButNotReceived: [],
      duplicates: [],
      unfinished: [],
      maxAttempts: 1,
    });
    expect(peers.webhookCounts().size).toBe(HANDOFFS);
    expect(peers.emailCounts().size).toBe(HANDOFFS);
  }, 150_000);
});
