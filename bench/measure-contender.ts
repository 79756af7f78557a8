/**
 * Worker of the decision benchmark: measures ONE contender on every allowlist and case, in
 * a process of its own, and prints its results as one JSON line. One process per
 * contender keeps the JIT's type feedback of one (e.g. corset/node hooking `writeHead` on
 * the mock response) from slowing down another.
 *
 * Usage: `tsx bench/measure-contender.ts --contender <name> --time <ms> [--quick]`.
 */
import { parseArgs } from 'node:util';
import { do_not_optimize, measure } from 'mitata';
import { CONTENDERS, type Contender, type Prepared, prepare } from './contenders.js';
import { type BenchCase, type BenchConfig, benchCases, benchConfigs } from './inputs.js';

/** One measurement, as the worker prints it. */
export interface Measurement {
  readonly config: string;
  readonly size: number;
  readonly case: string;
  readonly contender: Contender;
  readonly avgNs: number;
  readonly p50Ns: number;
  readonly p99Ns: number;
  readonly samples: number;
}

function isContender(name: string | undefined): name is Contender {
  return (CONTENDERS as readonly (string | undefined)[]).includes(name);
}

const { values } = parseArgs({
  options: {
    contender: { type: 'string' },
    time: { type: 'string', default: '300' },
    quick: { type: 'boolean', default: false },
  },
});
const contender = values.contender;
if (!isContender(contender)) {
  throw new Error(`--contender must be one of ${CONTENDERS.join(', ')}; got ${contender}`);
}
const minCpuTimeNs = Number(values.time) * 1e6;

// Every case is prepared and checked first, then run a few hundred times, all of them,
// before any is measured: a server sees every kind of request, and a JIT tuned on the
// first case alone would favour whichever case happens to be measured first.
const WARM_UP_RUNS = 300;
const planned: { config: BenchConfig; benchCase: BenchCase; prepared: Prepared }[] = [];
for (const config of benchConfigs(values.quick)) {
  const build = prepare(config);
  for (const benchCase of benchCases(config)) {
    const prepared = build(contender, benchCase);
    // The contender must take the path the case is about, or its number means nothing.
    const origin = prepared.allowOrigin(await prepared.run());
    const expected = benchCase.allowed ? benchCase.request.headers.origin : undefined;
    if (origin !== expected) {
      throw new Error(
        `${contender} on ${config.name} / ${benchCase.name}: ACAO ${origin}, expected ${expected}`,
      );
    }
    planned.push({ config, benchCase, prepared });
  }
}
for (const { prepared } of planned) {
  for (let i = 0; i < WARM_UP_RUNS; i++) await prepared.run();
}

const results: Measurement[] = [];
for (const { config, benchCase, prepared } of planned) {
  // An async run is returned as is, so that mitata sees the promise and awaits it.
  const stats = await measure(
    prepared.async ? prepared.run : () => do_not_optimize(prepared.run()),
    { min_cpu_time: minCpuTimeNs },
  );
  results.push({
    config: config.name,
    size: config.size,
    case: benchCase.name,
    contender,
    avgNs: stats.avg,
    p50Ns: stats.p50,
    p99Ns: stats.p99,
    samples: stats.samples.length,
  });
}
console.log(JSON.stringify(results));
