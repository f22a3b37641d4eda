import { createTransport } from 'nodemailer';
import { Client, Pool as HttpPool } from 'undici';
import { addFigure, BenchContext } from '../lib/context';
import { cannon, forEachConcurrent, openLoop } from '../lib/load';
import type { CapturedEmail, CapturedWebhook } from '../lib/peer-protocol';
import { seedAcross, seedConversations, SeededConversation } from '../lib/setup';
import { nowMs, percentiles, Percentiles, round, sleep } from '../lib/stats';
import { HANDOFF_BODY } from './http';

/** Messages in the transcripts of the delivery runs: a typical short chat. */
export const DELIVERY_TRANSCRIPT = 10;

interface Created {
  /** handoffId → when its 202 arrived (monotonic ms). */
  accepted: Map<string, number>;
  /** conversationId → the handoff its 202 gave. */
  handoffOf: Map<string, string>;
  failed: number;
}

/** Sends "Contact a human" on each conversation, through `send`, recording every 202. */
export function handoffSender(context: BenchContext) {
  const http = new HttpPool(context.api.url, { connections: 64, pipelining: 1 });
  const created: Created = { accepted: new Map(), handoffOf: new Map(), failed: 0 };
  const send = async (conversation: SeededConversation) => {
    const response = await http.request({
      path: `/v1/widget/conversations/${conversation.id}/handoff`,
      method: 'POST',
      headers: {
        'X-Widget-Key': conversation.widgetKey,
        Authorization: `Bearer ${conversation.visitorToken}`,
        'Content-Type': 'application/json',
      },
      body: HANDOFF_BODY,
    });
    const text = await response.body.text();
    const at = nowMs();
    if (response.statusCode !== 202) {
      created.failed += 1;
      return;
    }
    const { handoffId } = JSON.parse(text) as { handoffId: string };
    created.accepted.set(handoffId, at);
    created.handoffOf.set(conversation.id, handoffId);
  };
  return { created, send, close: () => http.close() };
}

export interface Measured {
  count: number;
  /** Deliveries per second, from the first 202 (or release) to the last receipt. */
  rps: number;
  /**
   * Deliveries per second from the first receipt to the last, for backlogs: it leaves out how
   * long the worker takes to notice a resumed queue, which is the bench's doing, not the service's.
   */
  drainRps: number;
  latency: Percentiles;
  missing: number;
  durationS: number;
}

export function measure(accepted: Map<string, number>, arrivals: [string, number][], start?: number): Measured {
  const arrivedAt = new Map(arrivals);
  const latencies: number[] = [];
  let last = 0;
  let firstArrival = Infinity;
  let missing = 0;
  for (const [handoffId, acceptedAt] of accepted) {
    const at = arrivedAt.get(handoffId);
    if (at === undefined) {
      missing += 1;
      continue;
    }
    latencies.push(at - acceptedAt);
    last = Math.max(last, at);
    firstArrival = Math.min(firstArrival, at);
  }
  let first = start ?? Infinity;
  if (start === undefined) for (const at of accepted.values()) first = Math.min(first, at);
  const durationS = Math.max(0.001, (last - first) / 1000);
  const drainS = Math.max(0.001, (last - firstArrival) / 1000);
  return {
    count: latencies.length,
    rps: round(latencies.length / durationS, 1),
    drainRps: latencies.length > 1 ? round((latencies.length - 1) / drainS, 1) : 0,
    latency: percentiles(latencies),
    missing,
    durationS: round(durationS),
  };
}

function waitBudgetMs(count: number): number {
  return 30_000 + count * 50;
}

/**
 * The deliveries carrying `$1` (keys, see `webhookKey`), each with the key it carries: a handoff's
 * own delivery its handoff id, a follow-up the message ids it carries.
 */
const DELIVERIES_OF_KEYS = `deliveries CROSS JOIN LATERAL unnest(CASE WHEN kind = 'handoff' THEN ARRAY[handoff_id] ELSE message_ids END) AS key
  WHERE (kind = 'handoff' AND handoff_id = ANY($1::uuid[]) OR message_ids && $1::uuid[]) AND key = ANY($1::uuid[])`;

