import autocannon from 'autocannon';
import { nowMs, percentiles, Percentiles, round, sleep } from './stats';

export interface LoadResult {
  /** Successful operations per second over the run. */
  rps: number;
  latency: Percentiles;
  ok: number;
  failed: number;
  statusCodes: Record<string, number>;
  durationS: number;
}

export interface CannonOptions {
  url: string;
  connections: number;
  durationS: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Per request: path, headers, body (e.g. a different conversation each time). */
  setupRequest?: (request: autocannon.Request) => autocannon.Request;
  onResponse?: (status: number, body: string) => void;
}

/** autocannon at saturation (closed loop, `connections` in flight), with exact latencies of the 2xx answers. */
export async function cannon(options: CannonOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let ok = 0;
  let failed = 0;
  const request: autocannon.Request = {
      method: options.method ?? 'GET',
    ...(options.setupRequest && { setupRequest: options.setupRequest }),
    ...(options.onResponse && { onResponse: options.onResponse }),
  };
  const started = nowMs();
  let settle: (result: autocannon.Result) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      duration: options.durationS,
      method: options.method ?? 'GET',
      headers: options.headers,
      body: options.body,
      requests: [request],
      timeout: 30,
    },
    (error: unknown, result: autocannon.Result) => (error ? fail(error) : settle(result)),
  );
  instance.on('response', (_client, statusCode: number, _bytes: number, responseTime: number) => {
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (statusCode >= 200 && statusCode < 300) {
      ok += 1;
      latencies.push(responseTime);
    } else failed += 1;
  });
  instance.on('reqError', () => {
    statusCodes.error = (statusCodes.error ?? 0) + 1;
    failed += 1;
  });
  const result = await done;
  const durationS = result.duration || (nowMs() - started) / 1000;
  return { rps: round(ok / durationS, 1), latency: percentiles(latencies), ok, failed, statusCodes, durationS: round(durationS) };
}

/** `concurrency` loops calling `operation` back to back for `durationS`: a baseline's own autocannon. */
export async function closedLoop(
  concurrency: number,
  durationS: number,
  operation: (worker: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failed = 0;
  let lastError = '';
  const started = nowMs();
  const end = started + durationS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (nowMs() < end) {
        const before = nowMs();
        try {
          await operation(worker);
          latencies.push(nowMs() - before);
        } catch (error) {
          failed += 1;
          lastError = (error as Error).message;
        }
      }
    }),
  );
  const elapsed = (nowMs() - started) / 1000;
  const statusCodes: Record<string, number> = { ok: latencies.length };
  if (failed > 0) statusCodes[`error: ${lastError.slice(0, 80)}`] = failed;
  return { rps: round(latencies.length / elapsed, 1), latency: percentiles(latencies), ok: latencies.length, failed, statusCodes, durationS: round(elapsed) };
}

/**
 * Starts `operation` every 1/rate seconds for `durationS`, whatever the previous ones are doing
 * (an open loop: the offered load stays fixed). Resolves when every operation has settled.
 */
export async function openLoop(rate: number, durationS: number, operation: (index: number) => Promise<void>): Promise<number> {
  const total = Math.max(1, Math.round(rate * durationS));
  const interval = 1000 / rate;
  const started = nowMs();
  const running: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const due = started + index * interval;
    const wait = due - nowMs();
    if (wait > 0) await sleep(wait);
    running.push(operation(index).catch(() => undefined));
  }
  await Promise.all(running);
  return total;
}

/** Runs `operation` on every item, `concurrency` at a time; returns how many failed. */
export async function forEachConcurrent<T>(items: T[], concurrency: number, operation: (item: T) => Promise<void>): Promise<number> {
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++];
        await operation(item).catch(() => {
          failed += 1;
        });
      }
    }),
  );
  return failed;
}
