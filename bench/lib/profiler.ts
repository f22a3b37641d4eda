import { readFileSync, writeFileSync } from 'node:fs';
import { WebSocket } from 'undici';
import { sleep } from './stats';

/**
 * CPU profiles of a service process per phase, through the V8 inspector (the service runs with
 * `--inspect=127.0.0.1:0`). `node --cpu-prof` would give one profile of the whole run, and only
 * on a clean exit, which Nest's SIGTERM handling does not make.
 */
export class PhaseProfiler {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id === undefined) return;
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message.result);
    });
  }

  /** Connects to the inspector whose address the process printed to `logFile`. */
  static async attach(logFile: string): Promise<PhaseProfiler> {
    const deadline = Date.now() + 10_000;
    let url: string | undefined;
    while (!url && Date.now() < deadline) {
      url = /Debugger listening on (ws:\/\/\S+)/.exec(readFileSync(logFile, 'utf8'))?.[1];
      if (!url) await sleep(50);
    }
    if (!url) throw new Error(`No inspector address in ${logFile}`);
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve());
      socket.addEventListener('error', () => reject(new Error(`Cannot connect to the inspector at ${url}`)));
    });
    const profiler = new PhaseProfiler(socket);
    await profiler.call('Profiler.enable');
    await profiler.call('Profiler.setSamplingInterval', { interval: 200 });
    return profiler;
  }

  async start(): Promise<void> {
    await this.call('Profiler.start');
  }

  /** Stops and writes the profile (`.cpuprofile`, readable by Chrome DevTools and bench/profile-summary.ts). */
  async stop(file: string): Promise<void> {
    const result = (await this.call('Profiler.stop')) as { profile: unknown };
    writeFileSync(file, JSON.stringify(result.profile));
  }

  close(): void {
    this.socket.close();
  }

  private call(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }
}
