import type { Pool } from 'pg';
import { addFigure, BenchContext } from '../lib/context';
import { cannon, LoadResult } from '../lib/load';
import { BenchTenant, createTenant, discardPending, seedConversations } from '../lib/setup';
import { nowMs, round, sleep } from '../lib/stats';
import { visitorRequests } from './http';

/** The large tenant of the issue: its conversations, messages per conversation and handoffs. */
export interface TenantSize {
  conversations: number;
  messagesEach: number;
  handoffs: number;
}

const SEED_TEXT = 'Hi, I ordered a blue jacket last week and the tracking page has not moved since Monday.';

/**
 * A tenant's history written by SQL in a few set-based statements (generate_series): conversations
 * a second apart going back in time, `messagesEach` messages each, a handoff with two delivered
 * deliveries on the newest `handoffs` of them (all resolved, so new handoffs can be opened).
 */
export async function seedTenantHistory(pool: Pool, tenantId: string, size: TenantSize): Promise<void> {
  await pool.query(
    `INSERT INTO conversations (tenant_id, visitor_token_hash, message_count, created_at, last_message_at)
     SELECT $1::uuid, md5(g::text || $1::text) || md5($1::text || g::text), $3::int, now() - g * interval '1 second', now() - g * interval '1 second'
     FROM generate_series(1, $2::int) AS g`,
    [tenantId, size.conversations, size.messagesEach],
  );
  await pool.query(
    `INSERT INTO messages (conversation_id, seq, role, content, created_at)
     SELECT c.id, s, CASE WHEN s % 2 = 1 THEN 'user' ELSE 'assistant' END, $2, c.created_at
     FROM conversations c CROSS JOIN generate_series(1, $3::int) AS s
     WHERE c.tenant_id = $1::uuid AND c.message_count = $3::int AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)`,
    [tenantId, SEED_TEXT, size.messagesEach],
  );
  await pool.query(
    `WITH newest AS (
       SELECT id, created_at FROM conversations WHERE tenant_id = $1::uuid ORDER BY created_at DESC LIMIT $2::int
     ), handoffs AS (
       INSERT INTO handoffs (tenant_id, conversation_id, visitor_email, reason, status, transcript_length, created_at, resolved_at)
       SELECT $1::uuid, id, 'visitor@example.com', 'Refund for order 48213', 'resolved', $3::int, created_at, created_at FROM newest
       RETURNING id, created_at
     )
     INSERT INTO deliveries (handoff_id, channel, status, attempts, max_attempts, delivered_at, created_at, updated_at)
     SELECT h.id, channel, 'delivered', 1, 1, h.created_at, h.created_at, h.created_at
     FROM handoffs h CROSS JOIN unnest(ARRAY['email', 'webhook']) AS channel`,
    [tenantId, size.handoffs, size.messagesEach],
  );
  // As a database that grew over months would be: vacuumed, analysed and checkpointed, so the
  // measurement that follows does not share the machine with the maintenance of a bulk load.
  await pool.query('VACUUM (ANALYZE) conversations, messages, handoffs, deliveries');
  await pool.query('CHECKPOINT');
}

/** The cursor of the admin lists (src/common/pagination/cursor.ts) after the `offset`-th newest row. */
async function cursorAt(pool: Pool, table: 'conversations' | 'handoffs', tenantId: string, offset: number): Promise<string> {
  const { rows } = await pool.query<{ created_at: Date; id: string }>(
    `SELECT created_at, id FROM ${table} WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1`,
    [tenantId, offset],
  );
  if (!rows[0]) throw new Error(`no ${table} row at offset ${offset}`);
  return Buffer.from(JSON.stringify([rows[0].created_at.toISOString(), rows[0].id])).toString('base64url');
}

interface Measured {
  load: LoadResult;
  cpuPerRequest: number;
}

interface Reads {
  [name: string]: Measured;
}

