import type { ChildProcess } from 'node:child_process';
import type autocannon from 'autocannon';
import { once } from 'node:events';
import { addFigure, BenchContext } from '../lib/context';
import { cannon, closedLoop, LoadResult } from '../lib/load';
import { forkTs, stopChild } from '../lib/processes';
import { discardPending, seedConversations, SeededConversation } from '../lib/setup';
import { sleep } from '../lib/stats';

/** The service's own pool size (src/database/data-source-options.ts): the pg baselines get the same. */
export const PG_POOL_SIZE = 20;

/** Headers that describe the connection, not the answer: left out when replaying one. */
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'date', 'transfer-encoding', 'content-length']);

export const VISITOR_MESSAGES = [
  'Hello! Do you ship to Portugal, and how long does it usually take?',
  'My order 48213 still shows as processing, is that normal after three days?',
  'Can I speak to someone about a refund please?',
  'The discount code SPRING24 does not seem to work at checkout.',
  'Thanks, that answers it. One more thing: can I change the size after ordering?',
  'this bot is useless, get me a real person',
];

/** A handoff is asked for after this many visitor messages (as an independent measurement drove the service). */
export const VISITOR_MESSAGES_BEFORE_HANDOFF = 3;

export const HANDOFF_BODY = JSON.stringify({ visitorEmail: 'visitor@example.com', reason: 'Refund for order 48213' });

function latencyFigures(context: BenchContext, phase: string, label: string, service: LoadResult, baseline: LoadResult): void {
  for (const p of ['p50', 'p99'] as const) {
    addFigure(context, {
      id: `${phase}.${p}`,
      phase,
      label: `${label} latency ${p}`,
      unit: 'ms',
      value: service.latency[p],
      baseline: baseline.latency[p],
      betterIs: 'lower',
    });
  }
}

function failures(result: LoadResult, expected: string): string | undefined {
  const unexpected = Object.entries(result.statusCodes).filter(([code]) => code !== expected && code !== 'ok');
  return unexpected.length === 0 ? undefined : `unexpected answers: ${unexpected.map(([code, n]) => `${code}×${n}`).join(', ')}`;
}

/** 1. `GET /v1/widget/config` at saturation beside a bare Node server answering the same bytes. */
export async function widgetConfigPhase(context: BenchContext): Promise<void> {
  const { options, api, tenants } = context;
  const url = `${api.url}/v1/widget/config`;
  const headers = { 'X-Widget-Key': tenants.both.widgetKey };
  const sample = await fetch(url, { headers });
  const body = Buffer.from(await sample.arrayBuffer());
  const answerHeaders: Record<string, string> = {};
  sample.headers.forEach((value, name) => {
    if (!CONNECTION_HEADERS.has(name)) answerHeaders[name] = value;
  });

  const cpuBefore = api.memory.cpuMs();
  const service = await cannon({ url, connections: options.connections, durationS: options.durationS, headers });
  const cpuPerRequest = cpuPer(api.memory.cpuMs() - cpuBefore, service.ok);
  const baselineServer = await startBareServer(sample.status, answerHeaders, body);
  let baseline: LoadResult;
  try {
    baseline = await cannon({
      url: `http://127.0.0.1:${baselineServer.port}/v1/widget/config`,
      connections: options.connections,
      durationS: options.durationS,
      headers,
    });
  } finally {
    await stopChild(baselineServer.child);
  }
  addFigure(context, {
    id: 'widget_config.rps',
    phase: 'widget_config',
    label: 'Widget config requests/s (bare node http baseline)',
    unit: 'req/s',
    value: service.rps,
    baseline: baseline.rps,
    betterIs: 'higher',
    target: '≥ 0.3',
    note: [`service CPU ${cpuPerRequest} ms/request`, failures(service, '200')].filter(Boolean).join('; '),
  });
  latencyFigures(context, 'widget_config', 'Widget config', service, baseline);
  context.details.widget_config = { responseBytes: body.length, headers: Object.keys(answerHeaders).length, service, baseline };
}

async function startBareServer(status: number, headers: Record<string, string>, body: Buffer): Promise<{ child: ChildProcess; port: number }> {
  const child = forkTs('baselines/http-server.ts', {
    BENCH_STATUS: String(status),
    BENCH_HEADERS: JSON.stringify(headers),
    BENCH_BODY: body.toString('base64'),
  });
  const [message] = (await once(child, 'message')) as [{ port: number }];
  return { child, port: message.port };
}

type VisitorAction = 'messages' | 'handoff';

