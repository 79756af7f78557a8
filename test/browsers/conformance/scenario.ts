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
  /** Attributes after `name=value`; `{dir}` is the scenario's folder, `{parent}` the API's registrable domain. */
  readonly attributes: string;
  /**
   * The value: `1` by default; `at-limit` makes name + value exactly 4096 bytes,
   * `over-limit` one byte more (RFC 6265bis §5.6 step 7).
   */
  readonly value?: 'at-limit' | 'over-limit';
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
  | 'echo-twice'
  /** the page's origin, whatever `Origin` the request carried */
  | 'page';

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
  /** `Access-Control-Max-Age` value. */
  readonly maxAge?: string;
  /** The preflight answer also carries a `Set-Cookie` (browsers ignore it). */
  readonly setCookie?: boolean;
}

/** What the page passes to `fetch()` for the scenario's request. */
export interface ScenarioRequest {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Default `include`. */
  readonly credentials?: 'include' | 'same-origin' | 'omit';
  /** Default `cors`. */
  readonly mode?: 'cors' | 'no-cors';
}

/**
 * The request is redirected: `/s/<id>/set` answers `status` with its CORS headers and a
 * `Location` to `/s/<id>/final` on the same origin, on the other port (another origin of
 * the same host), or on `api.example.com` (the page's sibling: same-site with an
 * `app.example.com` page), where the scenario's actual answer comes from. The follow-up
 * and the first-party probe go to the final origin.
 */
export interface RedirectAnswer {
  readonly status: 301 | 302 | 303 | 307 | 308;
  readonly to: 'same-origin' | 'other-origin' | 'sibling-api';
  readonly cors: CorsAnswer;
}

/** The groups of the matrix, in reading order. */
export type GroupName =
  | 'cookies'
  | 'cors'
  | 'exposed'
  | 'preflight'
  | 'cache'
  | 'redirects'
  | 'attributes'
  | 'mixed';

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
  readonly redirect?: RedirectAnswer;
  /** The page makes the request this many times in a row (preflight cache); default 1. */
  readonly repeat?: number;
  /**
   * `via-cross-site-hop`: the follow-up starts at `https://api.example.net/s/<id>/hop`,
   * which answers 307 to the follow-up URL (a cross-site hop before it). Default direct.
   */
  readonly followUp?: 'direct' | 'via-cross-site-hop';
}

/** The origins a header value may depend on. */
export interface Origins {
  /** The request's `Origin` header, when it carried one. */
  readonly request: string | undefined;
  /** The page's origin. */
  readonly page: string;
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
    const name = names[i] ?? '';
    const attributes = expand(line.attributes, scenario);
    const size = 4096 - name.length + (line.value === 'over-limit' ? 1 : 0);
    const value = line.value === undefined ? '1' : 'v'.repeat(size);
    return attributes === '' ? `${name}=${value}` : `${name}=${value}; ${attributes}`;
  });
}

function allowOriginPairs(allow: AllowOrigin, origins: Origins): [string, string][] {
  const name = 'access-control-allow-origin';
  const origin = origins.request;
  switch (allow) {
    case 'page':
      return [[name, origins.page]];
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

function corsPairs(answer: CorsAnswer, origins: Origins): [string, string][] {
  const pairs = allowOriginPairs(answer.allowOrigin, origins);
  if (answer.allowOrigin !== 'none' && answer.allowOrigin !== '*') pairs.push(['vary', 'Origin']);
  if (answer.credentials !== undefined)
    pairs.push(['access-control-allow-credentials', answer.credentials]);
  if (answer.expose !== undefined) pairs.push(['access-control-expose-headers', answer.expose]);
  return pairs;
}

/** The actual response's headers, for a request with `origin` (the `Origin` it carried). */
export function actualHeaders(scenario: Scenario, index: number, origins: Origins): HeaderPairs {
  return [
    ['cache-control', 'no-store'],
    ['content-type', 'text/plain'],
    ['x-a', '1'],
    ['x-b', '2'],
    ...corsPairs(scenario.actual, origins),
    ...setCookieLines(scenario, index).map((line) => ['set-cookie', line] as [string, string]),
  ];
}

/** The preflight answer: status and headers. */
export function preflightReply(
  scenario: Scenario,
  index: number,
  origins: Origins,
): { readonly status: number; readonly headers: HeaderPairs } {
  const answer = scenario.preflight;
  if (answer === undefined) return { status: 204, headers: [['cache-control', 'no-store']] };
  const headers: [string, string][] = [
    ['cache-control', 'no-store'],
    ...corsPairs(answer, origins),
  ];
  if (answer.methods !== undefined) headers.push(['access-control-allow-methods', answer.methods]);
  if (answer.headers !== undefined) headers.push(['access-control-allow-headers', answer.headers]);
  if (answer.maxAge !== undefined) headers.push(['access-control-max-age', answer.maxAge]);
  if (answer.setCookie)
    headers.push(['set-cookie', `${cookieNames(scenario, index).at(-1)}=1; SameSite=None; Secure`]);
  return { status: answer.status, headers };
}

/** The redirect's headers, `location` included. */
export function redirectHeaders(
  scenario: Scenario,
  location: string,
  origins: Origins,
): HeaderPairs {
  return [
    ['cache-control', 'no-store'],
    ['location', location],
    ...(scenario.redirect ? corsPairs(scenario.redirect.cors, origins) : []),
  ];
}

/** The follow-up's cross-site hop: 307 to `location`, the Origin echoed with credentials. */
export function hopHeaders(location: string, origins: Origins): HeaderPairs {
  return [
    ['cache-control', 'no-store'],
    ['location', location],
    ...corsPairs({ allowOrigin: 'echo', credentials: 'true' }, origins),
  ];
}

/** The follow-up request's answer: the Origin echoed with credentials, no cookie set. */
export function checkHeaders(origins: Origins): HeaderPairs {
  return [
    ['cache-control', 'no-store'],
    ['content-type', 'text/plain'],
    ...corsPairs({ allowOrigin: 'echo', credentials: 'true' }, origins),
  ];
}