/**
 * Waits until every one of `keys` has arrived (as a webhook or an email; a handoff's id, or a
 * message's for its `handoff.message`), or each has its delivery recorded and none is unfinished
 * any more (some failed: webhooks are not retried), or the budget is spent. Deliveries of earlier
 * runs arriving late are not mistaken for these. Returns the failures among them, as
 * "reason ×count", for the figure's note.
 */
export async function awaitDeliveries(context: BenchContext, kind: 'webhooks' | 'emails', keys: string[]): Promise<string | undefined> {
  const { peers, pool } = context;
  const deadline = Date.now() + waitBudgetMs(keys.length);
  let checkedAt = 0;
  const allArrived = () => peers.allArrived(kind, keys);
  while (Date.now() < deadline && !(await allArrived())) {
    if (Date.now() - checkedAt > 500) {
      checkedAt = Date.now();
      const { rows } = await pool.query<{ unfinished: string; recorded: string }>(
        `SELECT count(*) FILTER (WHERE status IN ('pending', 'delivering')) AS unfinished, count(DISTINCT key) AS recorded FROM ${DELIVERIES_OF_KEYS}`,
        [keys],
      );
      const ended = Number(rows[0]?.unfinished) === 0 && Number(rows[0]?.recorded) >= new Set(keys).size;
      if (ended && !(await allArrived())) break;
    }
    await sleep(100);
  }
  const { rows } = await pool.query<{ error: string; count: string }>(
    `SELECT coalesce(last_error, '?') AS error, count(*) AS count FROM ${DELIVERIES_OF_KEYS} AND status = 'failed' GROUP BY 1 ORDER BY 2 DESC LIMIT 3`,
    [keys],
  );
  return rows.length === 0 ? undefined : `failed: ${rows.map((row) => `${row.error.slice(0, 60)} ×${row.count}`).join(', ')}`;
}

/**
 * The baseline of a delivery run: the same request bodies and headers the receiver got from the
 * service, POSTed with undici (`concurrency` at once) to the same receiver, each released at the
 * same offset its handoff's 202 came at. Latency: release to receipt. Connections are kept alive,
 * or with `freshConnections` each request opens (and closes) its own TLS connection.
 */
export async function replayWebhooks(
  context: BenchContext,
  captured: CapturedWebhook[],
  releaseAt: Map<string, number>,
  freshConnections = false,
): Promise<Measured> {
  const { peers, options } = context;
  await peers.reset();
  const url = new URL(peers.ready.webhookUrl);
  const connect = { ca: peers.ready.ca };
  const client = new HttpPool(url.origin, { connections: options.deliveryConcurrency, connect });
  const post = async (webhook: CapturedWebhook) => {
    const own = freshConnections ? new Client(url.origin, { connect }) : undefined;
    try {
      const response = await (own ?? client).request({ path: url.pathname, method: 'POST', headers: webhook.headers, body: webhook.body });
      await response.body.dump();
    } finally {
      await own?.destroy();
    }
  };
  let earliest = Infinity;
  for (const { key } of captured) earliest = Math.min(earliest, releaseAt.get(key) ?? Infinity);
  if (!Number.isFinite(earliest)) earliest = 0;
  const items = captured
    .map((webhook) => ({ webhook, offset: (releaseAt.get(webhook.key) ?? earliest) - earliest }))
    .sort((a, b) => a.offset - b.offset);
  const t0 = nowMs() + 20;
  const released = new Map<string, number>();
  let nextItem = 0;
  try {
    await Promise.all(
      Array.from({ length: options.deliveryConcurrency }, async () => {
        while (nextItem < items.length) {
          const { webhook, offset } = items[nextItem++];
          const due = t0 + offset;
          const wait = due - nowMs();
          if (wait > 0) await sleep(wait);
          // Timers may fire a fraction of a millisecond early: a request cannot leave before it is sent.
          released.set(webhook.key, Math.min(due, nowMs()));
          await post(webhook);
        }
      }),
    );
    await peers.waitForAll('webhooks', items.map(({ webhook }) => webhook.key), 10_000);
  } finally {
    await client.close();
  }
  return measure(released, (await peers.arrivals()).webhooks, t0);
}

