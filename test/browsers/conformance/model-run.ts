/**
 * The model's side of a scenario: the same exchange as the page makes (the request, the
 * follow-up fetch, and the first-party fetch from a page on the API's origin), with the
 * answers the test servers give, run through `evaluate` and read back as an
 * {@link Observation}.
 */
import type { BrowserProfile } from '../../../src/browser/index.js';
import { evaluate } from '../../../src/browser/index.js';
import type { Exchange, ExchangeStep, StepVerdict } from '../../../src/browser/types.js';
import type { Observation } from './observation.js';
import type { Scenario } from './scenario.js';
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
import { TOPOLOGIES } from './topologies.js';

/** The ports of the servers the scenarios run on (`A` serves the page). */
export interface Ports {
  readonly http: { readonly A: number; readonly B: number };
  readonly https: { readonly A: number; readonly B: number };
}

/** The page's origin and the API's origin of a scenario. */
export function originsOf(scenario: Scenario, ports: Ports): { page: string; api: string } {
  const t = TOPOLOGIES[scenario.topology];
  return {
    page: `${t.pageScheme}://${t.pageHost}:${ports[t.pageScheme].A}`,
    api: `${t.apiScheme}://${t.apiHost}:${ports[t.apiScheme][t.apiPort]}`,
  };
}

/** Where a redirected scenario's request ends: `/s/<id>/final` on the same or the other port. */
export function finalUrlOf(scenario: Scenario, ports: Ports): string {
  const t = TOPOLOGIES[scenario.topology];
  const { api } = originsOf(scenario, ports);
  const dir = scenarioDir(scenario);
  if (scenario.redirect === undefined) return `${api}${dir}/set`;
  if (scenario.redirect.to === 'same-origin') return `${api}${dir}/final`;
  if (scenario.redirect.to === 'sibling-api')
    return `${t.apiScheme}://api.example.com:${ports[t.apiScheme].B}${dir}/final`;
  const port = ports[t.apiScheme][t.apiPort === 'A' ? 'B' : 'A'];
  return `${t.apiScheme}://${t.apiHost}:${port}${dir}/final`;
}

/** The follow-up URL, and where the page starts it (a cross-site hop, or the URL itself). */
export function followUpOf(scenario: Scenario, ports: Ports): { url: string; start: string } {
  const t = TOPOLOGIES[scenario.topology];
  const dir = scenarioDir(scenario);
  const url = `${new URL(finalUrlOf(scenario, ports)).origin}${dir}/check`;
  if (scenario.followUp !== 'via-cross-site-hop') return { url, start: url };
  return { url, start: `${t.apiScheme}://api.example.net:${ports[t.apiScheme].B}${dir}/hop` };
}

