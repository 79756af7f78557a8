/**
 * End to end over loopback: every server of bench/e2e-servers.ts in a child process,
 * loaded with autocannon from this one. Within a group the servers take turns, round
 * after round, so that a noisy neighbour on a shared machine slows them alike and the
 * ratios stay fair; each gets a discarded warm-up run first.
 *
 * Besides requests/s (what the issue asks for), each server's own CPU time per request is
 * taken from its `process.cpuUsage()`: on a small shared machine the load generator and
 * the neighbours, not the server, often set the pace (the server then idles part of the
 * time), and requests/s ratios say little. CPU per request does not depend on who sets
 * the pace; its inverse is the requests/s one core could serve.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { type BenchHttpRequest, SERVER_GROUPS, type ServerName } from './e2e-servers.js';

/** The load of one server, averaged over the rounds. */
export interface E2eMeasurement {
  readonly group: number;
  readonly server: ServerName;
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  /** The server's CPU time (user + system) per request, µs, over every round. */
  readonly cpuUsPerRequest: number;
  /** Per round, requests/s. */
  readonly rounds: readonly number[];
  /** Responses that were not 2xx, and socket errors: must be 0. */
  readonly non2xx: number;
  readonly errors: number;
}

/** How hard and how long. */
export interface E2eOptions {
  readonly seconds: number;
  readonly rounds: number;
  readonly connections: number;
}

interface Started {
  readonly child: ChildProcess;
  readonly port: number;
  readonly request: BenchHttpRequest;
}

const serverEntry = fileURLToPath(new URL('./e2e-server.ts', import.meta.url));

async function startChild(name: ServerName): Promise<Started> {
  const child = spawn(process.execPath, [...process.execArgv, serverEntry, '--name', name], {
    stdio: ['pipe', 'pipe', 'inherit', 'ipc'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`server "${name}" exited with ${code} before listening`);
    }),
  ])) as [string];
  lines.close();
  const { port, request } = JSON.parse(line) as { port: number; request: BenchHttpRequest };
  return { child, port, request };
}

async function cpuMicros(server: Started): Promise<number> {
  server.child.send('cpu');
  const [usage] = (await once(server.child, 'message')) as [NodeJS.CpuUsage];
  return usage.user + usage.system;
}

async function load(server: Started, seconds: number, connections: number) {
  const cpuBefore = await cpuMicros(server);
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}${server.request.path}`,
    method: server.request.method,
    headers: server.request.headers,
    connections,
    duration: seconds,
  });
  const cpu = (await cpuMicros(server)) - cpuBefore;
  return {
    requests: result.requests.total,
    cpu,
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Runs every group; `log` gets one line per run. */
export async function runE2e(
  options: E2eOptions,
  log: (line: string) => void,
): Promise<E2eMeasurement[]> {
  const results: E2eMeasurement[] = [];
  for (const [group, names] of SERVER_GROUPS.entries()) {
    const started: Started[] = [];
    try {
      for (const name of names) started.push(await startChild(name));
      for (const server of started) await load(server, 1, options.connections);
      const runs = names.map(() => [] as Awaited<ReturnType<typeof load>>[]);
      for (let round = 0; round < options.rounds; round++) {
        for (const [i, server] of started.entries()) {
          const run = await load(server, options.seconds, options.connections);
          runs[i]?.push(run);
          log(
            `  ${names[i]}: ${run.requestsPerSecond.toFixed(0)} req/s, p99 ${run.p99Ms} ms, ${(run.cpu / run.requests).toFixed(1)} µs CPU/request`,
          );
        }
      }
      for (const [i, name] of names.entries()) {
        const mine = runs[i] ?? [];
        const mean = (pick: (r: (typeof mine)[number]) => number) =>
          mine.reduce((sum, r) => sum + pick(r), 0) / mine.length;
        results.push({
          group,
          server: name,
          requestsPerSecond: mean((r) => r.requestsPerSecond),
          p99Ms: mean((r) => r.p99Ms),
          cpuUsPerRequest:
            mine.reduce((sum, r) => sum + r.cpu, 0) / mine.reduce((sum, r) => sum + r.requests, 0),
          rounds: mine.map((r) => r.requestsPerSecond),
          non2xx: mine.reduce((sum, r) => sum + r.non2xx, 0),
          errors: mine.reduce((sum, r) => sum + r.errors, 0),
        });
      }
    } finally {
      for (const { child } of started) {
        child.stdin?.end();
        await once(child, 'exit');
      }
    }
  }
  return results;
}
