/**
 * Runs the live doctor against an in-process reference demo: the demo's host names
 * mapped to 127.0.0.1 with `--resolve`-style entries, its CA trusted with `--ca`-style
 * PEM, nothing in /etc/hosts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileChoice } from '../../../src/browser/index.js';
import type { MistakeName } from '../../../src/demo/mistakes.js';
import { type RunningDemo, startDemo } from '../../../src/demo/start.js';
import type { DemoTopologyName } from '../../../src/demo/topologies.js';
import { type LivePlan, runLive } from '../../../src/doctor/live/index.js';
import type { ConnectionSettings, HttpClient } from '../../../src/doctor/net/index.js';
import { buildReport, type DoctorReport } from '../../../src/doctor/report/index.js';
import type { CookieNames } from './demo-flows.js';

/** corset's cache folder for the demo CA, shared with the real-browser tests. */
export const CACHE_DIR =
  process.env.CORSET_CACHE_DIR ?? join(import.meta.dirname, '..', '..', '..', '.corset-cache');

/** The `--resolve` values that reach this demo: every name it uses, on 127.0.0.1. */
export function resolveArgs(demo: RunningDemo): string[] {
  const api = new URL(demo.apiUrl);
  const app = new URL(demo.appUrl);
  return demo.hostNames.flatMap((host) => [
    ...(host === api.hostname ? [`${host}:${demo.apiPort}:127.0.0.1`] : []),
    ...(host === app.hostname ? [`${host}:${demo.appPort}:127.0.0.1`] : []),
  ]);
}

/** Connection settings for this demo (what `--resolve … --ca <demo CA>` gives). */
export function demoConnection(demo: RunningDemo): ConnectionSettings {
  return {
    resolve: resolveArgs(demo).map((value) => {
      const [host, port, address] = value.split(':') as [string, string, string];
      return { host, port: Number(port), address };
    }),
    insecure: false,
    timeoutMs: 5_000,
    ...(demo.certificates === undefined
      ? {}
      : { ca: readFileSync(demo.certificates.caCertPath, 'utf8') }),
  };
}

/** Starts a demo on free ports. */
export function startTestDemo(
  topology: DemoTopologyName,
  mistake?: MistakeName,
): Promise<RunningDemo> {
  return startDemo({
    topology,
    appPort: 0,
    apiPort: 0,
    cacheDir: CACHE_DIR,
    ...(mistake === undefined ? {} : { mistake }),
  });
}

/**
 * The cookie names the API sets on login, as a person reads them off the `Set-Cookie`
 * lines: the session cookie has `Path=/`, the refresh cookie a narrower path.
 */
export async function cookieNames(demo: RunningDemo, client: HttpClient): Promise<CookieNames> {
  const sent = await client.send({
    url: `${demo.apiUrl}/auth/login`,
    method: 'POST',
    headers: [
      ['content-type', 'application/json'],
      ['origin', new URL(demo.appUrl).origin],
    ],
    body: JSON.stringify({ username: 'bob', password: demo.password }),
  });
  if (!sent.ok) throw new Error(sent.error.message);
  const lines = sent.response.headers.filter(([n]) => n === 'set-cookie').map(([, v]) => v);
  const name = (line: string) => line.slice(0, line.indexOf('='));
  const session = lines.find((l) => /;\s*path=\/(;|$)/i.test(l));
  const refresh = lines.find((l) => l !== session);
  if (session === undefined || refresh === undefined)
    throw new Error(`login set no session/refresh cookie pair: ${lines.join(' | ')}`);
  return { session: name(session), refresh: name(refresh) };
}

/** Runs `plan` live and builds the report; throws on a network failure. */
export async function doctorReport(
  client: HttpClient,
  plan: LivePlan,
  profiles: readonly ProfileChoice[],
): Promise<DoctorReport> {
  const run = await runLive(plan, { profiles, client });
  if (!run.ok) throw new Error(`${run.request.method} ${run.request.url}: ${run.error.message}`);
  return buildReport({ tool: 'doctor', result: run.result, http: run.http, notes: run.notes });
}