function totalCpuMs(context: BenchContext): number {
  return context.processes.reduce((total, process) => total + process.memory.cpuMs(), 0);
}

/**
 * A backlog: a handoff recorded on each conversation while the queue is paused, then all released
 * at once; waits for every delivery of `kind`. Throughput from the release, the service's CPU time
 * per delivery, the failures.
 */
async function releaseBacklog(context: BenchContext, conversations: SeededConversation[], kind: 'webhooks' | 'emails', atRelease?: () => void) {
  const { peers, queue } = context;
  await peers.reset(true);
  await queue.pause();
  const sender = handoffSender(context);
  let released = 0;
  try {
    await forEachConcurrent(conversations, 16, sender.send);
  } finally {
    atRelease?.();
    released = nowMs();
    await queue.resume();
  }
  const ids = [...sender.created.accepted.keys()];
  const cpuBefore = totalCpuMs(context);
  const failures = await awaitDeliveries(context, kind, ids);
  const cpuPerDelivery = round((totalCpuMs(context) - cpuBefore) / Math.max(1, ids.length), 2);
  await sender.close();
  const service = measure(new Map(ids.map((id) => [id, released])), (await peers.arrivals())[kind], released);
  return { service, failures, cpuPerDelivery };
}

function deliveryFigures(
  context: BenchContext,
  prefix: string,
  title: string,
  run: string,
  service: Measured,
  baseline: Measured,
  light: boolean,
  note?: string,
) {
  const phase = `${prefix}.${run}`;
  addFigure(context, {
    id: `${phase}.rps`,
    phase,
    label: `${title}: webhooks delivered/s (undici baseline)`,
    unit: 'deliveries/s',
    value: run === 'drain' ? service.drainRps : service.rps,
    baseline: run === 'drain' ? baseline.drainRps : baseline.rps,
    betterIs: 'higher',
    note: [service.missing > 0 ? `${service.missing} not delivered` : undefined, note].filter(Boolean).join('; ') || undefined,
  });
  // A backlog's latencies only say how long the queue was: its figure is the throughput.
  if (run === 'drain') return;
  for (const p of ['p50', 'p95', 'p99'] as const) {
    const target = light && p === 'p99';
    addFigure(context, {
      id: `${phase}.${p}`,
      phase,
      label: `${title}: 202-to-receipt ${p}`,
      unit: 'ms',
      value: service.latency[p],
      baseline: baseline.latency[p],
      betterIs: 'lower',
      ...(target && { target: '≤ baseline + 10 ms', met: service.latency.p99 - baseline.latency.p99 <= 10 }),
    });
  }
}

/**
 * 4. Webhook delivery, through the process(es) in `context`: a backlog drained at full speed
 * (throughput), a fixed light offered load, and handoffs created at saturation.
 */
