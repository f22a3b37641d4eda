import type { BenchContext, Figure } from './context';

function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (Math.abs(value) >= 100) return String(Math.round(value));
  return String(Math.round(value * 10) / 10);
}

function verdict(figure: Figure): string {
  if (!figure.target) return '';
  return `${figure.target} ${figure.met ? '✓' : '✗'}`;
}

function rows(figures: Figure[]): string[][] {
  return figures.map((figure) => [
    figure.label,
    `${formatNumber(figure.value)} ${figure.unit}`,
    figure.baseline === null ? '—' : `${formatNumber(figure.baseline)} ${figure.unit}`,
    figure.ratio === null ? '—' : figure.ratio.toFixed(2),
    verdict(figure),
    [figure.unit === 'ms' && figure.baseline !== null ? `${formatDelta(figure.value - figure.baseline)} ms` : '', figure.note ?? '']
      .filter(Boolean)
      .join('; '),
  ]);
}

function formatDelta(value: number): string {
  return `${value >= 0 ? '+' : '−'}${formatNumber(Math.abs(value))}`;
}

const HEADER = ['figure', 'service', 'baseline', 'ratio', 'target', 'note'];

/** Targets set by the issue: a ratio at least or at most, or a p99 within some ms of the baseline's (decided where it is measured). */
export function judgeTargets(figures: Figure[]): void {
  for (const figure of figures) {
    if (figure.met !== undefined || !figure.target) continue;
    const minimum = /≥ ([\d.]+)/.exec(figure.target);
    const maximum = /≤ ([\d.]+)$/.exec(figure.target);
    if (minimum && figure.ratio !== null) figure.met = figure.ratio >= Number(minimum[1]);
    else if (maximum && figure.ratio !== null) figure.met = figure.ratio <= Number(maximum[1]);
  }
}

export function consoleTable(context: BenchContext): string {
  const table = [HEADER, ...rows(context.figures)];
  const widths = HEADER.map((_, column) => Math.max(...table.map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  const memory = context.memory.map((m) => `  ${m.phase.padEnd(24)} ${m.role.padEnd(7)} peak ${formatNumber(m.peakMb)} MB (now ${formatNumber(m.rssMb)} MB)`);
  return [line(table[0]), line(widths.map((w) => '-'.repeat(w))), ...table.slice(1).map(line), '', 'Peak RSS of the service per phase:', ...memory].join('\n');
}

export function markdown(context: BenchContext, machine: Record<string, string>, runSeconds: number): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const table = [
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map((_, i) => (i === 0 || i === 5 ? '---' : '---:')).join(' | ')} |`,
    ...rows(context.figures).map((row) => `| ${row.map(escape).join(' | ')} |`),
  ];
  const memory = [
    '| phase | process | peak RSS | RSS at end |',
    '| --- | --- | ---: | ---: |',
    ...context.memory.map((m) => `| ${m.phase} | ${m.role} | ${formatNumber(m.peakMb)} MB | ${formatNumber(m.rssMb)} MB |`),
  ];
  const options = context.options;
  return [
    `# Bench ${context.options.label}`,
    '',
    `Machine: ${Object.entries(machine).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    `Options: ${options.durationS} s per run, ${options.connections} connections, light load ${options.lightRate} handoffs/s, ` +
      `backlogs of ${options.drainCount} webhooks and ${options.emailCount} emails, DELIVERY_CONCURRENCY ${options.deliveryConcurrency}, ` +
      `LOG_LEVEL ${options.logLevel}. Run time ${Math.round(runSeconds)} s.`,
    '',
    ...table,
    '',
    'Ratio: service ÷ baseline (for latencies, lower is better; their note gives the difference).',
    '',
    ...memory,
    '',
  ].join('\n');
}
