/**
 * A conformance scenario: one credentialed exchange the page makes, and what the API
 * answers. The answers are computed by the pure functions below, which both the test
 * servers and the model input use, so the browsers and the model see the same bytes.
 *
 * Each scenario lives under its own path `/s/<id>/` (own preflight-cache entry) and sets
 * cookies with its own names, so many scenarios run in one page without interfering.
 */
import type { TopologyName } from './topologies.js';
import { TOPOLOGIES } from './topologies.js';

/** A `Set-Cookie` line of the scenario; the name is generated. */
export interface CookieLine {
  /** Name prefix (RFC 6265bis §4.1.3), including a wrongly-cased one. */
  readonly prefix?: '__Host-' | '__Secure-' | '__host-';
  /** Attributes after `name=1`; `{dir}` is the scenario's folder, `{parent}` the API's registrable domain. */
  readonly attributes: string;
}

/** `Access-Control-Allow-Origin` as the API answers it. */
export type AllowOrigin =
  /** the request's `Origin` */
  | 'echo'
  /** not sent */
  | 'none'
  | '*'
  | 'null'
  /** another origin */
  | 'other'
  /** the origin with a trailing `/` */
  | 'echo-slash'
  /** the origin upper-cased */
  | 'echo-upper'
  /** `origin, origin` in one field */
  | 'echo-list'
  /** the origin in two fields */
  | 'echo-twice';

/** The CORS headers of an answer. */
export interface CorsAnswer {
  readonly allowOrigin: AllowOrigin;
  /** `Access-Control-Allow-Credentials` value; absent: not sent. */
  readonly credentials?: string;
  readonly expose?: string;
}

/** The answer to the preflight (`OPTIONS` with `Access-Control-Request-Method`). */
export interface PreflightAnswer extends CorsAnswer {
  readonly status: number;
  readonly methods?: string;
  readonly headers?: string;
  /** The preflight answer also carries a `Set-Cookie` (browsers ignore it). */
  readonly setCookie?: boolean;
}

/** What the page passes to `fetch()` for the scenario's request. */
export interface ScenarioRequest {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Default `include`. */
  readonly credentials?: 'include' | 'same-origin' | 'omit';
}

/** The groups of the matrix, in reading order. */
export type GroupName = 'cookies' | 'cors' | 'exposed' | 'preflight' | 'attributes' | 'mixed';

/** One credentialed exchange of the matrix. */
export interface Scenario {
  /** Unique, stable, `[a-z0-9-]`: the URL folder and the row name. */
  readonly id: string;
  readonly group: GroupName;
  readonly title: string;
  readonly topology: TopologyName;
  readonly request: ScenarioRequest;
  readonly cookies: readonly CookieLine[];
  readonly actual: CorsAnswer;
  /** Absent: the API answers a preflight with a bare 204 (no CORS headers). */
  readonly preflight?: PreflightAnswer;
}

/** Header pairs in order (a name may repeat). */
export type HeaderPairs = readonly (readonly [string, string])[];

/** An origin no page of the matrix has. */
export const OTHER_ORIGIN = 'https://evil.example.org';

/** Response headers whose readability the page checks (the answer sends each of them). */
export const CANDIDATE_HEADERS: readonly string[] = [
  'cache-control',
  'content-type',
  'set-cookie',
  'vary',
  'x-a',
  'x-b',
];

/** The scenario's URL folder. */
export function scenarioDir(scenario: Scenario): string {
  return `/s/${scenario.id}`;
}

/** Cookie names: `k<index><letter>` per line, with its prefix; `k<index>pf` on the preflight. */
export function cookieNames(scenario: Scenario, index: number): string[] {
  const names = scenario.cookies.map(
    (line, i) => `${line.prefix ?? ''}k${index}${String.fromCharCode(97 + i)}`,
  );
  if (scenario.preflight?.setCookie) names.push(`k${index}pf`);
  return names;
}

function expand(attributes: string, scenario: Scenario): string {
  return attributes
    .replaceAll('{dir}', scenarioDir(scenario))
    .replaceAll('{parent}', TOPOLOGIES[scenario.topology].apiParent);
}

/** The `Set-Cookie` lines of the actual response. */
export function setCookieLines(scenario: Scenario, index: number): string[] {
  const names = cookieNames(scenario, index);
  return scenario.cookies.map((line, i) => {
    const attributes = expand(line.attributes, scenario);
    return attributes === '' ? `${names[i]}=1` : `${names[i]}=1; ${attributes}`;
  });
}

function allowOriginPairs(allow: AllowOrigin, origin: string | undefined): [string, string][] {
  const name = 'access-control-allow-origin';
  switch (allow) {
    case 'none':
      return [];
    case '*':
    case 'null':
      return [[name, allow]];
    case 'other':
      return [[name, OTHER_ORIGIN]];
    default: {
      // Same-origin GETs carry no Origin (Fetch §3.1): nothing to echo, nothing needed.
      if (origin === undefined) return [];
      if (allow === 'echo') return [[name, origin]];
      if (allow === 'echo-slash') return [[name, `${origin}/`]];
      if (allow === 'echo-upper') return [[name, origin.toUpperCase()]];
      if (allow === 'echo-list') return [[name, `${origin}, ${origin}`]];
      return [
        [name, origin],
        [name, origin],
      ];
    }
  }
}

function corsPairs(answer: CorsAnswer, origin: string | undefined): [string, string][] {
  const pairs = allowOriginPairs(answer.allowOrigin, origin);
  if (answer.allowOrigin !== 'none' && answer.allowOrigin !== '*') pairs.push(['vary', 'Origin']);
  if (answer.credentials !== undefined)
    pairs.push(['access-control-allow-credentials', answer.credentials]);
  if (answer.expose !== undefined) pairs.push(['access-control-expose-headers', answer.expose]);
  return pairs;
}

/** The actual response's headers, for a request with `origin` (the `Origin` it carried). */
export function actualHeaders(
  scenario: Scenario,
  index: number,
  origin: string | undefined,
): HeaderPairs {
  return [
    ['cache-control', 'no-store'],
    ['content-type', 'text/plain'],
    ['x-a', '1'],
    ['x-b', '2'],
    ...corsPairs(scenario.actual, origin),
    ...setCookieLines(scenario, index).map((line) => ['set-cookie', line] as [string, string]),
  ];
}

/** The preflight answer: status and headers. */
export function preflightReply(
  scenario: Scenario,
  index: number,
  origin: string | undefined,
): { readonly status: number; readonly headers: HeaderPairs } {
  const answer = scenario.preflight;
  if (answer === undefined) return { status: 204, headers: [['cache-control', 'no-store']] };
  const headers: [string, string][] = [['cache-control', 'no-store'], ...corsPairs(answer, origin)];
  if (answer.methods !== undefined) headers.push(['access-control-allow-methods', answer.methods]);
  if (answer.headers !== undefined) headers.push(['access-control-allow-headers', answer.headers]);
  if (answer.setCookie)
    headers.push(['set-cookie', `${cookieNames(scenario, index).at(-1)}=1; SameSite=None; Secure`]);
  return { status: answer.status, headers };
}

/** The follow-up request's answer: the Origin echoed with credentials, no cookie set. */
export function checkHeaders(origin: string | undefined): HeaderPairs {
  return [
    ['cache-control', 'no-store'],
    ['content-type', 'text/plain'],
    ...corsPairs({ allowOrigin: 'echo', credentials: 'true' }, origin),
  ];
}
