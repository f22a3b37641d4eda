import { addFigure, BenchContext } from '../lib/context';
import { openLoop } from '../lib/load';
import { UNSTORABLE_ANSWER_QUERY } from '../lib/peer-protocol';
import { BenchTenant, createTenant, seedAcross } from '../lib/setup';
import { sleep } from '../lib/stats';
import { DELIVERY_TRANSCRIPT, handoffSender, measure, Measured } from './delivery';

interface MixRun {
  /** The healthy tenants' handoffs, 202 to receipt. */
  healthy: Measured;
  handoffs: number;
  /** Deliveries of the run by status once it has ended. */
  byStatus: Record<string, number>;
  /** The most times one delivery was attempted. */
  maxAttempts: number;
  /** Webhooks the receiver got again for a handoff it had already had. */
  sentAgain: number;
  /** Handoffs refused (not 202). */
  refused: number;
}

/**
 * Issue 21: `badTenants` tenants whose receivers answer a 500 with a body Postgres cannot store
 * (a NUL byte, broken UTF-8), mixed with as many healthy ones, at a light offered load spread
 * over all of them: the healthy tenants' 202-to-receipt beside the same healthy tenants alone at
 * the same rate each. Every delivery must end (delivered or failed), none sent twice. The mix
 * runs first, so the healthy tenants alone run on a service at least as warm.
 */
export async function badTenantsPhase(context: BenchContext): Promise<void> {
  const { options, api, platformToken, peers } = context;
  const bad: BenchTenant[] = [];
  const healthy: BenchTenant[] = [];
  for (let i = 1; i <= options.badTenants; i++) {
    bad.push(await createTenant(api.url, platformToken, `Bench Unstorable ${i}`, { webhookUrl: `${peers.ready.webhookUrl}?${UNSTORABLE_ANSWER_QUERY}${i}` }));
    healthy.push(await createTenant(api.url, platformToken, `Bench Healthy ${i}`, { webhookUrl: peers.ready.webhookUrl }));
  }
  const perTenantRate = options.lightRate / (bad.length + healthy.length);
  const mix = await offeredLoad(context, bad.flatMap((tenant, i) => [tenant, healthy[i]]), healthy, perTenantRate);
  const alone = await offeredLoad(context, healthy, healthy, perTenantRate);
  const note = (name: string, run: MixRun) =>
    `${name}: ${run.handoffs} handoffs, deliveries ${Object.entries(run.byStatus).map(([status, n]) => `${status} ${n}`).join(', ')}, ` +
    `at most ${run.maxAttempts} attempt(s) each, ${run.sentAgain} sent again` +
    (run.healthy.missing > 0 ? `, ${run.healthy.missing} healthy not arrived` : '') +
    (run.refused > 0 ? `, ${run.refused} refused` : '');
  const label = `${healthy.length} healthy tenants beside ${bad.length} answering what Postgres cannot store, ${options.lightRate} handoffs/s over all: healthy 202-to-receipt`;
  for (const p of ['p50', 'p99'] as const) {
    addFigure(context, {
      id: `bad_tenants.healthy.${p}`,
      phase: 'bad_tenants',
      label: `${label} ${p} (the healthy tenants alone baseline)`,
      unit: 'ms',
      value: mix.healthy.latency[p],
      baseline: alone.healthy.latency[p],
      betterIs: 'lower',
      ...(p === 'p99' && { target: '≤ 2', note: `${note('mix', mix)}; ${note('alone', alone)}` }),
    });
  }
  context.details.bad_tenants = { mix, alone };
}

/**
 * Handoffs at `perTenantRate` for each of `tenants`, for the run's duration, taking the tenants in
 * turn; waits until every delivery of them has ended (delivered or failed; any left unfinished
 * when the wait gives up shows in the counts).
 */
async function offeredLoad(context: BenchContext, tenants: BenchTenant[], healthy: BenchTenant[], perTenantRate: number): Promise<MixRun> {
  const { options, pool, peers } = context;
  const rate = perTenantRate * tenants.length;
  const count = Math.max(tenants.length, Math.round(rate * options.durationS));
  const conversations = await seedAcross(pool, tenants, count, DELIVERY_TRANSCRIPT);
  await peers.reset();
  const sender = handoffSender(context);
  try {
    await openLoop(rate, count / rate, (index) => sender.send(conversations[index]));
  } finally {
    await sender.close();
  }
  const handoffIds = [...sender.created.accepted.keys()];
  await untilEnded(context, handoffIds);
  const healthyKeys = new Set(healthy.map(({ widgetKey }) => widgetKey));
  const healthyAccepted = new Map<string, number>();
  for (const conversation of conversations) {
    const handoffId = sender.created.handoffOf.get(conversation.id);
    const at = handoffId === undefined ? undefined : sender.created.accepted.get(handoffId);
    if (healthyKeys.has(conversation.widgetKey) && handoffId !== undefined && at !== undefined) healthyAccepted.set(handoffId, at);
  }
  const arrivals = await peers.arrivals();
  const { rows } = await pool.query<{ status: string; count: string; max_attempts: number }>(
    `SELECT status, count(*) AS count, max(attempts) AS max_attempts FROM deliveries WHERE handoff_id = ANY($1::uuid[]) GROUP BY status ORDER BY status`,
    [handoffIds],
  );
  return {
    healthy: measure(healthyAccepted, arrivals.webhooks),
    handoffs: handoffIds.length,
    byStatus: Object.fromEntries(rows.map((row) => [row.status, Number(row.count)])),
    maxAttempts: Math.max(0, ...rows.map((row) => Number(row.max_attempts))),
    sentAgain: arrivals.duplicates,
    refused: sender.created.failed,
  };
}

/** Waits until no delivery of `handoffIds` is pending or being attempted (or the budget is spent), then a little more. */
async function untilEnded(context: BenchContext, handoffIds: string[]): Promise<void> {
  const deadline = Date.now() + 30_000 + handoffIds.length * 50;
  while (Date.now() < deadline) {
    const { rows } = await context.pool.query<{ unfinished: string }>(
      `SELECT count(*) AS unfinished FROM deliveries WHERE handoff_id = ANY($1::uuid[]) AND status IN ('pending', 'delivering')`,
      [handoffIds],
    );
    if (Number(rows[0]?.unfinished) === 0) break;
    await sleep(100);
  }
  // Anything sent again after its record would arrive within moments of it.
  await sleep(1000);
}
