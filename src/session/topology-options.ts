/**
 * The options of {@link planSessionCookies}, read and checked as a whole: every problem
 * is reported at once, each naming the field, the value and the fix.
 */

import { DEFAULT_PATHS } from '../client/protocol.js';
import { cookiePrefix } from '../cookies/index.js';
import type { ParsedOrigin } from '../cors/index.js';
import { isRecord } from '../internal/is-record.js';
import type { ConfigProblem } from '../internal/problems.js';
import { TOPOLOGY_PROBLEM, type TopologyProblemCode } from './topology-codes.js';
import { parseHttpOrigin } from './topology-sites.js';

/** Where the app(s) and the API live, and how the session cookies should be shared. */
export interface SessionTopologyOptions {
  /**
   * Every origin a page that calls the API is served from, e.g.
   * `['https://app.example.com']`. The strictest relation among them decides.
   */
  readonly appOrigins: readonly string[];
  /** The API's origin, e.g. `https://api.example.com`: the host that sets the cookies. */
  readonly apiOrigin: string;
  /**
   * A parent domain of the API host whose other subdomains must see the session cookie
   * too, e.g. `example.com`: sets `Domain=example.com` and the `__Secure-` prefix instead
   * of `__Host-`. Omit it (the default) for host-only cookies, which nothing else reads.
   */
  readonly shareAcrossSubdomains?: string;
  /** Base name of the session (access-token) cookie, without prefix. Default `session`. */
  readonly cookieName?: string;
  /** Base name of the refresh cookie, without prefix. Default `<cookieName>-refresh`. */
  readonly refreshCookieName?: string;
  /** Path of the refresh endpoint, to which the refresh cookie is scoped. Default `/auth/refresh`. */
  readonly refreshPath?: string;
  /**
   * Accept an API on plain http on a host that is not loopback. Cookies then travel in
   * clear text and can be read or replaced by anyone on the network path.
   */
  readonly allowInsecureHttp?: boolean;
  /**
   * Accept a topology where cookies cannot work at all (an app cross-site to a plain-http
   * API): the plan is then the Bearer transport only, without cookies.
   */
  readonly allowBearerOnly?: boolean;
  /**
   * Whether the Bearer header is offered besides the cookies (`cookie+bearer-fallback`).
   * Default: on exactly when an app origin is cross-site to the API, where browsers may
   * drop the cookie. Stating it makes the plan (transport, reasons, warnings) say what
   * the server really does.
   */
  readonly bearerFallback?: boolean;
}

/** The options after validation, origins parsed. */
export interface NormalizedTopologyOptions {
  readonly appOrigins: readonly ParsedOrigin[];
  readonly apiOrigin: ParsedOrigin;
  readonly shareAcrossSubdomains: string | undefined;
  readonly cookieName: string;
  readonly refreshCookieName: string;
  readonly refreshPath: string;
  readonly allowInsecureHttp: boolean;
  readonly allowBearerOnly: boolean;
  /** Undefined: the default for the topology. */
  readonly bearerFallback: boolean | undefined;
}

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  'appOrigins',
  'apiOrigin',
  'shareAcrossSubdomains',
  'cookieName',
  'refreshCookieName',
  'refreshPath',
  'allowInsecureHttp',
  'allowBearerOnly',
  'bearerFallback',
]);

function problem(
  code: TopologyProblemCode,
  field: string,
  value: unknown,
  message: string,
  fix: string,
): ConfigProblem {
  return { code, field, value, message, fix, severity: 'error' };
}

function readOrigin(
  raw: unknown,
  field: string,
  problems: ConfigProblem[],
): ParsedOrigin | undefined {
  const parsed = typeof raw === 'string' ? parseHttpOrigin(raw) : undefined;
  if (parsed === undefined) {
    problems.push(
      problem(
        TOPOLOGY_PROBLEM.originInvalid,
        field,
        raw,
        'not an http(s) origin: an origin is `scheme://host[:port]`, with no path (not even a trailing "/"), query or fragment.',
        "write it as the browser's address bar shows the scheme and host, e.g. `https://app.example.com` or `http://localhost:8080`.",
      ),
    );
  }
  return parsed;
}

function readBoolean(
  raw: Record<string, unknown>,
  key: string,
  problems: ConfigProblem[],
): boolean | undefined {
  const value = raw[key];
  if (value === undefined || typeof value === 'boolean') return value;
  problems.push(
    problem(
      TOPOLOGY_PROBLEM.invalidType,
      key,
      value,
      `\`${key}\` must be a boolean; a string such as "false" would be truthy.`,
      `write \`${key}: true\`, or leave it out.`,
    ),
  );
  return undefined;
}

