import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Arrivals, CapturedEmail, CapturedWebhook, PeersReady, PeersReply, PeersRequest } from './peer-protocol';
import { forkTs, stopChild } from './processes';
import { sleep } from './stats';

type RequestBody = PeersRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The driver's handle on the peers process: the HTTPS webhook receiver and the SMTP sink. */
export class Peers {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: PeersReply) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly ready: PeersReady,
    /** A PEM file of the receiver's certificate, for WEBHOOK_CA_FILE. */
    readonly caFile: string,
  ) {
    child.on('message', (reply: PeersReply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
  }

  static async start(): Promise<Peers> {
    const child = forkTs('peers-process.ts');
    const ready = await new Promise<PeersReady>((resolve, reject) => {
      child.once('message', (message: PeersReady) => resolve(message));
      child.once('exit', (code) => reject(new Error(`The peers process exited with ${code}`)));
    });
    const caFile = join(mkdtempSync(join(tmpdir(), 'wilow-bench-ca-')), 'receiver-ca.pem');
    writeFileSync(caFile, ready.ca);
    return new Peers(child, ready, caFile);
  }

  /** Forgets every arrival; with `capture`, keeps what arrives for a baseline to send again. */
  async reset(capture = false): Promise<void> {
    await this.call({ type: 'reset', capture });
  }

  async counts(): Promise<{ webhooks: number; emails: number }> {
    const reply = await this.call({ type: 'counts' });
    return reply.type === 'counts' ? reply : { webhooks: 0, emails: 0 };
  }

  async arrivals(): Promise<Arrivals> {
    const reply = await this.call({ type: 'arrivals' });
    if (reply.type !== 'arrivals') throw new Error('unexpected reply');
    return reply;
  }

  async captured(): Promise<{ webhooks: CapturedWebhook[]; emails: CapturedEmail[] }> {
    const reply = await this.call({ type: 'captured' });
    if (reply.type !== 'captured') throw new Error('unexpected reply');
    return reply;
  }

  /** Waits until `expected` webhooks (or emails) have arrived; returns how many did by the deadline. */
  async waitFor(kind: 'webhooks' | 'emails', expected: number, timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const count = (await this.counts())[kind];
      if (count >= expected || Date.now() > deadline) return count;
      await sleep(25);
    }
  }

  /** Whether every one of `keys` has arrived (as a webhook or an email; see `webhookKey`). */
  async allArrived(kind: 'webhooks' | 'emails', keys: string[]): Promise<boolean> {
    const arrived = new Set((await this.arrivals())[kind].map(([key]) => key));
    return keys.every((key) => arrived.has(key));
  }

  /** Waits until every one of `keys` has arrived, or `timeoutMs` passed. */
  async waitForAll(kind: 'webhooks' | 'emails', keys: string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !(await this.allArrived(kind, keys))) await sleep(50);
  }

  async stop(): Promise<void> {
    await Promise.race([this.call({ type: 'stop' }), sleep(3000)]);
    await stopChild(this.child);
  }

  private call(request: RequestBody): Promise<PeersReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.send({ ...request, id });
    });
  }
}
