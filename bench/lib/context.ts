import type { Pool } from 'pg';
import type { Peers } from './peers';
import type { ServiceProcess } from './processes';
import type { BenchTenant, QueueControl } from './setup';

export interface BenchOptions {
  /** Seconds each measured run lasts. */
  durationS: number;
  /** Concurrent HTTP connections (and baseline loops) at saturation. */
  connections: number;
  /** Offered handoffs per second of the light-load delivery run. */
  lightRate: number;
  /** Handoffs in the backlog whose drain measures delivery throughput. */
  drainCount: number;
  /** Handoffs in the one-tenant backlog (the fairness cap's effect on a tenant alone). */
  singleTenantCount: number;
  /** Emails in the backlog whose drain measures email throughput. */
  emailCount: number;
  /** Handoffs per transcript size in the growth run. */
  growthCount: number;
  growthSizes: number[];
  /** The large tenant seeded by SQL to show the reads and handoff creation flat with size. */
  largeTenant: { conversations: number; messagesEach: number; handoffs: number };
  warmupS: number;
  /** Tenants whose receivers answer what Postgres cannot store, beside as many healthy ones. */
  badTenants: number;
  /** Tenants of each channel the delivery backlogs and saturation runs are spread over. */
  spreadTenants: number;
  /** The service's DELIVERY_CONCURRENCY, and so the concurrency of the delivery baselines. */
  deliveryConcurrency: number;
  logLevel: string;
  keepLogs: boolean;
  /** Run the service under --cpu-prof, profiles written here. */
  profileDir?: string;
  /** Only these phases (by id); all when empty. */
  only: string[];
  outDir: string;
  label: string;
}

export interface Figure {
  /** Stable key, e.g. `widget_config.rps`. */
  id: string;
  phase: string;
  label: string;
  unit: string;
  value: number;
  baseline: number | null;
  /** value / baseline. */
  ratio: number | null;
  betterIs: 'higher' | 'lower';
  /** The target, when it sets one. */
  target?: string;
  met?: boolean;
  note?: string;
}

export interface Tenants {
  /** Email and webhook: handoff creation. */
  both: BenchTenant;
  /** Webhook only: light-load webhook delivery and growth. */
  webhook: BenchTenant;
  /**
   * Webhook only, several: backlogs and saturation spread over them, as real traffic is. The
   * worker caps the deliveries of one tenant at a share of its concurrency (fairness), so one
   * tenant alone would measure that cap rather than the worker.
   */
  webhookTenants: BenchTenant[];
  /** Email only: the warm-up. */
  email: BenchTenant;
  /** Email only, several: the email backlog is spread over them (see webhookTenants). */
  emailTenants: BenchTenant[];
}

export interface BenchContext {
  options: BenchOptions;
  /** The process answering HTTP (role all or api). */
  api: ServiceProcess;
  /** Every service process, for memory figures. */
  processes: ServiceProcess[];
  peers: Peers;
  /** The platform API's token, to create tenants. */
  platformToken: string;
  pool: Pool;
  databaseUrl: string;
  queue: QueueControl;
  tenants: Tenants;
  figures: Figure[];
  /** Peak RSS (MB) per phase and process role. */
  memory: { phase: string; role: string; peakMb: number; rssMb: number }[];
  details: Record<string, unknown>;
  log: (message: string) => void;
}

export function addFigure(context: BenchContext, figure: Omit<Figure, 'ratio'> & { ratio?: number | null }): void {
  const ratio =
    figure.ratio !== undefined
      ? figure.ratio
      : figure.baseline === null || figure.baseline === 0
        ? null
        : Math.round((figure.value / figure.baseline) * 100) / 100;
  context.figures.push({ ...figure, ratio });
}
