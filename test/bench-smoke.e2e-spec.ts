import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** Every figure a bench run reports; each must be present, with a number, after one tiny iteration. */
const DELIVERY_FIGURES = (prefix: string) => [
  `${prefix}.drain.rps`,
  ...['light', 'saturation'].flatMap((run) => ['rps', 'p50', 'p95', 'p99'].map((figure) => `${prefix}.${run}.${figure}`)),
];
const EXPECTED_FIGURES = [
  ...['widget_config', 'messages', 'handoff_create'].flatMap((phase) => ['rps', 'p50', 'p99'].map((figure) => `${phase}.${figure}`)),
  'messages.http_pg.rps',
  'handoff_create.http_pg.rps',
  ...DELIVERY_FIGURES('delivery'),
  'delivery.one_tenant.fresh_tls',
  'delivery.one_tenant.keep_alive',
  'email.drain.rps',
  ...[10, 100, 1000].flatMap((size) => [`growth.${size}.p50`, `growth.${size}.max`, `growth.${size}.rss.all`]),
  'growth.burst.rss.all',
  ...['reply_widget', 'reply_back_to_back', 'visitor_message'].flatMap((run) => ['p50', 'p99'].map((figure) => `conversation.${run}.${figure}`)),
  'bad_tenants.healthy.p50',
  'bad_tenants.healthy.p99',
  ...['handoffs_first', 'handoffs_deep', 'conversations_first', 'conversations_deep', 'conversation_read', 'handoff_create'].map((read) => `large_tenant.${read}.p50`),
  ...DELIVERY_FIGURES('split'),
];

interface BenchResult {
  figures: { id: string; value: number; baseline: number | null; ratio: number | null; unit: string }[];
  memory: { phase: string; role: string; peakMb: number }[];
}

function runDriver(outDir: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    // The driver itself, not `npm run bench`: the test command has built dist/ already.
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join('bench', 'run.ts'), '--smoke', '--out', outDir],
      { cwd: ROOT, timeout: 110_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('the bench (npm run bench) in its smoke size', () => {
  let outDir: string;

  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'wilow-bench-smoke-'));
  });

  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  it('runs one tiny iteration of every phase and writes every figure beside its baseline', async () => {
    const { code, output } = await runDriver(outDir);
    if (code !== 0) throw new Error(`The bench driver failed (${code}):\n${output.slice(-6000)}`);

    const files = readdirSync(outDir);
    const json = files.find((file) => file.endsWith('.json'));
    expect(json).toBeDefined();
    expect(files).toContain(json?.replace(/\.json$/, '.md'));
    const result = JSON.parse(readFileSync(join(outDir, json ?? ''), 'utf8')) as BenchResult;

    const ids = result.figures.map((figure) => figure.id);
    expect(ids).toEqual(expect.arrayContaining(EXPECTED_FIGURES));
    for (const figure of result.figures) {
      expect({ id: figure.id, finite: Number.isFinite(figure.value) }).toEqual({ id: figure.id, finite: true });
      if (figure.unit.endsWith('/s')) expect({ id: figure.id, positive: figure.value > 0 }).toEqual({ id: figure.id, positive: true });
    }
    for (const id of EXPECTED_FIGURES.filter((id) => !id.includes('.rss.'))) {
      const figure = result.figures.find((candidate) => candidate.id === id);
      expect({ id, baseline: typeof figure?.baseline }).toEqual({ id, baseline: 'number' });
    }
    const phases = new Set(result.memory.map((entry) => entry.phase));
    for (const phase of ['widget_config', 'messages', 'handoff_create', 'delivery', 'email', 'growth', 'conversation', 'bad_tenants', 'large_tenant', 'split']) {
      expect(phases).toContain(phase);
    }
    expect(result.memory.every((entry) => entry.peakMb > 0)).toBe(true);
    // The table is printed too.
    expect(output).toMatch(/Widget config requests\/s/);
  }, 120_000);
});
