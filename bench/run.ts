/**
 * `npm run bench`: measures the built service against baselines on this machine, side by side.
 * bench/README.md says what each figure and baseline is. Options:
 *   --duration <s>      seconds per measured run (default 10)
 *   --connections <n>   concurrent clients at saturation (default 50)
 *   --light-rate <n>    handoffs/s of the light-load delivery run (default 20)
 *   --quick             3 s runs and smaller backlogs (about a minute and a half)
 *   --smoke             one tiny iteration of every phase (the e2e smoke test)
 *   --only <a,b>        only these phases: widget_config, messages, handoff_create, delivery, email, growth, conversation, bad_tenants, large_tenant, split
 *   --profile           CPU profile of the service per phase, through the inspector (<out>/profiles)
 *   --log-level <lvl>   the service's LOG_LEVEL (default info, what operators run)
 *   --out <dir>         where results go (default bench/results)
 *   --keep-logs         keep the service's JSON logs (a temporary directory, printed at the end)
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { Pool } from 'pg';
import { BenchContext, BenchOptions, Tenants } from './lib/context';
import { cannon } from './lib/load';
import { Peers } from './lib/peers';
import { PhaseProfiler } from './lib/profiler';
import { ROOT, ServiceProcess, startService } from './lib/processes';
import { consoleTable, judgeTargets, markdown } from './lib/report';
import { createTenant, deleteRedisPrefix, discardPending, dropDatabase, QueueControl, seedConversations } from './lib/setup';
import { nowMs, round } from './lib/stats';
import { badTenantsPhase } from './phases/bad-tenants';
import { conversationPhase } from './phases/conversation';
import { deliveryPhase, emailPhase, growthPhase } from './phases/delivery';
import { handoffCreationPhase, VISITOR_MESSAGES_BEFORE_HANDOFF, visitorMessagesPhase, visitorRequests, widgetConfigPhase } from './phases/http';
import { largeTenantPhase } from './phases/scale';

const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PLATFORM_TOKEN = `bench-platform-token-${randomBytes(8).toString('hex')}`;
const HTTP_PHASES = ['widget_config', 'messages', 'handoff_create'];
const PHASES = [...HTTP_PHASES, 'delivery', 'email', 'growth', 'conversation', 'bad_tenants', 'large_tenant', 'split'];

function parseOptions(argv: string[]): BenchOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument '${arg}'`);
    const [name, inline] = arg.slice(2).split('=', 2);
    if (inline !== undefined) flags.set(name, inline);
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) flags.set(name, argv[++i]);
    else flags.set(name, 'true');
  }
  const known = ['duration', 'connections', 'light-rate', 'quick', 'smoke', 'only', 'profile', 'log-level', 'out', 'keep-logs'];
  for (const name of flags.keys()) if (!known.includes(name)) throw new Error(`Unknown option --${name}`);
  const smoke = flags.has('smoke');
  const quick = flags.has('quick');
  const size = smoke ? 'smoke' : quick ? 'quick' : 'full';
  const defaults = {
    full: { durationS: 10, drainCount: 1500, singleTenantCount: 1000, emailCount: 400, growthCount: 20, warmupS: 3, connections: 50, largeTenant: { conversations: 200_000, messagesEach: 10, handoffs: 50_000 } },
    quick: { durationS: 3, drainCount: 400, singleTenantCount: 300, emailCount: 100, growthCount: 5, warmupS: 1, connections: 50, largeTenant: { conversations: 20_000, messagesEach: 10, handoffs: 5_000 } },
    smoke: { durationS: 0.3, drainCount: 10, singleTenantCount: 10, emailCount: 5, growthCount: 1, warmupS: 0.2, connections: 4, largeTenant: { conversations: 300, messagesEach: 10, handoffs: 100 } },
  }[size];
  const number = (name: string, fallback: number) => {
    const value = flags.has(name) ? Number(flags.get(name)) : fallback;
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
    return value;
  };
  const only = (flags.get('only') ?? '').split(',').filter(Boolean);
  for (const phase of only) if (!PHASES.includes(phase)) throw new Error(`Unknown phase '${phase}' (${PHASES.join(', ')})`);
  const outDir = flags.get('out') ?? join(ROOT, 'bench', 'results');
  return {
    durationS: number('duration', defaults.durationS),
    connections: Math.round(number('connections', defaults.connections)),
    lightRate: number('light-rate', smoke ? 10 : 20),
    drainCount: defaults.drainCount,
    singleTenantCount: defaults.singleTenantCount,
    emailCount: defaults.emailCount,
    growthCount: defaults.growthCount,
    growthSizes: [10, 100, 1000],
    largeTenant: defaults.largeTenant,
    warmupS: defaults.warmupS,
    deliveryConcurrency: 20,
    // Delivery backlogs and saturation runs are spread over this many tenants of each channel.
    spreadTenants: smoke ? 2 : 8,
    badTenants: smoke ? 2 : 50,
    logLevel: flags.get('log-level') ?? 'info',
    keepLogs: flags.has('keep-logs'),
    profileDir: flags.has('profile') ? join(outDir, 'profiles') : undefined,
    only,
    outDir,
    label: `${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}${size === 'full' ? '' : `-${size}`}`,
  };
}

function machineInfo(): Record<string, string> {
  const version = (command: string, args: string[], pattern: RegExp) => {
    try {
      return pattern.exec(execFileSync(command, args, { encoding: 'utf8', timeout: 5000 }))?.[1] ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };
  return {
    cpus: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown'}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    postgres: version('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-Atc', 'SHOW server_version'], /^(\S+)/),
    redis: version('redis-cli', ['-u', REDIS_URL, 'INFO', 'server'], /redis_version:(\S+)/),
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = nowMs();
  const log = (message: string) => console.log(`[bench ${round((nowMs() - started) / 1000, 1).toFixed(1)}s] ${message}`);
  const machine = machineInfo();
  log(`machine: ${JSON.stringify(machine)}`);
  const id = randomBytes(5).toString('hex');
  const databaseName = `wilow_bench_${id}`;
  const databaseUrl = `${POSTGRES_URL}/${databaseName}`;
  const redisPrefix = `wbench_${id}`;
  const logDir = mkdtempSync(join(tmpdir(), 'wilow-bench-logs-'));
  if (options.profileDir) mkdirSync(options.profileDir, { recursive: true });

  const peers = await Peers.start();
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    PLATFORM_TOKEN,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SMTP_URL: peers.ready.smtpUrl,
    WEBHOOK_ALLOWLIST: '127.0.0.1,localhost',
    WEBHOOK_CA_FILE: peers.caFile,
    RATE_LIMIT_WIDGET_PER_IP_PER_MINUTE: '100000000',
    RATE_LIMIT_WIDGET_PER_CONVERSATION_PER_MINUTE: '100000000',
    RATE_LIMIT_TENANT_CONVERSATIONS_PER_MINUTE: '100000000',
    RATE_LIMIT_TENANT_HANDOFFS_PER_MINUTE: '100000000',
    RATE_LIMIT_TENANT_REPLIES_PER_MINUTE: '100000000',
    DELIVERY_CONCURRENCY: String(options.deliveryConcurrency),
    LOG_LEVEL: options.logLevel,
  };
  const profilers = new Map<ServiceProcess, PhaseProfiler>();
  const start = async (role: 'all' | 'api' | 'worker') => {
    const logFile = join(logDir, `${role}.log`);
    const service = await startService({ role, env, logFile, nodeArgs: options.profileDir ? ['--inspect=127.0.0.1:0'] : [] });
    if (options.profileDir) profilers.set(service, await PhaseProfiler.attach(logFile));
    return service;
  };

  let processes: ServiceProcess[] = [];
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  const queue = new QueueControl(REDIS_URL, redisPrefix);
  let context: BenchContext | undefined;
  const selected = (name: string) => options.only.length === 0 || options.only.includes(name);
  try {
    // The HTTP paths as operators run them: an API process alone (APP_ROLE=api), no worker in it.
    log(`starting the service (APP_ROLE=api, LOG_LEVEL=${options.logLevel}) on database ${databaseName}`);
    const api = await start('api');
    processes = [api];
    const tenants: Tenants = {
      both: await createTenant(api.url, PLATFORM_TOKEN, 'Bench Both', { email: 'support@bench.example', webhookUrl: peers.ready.webhookUrl }),
      webhook: await createTenant(api.url, PLATFORM_TOKEN, 'Bench Webhook', { webhookUrl: peers.ready.webhookUrl }),
      email: await createTenant(api.url, PLATFORM_TOKEN, 'Bench Email', { email: 'support@bench.example' }),
      webhookTenants: [],
      emailTenants: [],
    };
    for (let i = 1; i <= options.spreadTenants; i++) {
      tenants.webhookTenants.push(await createTenant(api.url, PLATFORM_TOKEN, `Bench Webhook ${i}`, { webhookUrl: peers.ready.webhookUrl }));
      tenants.emailTenants.push(await createTenant(api.url, PLATFORM_TOKEN, `Bench Email ${i}`, { email: `support${i}@bench.example` }));
    }
    context = { options, api, processes, peers, platformToken: PLATFORM_TOKEN, pool, databaseUrl, queue, tenants, figures: [], memory: [], details: { timings: {} }, log };
    const ctx = context;
    ctx.memory.push({ phase: 'started', role: 'api', ...api.memory.read() });

    const phase = async (name: string, run: () => Promise<void>) => {
      if (options.only.length > 0 && !options.only.includes(name)) return;
      log(`phase ${name}`);
      for (const process of ctx.processes) process.memory.resetPeak();
      for (const process of ctx.processes) await profilers.get(process)?.start();
      const phaseStarted = nowMs();
      await run();
      (ctx.details.timings as Record<string, number>)[name] = round((nowMs() - phaseStarted) / 1000, 1);
      for (const process of ctx.processes) {
        const file = join(options.profileDir ?? '', `${options.label}-${name}-${process.role}.cpuprofile`);
        await profilers.get(process)?.stop(file);
        if (profilers.has(process)) log(`profile: ${file}`);
      }
      for (const process of ctx.processes) ctx.memory.push({ phase: name, role: process.role, ...process.memory.read() });
    };
    if (HTTP_PHASES.some(selected)) {
      log(`warming up the HTTP paths for ${options.warmupS} s`);
      await warmUpHttp(ctx);
    }
    await phase('widget_config', () => widgetConfigPhase(ctx));
    await phase('messages', () => visitorMessagesPhase(ctx));
    await phase('handoff_create', () => handoffCreationPhase(ctx));

    log(`restarting as APP_ROLE=all (HTTP and workers) for the delivery phases`);
    await api.stop();
    const all = await start('all');
    processes = [all];
    ctx.api = all;
    ctx.processes = processes;
    ctx.memory.push({ phase: 'started', role: 'all', ...all.memory.read() });
    await warmUpDelivery(ctx);
    await phase('delivery', () => deliveryPhase(ctx, 'delivery', 'all'));
    await phase('email', () => emailPhase(ctx));
    await phase('growth', () => growthPhase(ctx));
    await phase('conversation', () => conversationPhase(ctx));
    await phase('bad_tenants', () => badTenantsPhase(ctx));
    await phase('large_tenant', () => largeTenantPhase(ctx));
    ctx.memory.push({ phase: 'end of APP_ROLE=all', role: 'all', ...all.memory.read() });

    if (selected('split')) {
      log('restarting as APP_ROLE=api and APP_ROLE=worker, separate processes');
      await all.stop();
      processes = await Promise.all([start('api'), start('worker')]);
      ctx.api = processes[0];
      ctx.processes = processes;
      await warmUpDelivery(ctx);
      await phase('split', () => deliveryPhase(ctx, 'split', 'api + worker'));
    }
  } finally {
    for (const profiler of profilers.values()) profiler.close();
    await Promise.all(processes.map((process) => process.stop()));
    await queue.close().catch(() => undefined);
    await pool.end();
    await peers.stop();
    await dropDatabase(`${POSTGRES_URL}/postgres`, databaseName);
    await deleteRedisPrefix(REDIS_URL, redisPrefix);
    if (options.keepLogs) log(`the service's logs are in ${logDir}`);
    else rmSync(logDir, { recursive: true, force: true });
  }

  judgeTargets(context.figures);
  const runSeconds = (nowMs() - started) / 1000;
  console.log(`\n${consoleTable(context)}\n`);
  mkdirSync(options.outDir, { recursive: true });
  const base = join(options.outDir, options.label);
  const { figures, memory, details } = context;
  // Folders relative to the repository: a result says nothing of the machine's paths.
  const where = { outDir: relative(ROOT, options.outDir), profileDir: options.profileDir && relative(ROOT, options.profileDir) };
  const result = { label: options.label, machine, runSeconds: round(runSeconds, 1), options: { ...options, ...where }, figures, memory, details };
  writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`${base}.md`, markdown(context, machine, runSeconds));
  log(`wrote ${base}.json and ${base}.md in ${Math.round(runSeconds)} s`);
}

/**
 * Fills caches, JIT and connection pools on every HTTP path measured, at the measured load: each
 * path for the warm-up's duration, handoffs on conversations of their own (discarded after).
 */