export async function deliveryPhase(context: BenchContext, prefix: string, title: string): Promise<void> {
  const { options, pool, peers, tenants } = context;
  const spread = tenants.webhookTenants;

  // Backlog: handoffs recorded while the queue is paused, then released at once.
  const backlog = await seedAcross(pool, spread, options.drainCount, DELIVERY_TRANSCRIPT);
  const { service: drain, failures: drainFailures, cpuPerDelivery } = await releaseBacklog(context, backlog, 'webhooks');
  const drainCaptured = (await peers.captured()).webhooks;
  const drainBaseline = await replayWebhooks(context, drainCaptured, new Map(drainCaptured.map(({ key }) => [key, 0])));
  deliveryFigures(context, prefix, `${title}, backlog of ${drain.count} over ${spread.length} tenants`, 'drain', drain, drainBaseline, false, [`service CPU ${cpuPerDelivery} ms/delivery`, drainFailures].filter(Boolean).join('; '));
  if (prefix === 'delivery') await oneTenantDrain(context, prefix, title);

  context.log(`${prefix}: backlog done; light load`);
  // Light load: a fixed offered rate, far below capacity.
  const lightCount = Math.max(1, Math.round(options.lightRate * options.durationS));
  const lightConversations = await seedConversations(pool, tenants.webhook, lightCount, DELIVERY_TRANSCRIPT);
  await peers.reset(true);
  const lightSender = handoffSender(context);
  await openLoop(options.lightRate, options.durationS, (index) => lightSender.send(lightConversations[index % lightConversations.length]));
  const lightFailures = await awaitDeliveries(context, 'webhooks', [...lightSender.created.accepted.keys()]);
  const light = measure(lightSender.created.accepted, (await peers.arrivals()).webhooks);
  const lightBaseline = await replayWebhooks(context, (await peers.captured()).webhooks, lightSender.created.accepted);
  deliveryFigures(context, prefix, `${title}, ${options.lightRate} handoffs/s offered`, 'light', light, lightBaseline, true, lightFailures);
  await lightSender.close();

  context.log(`${prefix}: light load done; saturation`);
  // Saturation: handoffs created by `connections` clients as fast as the service answers.
  const saturationS = Math.max(0.25, options.durationS / 2);
  const saturationConversations = await seedAcross(pool, spread, Math.round(saturationS * 1500) + 100, DELIVERY_TRANSCRIPT);
  await peers.reset(true);
  const accepted = new Map<string, number>();
  let next = 0;
  await cannon({
    url: context.api.url,
    method: 'POST',
    connections: options.connections,
    durationS: saturationS,
    setupRequest: (request) => {
      const conversation = saturationConversations[next++ % saturationConversations.length];
      return {
        ...request,
        method: 'POST',
        path: `/v1/widget/conversations/${conversation.id}/handoff`,
        headers: { 'X-Widget-Key': conversation.widgetKey, Authorization: `Bearer ${conversation.visitorToken}`, 'Content-Type': 'application/json' },
        body: HANDOFF_BODY,
      };
    },
    onResponse: (status, body) => {
      if (status === 202) accepted.set((JSON.parse(body) as { handoffId: string }).handoffId, nowMs());
    },
  });
  const saturationFailures = await awaitDeliveries(context, 'webhooks', [...accepted.keys()]);
  const saturationArrivals = await peers.arrivals();
  const saturation = measure(accepted, saturationArrivals.webhooks);
  if (saturation.missing > 0) {
    const arrived = new Set(saturationArrivals.webhooks.map(([id]) => id));
    const missing = [...accepted.keys()].filter((id) => !arrived.has(id));
    const { rows } = await pool.query<{ status: string | null; count: string }>(
      `SELECT d.status, count(*) AS count FROM unnest($1::uuid[]) AS m(id) LEFT JOIN deliveries d ON d.handoff_id = m.id GROUP BY 1`,
      [missing],
    );
    context.log(`saturation: ${missing.length} handoffs without a receipt; their deliveries: ${JSON.stringify(rows)}; peers: ${saturationArrivals.duplicates} duplicates, ${saturationArrivals.unknown} unknown`);
  }
  const saturationBaseline = await replayWebhooks(context, (await peers.captured()).webhooks, accepted);
  deliveryFigures(context, prefix, `${title}, saturation (${options.connections} clients)`, 'saturation', saturation, saturationBaseline, false, saturationFailures);
  context.details[prefix] = { drain, drainBaseline, light, lightBaseline, saturation, saturationBaseline };
}

/**
 * One tenant's backlog, released at once: what the worker's per-tenant fairness leaves a tenant
 * alone in the queue. Beside an undici loop opening a new TLS connection per request and a
 * keep-alive one, both at DELIVERY_CONCURRENCY requests at once.
 */