/** The exchange the page makes for `scenario` (index: its place in the matrix). */
export function exchangeOf(scenario: Scenario, index: number, ports: Ports, now: number): Exchange {
  const { page, api } = originsOf(scenario, ports);
  const dir = `${api}${scenarioDir(scenario)}`;
  const finalOrigin = new URL(finalUrlOf(scenario, ports)).origin;
  const finalDir = `${finalOrigin}${scenarioDir(scenario)}`;
  const followUp = followUpOf(scenario, ports);
  // Fetch §4.4 step 12: after a hop that leaves a cross-origin URL the Origin is `null`,
  // which the server echoes (only the Cookie header is compared on the follow-up).
  const followUpOrigin =
    followUp.start !== followUp.url ? 'null' : page === finalOrigin ? undefined : page;
  const method = scenario.request.method ?? 'GET';
  // The browser sends Origin on every cross-origin request and on same-origin non-GET/HEAD
  // ones (Fetch §3.1 "append a request Origin header"); the servers echo what arrived.
  // (Redirected scenarios never echo on the final answer: see scenarios.ts.)
  const sendsOrigin = page !== api || !['GET', 'HEAD'].includes(method.toUpperCase());
  const origins = { request: sendsOrigin ? page : undefined, page };
  const preflight = preflightReply(scenario, index, origins);
  const finalUrl = finalUrlOf(scenario, ports);
  const set: ExchangeStep = {
    label: 'set',
    request: {
      url: `${dir}/set`,
      method,
      headers: scenario.request.headers ?? {},
      credentials: scenario.request.credentials ?? 'include',
      mode: scenario.request.mode ?? 'cors',
    },
    responses: {
      preflight: { status: preflight.status, headers: preflight.headers },
      ...(scenario.redirect
        ? {
            redirects: [
              {
                status: scenario.redirect.status,
                location: finalUrl,
                headers: redirectHeaders(scenario, finalUrl, origins),
                preflight: { status: preflight.status, headers: preflight.headers },
              },
            ],
          }
        : {}),
      actual: { status: 200, headers: actualHeaders(scenario, index, origins) },
    },
  };
  return {
    page: `${page}/`,
    now,
    steps: [
      ...Array.from({ length: scenario.repeat ?? 1 }, () => set),
      {
        label: 'follow-up',
        request: { url: followUp.start, credentials: 'include' },
        responses: {
          ...(followUp.start === followUp.url
            ? {}
            : {
                redirects: [
                  {
                    status: 307,
                    location: followUp.url,
                    headers: hopHeaders(followUp.url, { request: page, page }),
                  },
                ],
              }),
          actual: { status: 200, headers: checkHeaders({ request: followUpOrigin, page }) },
        },
      },
      {
        label: 'first-party',
        page: `${finalOrigin}/`,
        request: { url: `${finalDir}/probe`, credentials: 'include' },
        responses: { actual: { status: 200, headers: [['content-type', 'text/plain']] } },
      },
    ],
  };
}

/** Codes that stop a request before it leaves the browser. */
const NOT_SENT = new Set([
  'MixedContentBlocked',
  'LocalNetworkAccessInsecureContext',
  'InvalidExchange',
  'NoCorsMethodNotAllowed',
]);

/** The step's request reached `finalUrl`: not blocked, no failed preflight, not stopped earlier. */
function reached(step: StepVerdict, finalUrl: string): boolean {
  if (step.reasons.some((r) => NOT_SENT.has(r.code) || r.stage === 'preflight')) return false;
  if (step.preflight.needed && !step.preflight.passed) return false;
  return step.finalUrl === finalUrl;
}

function ownCookies(step: StepVerdict | undefined, names: readonly string[]): string[] {
  return (step?.cookiesSent ?? []).filter((name) => names.includes(name));
}

/** The model's prediction for `scenario` in `profile`. */
export function modelObservation(
  scenario: Scenario,
  index: number,
  ports: Ports,
  profile: BrowserProfile,
  now: number,
): Observation {
  const result = evaluate(exchangeOf(scenario, index, ports, now), [profile]);
  const steps = result.browsers[0]?.steps ?? [];
  const repeat = scenario.repeat ?? 1;
  const sets = steps.slice(0, repeat);
  const [followUp, firstParty] = steps.slice(repeat);
  const last = sets.at(-1);
  if (last === undefined) throw new Error(`model: no verdict for ${scenario.id}`);
  const names = cookieNames(scenario, index);
  const finalUrl = finalUrlOf(scenario, ports);
  // An opaque (no-cors) response resolves fetch() too, with nothing readable.
  const fetchOk = last.fetch === 'response' || last.fetch === 'opaque';
  return {
    preflights: sets.reduce((sum, s) => sum + (s.preflight.count ?? 0), 0),
    requests: sets.filter((s) => reached(s, finalUrl)).length,
    fetch: fetchOk ? 'ok' : 'error',
    readable: fetchOk ? CANDIDATE_HEADERS.filter((h) => last.readableHeaders.includes(h)) : [],
    sentOnFollowUp: ownCookies(followUp, names),
    sentFirstParty: ownCookies(firstParty, names),
  };
}
