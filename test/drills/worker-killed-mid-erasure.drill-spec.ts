import { DrillApi, inPool } from './support/drill-api';
import { cleanUp, DrillDatabase, drillEnvironment, Fleet, report, within } from './support/drill';
import { DrillPeers, respondAfter, respondOk, startDrillPeers } from './support/peers';

const TENANTS = 3;
const HANDOFFS_EACH = 20;
const RECEIVER_DELAY_MS = 1500;
/** The visitor every drill handoff is made for (DrillApi.handoff). */
const VISITOR_EMAIL = 'visitor@example.com';

/**
 * Drill 10: a worker is SIGKILLed while the erasures of 60 conversations are being followed to
 * their webhook receivers (which take 1.5 s to answer). A new worker starts; every erasure
 * finishes, and every destination's outcome is recorded: each webhook told, each inbox recorded as
 * what cannot be recalled.
 */
describe('Drill: worker killed in the middle of an erasure', () => {
  const fleet = new Fleet('worker-killed-mid-erasure');
  let peers: DrillPeers;
  let db: DrillDatabase | undefined;

  beforeAll(async () => {
    peers = await startDrillPeers();
  }, 30_000);

  afterAll(() => cleanUp([() => fleet.stopAll(), () => db?.drop(), () => peers.close()]), 60_000);

  it('finishes every erasure after SIGKILL of the worker and a new worker, recording every destination', async () => {
    const env = drillEnvironment(peers);
    db = new DrillDatabase(env.DATABASE_URL);
    const api = new DrillApi((await fleet.start(env, 'api')).url);
    const tenants = await Promise.all(
      [...Array(TENANTS).keys()].map((i) => api.tenantWith(`Tenant ${i}`, { email: `team${i}@example.com`, webhookUrl: peers.peers.receiver.url })),
    );
    const answers = await inPool([...Array(TENANTS * HANDOFFS_EACH).keys()], 8, (i) => api.handoff(tenants[i % TENANTS]));
    expect(answers.filter((answer) => answer.status !== 202)).toEqual([]);
    const first = await fleet.startWorker(env);
    await within(60_000, 'every handoff delivered', async () => (await db!.unfinished()) === 0, 200);

    peers.respondWith(respondAfter(RECEIVER_DELAY_MS));
    const erasures = await Promise.all(tenants.map(async (tenant) => ({ tenant, id: await api.eraseVisitor(tenant, VISITOR_EMAIL) })));
    const erasedEvents = () => peers.peers.receiver.requests.filter((request) => request.headers['x-wilow-event'] === 'handoff.erased').length;
    await within(30_000, 'erasure webhooks in flight', () => erasedEvents() >= 5, 20);
    await fleet.signal(first, 'SIGKILL');
    const killedAt = Date.now();
    peers.respondWith(respondOk);
    await fleet.startWorker(env);

    const finishedMs = await within(60_000, 'every erasure to finish', async () => {
      const views = await Promise.all(erasures.map(({ tenant, id }) => api.erasure(tenant, id)));
      return views.every((view) => view.status !== 'pending');
    }, 250);
    const views = await Promise.all(erasures.map(({ tenant, id }) => api.erasure(tenant, id)));
    const outcomes = views.flatMap((view) => view.destinations.map((destination) => `${destination.channel}:${destination.outcome}`));
    report('worker killed mid-erasure', {
      conversations: views.reduce((sum, view) => sum + view.conversations, 0),
      erasedEventsReceived: erasedEvents(),
      finishedMsAfterKill: Date.now() - killedAt,
      finishedMsAfterNewWorker: finishedMs,
    });

    expect(views.map((view) => view.conversations)).toEqual(Array(TENANTS).fill(HANDOFFS_EACH));
    expect(outcomes.filter((outcome) => outcome.startsWith('webhook:'))).toEqual(Array(TENANTS * HANDOFFS_EACH).fill('webhook:done'));
    expect(outcomes.filter((outcome) => outcome.startsWith('email:'))).toEqual(Array(TENANTS * HANDOFFS_EACH).fill('email:not_recallable'));
    const told = new Set(
      peers.peers.receiver.requests
        .filter((request) => request.headers['x-wilow-event'] === 'handoff.erased')
        .map((request) => (JSON.parse(request.body.toString('utf8')) as { handoffId: string }).handoffId),
    );
    expect(told.size).toBe(TENANTS * HANDOFFS_EACH);
    expect(await db.unfinished()).toBe(0);
  }, 180_000);
});
