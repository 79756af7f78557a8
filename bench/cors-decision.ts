/**
 * ns per CORS decision: corset's policy and Node middleware, the `cors` package and a
 * hand-written floor, on identical requests (allowed/refused preflight, allowed/disallowed
 * actual) against 1 origin, 10,000 origins and 1,000 subdomain patterns.
 *
 * Run: `tsx bench/cors-decision.ts [--time <ms of CPU per measurement, default 300>]`.
 * Each contender is measured in a child process of its own (see measure-contender.ts),
 * one after the other. Prints one table per allowlist and writes `bench/results.json`
 * (Node version, CPU, date, numbers, and the load average before and after: the machine
 * may be shared, and a loaded one inflates every number).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { arch, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CONTENDERS } from './contenders.js';
import type { Measurement } from './measure-contender.js';

const { values } = parseArgs({ options: { time: { type: 'string', default: '300' } } });
const time = Number(values.time);
if (!(time > 0)) throw new Error(`--time must be a positive number of ms; got ${values.time}`);

const worker = fileURLToPath(new URL('./measure-contender.ts', import.meta.url));
const loadAtStart = loadavg();
const results: Measurement[] = [];
for (const contender of CONTENDERS) {
  // process.execArgv carries tsx's loader flags to the child.
  const output = execFileSync(
    process.execPath,
    [...process.execArgv, worker, '--contender', contender, '--time', String(time)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  results.push(...(JSON.parse(output.trim().split('\n').at(-1) ?? '[]') as Measurement[]));
}

for (const config of new Set(results.map((r) => r.config))) {
  const rows = new Map<string, Record<string, string>>();
  for (const r of results.filter((m) => m.config === config)) {
    const row = rows.get(r.case) ?? { case: r.case };
    row[r.contender] = r.avgNs.toFixed(1);
    rows.set(r.case, row);
  }
  console.log(`\n${config}: average ns per decision`);
  console.table([...rows.values()]);
}

const report = {
  date: new Date().toISOString(),
  node: process.version,
  v8: process.versions.v8,
  arch: arch(),
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  loadAverage: { start: loadAtStart, end: loadavg() },
  minCpuTimeMs: time,
  unit: 'ns per decision (mitata measure: avg, p50, p99 over samples)',
  results,
};
const out = new URL('./results.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwrote ${fileURLToPath(out)}`);
