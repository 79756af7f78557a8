/**
 * The real browsers' side of the matrix. One server set serves every scenario: an http
 * and an https server on port A (the pages) and on port B (cross-origin APIs), each
 * answering every host name (the browsers map the names to 127.0.0.1). Scenarios run in
 * batches, one per page origin: a fresh page (own cookie jar) on that origin runs each
 * scenario's request and its follow-up in a loop, then navigates to each API origin and
 * fetches each scenario's first-party probe. Preflights and Cookie headers are
 * read at the server; fetch outcomes and readable headers in the page.
 */
import type { Engine } from '../harness/index.js';
import type { RecordedRequest, Reply, TestServer } from '../harness/servers.js';
import { html, startServer } from '../harness/servers.js';
import type { Ports } from './model-run.js';
import { finalUrlOf, followUpOf, originsOf } from './model-run.js';
import type { Observation } from './observation.js';
import type { HeaderPairs, Scenario } from './scenario.js';
import {
  actualHeaders,
  CANDIDATE_HEADERS,
  checkHeaders,
  cookieNames,
  hopHeaders,
  preflightReply,
  redirectHeaders,
  scenarioDir,
} from './scenario.js';

/** The four servers and the scenarios they answer for. */
export interface ScenarioServers {
  readonly ports: Ports;
  readonly servers: readonly TestServer[];
  close(): Promise<void>;
}

type Tls = { readonly certPem: string; readonly keyPem: string; readonly caCertPem: string };

function reply(status: number, pairs: HeaderPairs, body: string): Reply {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of pairs) headers[name] = [...(headers[name] ?? []), value];
  return { status, headers, body };
}

const PAGE = html('<!doctype html><title>corset conformance</title><p>conformance</p>');

