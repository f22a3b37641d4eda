import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createServer, Server, Socket } from 'node:net';
import { ReceivedRequest, ReceiverResponse } from '../../../src/channels/testing/https-receiver';
import { Peers, startPeers } from '../../support/peers';

const OK: ReceiverResponse = { status: 200, body: '{"received":true}' };

export type DrillResponder = (request: ReceivedRequest) => ReceiverResponse | Promise<ReceiverResponse>;

/** When each handoff reached each peer: milliseconds since the epoch, one entry per arrival. */
export class Receipts {
  readonly webhook = new Map<string, number[]>();
  readonly email = new Map<string, number[]>();

  add(channel: 'webhook' | 'email', handoffId: string | undefined): void {
    if (!handoffId) return;
    const map = this[channel];
    map.set(handoffId, [...(map.get(handoffId) ?? []), Date.now()]);
  }

  first(channel: 'webhook' | 'email', handoffId: string): number | undefined {
    return this[channel].get(handoffId)?.[0];
  }
}

export interface DrillPeers {
  peers: Peers;
  receipts: Receipts;
  /** Points the service at the peers (the SMTP URL goes through the gate). */
  env: Record<string, string>;
  /** How the receiver answers from now on; defaults to 200 at once. */
  respondWith(responder: DrillResponder): void;
  /** The switch in front of the SMTP server: closed, connections to it are refused. */
  smtpGate: TcpGate;
  /** Webhook requests per handoffId, from what the receiver got. */
  webhookCounts(): Map<string, number>;
  /** Emails per `X-Wilow-Handoff-Id`, from what the mail sink accepted. */
  emailCounts(): Map<string, number>;
  close(): Promise<void>;
}

/**
 * The real HTTPS receiver and SMTP sink of `test/support/peers.ts`, with arrival times recorded
 * and a TCP gate in front of the SMTP server so a drill can take the mail server down and up
 * again on the same address.
 */
export async function startDrillPeers(): Promise<DrillPeers> {
  const receipts = new Receipts();
  let responder: DrillResponder = () => OK;
  const peers = await startPeers({
    receiver: {
      respond: (request) => {
        receipts.add('webhook', handoffIdOf(request.body));
        return responder(request);
      },
    },
    sink: {
      onData: (raw) => {
        receipts.add('email', /^X-Wilow-Handoff-Id:\s*(\S+)/im.exec(raw.toString('latin1'))?.[1]);
        return undefined;
      },
    },
  });
  const smtpGate = await TcpGate.open(Number(new URL(peers.sink.url).port));
  return {
    peers,
    receipts,
    env: { ...peers.env, SMTP_URL: `smtp://127.0.0.1:${smtpGate.port}` },
    respondWith: (next) => {
      responder = next;
    },
    smtpGate,
    webhookCounts: () => countBy(peers.receiver.requests.map((request) => handoffIdOf(request.body))),
    emailCounts: () => countBy(peers.sink.messages.map((mail) => mail.headers.get('x-wilow-handoff-id') as string | undefined)),
    close: async () => {
      await smtpGate.shut();
      await peers.close();
      rmSync(dirname(peers.env.WEBHOOK_CA_FILE), { recursive: true, force: true });
    },
  };
}

export const respondAfter =
  (ms: number): DrillResponder =>
  () =>
    new Promise((resolve) => setTimeout(() => resolve(OK), ms));

export const respondOk: DrillResponder = () => OK;

function handoffIdOf(body: Buffer): string | undefined {
  try {
    return (JSON.parse(body.toString('utf8')) as { handoffId?: string }).handoffId;
  } catch {
    return undefined;
  }
}

function countBy(keys: (string | undefined)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** A TCP forwarder on a fixed port: `shut()` refuses and cuts connections, `reopen()` listens again. */
export class TcpGate {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  private constructor(
    readonly port: number,
    private readonly targetPort: number,
  ) {}

  static async open(targetPort: number): Promise<TcpGate> {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as { port: number }).port;
    probe.close();
    await once(probe, 'close');
    const gate = new TcpGate(port, targetPort);
    await gate.reopen();
    return gate;
  }

  async reopen(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = new Socket();
      for (const socket of [client, upstream]) {
        // SMTP is a chatty exchange of small writes: Nagle's delay would add tens of ms to each.
        socket.setNoDelay(true);
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      upstream.connect(this.targetPort, '127.0.0.1');
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    server.listen(this.port, '127.0.0.1');
    await once(server, 'listening');
    this.server = server;
  }

  async shut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    server.close();
    await once(server, 'close');
  }
}
