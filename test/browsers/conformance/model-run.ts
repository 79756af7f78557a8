/**
 * The model's side of a scenario: the same exchange as the page makes (the request, the
 * follow-up fetch, and the first-party fetch from a page on the API's origin), with the
 * answers the test servers give, run through `evaluate` and read back as an
 * {@link Observation}.
 */
import type { BrowserProfile } from '../../../src/browser/index.js';
import { evaluate } from '../../../src/browser/index.js';
import type { Exchange, StepVerdict } from '../../../src/browser/types.js';
import type { Observation } from './observation.js';
import type { Scenario } from './scenario.js';
import {
  actualHeaders,
  CANDIDATE_HEADERS,
  checkHeaders,
  cookieNames,
  preflightReply,
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

/** The exchange the page makes for `scenario` (index: its place in the matrix). */
export function exchangeOf(scenario: Scenario, index: number, ports: Ports, now: number): Exchange {
  const { page, api } = originsOf(scenario, ports);
  const dir = `${api}${scenarioDir(scenario)}`;
  const method = scenario.request.method ?? 'GET';
  // The browser sends Origin on every cross-origin request and on same-origin non-GET/HEAD
  // ones (Fetch §3.1 "append a request Origin header"); the servers echo what arrived.
  const sendsOrigin = page !== api || !['GET', 'HEAD'].includes(method.toUpperCase());
  const origin = sendsOrigin ? page : undefined;
  const preflight = preflightReply(scenario, index, page);
  return {
    page: `${page}/`,
    now,
    steps: [
      {
        label: 'set',
        request: {
          url: `${dir}/set`,
          method,
          headers: scenario.request.headers ?? {},
          credentials: scenario.request.credentials ?? 'include',
        },
        responses: {
          preflight: { status: preflight.status, headers: preflight.headers },
          actual: { status: 200, headers: actualHeaders(scenario, index, origin) },
        },
      },
      {
        label: 'follow-up',
        request: { url: `${dir}/check`, credentials: 'include' },
        responses: {
          actual: { status: 200, headers: checkHeaders(page === api ? undefined : page) },
        },
      },
      {
        label: 'first-party',
        page: `${api}/`,
        request: { url: `${dir}/probe`, credentials: 'include' },
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

function ownCookies(step: StepVerdict | undefined, names: readonly string[]): string[] {
  return (step?.cookiesSent ?? []).filter((name) => names.includes(name)).sort();
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
  const [set, followUp, firstParty] = result.browsers[0]?.steps ?? [];
  if (set === undefined) throw new Error(`model: no verdict for ${scenario.id}`);
  const names = cookieNames(scenario, index);
  const blocked = set.reasons.some((r) => NOT_SENT.has(r.code));
  const fetchOk = set.fetch === 'response';
  return {
    preflight: set.preflight.sent,
    reached: !blocked && (!set.preflight.needed || set.preflight.passed),
    fetch: fetchOk ? 'ok' : 'error',
    readable: fetchOk ? CANDIDATE_HEADERS.filter((h) => set.readableHeaders.includes(h)) : [],
    sentOnFollowUp: ownCookies(followUp, names),
    sentFirstParty: ownCookies(firstParty, names),
  };
}