async function oneTenantDrain(context: BenchContext, prefix: string, title: string): Promise<void> {
  const { options, pool, peers, tenants } = context;
  const backlog = await seedConversations(pool, tenants.webhookTenants[0], options.singleTenantCount, DELIVERY_TRANSCRIPT);
  const { service, failures, cpuPerDelivery } = await releaseBacklog(context, backlog, 'webhooks');
  const captured = (await peers.captured()).webhooks;
  const atOnce = new Map(captured.map(({ key }) => [key, 0]));
  const freshTls = await replayWebhooks(context, captured, atOnce, true);
  const keepAlive = await replayWebhooks(context, captured, atOnce);
  const label = `${title}, one tenant's backlog of ${service.count}: webhooks delivered/s`;
  const note = [`service CPU ${cpuPerDelivery} ms/delivery`, service.missing > 0 ? `${service.missing} not delivered` : undefined, failures].filter(Boolean).join('; ');
  const figure = (id: string, baseline: Measured, what: string, target: string) =>
    addFigure(context, { id: `${prefix}.one_tenant.${id}`, phase: `${prefix}.one_tenant`, label: `${label} (${what})`, unit: 'deliveries/s', value: service.drainRps, baseline: baseline.drainRps, betterIs: 'higher', target, note });
  figure('fresh_tls', freshTls, 'undici, new TLS connection per request', '≥ 1.0');
  figure('keep_alive', keepAlive, 'undici keep-alive', '≥ 0.25');
  context.details[`${prefix}_one_tenant`] = { service, freshTls, keepAlive, cpuPerDelivery };
}

/** Emails per second to the sink, a backlog drained, beside a bare nodemailer loop sending the same messages. */
export async function emailPhase(context: BenchContext): Promise<void> {
  const { options, pool, peers, tenants } = context;
  const conversations = await seedAcross(pool, tenants.emailTenants, options.emailCount, DELIVERY_TRANSCRIPT);
  const { service, failures: emailFailures } = await releaseBacklog(context, conversations, 'emails');
  const captured = (await peers.captured()).emails;
  const baseline = await sendEmails(context, captured);
  addFigure(context, {
    id: 'email.drain.rps',
    phase: 'email',
    label: `Emails/s to the SMTP sink, backlog of ${service.count} (bare nodemailer loop)`,
    unit: 'emails/s',
    value: service.drainRps,
    baseline: baseline.drainRps,
    betterIs: 'higher',
    target: '≥ 0.9',
    note: [service.missing > 0 ? `${service.missing} not delivered` : undefined, emailFailures].filter(Boolean).join('; ') || undefined,
  });
  context.details.email = { service, baseline, averageBytes: Math.round(captured.reduce((n, e) => n + e.raw.length, 0) / Math.max(1, captured.length)) };
}

/** The same SMTP transport the service builds (one connection per message), `deliveryConcurrency` sends at once. */
async function sendEmails(context: BenchContext, emails: CapturedEmail[]): Promise<Measured> {
  const { peers, options } = context;
  await peers.reset();
  const transport = createTransport({ host: '127.0.0.1', port: peers.ready.smtpPort, secure: false, ignoreTLS: true });
  const t0 = nowMs();
  let next = 0;
  await Promise.all(
    Array.from({ length: options.deliveryConcurrency }, async () => {
      while (next < emails.length) {
        const email = emails[next++];
        await transport.sendMail({ envelope: { from: email.from, to: email.to }, raw: email.raw });
      }
    }),
  );
  transport.close();
  await peers.waitForAll('emails', emails.map(({ handoffId }) => handoffId), 10_000);
  return measure(new Map(emails.map(({ handoffId }) => [handoffId, t0])), (await peers.arrivals()).emails, t0);
}

