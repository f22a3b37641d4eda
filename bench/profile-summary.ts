/**
 * Summarises a V8 .cpuprofile: self time by function and by package, highest first, as shares of
 * the time the process was busy (idle left out); with `--per N` (the requests or deliveries of the
 * phase, from its results file) also in microseconds of CPU per operation.
 *   node -r ts-node/register/transpile-only bench/profile-summary.ts <file.cpuprofile> [--top 30] [--per N]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `node_modules/<package>` (scoped ones too), `src` for the service's code, `node` for Node's own. */
function packageOf(url: string): string {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.includes('/dist/')) return 'service (dist)';
  if (url.startsWith('node:')) return 'node';
  return url === '' ? '(native / VM)' : url;
}

const IDLE = '(idle)';

export function summarise(profile: Profile, top = 30, operations?: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  let idle = 0;
  profile.samples.forEach((id, index) => {
    const us = profile.timeDeltas[index] ?? 0;
    // Waiting for work is no one's cost: counted apart, left out of every share.
    if (byId.get(id)?.callFrame.functionName === IDLE) idle += us;
    else selfUs.set(id, (selfUs.get(id) ?? 0) + us);
  });
  const busy = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const total = busy + idle;
  const keyOf = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)?.callFrame ?? { functionName: '?', url: '', lineNumber: 0 };
    const where = url ? `${url.replace(/^.*?(node_modules\/|dist\/)/, '$1')}:${lineNumber + 1}` : '';
    return `${functionName || '(anonymous)'} ${where}`.trim();
  };
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const key = keyOf(id);
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const pkg = packageOf(byId.get(id)?.callFrame.url ?? '');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  // Inclusive time: a function counts for every sample it is on the stack of (once per sample).
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(keyOf(at));
    for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
  const perOperation = (us: number) => (operations ? `${(us / operations).toFixed(1).padStart(7)} µs/op  ` : '');
  const lines = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => `${((us / busy) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${perOperation(us)}${key}`);
  const heading = `sampled ${(total / 1000).toFixed(0)} ms, busy ${(busy / 1000).toFixed(0)} ms (${((busy / total) * 100).toFixed(0)}%)${operations ? `, ${perOperation(busy).trim()} over ${operations} operations` : ''}; shares of the busy time`;
  return [heading, '', 'self time by package:', ...lines(byPackage), '', 'self time by function:', ...lines(byFunction), '', 'inclusive time by function:', ...lines(inclusive)].join('\n');
}

if (require.main === module) {
  const [file, ...rest] = process.argv.slice(2);
  if (!file) {
    console.error('usage: profile-summary.ts <file.cpuprofile> [--top N] [--per N]');
    process.exit(2);
  }
  const topIndex = rest.indexOf('--top');
  const top = topIndex >= 0 ? Number(rest[topIndex + 1]) : 30;
  const perIndex = rest.indexOf('--per');
  const operations = perIndex >= 0 ? Number(rest[perIndex + 1]) : undefined;
  console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, top, operations));
}
