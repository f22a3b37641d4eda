/**
 * Baseline of the visitor message post and handoff creation: a bare Node `http` server doing the
 * service's database work for each through a `pg` pool of the service's size, and nothing else
 * (no framework, no validation beyond JSON parsing, no rate limits, no queue). The same
 * statements as the service: the conversation looked up by id, tenant and visitor token hash;
 * then the message appended in one statement (who is talking decided on the conversation's row),
 * or, in one transaction, the handoff recorded with the conversation made `waiting`, then its
 * deliveries and follow-up lanes. Runs in its own process, as the service does; tells the driver its port over IPC.
 */
import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: Number(process.env.BENCH_POOL_SIZE ?? 20) });
const tenantId = process.env.BENCH_TENANT_ID ?? '';
const ROUTE = /^\/v1\/widget\/conversations\/([0-9a-f-]{36})\/(messages|handoff)$/;
const MAX_MESSAGES = 1000;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

async function findConversation(id: string, authorization: string | undefined): Promise<boolean> {
  const token = authorization?.replace(/^Bearer /, '') ?? '';
  const hash = createHash('sha256').update(token, 'utf8').digest('hex');
  const { rows } = await pool.query('SELECT * FROM conversations WHERE id = $1 AND tenant_id = $2 AND visitor_token_hash = $3 AND erased_at IS NULL', [
    id,
    tenantId,
    hash,
  ]);
  return rows.length === 1;
}

async function postMessage(id: string, content: string): Promise<unknown> {
  const { rows } = await pool.query(
    `WITH counted AS (
       UPDATE conversations
       SET message_count = message_count + 1, last_message_at = now(),
           mode = CASE WHEN $3 = 'agent' THEN 'agent' ELSE mode END,
           agent_name = CASE WHEN $3 = 'agent' THEN $6 ELSE agent_name END
       WHERE id = $1 AND message_count < $2
         AND ($3 <> 'assistant' OR mode <> 'agent')
         AND ($3 <> 'agent' OR open_handoff_id IS NOT NULL)
       RETURNING message_count, open_handoff_id, mode
     )
     INSERT INTO messages (conversation_id, seq, role, content, offer_handoff, author_name, source, handoff_id)
     SELECT $1, message_count, $3, $4, $5, $6, $7, open_handoff_id FROM counted
     RETURNING id, seq, created_at, handoff_id, (SELECT mode FROM counted) AS mode,
       (SELECT content FROM messages WHERE conversation_id = $1 AND role = 'assistant' ORDER BY seq DESC LIMIT 1)
         AS previous_assistant_content`,
    [id, MAX_MESSAGES, 'user', content, false, null, null],
  );
  const row = rows[0] as { id: string; seq: number; created_at: Date };
  return { message: { id: row.id, sequence: row.seq, role: 'user', content, createdAt: row.created_at }, escalation: { detected: false, offerHandoff: false } };
}

/** 202 with the handoff recorded, or (a conversation used again) 200 with its open one, as the service answers. */
async function createHandoff(id: string, body: { visitorEmail?: string; reason?: string }): Promise<[number, { handoffId: string; status: string }]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      `WITH locked AS (
         SELECT message_count FROM conversations WHERE id = $2 AND erased_at IS NULL FOR UPDATE
       ), inserted AS (
         INSERT INTO handoffs (tenant_id, conversation_id, visitor_email, reason, transcript_length)
         SELECT $1, $2, $3, $4, message_count FROM locked
         ON CONFLICT DO NOTHING RETURNING *
       ), waiting AS (
         UPDATE conversations SET mode = 'waiting', open_handoff_id = inserted.id, agent_name = NULL
         FROM inserted WHERE conversations.id = $2
       )
       SELECT * FROM inserted`,
      [tenantId, id, body.visitorEmail ?? null, body.reason ?? null],
    );
    const handoff = rows[0] as { id: string; status: string; transcript_length: number } | undefined;
    if (handoff) {
      await client.query(
        `WITH lanes AS (
           INSERT INTO follow_up_cursors (handoff_id, lane, followed_up_seq) SELECT $1, lane, $5 FROM unnest($4::varchar[]) AS lane
         )
         INSERT INTO deliveries (handoff_id, channel, max_attempts)
         SELECT $1, channel, max_attempts FROM unnest($2::varchar[], $3::int[]) AS scheduled(channel, max_attempts)
         RETURNING *`,
        [handoff.id, ['email', 'webhook'], [3, 1], ['email', 'webhook', 'visitor'], handoff.transcript_length],
      );
    }
    await client.query('COMMIT');
    if (handoff) return [202, { handoffId: handoff.id, status: handoff.status }];
    const { rows: open } = await client.query("SELECT id, status FROM handoffs WHERE conversation_id = $1 AND status = 'open'", [id]);
    return [200, { handoffId: (open[0] as { id: string }).id, status: 'open' }];
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const match = request.method === 'POST' ? ROUTE.exec(request.url ?? '') : null;
  if (!match) return send(response, 404, { statusCode: 404 });
  const [, id, action] = match;
  const body = JSON.parse((await readBody(request)) || '{}') as { content?: string; visitorEmail?: string; reason?: string };
  if (!(await findConversation(id, request.headers.authorization))) return send(response, 404, { statusCode: 404 });
  if (action === 'messages') return send(response, 201, await postMessage(id, body.content ?? ''));
  const [status, created] = await createHandoff(id, body);
  return send(response, status, created);
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: Error) => send(response, 500, { statusCode: 500, message: error.message }));
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
