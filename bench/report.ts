/**
 * The run's numbers as Markdown tables, for the console and for the generated part of
 * docs/benchmarks.md (between its `bench:begin` and `bench:end` markers).
 */
import type { Measurement } from './measure-contender.js';
import type { SessionMeasurement } from './measure-session.js';
import type { E2eMeasurement } from './run-e2e.js';
import type { TargetResult } from './targets.js';

/** Where and when the numbers were taken. */
export interface Machine {
  readonly date: string;
  readonly node: string;
  readonly cpu: string;
  readonly cores: number;
  readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] };
  readonly command: string;
}

// Columns padded to their widest cell, as Biome formats Markdown tables (`npm run lint`).
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) =>
    Math.max(3, h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function ns(value: number | undefined): string {
  if (value === undefined) return '–';
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} µs` : `${value.toFixed(0)} ns`;
}

/** One table per allowlist: median ns per decision, cases × contenders. */
export function decisionTables(measurements: readonly Measurement[]): string {
  const out: string[] = [];
  const contenders = [...new Set(measurements.map((m) => m.contender))];
  for (const config of new Set(measurements.map((m) => m.config))) {
    const mine = measurements.filter((m) => m.config === config);
    const cases = [...new Set(mine.map((m) => m.case))];
    out.push(
      `**${config}**: median per decision`,
      '',
      table(
        ['case', ...contenders],
        cases.map((c) => [
          c,
          ...contenders.map((k) => ns(mine.find((m) => m.case === c && m.contender === k)?.p50Ns)),
        ]),
      ),
      '',
    );
  }
  return out.join('\n');
}

export function sessionTable(measurements: readonly SessionMeasurement[]): string {
  return table(
    ['in process', 'median', 'mean', 'p99'],
    measurements.map((m) => [m.case, ns(m.p50Ns), ns(m.avgNs), ns(m.p99Ns)]),
  );
}

export function e2eTable(measurements: readonly E2eMeasurement[]): string {
  const first = new Map<number, E2eMeasurement>();
  for (const m of measurements) if (!first.has(m.group)) first.set(m.group, m);
  const percent = (value: number) => `${(100 * value).toFixed(1)} %`;
  return table(
    [
      'server',
      'req/s',
      'vs first of group',
      'p99 latency',
      'server CPU/request',
      'req per CPU s vs first',
      'per round (req/s)',
      'non-2xx / errors',
    ],
    measurements.map((m) => {
      const base = first.get(m.group) ?? m;
      return [
        m.server,
        m.requestsPerSecond.toFixed(0),
        percent(m.requestsPerSecond / base.requestsPerSecond),
        `${m.p99Ms.toFixed(1)} ms`,
        `${m.cpuUsPerRequest.toFixed(1)} µs`,
        percent(base.cpuUsPerRequest / m.cpuUsPerRequest),
        m.rounds.map((r) => r.toFixed(0)).join(', '),
        `${m.non2xx} / ${m.errors}`,
      ];
    }),
  );
}

export function targetTable(targets: readonly TargetResult[]): string {
  return table(
    ['target', 'measured', 'bound', 'met'],
    targets.map((t) => [
      t.target,
      `${t.ratio.toFixed(2)}×`,
      `${t.atLeast ? '≥' : '≤'} ${t.bound}×`,
      t.met ? 'yes' : '**no**',
    ]),
  );
}

export function machineLines(machine: Machine): string {
  return [
    `- date: ${machine.date}`,
    `- command: \`${machine.command}\``,
    `- Node ${machine.node}, ${machine.cpu}, ${machine.cores} cores`,
    `- load average (1, 5, 15 min) at start ${machine.loadAverage.start.map((l) => l.toFixed(2)).join(', ')}, at end ${machine.loadAverage.end.map((l) => l.toFixed(2)).join(', ')}`,
  ].join('\n');
}

/** The generated section of docs/benchmarks.md. */
export function markdownReport(parts: {
  readonly machine: Machine;
  readonly targets: readonly TargetResult[];
  readonly decisions: readonly Measurement[];
  readonly session: readonly SessionMeasurement[];
  readonly e2e: readonly E2eMeasurement[];
}): string {
  const sections = [
    '### Machine',
    '',
    machineLines(parts.machine),
    '',
    '### Targets',
    '',
    targetTable(parts.targets),
    '',
  ];
  if (parts.decisions.length > 0) {
    sections.push('### CORS decision, in process', '', decisionTables(parts.decisions));
  }
  if (parts.session.length > 0) {
    sections.push('### Session stack, in process', '', sessionTable(parts.session), '');
  }
  if (parts.e2e.length > 0)
    sections.push('### End to end over loopback', '', e2eTable(parts.e2e), '');
  return sections.join('\n');
}