async function warmUpHttp(context: BenchContext): Promise<void> {
  const { options, api, tenants, pool, queue } = context;
  const durationS = options.warmupS;
  await cannon({ url: `${api.url}/v1/widget/config`, connections: options.connections, durationS, headers: { 'X-Widget-Key': tenants.both.widgetKey } });
  const conversations = await seedConversations(pool, tenants.both, options.connections * 2, 0);
  await cannon({ url: api.url, method: 'POST', connections: options.connections, durationS, setupRequest: visitorRequests(conversations, 'messages') });
  const handoffConversations = await seedConversations(pool, tenants.both, Math.round(durationS * 2000) + 100, VISITOR_MESSAGES_BEFORE_HANDOFF, { visitorOnly: true });
  await cannon({ url: api.url, method: 'POST', connections: options.connections, durationS, setupRequest: visitorRequests(handoffConversations, 'handoff') });
  await queue.empty();
  await discardPending(pool);
}

/** Fills the worker's caches, JIT and connections, and checks the set-up delivers. */
async function warmUpDelivery(context: BenchContext): Promise<void> {
  const { options, api, tenants, pool, peers } = context;
  const durationS = options.warmupS;
  const count = Math.max(2, Math.round(durationS * 20));
  const conversations = await seedConversations(pool, tenants.webhook, count, 10);
  const emailConversations = await seedConversations(pool, tenants.email, Math.ceil(count / 4), 10);
  await peers.reset();
  const post = (tenant: { widgetKey: string }, conversation: { id: string; visitorToken: string }) =>
    fetch(`${api.url}/v1/widget/conversations/${conversation.id}/handoff`, {
      method: 'POST',
      headers: { 'X-Widget-Key': tenant.widgetKey, Authorization: `Bearer ${conversation.visitorToken}`, 'Content-Type': 'application/json' },
      body: '{}',
    }).then(async (response) => {
      if (response.status !== 202) throw new Error(`warm-up handoff answered ${response.status}: ${await response.text()}`);
    });
  await Promise.all([
    ...conversations.map((conversation) => post(tenants.webhook, conversation)),
    ...emailConversations.map((conversation) => post(tenants.email, conversation)),
  ]);
  const webhooks = await peers.waitFor('webhooks', conversations.length, 30_000);
  const emails = await peers.waitFor('emails', emailConversations.length, 30_000);
  if (webhooks < conversations.length || emails < emailConversations.length) {
    throw new Error(`warm-up: only ${webhooks}/${conversations.length} webhooks and ${emails}/${emailConversations.length} emails arrived`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