function readName(
  raw: Record<string, unknown>,
  key: string,
  fallback: string,
  problems: ConfigProblem[],
): string {
  const value = raw[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'string') {
    problems.push(
      problem(
        TOPOLOGY_PROBLEM.invalidType,
        key,
        value,
        `\`${key}\` must be a string.`,
        `write e.g. \`${key}: '${fallback}'\`, or leave it out.`,
      ),
    );
    return fallback;
  }
  if (value.length === 0) {
    problems.push(
      problem(
        TOPOLOGY_PROBLEM.cookieNameEmpty,
        key,
        value,
        'a cookie needs a name: with only the prefix, `__Host-` would be the whole name, and on plain http the cookie would be nameless (RFC 6265bis §5.6 step 3).',
        `write e.g. \`${key}: '${fallback}'\`, or leave it out.`,
      ),
    );
    return fallback;
  }
  const prefix = cookiePrefix(value);
  if (prefix !== undefined) {
    problems.push(
      problem(
        TOPOLOGY_PROBLEM.cookieNamePrefixed,
        key,
        value,
        `the name already carries \`${prefix}\`, but the prefix follows from the topology (\`__Host-\`, \`__Secure-\` or none on plain http) and is added by the plan: a prefix chosen by hand breaks as soon as the topology changes.`,
        `write the base name only: \`${key}: '${value.slice(prefix.length)}'\`.`,
      ),
    );
    return value.slice(prefix.length);
  }
  return value;
}

/** Reads `input` (typed loosely: configs come from JS and JSON too). */
export function readTopologyOptions(input: unknown): {
  readonly options: NormalizedTopologyOptions | undefined;
  readonly problems: ConfigProblem[];
} {
  const problems: ConfigProblem[] = [];
  if (!isRecord(input)) {
    problems.push(
      problem(
        TOPOLOGY_PROBLEM.optionsNotObject,
        'options',
        input,
        'the session topology needs an object naming the app origins and the API origin.',
        "pass e.g. `{ appOrigins: ['https://app.example.com'], apiOrigin: 'https://api.example.com' }`.",
      ),
    );
    return { options: undefined, problems };
  }
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (KNOWN_KEYS.has(key)) continue;
    problems.push(
      problem(
        TOPOLOGY_PROBLEM.unknownKey,
        key,
        raw[key],
        'unknown option: it would be ignored and the cookies would not be what the config says.',
        `remove it; the known options are ${[...KNOWN_KEYS].join(', ')}.`,
      ),
    );
  }

  const apiOrigin = readOrigin(raw.apiOrigin, 'apiOrigin', problems);
  const appOrigins: ParsedOrigin[] = [];
  const rawApps = raw.appOrigins;
  if (!Array.isArray(rawApps) || rawApps.length === 0) {
    problems.push(
      problem(
        TOPOLOGY_PROBLEM.appOriginsEmpty,
        'appOrigins',
        rawApps,
        'the cookie attributes depend on where the pages that call the API are served from; without them the relation cannot be computed.',
        typeof rawApps === 'string'
          ? `wrap it in an array: \`appOrigins: ['${rawApps}']\`.`
          : "list them, e.g. `appOrigins: ['https://app.example.com']`.",
      ),
    );
  } else {
    rawApps.forEach((entry: unknown, i) => {
      const parsed = readOrigin(entry, `appOrigins[${i}]`, problems);
      // The same origin written twice (`HTTPS://App.example.com`, `https://app.example.com`) counts once.
      if (parsed !== undefined && !appOrigins.some((o) => o.origin === parsed.origin)) {
        appOrigins.push(parsed);
      }
    });
  }

  const share = raw.shareAcrossSubdomains;
  if (share !== undefined && typeof share !== 'string') {
    problems.push(
      problem(
        TOPOLOGY_PROBLEM.invalidType,
        'shareAcrossSubdomains',
        share,
        '`shareAcrossSubdomains` names the parent domain to share the cookie with; a boolean would leave the choice of that domain to a guess.',
        "write the parent domain, e.g. `shareAcrossSubdomains: 'example.com'`, or leave it out for a host-only cookie.",
      ),
    );
  }
  const cookieName = readName(raw, 'cookieName', 'session', problems);
  const refreshCookieName = readName(raw, 'refreshCookieName', `${cookieName}-refresh`, problems);
  let refreshPath: string = DEFAULT_PATHS.refresh;
  if (typeof raw.refreshPath === 'string') refreshPath = raw.refreshPath;
  else if (raw.refreshPath !== undefined) {
    problems.push(
      problem(
        TOPOLOGY_PROBLEM.invalidType,
        'refreshPath',
        raw.refreshPath,
        '`refreshPath` must be a string.',
        `write e.g. \`refreshPath: '${DEFAULT_PATHS.refresh}'\`.`,
      ),
    );
  }
  const allowInsecureHttp = readBoolean(raw, 'allowInsecureHttp', problems) === true;
  const allowBearerOnly = readBoolean(raw, 'allowBearerOnly', problems) === true;
  const bearerFallback = readBoolean(raw, 'bearerFallback', problems);

  // Planning goes on despite other problems, so that one failed start reports them all:
  // even without a valid app origin (already a problem), the API's scheme and the cookies
  // can be checked.
  if (apiOrigin === undefined) return { options: undefined, problems };
  return {
    options: {
      appOrigins,
      apiOrigin,
      shareAcrossSubdomains: typeof share === 'string' ? share : undefined,
      cookieName,
      refreshCookieName,
      refreshPath,
      allowInsecureHttp,
      allowBearerOnly,
      bearerFallback,
    },
    problems,
  };
}
