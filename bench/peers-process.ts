/**
 * The bench's peers, in a process of their own so the driver's load generation never delays an
 * arrival timestamp: the shared HTTPS webhook receiver of the tests (src/channels/testing) and a
 * lean SMTP sink. Arrival times are taken on the system-wide monotonic clock, like the driver's
 * 202 times. Started by the driver with an IPC channel; stops when told or when the driver goes.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import { startHttpsReceiver } from '../src/channels/testing/https-receiver';
import { nowMs } from './lib/stats';
import {
  CapturedEmail,
  CapturedWebhook,
  HANDOFF_ID_IN_EMAIL,
  PeersReady,
  PeersReply,
  PeersRequest,
  UNSTORABLE_ANSWER_QUERY,
  webhookKey,
} from './lib/peer-protocol';

/** Bounds what is kept for baselines, whatever a phase sends. */
const MAX_CAPTURED = 20_000;
const KEPT_HEADERS = /^(content-type|user-agent|x-wilow-|webhook-)/i;
/** A 500 whose body Postgres cannot store as it is: a NUL byte, broken UTF-8 and a lone surrogate. */
const UNSTORABLE = Buffer.concat([Buffer.from('{"error":"\u0000'), Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('"}')]);

let webhookArrivals = new Map<string, number>();
let emailArrivals = new Map<string, number>();
let duplicates = 0;
let unknown = 0;
let capture = false;
let capturedWebhooks: CapturedWebhook[] = [];
let capturedEmails: CapturedEmail[] = [];

function arrived(arrivals: Map<string, number>, key: string | undefined, at: number): void {
  if (key === undefined) unknown += 1;
  else if (arrivals.has(key)) duplicates += 1;
  else arrivals.set(key, at);
}

async function main(): Promise<void> {
  const receiver = await startHttpsReceiver({
    respond: (request) => {
      const at = nowMs();
      const body = request.body.toString('utf8');
      const key = webhookKey(body);
      arrived(webhookArrivals, key, at);
      if (capture && key !== undefined && capturedWebhooks.length < MAX_CAPTURED) {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(request.headers)) {
          if (KEPT_HEADERS.test(name) && typeof value === 'string') headers[name] = value;
        }
        capturedWebhooks.push({ key, body, headers });
      }
      // The shared receiver keeps every request for tests; a bench must not grow without bound.
      receiver.requests.length = 0;
      if (request.path.includes(UNSTORABLE_ANSWER_QUERY)) return { status: 500, body: UNSTORABLE };
      return { status: 200, body: '{"ok":true}' };
    },
  });

  // A lean sink rather than src/channels/testing/smtp-sink: that one parses every message with
  // mailparser (milliseconds of CPU each), which would cap both the service and its baseline at
  // the sink's own speed on a 2-core machine.
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData: (stream, session, callback) => {
      readAll(stream).then(
        (raw) => {
          const at = nowMs();
          const handoffId = HANDOFF_ID_IN_EMAIL.exec(raw.slice(0, 4000))?.[1];
          arrived(emailArrivals, handoffId, at);
          if (capture && handoffId !== undefined && capturedEmails.length < MAX_CAPTURED) {
            capturedEmails.push({
              handoffId,
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              raw,
            });
          }
          callback(null);
        },
        (error: Error) => callback(error),
      );
    },
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const send = (message: PeersReady | PeersReply) => process.send?.(message);
  process.on('message', (request: PeersRequest) => {
    switch (request.type) {
      case 'reset':
        webhookArrivals = new Map();
        emailArrivals = new Map();
        duplicates = 0;
        unknown = 0;
        capture = request.capture;
        capturedWebhooks = [];
        capturedEmails = [];
        send({ id: request.id, type: 'ok' });
        break;
      case 'counts':
        send({ id: request.id, type: 'counts', webhooks: webhookArrivals.size, emails: emailArrivals.size });
        break;
      case 'arrivals':
        send({
          id: request.id,
          type: 'arrivals',
          webhooks: [...webhookArrivals],
          emails: [...emailArrivals],
          duplicates,
          unknown,
        });
        break;
      case 'captured':
        send({ id: request.id, type: 'captured', webhooks: capturedWebhooks, emails: capturedEmails });
        break;
      case 'stop':
        void Promise.all([receiver.close(), new Promise<void>((resolve) => smtp.close(() => resolve()))]).then(() => {
          send({ id: request.id, type: 'ok' });
          process.disconnect?.();
          process.exit(0);
        });
        break;
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', webhookUrl: receiver.url, ca: receiver.ca, smtpUrl: `smtp://127.0.0.1:${smtpPort}`, smtpPort });
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