/** autocannon's per-request set-up: `action` on each conversation in turn, as the widget sends it. */
export function visitorRequests(conversations: SeededConversation[], action: VisitorAction, onEach?: () => void) {
  let next = 0;
  return (request: autocannon.Request): autocannon.Request => {
    const index = next++;
    onEach?.();
    const conversation = conversations[index % conversations.length];
    return {
      ...request,
      method: 'POST',
      path: `/v1/widget/conversations/${conversation.id}/${action}`,
      headers: {
        'X-Widget-Key': conversation.widgetKey,
        Authorization: `Bearer ${conversation.visitorToken}`,
        'Content-Type': 'application/json',
      },
      body: action === 'messages' ? JSON.stringify({ content: VISITOR_MESSAGES[index % VISITOR_MESSAGES.length] }) : HANDOFF_BODY,
    };
  };
}

/**
 * The bare Node `http` + `pg` server (baselines/http-pg-server.ts) answering the same requests
 * on fresh conversations, with the same autocannon load.
 */
async function httpPgBaseline(context: BenchContext, action: VisitorAction, conversations: SeededConversation[]): Promise<LoadResult> {
  const { options, tenants } = context;
  const child = forkTs('baselines/http-pg-server.ts', {
    BENCH_DATABASE_URL: context.databaseUrl,
    BENCH_POOL_SIZE: String(PG_POOL_SIZE),
    BENCH_TENANT_ID: tenants.both.id,
  });
  try {
    const [message] = (await once(child, 'message')) as [{ port: number }];
    return await cannon({
      url: `http://127.0.0.1:${message.port}`,
      method: 'POST',
      connections: options.connections,
      durationS: options.durationS,
      setupRequest: visitorRequests(conversations, action),
    });
  } finally {
    await stopChild(child);
  }
}

function httpPgFigure(context: BenchContext, action: VisitorAction, label: string, value: number, baseline: LoadResult, note: string | undefined): void {
  const expected = action === 'messages' ? '201' : '202';
  const phase = action === 'messages' ? 'messages' : 'handoff_create';
  addFigure(context, {
    id: `${phase}.http_pg.rps`,
    phase,
    label,
    unit: 'req/s',
    value,
    baseline: Math.round(((baseline.statusCodes[expected] ?? 0) / baseline.durationS) * 10) / 10,
    betterIs: 'higher',
    target: '≥ 0.6',
    note: [note, failures(baseline, expected)?.replace('unexpected', 'baseline: unexpected')].filter(Boolean).join('; ') || undefined,
  });
}

/** Conversations enough for `requests` appends without reaching the 1,000-message limit of one. */
function conversationsFor(requests: number, minimum: number): number {
  return Math.max(minimum, Math.ceil(requests / 900));
}

/** 2. Visitor messages (with escalation detection) beside the same single-row INSERT through a pg pool. */
export async function visitorMessagesPhase(context: BenchContext): Promise<void> {
  const { options, api, tenants, pool } = context;
  const tenant = tenants.both;
  const expected = options.durationS * 6000;
  const conversations = await seedConversations(pool, tenant, conversationsFor(expected, options.connections * 2), 0);
  const cpuBefore = api.memory.cpuMs();
  const service = await cannon({
    url: api.url,
    method: 'POST',
    connections: options.connections,
    durationS: options.durationS,
    setupRequest: visitorRequests(conversations, 'messages'),
  });

  const cpuPerRequest = cpuPer(api.memory.cpuMs() - cpuBefore, service.ok);
  const baselineConversations = await seedConversations(pool, tenant, conversationsFor(expected, options.connections * 2), 0);
  const seq = new Map<string, number>();
  let nextBaseline = 0;
  const { Pool } = await import('pg');
  const baselinePool = new Pool({ connectionString: context.databaseUrl, max: PG_POOL_SIZE });
  let baseline: LoadResult;
  try {
    baseline = await closedLoop(options.connections, options.durationS, async () => {
      const index = nextBaseline++;
      const conversation = baselineConversations[index % baselineConversations.length];
      const number = (seq.get(conversation.id) ?? 0) + 1;
      seq.set(conversation.id, number);
      await baselinePool.query(
        `INSERT INTO messages (conversation_id, seq, role, content) VALUES ($1, $2, 'user', $3)
         RETURNING id, conversation_id, seq, role, content, created_at`,
        [conversation.id, number, VISITOR_MESSAGES[index % VISITOR_MESSAGES.length]],
      );
    });
  } finally {
    await baselinePool.end();
  }
  const httpPg = await httpPgBaseline(context, 'messages', await seedConversations(pool, tenant, conversationsFor(expected, options.connections * 2), 0));
  const note = [`service CPU ${cpuPerRequest} ms/request`, failures(service, '201')].filter(Boolean).join('; ');
  httpPgFigure(context, 'messages', 'Visitor messages/s (bare node http + pg baseline)', service.rps, httpPg, note);
  addFigure(context, {
    id: 'messages.rps',
    phase: 'messages',
    label: 'Visitor messages/s (pg single-row INSERT baseline)',
    unit: 'req/s',
    value: service.rps,
    baseline: baseline.rps,
    betterIs: 'higher',
  });
  latencyFigures(context, 'messages', 'Visitor message', service, httpPg);
  context.details.messages = { conversations: conversations.length, service, baseline, httpPg };
}