/** Starts the servers and registers every scenario's routes on each of them. */
export async function startScenarioServers(
  scenarios: readonly Scenario[],
  tls: Tls,
): Promise<ScenarioServers> {
  const started: TestServer[] = [];
  try {
    for (const secure of [false, true])
      for (let i = 0; i < 2; i++)
        started.push(await startServer({ ...(secure ? { tls } : {}), routes: { 'GET /': PAGE } }));
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
  const [httpA, httpB, httpsA, httpsB] = started as [
    TestServer,
    TestServer,
    TestServer,
    TestServer,
  ];
  const ports: Ports = {
    http: { A: httpA.port, B: httpB.port },
    https: { A: httpsA.port, B: httpsB.port },
  };
  for (const server of started) {
    scenarios.forEach((scenario, index) => {
      const dir = scenarioDir(scenario);
      const { page } = originsOf(scenario, ports);
      const origins = (request: RecordedRequest) => ({ request: request.origin, page });
      const preflight = (request: RecordedRequest) => {
        const answer = preflightReply(scenario, index, origins(request));
        return reply(answer.status, answer.headers, '');
      };
      const actual = (request: RecordedRequest) =>
        reply(200, actualHeaders(scenario, index, origins(request)), 'set');
      const redirect = scenario.redirect;
      server.route(`${dir}/set`, (request) => {
        if (request.isPreflight) return preflight(request);
        if (redirect === undefined) return actual(request);
        const location = finalUrlOf(scenario, ports);
        return reply(redirect.status, redirectHeaders(scenario, location, origins(request)), '');
      });
      server.route(`${dir}/final`, (request) =>
        request.isPreflight ? preflight(request) : actual(request),
      );
      server.route(`GET ${dir}/hop`, (request) =>
        reply(307, hopHeaders(followUpOf(scenario, ports).url, origins(request)), ''),
      );
      server.route(`GET ${dir}/check`, (request) =>
        reply(200, checkHeaders(origins(request)), 'check'),
      );
      server.route(`GET ${dir}/probe`, {
        headers: { 'content-type': 'text/plain' },
        body: 'probe',
      });
    });
  }
  return {
    ports,
    servers: started,
    async close() {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}

/** What the page reports for one scenario. */
interface PageOutcome {
  readonly fetch: 'ok' | 'error';
  /** The rejection's constructor name (`TypeError`), when fetch failed. */
  readonly error?: string;
  readonly readable: readonly string[];
}

// Runs in the page: each scenario's request, then its follow-up, one after the other.
const RUN_SCRIPT = `async ({ items, candidates }) => {
  const out = [];
  for (const item of items) {
    let outcome;
    for (let i = 0; i < item.repeat; i++) {
      try {
        const response = await fetch(item.set, item.init);
        const readable = candidates.filter((name) => response.headers.get(name) !== null);
        await response.text();
        outcome = { fetch: 'ok', readable };
      } catch (error) {
        outcome = { fetch: 'error', error: error && error.constructor ? error.constructor.name : String(error), readable: [] };
      }
    }
    try {
      await (await fetch(item.check, { credentials: 'include' })).text();
    } catch {
      // observed at the server: a blocked follow-up carries no cookie
    }
    out.push(outcome);
  }
  return out;
}`;

// Runs in a page on the API's origin: the same-origin, credentialed probes.
const PROBE_SCRIPT = `async (urls) => {
  for (const url of urls) await (await fetch(url, { credentials: 'include' })).text();
  return urls.length;
}`;

function cookieNamesIn(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header.split(';').map((pair) => (pair.split('=', 1)[0] ?? '').trim());
}

/** A scenario's outcome in one engine, with the error name the page saw. */
export interface BrowserOutcome {
  readonly observation: Observation;
  readonly error?: string;
}

/**
 * Runs every scenario in `engine` (one fresh page per topology) and reads back what the
 * servers saw. Scenario `index` is its place in `scenarios` (cookie names).
 */
export async function runInBrowser(
  engine: Engine,
  scenarios: readonly Scenario[],
  servers: ScenarioServers,
): Promise<Map<string, BrowserOutcome>> {
  for (const server of servers.servers) server.clear();
  // One page per page origin: scenarios there share a cookie jar but never a cookie name,
  // path or preflight-cache key; fewer pages, fewer WebKitGTK sessions (each a process).
  const batches = new Map<string, Scenario[]>();
  for (const scenario of scenarios) {
    const { page } = originsOf(scenario, servers.ports);
    batches.set(page, [...(batches.get(page) ?? []), scenario]);
  }

  const pageOutcomes = new Map<string, PageOutcome>();
  for (const [pageOrigin, batch] of batches) {
    const page = await engine.newPage();
    try {
      await page.goto(`${pageOrigin}/`);
      const items = batch.map((scenario) => {
        const dir = `${originsOf(scenario, servers.ports).api}${scenarioDir(scenario)}`;
        return {
          set: `${dir}/set`,
          check: followUpOf(scenario, servers.ports).start,
          repeat: scenario.repeat ?? 1,
          init: {
            method: scenario.request.method ?? 'GET',
            headers: scenario.request.headers ?? {},
            credentials: scenario.request.credentials ?? 'include',
            mode: scenario.request.mode ?? 'cors',
          },
        };
      });
      const outcomes = await page.evaluate<PageOutcome[]>(RUN_SCRIPT, {
        items,
        candidates: CANDIDATE_HEADERS,
      });
      batch.forEach((scenario, i) => {
        const outcome = outcomes[i];
        if (outcome === undefined) throw new Error(`${engine.name}: no outcome for ${scenario.id}`);
        pageOutcomes.set(scenario.id, outcome);
      });
      // First-party probes: from a top-level page on each API origin of the batch.
      const probes = new Map<string, string[]>();
      for (const scenario of batch) {
        const api = new URL(finalUrlOf(scenario, servers.ports)).origin;
        probes.set(api, [...(probes.get(api) ?? []), `${api}${scenarioDir(scenario)}/probe`]);
      }
      for (const [apiOrigin, urls] of probes) {
        await page.goto(`${apiOrigin}/`);
        const probed = await page.evaluate<number>(PROBE_SCRIPT, urls);
        if (probed !== urls.length) throw new Error(`${engine.name}: ${probed} probes ran`);
      }
    } finally {
      await page.close();
    }
  }

  const requests = servers.servers.flatMap((s) => s.requests);
  const results = new Map<string, BrowserOutcome>();
  scenarios.forEach((scenario, index) => {
    const dir = scenarioDir(scenario);
    const names = cookieNames(scenario, index);
    const at = (path: string) => requests.filter((r) => r.pathname === `${dir}/${path}`);
    const finalPath = scenario.redirect ? 'final' : 'set';
    // In Cookie-header order (RFC 6265bis §5.8.3 step 2: longer paths first, then older).
    const own = (path: string) =>
      [...new Set(at(path).flatMap((r) => cookieNamesIn(r.cookie)))].filter((n) =>
        names.includes(n),
      );
    const outcome = pageOutcomes.get(scenario.id);
    if (outcome === undefined) throw new Error(`${engine.name}: ${scenario.id} did not run`);
    if (at('probe').length === 0) throw new Error(`${engine.name}: no probe for ${scenario.id}`);
    results.set(scenario.id, {
      observation: {
        preflights: [...at('set'), ...at('final')].filter((r) => r.isPreflight).length,
        requests: at(finalPath).filter((r) => !r.isPreflight).length,
        fetch: outcome.fetch,
        readable: [...outcome.readable],
        sentOnFollowUp: own('check'),
        sentFirstParty: own('probe'),
      },
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    });
  });
  return results;
}
