import { Pool } from 'pg';
import { dropDatabase } from '../../support/test-app';
import { isolatedEnvironment, ServiceProcess, startServiceProcess } from '../../support/service-process';
import { DrillPeers } from './peers';
import { snapshotBuild } from './build-snapshot';
import { exited } from './processes';

/**
 * What every drill runs the service with: the peers, a sweep every second, quick email retries,
 * and the widget and per-tenant rate limits out of the way of the load. (The webhook timeout
 * stays the default 10 s: a loaded machine must not turn a slow answer into a failure; the
 * hung-receiver drill sets a short one.)
 */
export function drillEnvironment(peers: DrillPeers, overrides: Record<string, string> = {}): Record<string, string> {
  return isolatedEnvironment({
    ...peers.env,
    LOG_LEVEL: 'warn',
    SWEEP_INTERVAL_MS: '1000',
    EMAIL_RETRY_ATTEMPTS: '10',
    EMAIL_RETRY_BASE_MS: '200',
    RATE_LIMIT_WIDGET_PER_IP_PER_MINUTE: '1000000',
    RATE_LIMIT_WIDGET_PER_CONVERSATION_PER_MINUTE: '1000',
    RATE_LIMIT_TENANT_CONVERSATIONS_PER_MINUTE: '1000000',
    RATE_LIMIT_TENANT_HANDOFFS_PER_MINUTE: '1000000',
    ...overrides,
  });
}

/** The service processes a drill started (from its own copy of the build), so none outlives it. */
export class Fleet {
  private readonly started: ServiceProcess[] = [];
  private build?: Promise<{ main: string; remove: () => void }>;

  constructor(private readonly name: string) {}

  async start(env: Record<string, string>, role: 'api' | 'worker' | 'all'): Promise<ServiceProcess> {
    this.build ??= snapshotBuild(this.name);
    const service = await startServiceProcess({ ...env, APP_ROLE: role }, (await this.build).main);
    this.started.push(service);
    return service;
  }

