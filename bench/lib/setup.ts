import { createHash, randomBytes } from 'node:crypto';
import Bull from 'bull';
import { Pool } from 'pg';

export interface BenchTenant {
  id: string;
  name: string;
  widgetKey: string;
  adminApiKey: string;
}

export interface Channels {
  email?: string;
  webhookUrl?: string;
}

async function call<T>(url: string, method: string, token: string | undefined, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(token && { Authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** A tenant created through the platform API and configured through the admin API, as operators and admins do. */
export async function createTenant(
  baseUrl: string,
  platformToken: string,
  name: string,
  channels: Channels,
): Promise<BenchTenant> {
  const tenant = await call<BenchTenant>(`${baseUrl}/v1/platform/tenants`, 'POST', platformToken, {
    name,
    handoffEntitled: true,
  });
  await call(`${baseUrl}/v1/admin/handoff/settings`, 'PATCH', tenant.adminApiKey, {
    enabled: true,
    email: channels.email ?? null,
    webhookUrl: channels.webhookUrl ?? null,
  });
  if (channels.webhookUrl) await call(`${baseUrl}/v1/admin/handoff/webhook-secret`, 'POST', tenant.adminApiKey);
  return tenant;
}

export interface SeededConversation {
  id: string;
  visitorToken: string;
  /** The widget key of its tenant. */
  widgetKey: string;
}

const SEED_MESSAGES = [
  'Hi, I ordered a blue jacket last week and the tracking page has not moved since Monday.',
  'Sorry to hear that! Could you share your order number so I can look it up?',
  'Sure, it is 48213. I also wanted to change the delivery address if it is not too late.',
  'Thanks. The parcel is with the carrier; address changes are possible until it leaves the depot.',
];

export interface SeedOptions {
  /** Each message this many characters long (the seed texts repeated). */
  messageChars?: number;
  /** Every message the visitor's (else they alternate visitor and assistant). */
  visitorOnly?: boolean;
}

/**
 * Conversations written straight into the service's database (the bench needs thousands, and
 * opening them is not what it measures), each with `messages` messages. Their visitor tokens are
 * hashed exactly as the service does.
 */
export async function seedConversations(
  pool: Pool,
  tenant: Pick<BenchTenant, 'id' | 'widgetKey'>,
  count: number,
  messages: number,
  { messageChars, visitorOnly = false }: SeedOptions = {},
): Promise<SeededConversation[]> {
  const tenantId = tenant.id;
  const created: SeededConversation[] = [];
  for (let start = 0; start < count; start += 5000) {
    const batch = Math.min(5000, count - start);
    const tokens = Array.from({ length: batch }, () => `wvt_${randomBytes(32).toString('base64url')}`);
    const hashes = tokens.map((token) => createHash('sha256').update(token, 'utf8').digest('hex'));
    const { rows } = await pool.query<{ id: string; visitor_token_hash: string }>(
      `INSERT INTO conversations (tenant_id, visitor_token_hash, message_count, last_message_at)
       SELECT $1, hash, $3::int, CASE WHEN $3::int > 0 THEN now() END FROM unnest($2::text[]) AS hash
       RETURNING id, visitor_token_hash`,
      [tenantId, hashes, messages],
    );
    const tokenOf = new Map(hashes.map((hash, index) => [hash, tokens[index]]));
    const ids = rows.map((row) => row.id);
    if (messages > 0) {
      await pool.query(
        `INSERT INTO messages (conversation_id, seq, role, content)
         SELECT c.id, s, CASE WHEN $5::boolean OR s % 2 = 1 THEN 'user' ELSE 'assistant' END, CASE WHEN $4::int IS NULL THEN seed ELSE rpad(seed, $4::int, ' ' || seed) END
         FROM unnest($1::uuid[]) AS c(id) CROSS JOIN generate_series(1, $2::int) AS s
         CROSS JOIN LATERAL (SELECT ($3::text[])[1 + (s - 1) % array_length($3::text[], 1)] AS seed) AS text`,
        [ids, messages, SEED_MESSAGES, messageChars ?? null, visitorOnly],
      );
    }
    for (const row of rows) created.push({ id: row.id, visitorToken: tokenOf.get(row.visitor_token_hash) ?? '', widgetKey: tenant.widgetKey });
  }
  return created;
}

/** `count` conversations spread round-robin over `tenants`. */
export async function seedAcross(
  pool: Pool,
  tenants: Pick<BenchTenant, 'id' | 'widgetKey'>[],
  count: number,
  messages: number,
): Promise<SeededConversation[]> {
  const perTenant = await Promise.all(
    tenants.map((tenant, index) => seedConversations(pool, tenant, Math.floor(count / tenants.length) + (index < count % tenants.length ? 1 : 0), messages)),
  );
  const interleaved: SeededConversation[] = [];
  for (let i = 0; interleaved.length < count; i++) {
    for (const conversations of perTenant) if (i < conversations.length) interleaved.push(conversations[i]);
  }
  return interleaved;
}

/**
 * The service's delivery queue, seen from outside through Bull itself: paused while a phase
 * builds a backlog (or measures handoff creation alone), emptied of jobs a phase discards.
 */
export class QueueControl {
  private readonly queue: Bull.Queue;

  constructor(redisUrl: string, prefix: string) {
    this.queue = new Bull('delivery', redisUrl, { prefix });
  }

  pause(): Promise<void> {
    return this.queue.pause();
  }

  /**
   * Resuming moves the paused jobs back in one RENAME, which does not wake a worker blocked
   * waiting for a job (it would wait out Bull's drainDelay); a job for a delivery that does not
   * exist does, and the worker drops it.
   */
  async resume(): Promise<void> {
    await this.queue.resume();
    await this.queue.add('deliver', { deliveryId: '00000000-0000-4000-8000-000000000000' }, { removeOnComplete: true, removeOnFail: true });
  }

  /** Drops waiting jobs; the service's pending deliveries are then closed by `discardPending`. */
  empty(): Promise<void> {
    return this.queue.empty();
  }

  async waitingCount(): Promise<number> {
    const counts = await this.queue.getJobCounts();
    return counts.waiting + counts.active + counts.delayed;
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/** Marks deliveries nobody will send as failed, so the service's sweep does not queue them again. */
export async function discardPending(pool: Pool): Promise<number> {
  const result = await pool.query(
    `UPDATE deliveries SET status = 'failed', last_error = 'discarded by the bench', updated_at = now()
     WHERE status = 'pending'`,
  );
  return result.rowCount ?? 0;
}

export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const pool = new Pool({ connectionString: adminUrl, max: 1 });
  try {
    await pool.query(`CREATE DATABASE "${name}"`);
  } finally {
    await pool.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const pool = new Pool({ connectionString: adminUrl, max: 1 });
  try {
    await pool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await pool.end();
  }
}

/** Deletes every key under the bench's Redis prefix. */
export async function deleteRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const { default: Redis } = await import('ioredis');
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