/** 5. Delivery time and peak RSS for transcripts of growing length. */
export async function growthPhase(context: BenchContext): Promise<void> {
  const { options, pool, peers, tenants, processes } = context;
  const rate = Math.min(options.lightRate, 10);
  for (const size of options.growthSizes) {
    const conversations = await seedConversations(pool, tenants.webhook, options.growthCount, size);
    await peers.reset(true);
    for (const process of processes) process.memory.resetPeak();
    const sender = handoffSender(context);
    await openLoop(rate, options.growthCount / rate, (index) => sender.send(conversations[index % conversations.length]));
    const failures = await awaitDeliveries(context, 'webhooks', [...sender.created.accepted.keys()]);
    const service = measure(sender.created.accepted, (await peers.arrivals()).webhooks);
    const peaks = processes.map((process) => ({ role: process.role, ...process.memory.read() }));
    const captured = (await peers.captured()).webhooks;
    const payloadKb = round(captured.reduce((n, w) => n + Buffer.byteLength(w.body), 0) / Math.max(1, captured.length) / 1024, 1);
    const baseline = await replayWebhooks(context, captured, sender.created.accepted);
    await sender.close();
    addFigure(context, {
      id: `growth.${size}.p50`,
      phase: 'growth',
      label: `Transcript of ${size} messages (${payloadKb} KB): 202-to-receipt p50`,
      unit: 'ms',
      value: service.latency.p50,
      baseline: baseline.latency.p50,
      betterIs: 'lower',
      note: [service.missing > 0 ? `${service.missing} not delivered` : undefined, failures].filter(Boolean).join('; ') || undefined,
    });
    addFigure(context, {
      id: `growth.${size}.max`,
      phase: 'growth',
      label: `Transcript of ${size} messages: 202-to-receipt max`,
      unit: 'ms',
      value: service.latency.max,
      baseline: baseline.latency.max,
      betterIs: 'lower',
    });
    for (const peak of peaks) {
      addFigure(context, {
        id: `growth.${size}.rss.${peak.role}`,
        phase: 'growth',
        label: `Transcript of ${size} messages: peak RSS (${peak.role})`,
        unit: 'MB',
        value: peak.peakMb,
        baseline: null,
        betterIs: 'lower',
      });
    }
    context.details[`growth_${size}`] = { service, baseline, payloadKb, peaks };
  }
  const small = await burstPeakRss(context, DELIVERY_TRANSCRIPT);
  const large = await burstPeakRss(context, LARGEST_TRANSCRIPT.messages, LARGEST_TRANSCRIPT.chars);
  for (const [index, peak] of large.peaks.entries()) {
    addFigure(context, {
      id: `growth.burst.rss.${peak.role}`,
      phase: 'growth',
      label: `Peak RSS (${peak.role}), ${large.count} webhooks at once: transcripts of ${LARGEST_TRANSCRIPT.messages} messages of ${LARGEST_TRANSCRIPT.chars} characters vs ${DELIVERY_TRANSCRIPT} short ones`,
      unit: 'MB',
      value: peak.peakMb,
      baseline: small.peaks[index]?.peakMb ?? null,
      betterIs: 'lower',
      target: '≤ 1.2',
      note: [`+${round(peak.peakMb - (small.peaks[index]?.peakMb ?? 0), 1)} MB`, large.failures].filter(Boolean).join('; '),
    });
  }
}

/** The largest conversation a visitor can have: the message limit, each message a long one. */
const LARGEST_TRANSCRIPT = { messages: 1000, chars: 4000 };

/**
 * Peak RSS while `growthCount` (20 in a default run) handoffs of transcripts of `messages`
 * messages are delivered at once: recorded while the queue is paused, then released together.
 */
async function burstPeakRss(context: BenchContext, messages: number, chars?: number) {
  const { options, pool, tenants, processes } = context;
  const conversations = await seedConversations(pool, tenants.webhook, options.growthCount, messages, { messageChars: chars });
  const { service, failures } = await releaseBacklog(context, conversations, 'webhooks', () => {
    for (const process of processes) process.memory.resetPeak();
  });
  // The sampler reads every 100 ms: the last deliveries' memory is still held right after them.
  await sleep(200);
  return { count: service.count, failures, peaks: processes.map((process) => ({ role: process.role, ...process.memory.read() })) };
}
