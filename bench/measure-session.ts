/**
 * Worker of the session-stack benchmark, in a process of its own: ns per request of the
 * bare handler (build the JSON answer) and of the full stack in front of it (CORS
 * decision, cookie parse, CSRF check, JWT verification, then the same answer), with and
 * without `session.verifyCache`. Prints its results as one JSON line.
 *
 * Usage: `tsx bench/measure-session.ts --time <ms>`.
 */
import { parseArgs } from 'node:util';
import { do_not_optimize, measure } from 'mitata';
import type { CorsRequest } from '../src/cors/index.js';
import type { SessionRequest } from '../src/session/index.js';
import { API_ORIGIN, type SessionFixture, sessionFixture } from './session-fixture.js';

/** One measurement of the session stack. */
export interface SessionMeasurement {
  readonly case: string;
  readonly avgNs: number;
  readonly p50Ns: number;
  readonly p99Ns: number;
}

const { values } = parseArgs({ options: { time: { type: 'string', default: '300' } } });
const minCpuTimeNs = Number(values.time) * 1e6;

function bare(userId: string): string {
  return JSON.stringify({ user: { id: userId } });
}

// The stack as an adapter runs it: CORS first, then authenticate, then the handler.
async function stack(fixture: SessionFixture, view: SessionRequest & CorsRequest) {
  const decision = fixture.corset.cors.decide(view);
  if (decision.kind === 'preflight') throw new Error('not a preflight');
  const auth = await fixture.corset.authenticate(view);
  if (!auth.ok) throw new Error(`not authenticated: ${auth.error.code}`);
  return bare(auth.session.userId);
}

const results: SessionMeasurement[] = [];
const record = (name: string, stats: { avg: number; p50: number; p99: number }) =>
  results.push({ case: name, avgNs: stats.avg, p50Ns: stats.p50, p99Ns: stats.p99 });

record(
  'bare handler',
  await measure(() => do_not_optimize(bare('u1')), { min_cpu_time: minCpuTimeNs }),
);
for (const cached of [false, true]) {
  const fixture = await sessionFixture(cached);
  const headers = fixture.headers;
  const view = {
    method: 'POST',
    header: (name: string) => headers[name],
    requestOrigin: API_ORIGIN,
  };
  await stack(fixture, view);
  record(
    cached ? 'stack, verifyCache' : 'stack',
    await measure(() => stack(fixture, view), { min_cpu_time: minCpuTimeNs }),
  );
  await fixture.corset.close();
}
console.log(JSON.stringify(results));