/**
 * 3. Handoff creation on distinct conversations of three visitor messages each, beside the same
 * transaction through pg. The API process has no worker: the jobs it queues (the enqueue is
 * measured) wait, and are discarded afterwards.
 */
export async function handoffCreationPhase(context: BenchContext): Promise<void> {
  const { options, api, tenants, pool, queue } = context;
  const tenant = tenants.both;
  const expected = Math.round(options.durationS * 1500) + 200;
  const seed = (count: number) => seedConversations(pool, tenant, count, VISITOR_MESSAGES_BEFORE_HANDOFF, { visitorOnly: true });
  const conversations = await seed(expected);
  let requests = 0;
  let service: LoadResult;
  const cpu = { before: api.memory.cpuMs(), used: 0 };
  try {
    service = await cannon({
      url: api.url,
      method: 'POST',
      connections: options.connections,
      durationS: options.durationS,
      setupRequest: visitorRequests(conversations, 'handoff', () => (requests += 1)),
    });
  } finally {
    cpu.used = api.memory.cpuMs() - cpu.before;
    await sleep(200);
    await queue.empty();
    await discardPending(pool);
  }

  const baselineConversations = await seed(expected);
  let nextBaseline = 0;
  const { Pool } = await import('pg');
  const baselinePool = new Pool({ connectionString: context.databaseUrl, max: PG_POOL_SIZE });
  let baseline: LoadResult;
  try {
    baseline = await closedLoop(options.connections, options.durationS, async () => {
      const conversation = baselineConversations[nextBaseline++ % baselineConversations.length];
      const client = await baselinePool.connect();
      try {
        await client.query('BEGIN');
        const counted = await client.query<{ message_count: number }>(
          'SELECT message_count FROM conversations WHERE id = $1 FOR SHARE',
          [conversation.id],
        );
        const inserted = await client.query<{ id: string }>(
          `INSERT INTO handoffs (tenant_id, conversation_id, visitor_email, reason, transcript_length)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id, status, created_at`,
          [tenant.id, conversation.id, 'visitor@example.com', 'Refund for order 48213', counted.rows[0]?.message_count ?? 0],
        );
        const handoffId = inserted.rows[0]?.id;
        if (handoffId) {
          await client.query(
            `INSERT INTO deliveries (handoff_id, channel, max_attempts) VALUES ($1, 'email', 10), ($1, 'webhook', 1)
             RETURNING id, status, attempts, created_at, updated_at`,
            [handoffId],
          );
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    });
  } finally {
    await baselinePool.end();
  }
  // The bare server is the faster: a conversation used twice would answer 200, not count.
  const httpPg = await httpPgBaseline(context, 'handoff', await seed(expected * 3));
  // The baselines' deliveries are rows only: nobody is to send them.
  await discardPending(pool);
  const accepted = service.statusCodes['202'] ?? 0;
  const value = Math.round((accepted / service.durationS) * 10) / 10;
  const reused = Math.max(0, requests - conversations.length);
  const note = [`service CPU ${cpuPer(cpu.used, accepted)} ms/request`, failures(service, '202'), reused > 0 ? `${reused} requests reused a conversation` : undefined].filter(Boolean).join('; ');
  httpPgFigure(context, 'handoff', 'Handoffs created/s, distinct conversations (bare node http + pg baseline)', value, httpPg, note);
  addFigure(context, {
    id: 'handoff_create.rps',
    phase: 'handoff_create',
    label: 'Handoffs created/s, distinct conversations (pg transaction baseline)',
    unit: 'req/s',
    value,
    baseline: baseline.rps,
    betterIs: 'higher',
  });
  latencyFigures(context, 'handoff_create', 'Handoff creation', service, httpPg);
  context.details.handoff_create = { conversations: conversations.length, service, baseline, httpPg };
}

function cpuPer(cpuMs: number, operations: number): number {
  return operations === 0 ? 0 : Math.round((cpuMs / operations) * 100) / 100;
}
