import { ChildProcess, fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../test/support/free-port';
import { sleep } from './stats';

export const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'main.js');

/** Forks a bench TypeScript file (transpiled on the fly by ts-node) with an IPC channel. */
export function forkTs(file: string, env: Record<string, string> = {}): ChildProcess {
  return fork(join(ROOT, 'bench', file), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

export interface MemorySample {
  rssMb: number;
  peakMb: number;
}

/**
 * Peak RSS of a process, per phase: the kernel's high-water mark (VmHWM, reset between phases
 * through /proc/<pid>/clear_refs) and the largest VmRSS sampled, whichever is higher.
 */
export class RssSampler {
  private sampledPeakKb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly pid: number,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** Starts a new phase: forgets the peak so far. */
  resetPeak(): void {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
    } catch {
      // Not permitted (or not Linux): the sampled VmRSS peak still holds.
    }
    this.sampledPeakKb = 0;
    this.sample();
  }

  read(): MemorySample {
    const { rss, hwm } = this.status();
    this.sampledPeakKb = Math.max(this.sampledPeakKb, rss);
    return { rssMb: toMb(rss), peakMb: toMb(Math.max(this.sampledPeakKb, hwm)) };
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** CPU time (user + system) the process has used so far, in ms. */
  cpuMs(): number {
    try {
      const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second).
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return 0;
    }
  }

  private sample(): void {
    this.sampledPeakKb = Math.max(this.sampledPeakKb, this.status().rss);
  }

  private status(): { rss: number; hwm: number } {
    try {
      const text = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
      return { rss: field('VmRSS'), hwm: field('VmHWM') };
    } catch {
      return { rss: 0, hwm: 0 };
    }
  }
}

function toMb(kb: number): number {
  return Math.round((kb / 1024) * 10) / 10;
}

export interface ServiceProcess {
  role: string;
  /** Base URL, for roles that serve HTTP. */
  url: string;
  child: ChildProcess;
  memory: RssSampler;
  stop(): Promise<void>;
}

export interface StartServiceOptions {
  role: 'all' | 'api' | 'worker';
  env: Record<string, string>;
  /** Where the service's stdout and stderr go (its JSON logs). */
  logFile: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
}

/** Starts the built service (`node dist/main.js`) and waits until it serves (or, for a worker, has started). */
export async function startService(options: StartServiceOptions): Promise<ServiceProcess> {
  const port = options.role === 'worker' ? '0' : String(await freePort());
  const fd = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env, APP_ROLE: options.role, PORT: port },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilStarted(options, child, url);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const memory = new RssSampler(child.pid ?? 0);
  return {
    role: options.role,
    url,
    child,
    memory,
    stop: async () => {
      memory.stop();
      await stopChild(child);
    },
  };
}

async function waitUntilStarted(options: StartServiceOptions, child: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  const logTail = () => readFileSync(options.logFile, 'utf8').slice(-4000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The ${options.role} service exited with ${child.exitCode}:\n${logTail()}`);
    if (options.role === 'worker') {
      if (/service started: role worker/.test(readFileSync(options.logFile, 'utf8'))) return;
    } else {
      const healthy = await fetch(`${url}/health`).then((response) => response.ok, () => false);
      if (healthy) return;
    }
    await sleep(100);
  }
  throw new Error(`The ${options.role} service did not start within 60 s:\n${logTail()}`);
}
