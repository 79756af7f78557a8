/**
 * `npm run bench`: every benchmark of corset, in one run.
 *
 * 1. CORS decision in process: corset (pure policy; Node, Fastify and Hono adapters), the
 *    `cors` package, `@fastify/cors`, hono's cors and a hand-written floor, on the same
 *    four requests against five allowlists (bench/inputs.ts). One child process per
 *    contender (bench/measure-contender.ts), contenders taking turns round after round.
 * 2. The session stack in process (bench/measure-session.ts).
 * 3. End to end over loopback with autocannon (bench/run-e2e.ts), servers taking turns.
 *
 * Then it prints the tables and the targets, and writes `bench/results.json`,
 * `docs/bench-allowlist.svg` and the generated section of `docs/benchmarks.md`.
 *
 * About five minutes on a shared 2-core VM. Options: `--quick` (two allowlists, one round,
 * short loads: about a minute and a half), `--only decisions,session,e2e`, `--time <ms>`
 * (CPU time per decision measurement, default 150), `--seconds <s>` and `--rounds <n>`
 * (end-to-end load, default 3 rounds of 3 s; decisions take at most 2 rounds),
 * `--connections <n>` (default 8).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { allowlistChart } from './chart.js';
import { CONTENDERS } from './contenders.js';
import type { Measurement } from './measure-contender.js';
import type { SessionMeasurement } from './measure-session.js';
import {
  decisionTables,
  e2eTable,
  type Machine,
  markdownReport,
  sessionTable,
  targetTable,
} from './report.js';
import { type E2eMeasurement, runE2e } from './run-e2e.js';
import { evaluateTargets } from './targets.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: 'decisions,session,e2e' },
    time: { type: 'string' },
    seconds: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string', default: '8' },
  },
});
const quick = values.quick;
const only = new Set(values.only.split(','));
const positive = (name: string, raw: string | undefined, fallback: number): number => {
  const value = raw === undefined ? fallback : Number(raw);
  if (!(value > 0)) throw new Error(`--${name} must be a positive number; got ${raw}`);
  return value;
};
const time = positive('time', values.time, quick ? 100 : 150);
const seconds = positive('seconds', values.seconds, quick ? 2 : 3);
const rounds = positive('rounds', values.rounds, quick ? 1 : 3);
// Decision measurements are steadier than loads (CPU time, medians): fewer rounds do.
const decisionRounds = quick ? 1 : Math.min(rounds, 2);
const connections = positive('connections', values.connections, 8);

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const startedAt = Date.now();
const loadAtStart = loadavg();

/** Runs a worker script (tsx's loader flags carried over) and parses its last line. */
function worker<T>(script: string, args: string[]): T {
  const output = execFileSync(process.execPath, [...process.execArgv, here(script), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output.trim().split('\n').at(-1) ?? 'null') as T;
}

let decisions: Measurement[] = [];
if (only.has('decisions')) {
  console.log(`CORS decisions: ${CONTENDERS.length} contenders × ${decisionRounds} round(s)`);
  const all: Measurement[] = [];
  for (let round = 0; round < decisionRounds; round++) {
    for (const contender of CONTENDERS) {
      process.stdout.write(`  round ${round + 1}: ${contender}\n`);
      const args = ['--contender', contender, '--time', String(time)];
      all.push(
        ...worker<Measurement[]>('./measure-contender.ts', quick ? [...args, '--quick'] : args),
      );
    }
  }
  // One row per (contender, allowlist, case): the round with the lowest median. Other
  // processes on a shared machine only ever add time, and one disturbed round would
  // otherwise move a whole row.
  const groups = new Map<string, Measurement[]>();
  for (const m of all) {
    const key = `${m.contender}\u0000${m.config}\u0000${m.case}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  decisions = [...groups.values()].map((ms) =>
    ms.reduce((best, m) => (m.p50Ns < best.p50Ns ? m : best)),
  );
  console.log(`\n${decisionTables(decisions)}`);
}

let session: SessionMeasurement[] = [];
if (only.has('session')) {
  console.log('Session stack, in process');
  session = worker<SessionMeasurement[]>('./measure-session.ts', ['--time', String(time * 2)]);
  console.log(`\n${sessionTable(session)}\n`);
}

let e2e: E2eMeasurement[] = [];
if (only.has('e2e')) {
  console.log(`End to end: ${rounds} round(s) of ${seconds} s, ${connections} connections`);
  e2e = await runE2e({ seconds, rounds, connections }, (line) => console.log(line));
  console.log(`\n${e2eTable(e2e)}\n`);
}

const targets = evaluateTargets(decisions, e2e);
console.log(`Targets\n\n${targetTable(targets)}\n`);

const machine: Machine = {
  date: new Date(startedAt).toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  loadAverage: { start: loadAtStart, end: loadavg() },
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
};
const report = {
  ...machine,
  v8: process.versions.v8,
  arch: arch(),
  durationSeconds: Math.round((Date.now() - startedAt) / 1000),
  options: { quick, time, seconds, rounds, decisionRounds, connections, only: [...only] },
  units: {
    decisions: 'ns per decision (mitata): avgNs, p50Ns, p99Ns of the round with the lowest p50',
    session: 'ns per request in process (mitata)',
    e2e: 'requests/s and p99 latency in ms (autocannon), the mean of the rounds',
  },
  targets,
  decisions,
  session,
  e2e,
};
writeFileSync(here('./results.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${here('./results.json')}`);

if (decisions.length > 0) {
  writeFileSync(here('../docs/bench-allowlist.svg'), allowlistChart(decisions));
  console.log(`wrote ${here('../docs/bench-allowlist.svg')}`);
}
// The generated part of the docs, replaced between its markers; the prose around it stays.
const docs = here('../docs/benchmarks.md');
const BEGIN = '<!-- bench:begin (generated by npm run bench) -->';
const END = '<!-- bench:end -->';
const text = readFileSync(docs, 'utf8');
const from = text.indexOf(BEGIN);
const to = text.indexOf(END);
if (!['decisions', 'session', 'e2e'].every((part) => only.has(part))) {
  console.log(`${docs} not updated: only a full run (no --only) writes its tables`);
} else if (from < 0 || to < from) {
  console.log(`${docs} has no ${BEGIN} ... ${END} section: not updated`);
} else {
  const section = markdownReport({ machine, targets, decisions, session, e2e });
  writeFileSync(docs, `${text.slice(0, from + BEGIN.length)}\n\n${section}\n${text.slice(to)}`);
  console.log(`updated ${docs}`);
}
console.log(`done in ${report.durationSeconds} s`);