  /** Workers have no HTTP port: ready once their log says so. */
  async startWorker(env: Record<string, string>): Promise<ServiceProcess> {
    // The start line is logged at info: a worker's own logs are few (no request logs).
    const worker = await this.start({ ...env, LOG_LEVEL: 'info' }, 'worker');
    const deadline = Date.now() + 30_000;
    while (!worker.output().includes('Wilow handoff service started')) {
      if (worker.child.exitCode !== null) throw new Error(`Worker exited with ${worker.child.exitCode}:\n${worker.output()}`);
      if (Date.now() > deadline) throw new Error(`Worker did not start:\n${worker.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return worker;
  }

  /**
   * Sends `signal` and resolves with how long the process took to exit. (ServiceProcess.stop waits
   * for an exit code, which a process killed by a signal never gets.)
   */
  async signal(service: ServiceProcess, signal: NodeJS.Signals): Promise<number> {
    const started = Date.now();
    const exit = exited(service.child);
    if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill(signal);
    await exit;
    return Date.now() - started;
  }

  /** SIGTERM, then SIGKILL for anything still running after 10 s; then the copy of the build goes. */
  async stopAll(): Promise<void> {
    await Promise.all(
      this.started.map(async (service) => {
        const timer = setTimeout(() => service.child.kill('SIGKILL'), 10_000);
        await this.signal(service, 'SIGTERM');
        clearTimeout(timer);
      }),
    );
    (await this.build)?.remove();
  }

  /** The log lines of every process that contain `text`. */
  grep(text: string): string[] {
    return this.started.flatMap((service) => service.output().split('\n').filter((line) => line.includes(text)));
  }

  /** The logs of every process, for a failing drill's message. */
  logs(): string {
    return this.started.map((service, index) => `--- process ${index} (${service.env.APP_ROLE}) ---\n${service.output().slice(-4000)}`).join('\n');
  }
}

export interface DeliveryRow {
  id: string;
  handoffId: string;
  tenantId: string;
  channel: string;
  status: string;
  attempts: number;
  lastError: string | null;
  deliveredAt: Date | null;
}

/** Direct reads of the service's database, to check what was recorded against what arrived. */
export class DrillDatabase {
  private readonly pool: Pool;

  constructor(readonly url: string) {
    this.pool = new Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 3000 });
    // A restarted server cuts idle connections; the pool replaces them.
    this.pool.on('error', () => undefined);
  }

  /** Every handoff recorded, oldest first. */
  async handoffIds(): Promise<{ id: string; tenantId: string }[]> {
    const { rows } = await this.pool.query<{ id: string; tenantId: string }>('SELECT id, tenant_id AS "tenantId" FROM handoffs ORDER BY created_at, id');
    return rows;
  }

  async deliveries(): Promise<DeliveryRow[]> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `SELECT d.id, d.handoff_id AS "handoffId", h.tenant_id AS "tenantId", d.channel, d.status, d.attempts,
              d.last_error AS "lastError", d.delivered_at AS "deliveredAt"
         FROM deliveries d JOIN handoffs h ON h.id = d.handoff_id`,
    );
    return rows;
  }

  /** Deliveries not finished yet (`pending` or `delivering`); a failed read counts as unknown (-1). */
  async unfinished(): Promise<number> {
    const { rows } = await this.pool
      .query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE status IN ('pending', 'delivering')`)
      .catch(() => ({ rows: [{ n: -1 }] }));
    return rows[0].n;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async drop(): Promise<void> {
    await this.close();
    await dropDatabase(this.url);
  }
}

export interface Audit {
  handoffs: number;
  deliveries: number;
  byStatus: Record<string, number>;
  /** Accepted (202) handoffs that are not in the database: lost. */
  acceptedNotRecorded: string[];
  /** Handoffs without a delivery row per expected channel: half-written. */
  incomplete: string[];
  /** Delivered deliveries of which the peer has no trace. */
  deliveredButNotReceived: string[];
  /** Handoffs that reached a peer more than once on one channel, as `channel:handoffId×n`. */
  duplicates: string[];
  /** Deliveries still `pending` or `delivering`. */
  unfinished: string[];
  maxAttempts: number;
}

/**
 * Checks the peers against the database: every accepted handoff recorded with one delivery per
 * channel, every delivered one received, and counts of what arrived twice or is still unfinished.
 */
export async function audit(
  db: DrillDatabase,
  peers: DrillPeers,
  accepted: string[],
  channelsOf: (tenantId: string) => string[] = () => ['email', 'webhook'],
): Promise<Audit> {
  const [handoffs, deliveries] = await Promise.all([db.handoffIds(), db.deliveries()]);
  const recorded = new Set(handoffs.map(({ id }) => id));
  const channelsByHandoff = new Map<string, string[]>();
  for (const delivery of deliveries) channelsByHandoff.set(delivery.handoffId, [...(channelsByHandoff.get(delivery.handoffId) ?? []), delivery.channel]);
  const received = { webhook: peers.webhookCounts(), email: peers.emailCounts() } as Record<string, Map<string, number>>;
  const byStatus: Record<string, number> = {};
  for (const { status } of deliveries) byStatus[status] = (byStatus[status] ?? 0) + 1;
  const duplicates: string[] = [];
  for (const [channel, counts] of Object.entries(received)) {
    for (const [handoffId, count] of counts) if (count > 1 && recorded.has(handoffId)) duplicates.push(`${channel}:${handoffId}×${count}`);
  }
  return {
    handoffs: handoffs.length,
    deliveries: deliveries.length,
    byStatus,
    acceptedNotRecorded: accepted.filter((id) => !recorded.has(id)),
    incomplete: handoffs
      .filter(({ id, tenantId }) => [...(channelsByHandoff.get(id) ?? [])].sort().join() !== [...channelsOf(tenantId)].sort().join())
      .map(({ id }) => id),
    deliveredButNotReceived: deliveries
      .filter((delivery) => delivery.status === 'delivered' && !received[delivery.channel]?.get(delivery.handoffId))
      .map((delivery) => `${delivery.channel}:${delivery.handoffId}`),
    duplicates,
    unfinished: deliveries.filter((delivery) => delivery.status === 'pending' || delivery.status === 'delivering').map(({ id }) => id),
    maxAttempts: Math.max(0, ...deliveries.map(({ attempts }) => attempts)),
  };
}

/** Polls until `check` holds; fails after `timeoutMs` with `what`. Returns the milliseconds it took. */
export async function within(timeoutMs: number, what: string, check: () => Promise<boolean> | boolean, intervalMs = 100): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs every cleanup step even when one fails or hangs (each gets `timeoutMs`); rethrows the first failure. */
export async function cleanUp(steps: (() => Promise<unknown> | undefined)[], timeoutMs = 12_000): Promise<void> {
  let failure: unknown;
  for (const step of steps) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`cleanup step timed out after ${timeoutMs} ms: ${step.toString().slice(0, 80)}`)), timeoutMs);
    });
    try {
      await Promise.race([step(), timeout]);
    } catch (error) {
      failure ??= error;
    } finally {
      clearTimeout(timer);
    }
  }
  if (failure) throw failure;
}

/** Prints a drill's figures on one line (they go into the README's Reliability section). */
export function report(drill: string, figures: Record<string, unknown>): void {
  process.stdout.write(`\n[drill] ${drill}: ${JSON.stringify(figures)}\n`);
}
