import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { isolatedEnvironment } from './test-app';
import { freePort } from './free-port';

const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

export interface ServiceProcess {
  url: string;
  env: Record<string, string>;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  child: ChildProcess;
}

/**
 * Starts the built service (`dist/main.js`, or another copy of the build) as a real child process
 * and waits until it is healthy.
 */
export async function startServiceProcess(env: Record<string, string>, main = MAIN): Promise<ServiceProcess> {
  const port = env.PORT ?? String(await freePort());
  const fullEnv = { ...env, PORT: port };
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', ...fullEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  if (env.APP_ROLE !== 'worker') await waitForHealth(url, child, () => output);
  return {
    url,
    env: fullEnv,
    output: () => output,
    child,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Service exited with ${child.exitCode}:\n${output()}`);
    const healthy = await fetch(`${url}/health`).then((response) => response.ok, () => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Service did not become healthy:\n${output()}`);
}

export { isolatedEnvironment };

/** Calls a service process over real HTTP and returns the parsed JSON body. */
export async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const headers = init.body ? { 'Content-Type': 'application/json', ...init.headers } : init.headers;
  const response = await fetch(url, { ...init, headers });
  return (await response.json()) as T;
}
