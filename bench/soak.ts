/**
 * `npm run soak`: the demo API under load for a minute (not part of CI). Every
 * autocannon connection loops through bench/soak-mix.ts (preflights, logins, reads,
 * writes, deletes, logouts from the app origin, refused preflights and forged writes from
 * another), every answer is checked, and the API's heap is compared after the warm-up and
 * at the end, both after a full GC and after the session store was purged (see
 * bench/soak-server.ts: sessions are state by design, bounded by their lifetime; growth
 * in everything else is a leak). The heap with the sessions is printed too.
 *
 * Passes with zero 5xx, zero socket errors, zero wrong statuses, zero wrong CORS answers,
 * and the final heap within 10% of the post-warm-up heap; prints a verdict and exits
 * non-zero otherwise.
 *
 * Options: `--duration <s>` (default 60), `--warmup <s>` (default 15),
 * `--connections <n>` (default 8).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { type MixTally, soakMix } from './soak-mix.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '15' },
    connections: { type: 'string', default: '8' },
  },
});
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
for (const [name, value] of Object.entries({ duration, warmup, connections })) {
  if (!(value > 0)) throw new Error(`--${name} must be a positive number`);
}
/** Heap growth accepted between the end of the warm-up and the end of the run. */
const MAX_HEAP_GROWTH = 0.1;
/** Pause before each heap reading, for the last requests' work to finish. */
const SETTLE_MS = 1_000;

const entry = fileURLToPath(new URL('./soak-server.ts', import.meta.url));
const child: ChildProcess = spawn(process.execPath, ['--expose-gc', ...process.execArgv, entry], {
  stdio: ['pipe', 'pipe', 'inherit', 'ipc'],
});
const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
const [line] = (await once(lines, 'line')) as [string];
lines.close();
const { port, appOrigin } = JSON.parse(line) as { port: number; appOrigin: string };

interface HeapReading {
  /** After a GC, the session store purged. */
  readonly heapUsed: number;
  /** After a GC, before the purge. */
  readonly withSessions: number;
  /** Session families the purge freed. */
  readonly freed: number;
}

async function readHeap(): Promise<HeapReading> {
  await sleep(SETTLE_MS);
  child.send('heap');
  const [reply] = (await once(child, 'message')) as [HeapReading & { gc: boolean }];
  if (!reply.gc) throw new Error('the soak server runs without --expose-gc');
  return reply;
}

function newTally(): MixTally {
  return { checked: 0, wrongStatus: 0, wrongCors: 0, examples: [] };
}

async function load(seconds: number, tally: MixTally) {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: soakMix(appOrigin, tally),
  });
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
try {
  console.log(`soak: demo API on 127.0.0.1:${port}, ${connections} connections`);
  console.log(`warm-up ${warmup} s ...`);
  const warmTally = newTally();
  await load(warmup, warmTally);
  const warm = await readHeap();
  const heapAfterWarmup = warm.heapUsed;
  console.log(`heap after warm-up: ${mb(heapAfterWarmup)}; load ${duration} s ...`);
  const tally = newTally();
  const result = await load(duration, tally);
  const end = await readHeap();
  const heapAtEnd = end.heapUsed;
  const growth = (heapAtEnd - heapAfterWarmup) / heapAfterWarmup;

  const failures: string[] = [];
  if (result['5xx'] > 0) failures.push(`${result['5xx']} responses were 5xx`);
  if (result.errors + result.timeouts > 0) {
    failures.push(`${result.errors} socket errors, ${result.timeouts} timeouts`);
  }
  if (tally.checked === 0) failures.push('no response was checked');
  if (tally.wrongStatus > 0) failures.push(`${tally.wrongStatus} unexpected statuses`);
  if (tally.wrongCors > 0) failures.push(`${tally.wrongCors} wrong CORS answers`);
  if (growth > MAX_HEAP_GROWTH) {
    failures.push(`heap grew ${(growth * 100).toFixed(1)}% (more than ${MAX_HEAP_GROWTH * 100}%)`);
  }
  console.log(
    [
      `requests: ${result.requests.total} (${result.requests.average.toFixed(0)}/s), p99 ${result.latency.p99} ms`,
      `statuses: 2xx ${result['2xx']}, 4xx ${result['4xx']} (refusals on purpose), 5xx ${result['5xx']}`,
      `checked: ${tally.checked} answers, ${tally.wrongStatus} wrong statuses, ${tally.wrongCors} wrong CORS answers`,
      `heap: ${mb(heapAfterWarmup)} after warm-up, ${mb(heapAtEnd)} at the end (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%), session store purged`,
      `  with the sessions: ${mb(warm.withSessions)} after warm-up (${warm.freed} families), ${mb(end.withSessions)} at the end (${end.freed} more)`,
      ...tally.examples.map((example) => `  e.g. ${example}`),
    ].join('\n'),
  );
  console.log(failures.length === 0 ? 'verdict: PASS' : `verdict: FAIL: ${failures.join('; ')}`);
  process.exitCode = failures.length === 0 ? 0 : 1;
} finally {
  child.stdin?.end();
  await once(child, 'exit');
}
