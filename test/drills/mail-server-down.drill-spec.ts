import { DeliveryView, DrillApi, inPool } from './support/drill-api';
import { audit, cleanUp, DrillDatabase, drillEnvironment, Fleet, report, within } from './support/drill';
import { DrillPeers, startDrillPeers } from './support/peers';

const HANDOFFS = 20;
const OUTAGE_MS = 20_000;
/**
 * Retries start 250 ms apart and double (±25% jitter): the 7th attempt comes at most 19.7 s after
 * the first, still inside the outage, and the 8th 23.8 to 39.7 s after it, once the server is back.
 */
const RETRY_BASE_MS = 250;

/**
 * Drill 5: the mail server refuses connections for 20 s while handoffs are made, then comes back.
 * Emails are retried with backoff (transient failures), each attempt recorded, and every email
 * arrives exactly once; webhooks are not held up meanwhile.
 */
describe('Drill: mail server down for 20 seconds', () => {
  const fleet = new Fleet('mail-server-down');
  let peers: DrillPeers;
  let db: DrillDatabase | undefined;

  beforeAll(async () => {
    peers = await startDrillPeers();
  }, 30_000);

  afterAll(() => cleanUp([() => fleet.stopAll(), () => db?.drop(), () => peers.close()]), 60_000);

  it('retries every email until the mail server is back and records the attempts', async () => {
    const env = drillEnvironment(peers, { EMAIL_RETRY_BASE_MS: String(RETRY_BASE_MS), EMAIL_RETRY_ATTEMPTS: '10' });
    db = new DrillDatabase(env.DATABASE_URL);
    const [apiProcess] = await Promise.all([fleet.start(env, 'api'), fleet.startWorker(env)]);
    const api = new DrillApi(apiProcess.url);
    const tenant = await api.tenantWith('Acme', { email: 'team@acme.example', webhookUrl: peers.peers.receiver.url });

    await peers.smtpGate.shut();
    const downAt = Date.now();
    const answers = await inPool([...Array(HANDOFFS).keys()], 5, () => api.handoff(tenant));
    const accepted = answers.flatMap((answer) => (answer.handoffId ? [answer.handoffId] : []));
    expect(accepted).toHaveLength(HANDOFFS);
    // Webhooks go through while the mail server is down.
    const webhooksMs = await within(10_000, 'the webhooks', () => accepted.every((id) => peers.receipts.first('webhook', id)));
    expect(peers.emailCounts().size).toBe(0);

    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS - (Date.now() - downAt)));
    await peers.smtpGate.reopen();
    const upAt = Date.now();
    const recoveredMs = await within(45_000, 'every email after the mail server is back', async () => (await db!.unfinished()) === 0, 200);

    const views: DeliveryView[] = (await inPool(accepted, 5, (id) => api.deliveries(tenant, id))).flat();
    const emails = views.filter((view) => view.channel === 'email');
    const result = await audit(db, peers, accepted);
    const attempts = emails.map((view) => view.attempts);
    report('mail server down', {
      outageMs: upAt - downAt,
      webhooksDuringOutageMs: webhooksMs,
      serverBackToAllEmailsMs: recoveredMs,
      emailAttempts: { min: Math.min(...attempts), max: Math.max(...attempts) },
      firstFailure: emails[0].attemptLog?.[0].error,
      byStatus: result.byStatus,
      duplicates: result.duplicates.length,
    });

    expect(result).toMatchObject({
      handoffs: HANDOFFS,
      byStatus: { delivered: 2 * HANDOFFS },
      acceptedNotRecorded: [],
      incomplete: [],
      deliveredButNotReceived: [],
      duplicates: [],
      unfinished: [],
    });
    for (const email of emails) {
      expect(email.status).toBe('delivered');
      expect(email.attempts).toBeGreaterThan(1);
      expect(email.attemptLog).toHaveLength(email.attempts);
      expect(email.attemptLog!.slice(0, -1).every((attempt) => attempt.outcome === 'transient_failure')).toBe(true);
      expect(email.attemptLog!.at(-1)!.outcome).toBe('delivered');
    }
    expect(views.filter((view) => view.channel === 'webhook').map((view) => view.attempts)).toEqual(Array(HANDOFFS).fill(1));
  }, 120_000);
});