/** What is read and written, per tenant size: the admin lists' first and a deep page, a conversation, handoff creation. */
async function measureTenant(context: BenchContext, tenant: BenchTenant, size: TenantSize, durationS: number): Promise<Reads> {
  const { api, pool, queue } = context;
  const connections = 10;
  const admin = { Authorization: `Bearer ${tenant.adminApiKey}` };
  const deepConversation = Math.floor(size.conversations * 0.9);
  const deepHandoff = Math.floor(size.handoffs * 0.9);
  const { rows } = await pool.query<{ id: string }>(
    'SELECT id FROM conversations WHERE tenant_id = $1 AND message_count = $2 ORDER BY created_at DESC OFFSET $3 LIMIT 1',
    [tenant.id, size.messagesEach, deepConversation],
  );
  const paths: [string, string][] = [
    ['handoffs_first', '/v1/admin/handoffs'],
    ['handoffs_deep', `/v1/admin/handoffs?cursor=${await cursorAt(pool, 'handoffs', tenant.id, deepHandoff)}`],
    ['conversations_first', '/v1/admin/conversations'],
    ['conversations_deep', `/v1/admin/conversations?cursor=${await cursorAt(pool, 'conversations', tenant.id, deepConversation)}`],
    ['conversation_read', `/v1/admin/conversations/${rows[0].id}`],
  ];
  const reads: Reads = {};
  for (const [name, path] of paths) {
    const before = api.memory.cpuMs();
    const load = await cannon({ url: `${api.url}${path}`, connections, durationS, headers: admin });
    reads[name] = { load, cpuPerRequest: round((api.memory.cpuMs() - before) / Math.max(1, load.ok), 2) };
  }
  const fresh = await seedConversations(pool, tenant, Math.round(durationS * 1500) + 100, size.messagesEach);
  await queue.pause();
  try {
    const before = api.memory.cpuMs();
    const load = await cannon({ url: api.url, method: 'POST', connections, durationS, setupRequest: visitorRequests(fresh, 'handoff') });
    reads.handoff_create = { load, cpuPerRequest: round((api.memory.cpuMs() - before) / Math.max(1, load.ok), 2) };
  } finally {
    await sleep(200);
    await queue.empty();
    await discardPending(pool);
    await queue.resume();
  }
  return reads;
}

const LABELS: Record<string, string> = {
  handoffs_first: 'Handoffs list, first page',
  handoffs_deep: 'Handoffs list, a page 90% deep',
  conversations_first: 'Conversations list, first page',
  conversations_deep: 'Conversations list, a page 90% deep',
  conversation_read: 'A conversation read (admin, with its transcript)',
  handoff_create: 'Handoff creation',
};

/**
 * 7. Flat with size: the same reads and handoff creation on a small tenant and on a large one
 * seeded by SQL (by default 200,000 conversations, 2 million messages, 50,000 handoffs), p50
 * latency at 10 clients, large ÷ small. Runs last: the large tenant stays in the database.
 */
export async function largeTenantPhase(context: BenchContext): Promise<void> {
  const { options, api, pool, peers, log } = context;
  const create = (name: string) => createTenant(api.url, context.platformToken, name, { webhookUrl: peers.ready.webhookUrl });
  const smallSize: TenantSize = { conversations: 2_000, messagesEach: 10, handoffs: 500 };
  const small = await create('Bench Small');
  await seedTenantHistory(pool, small.id, smallSize);
  const durationS = Math.max(0.3, options.durationS / 2);
  // Each path once first: the small tenant, measured first, would otherwise pay for the JIT.
  await measureTenant(context, small, smallSize, Math.min(1, durationS));
  const smallReads = await measureTenant(context, small, smallSize, durationS);

  const large = await create('Bench Large');
  const started = nowMs();
  await seedTenantHistory(pool, large.id, options.largeTenant);
  const seedS = round((nowMs() - started) / 1000, 1);
  const { conversations, messagesEach, handoffs } = options.largeTenant;
  log(`large tenant seeded in ${seedS} s: ${conversations} conversations, ${conversations * messagesEach} messages, ${handoffs} handoffs`);
  const largeReads = await measureTenant(context, large, options.largeTenant, durationS);

  for (const name of Object.keys(LABELS)) {
    const big = largeReads[name];
    const little = smallReads[name];
    addFigure(context, {
      id: `large_tenant.${name}.p50`,
      phase: 'large_tenant',
      label: `Large tenant: ${LABELS[name]}, p50 at 10 clients (small tenant baseline)`,
      unit: 'ms',
      value: big.load.latency.p50,
      baseline: little.load.latency.p50,
      betterIs: 'lower',
      target: '≤ 1.5',
      note: `service CPU ${big.cpuPerRequest} vs ${little.cpuPerRequest} ms/request; ${big.load.rps} vs ${little.load.rps} req/s${big.load.failed > 0 ? `; ${big.load.failed} failed` : ''}`,
    });
  }
  context.details.large_tenant = { seedS, size: options.largeTenant, smallSize, small: smallReads, large: largeReads };
}
