/**
 * Validation of a cookie definition against RFC 6265bis and browser behaviour, run once
 * at construction. Returns every problem at once (see `src/internal/problems.ts`); the
 * codes are stable and catalogued in docs/cookies.md.
 */

import type { ConfigProblem } from '../internal/problems.js';
import { checkDomain } from './check-domain.js';
import { checkPath } from './check-path.js';
import { canonicalHost } from './domain-match.js';
import { expiresProblem, maxAgeProblem } from './lifetime-rules.js';
import { MAX_NAME_VALUE_OCTETS } from './limits.js';
import { isTokenChar } from './octets.js';
import { type CookiePrefix, cookiePrefix, prefixRequirements } from './prefix.js';
import type { Report } from './spec-report.js';
import type { CookieSpec, SameSite } from './types.js';

/** Where the cookie is set from, to check its Domain; and how to name fields in problems. */
export interface CookieContext {
  /**
   * Host of the API that sends the `Set-Cookie`, e.g. `api.example.com`, `localhost`,
   * `127.0.0.1` or `[::1]` (a port is ignored). Domain must domain-match it.
   */
  readonly apiHost: string;
  /** Dotted path naming this cookie in problems, e.g. `session.cookies.access`. Default `cookie`. */
  readonly field?: string;
  /** The current time for checking `expires`. Default: the real clock. */
  readonly now?: Date;
}

/** A definition's attributes after normalisation: Path defaults to `/`, Domain is canonical. */
export interface NormalizedCookieAttributes {
  readonly domain?: string;
  readonly path: string;
  readonly maxAge?: number;
  readonly expires?: Date;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly sameSite?: SameSite;
  readonly partitioned: boolean;
}

/** The outcome of checking a spec: the problems, and the attributes to use if none is an error. */
export interface CookieSpecCheck {
  readonly problems: ConfigProblem[];
  readonly name: string;
  readonly attributes: NormalizedCookieAttributes;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const SAME_SITE_VALUES: readonly string[] = ['Strict', 'Lax', 'None'];

function checkName(name: unknown, report: Report): string {
  if (typeof name !== 'string' || name.length === 0) {
    report(
      'error',
      'cookie/name-empty',
      'name',
      name,
      'a cookie needs a name; a nameless cookie is sent as its bare value and can be forged by any cookie whose value looks like `name=value` (RFC 6265bis §5.6 step 3).',
      "give the cookie a token name, e.g. `name: '__Host-session'`.",
    );
    return '';
  }
  for (let i = 0; i < name.length; i++) {
    if (isTokenChar(name.charCodeAt(i))) continue;
    report(
      'error',
      'cookie/name-invalid',
      'name',
      name,
      `character ${JSON.stringify(name[i])} at index ${i} is not allowed: a cookie-name is an HTTP token (RFC 6265bis §4.1.1, RFC 9110 §5.6.2); separators, spaces, controls and non-ASCII are rejected or mangled by user agents and frameworks.`,
      "use only letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ in the name.",
    );
    break;
  }
  if (name.length >= MAX_NAME_VALUE_OCTETS) {
    report(
      'error',
      'cookie/name-too-long',
      'name',
      `${name.slice(0, 32)}…`,
      `the name is ${name.length} octets, which leaves no room for a value: user agents ignore a cookie whose name and value exceed ${MAX_NAME_VALUE_OCTETS} octets together (RFC 6265bis §5.6 step 5).`,
      'use a short name.',
    );
  }
  const prefix = cookiePrefix(name);
  if (prefix !== undefined && !name.startsWith(prefix)) {
    report(
      'warning',
      'cookie/prefix-case',
      'name',
      name,
      `the name starts with "${name.slice(0, prefix.length)}", a case variant of \`${prefix}\`: RFC 6265bis, Chromium and Firefox enforce the prefix case-insensitively, but older engines and tough-cookie only match \`${prefix}\` exactly, so the cookie loses the prefix's protection there.`,
      `spell the prefix \`${prefix}\`.`,
    );
  }
  return name;
}

function checkFlag(spec: CookieSpec, key: 'secure' | 'httpOnly' | 'partitioned', report: Report) {
  const value: unknown = spec[key];
  if (value === undefined || typeof value === 'boolean') return value === true;
  report(
    'error',
    'cookie/attribute-type',
    key,
    value,
    `\`${key}\` must be a boolean; a string such as "false" would be truthy.`,
    `write \`${key}: true\` or \`${key}: false\`.`,
  );
  return false;
}

function checkLifetime(spec: CookieSpec, now: Date | undefined, report: Report) {
  const lifetime: { maxAge?: number; expires?: Date } = {};
  const { maxAge, expires } = spec as { maxAge?: unknown; expires?: unknown };
  if (maxAge !== undefined) {
    const problem = maxAgeProblem(maxAge);
    if (problem === undefined) lifetime.maxAge = maxAge as number;
    else report('error', problem.code, 'maxAge', maxAge, problem.message, problem.fix);
  }
  if (expires !== undefined) {
    const problem = expiresProblem(expires, now);
    if (problem !== undefined)
      report(problem.severity, problem.code, 'expires', expires, problem.message, problem.fix);
    if (problem === undefined || problem.severity === 'warning') lifetime.expires = expires as Date;
  }
  if (lifetime.maxAge !== undefined && lifetime.expires !== undefined) {
    report(
      'warning',
      'cookie/max-age-and-expires',
      'expires',
      expires,
      'Max-Age takes precedence over Expires in every user agent that supports it (RFC 6265bis §4.1.2.2), so Expires only matters to clients from the 1990s.',
      'keep `maxAge` and drop `expires`.',
    );
  }
  return lifetime;
}

function checkSameSite(sameSite: unknown, report: Report): SameSite | undefined {
  if (sameSite === undefined) {
    report(
      'warning',
      'cookie/samesite-unset',
      'sameSite',
      sameSite,
      'without SameSite, browsers disagree: Chrome treats the cookie as Lax, Firefox and Safari as None, so cross-site requests carry it in some browsers only.',
      "set it explicitly: `sameSite: 'Lax'` when app and API are same-site, `'None'` (with `secure: true`) when they are cross-site.",
    );
    return undefined;
  }
  if (typeof sameSite === 'string' && SAME_SITE_VALUES.includes(sameSite))
    return sameSite as SameSite;
  report(
    'error',
    'cookie/samesite-invalid',
    'sameSite',
    sameSite,
    'user agents read an unknown SameSite value as "Default" (RFC 6265bis §5.6.7), i.e. as if it were absent, which browsers handle differently.',
    "write `'Strict'`, `'Lax'` or `'None'` (with this capitalisation).",
  );
  return undefined;
}

function checkPrefix(
  name: string,
  prefix: CookiePrefix,
  attributes: NormalizedCookieAttributes,
  report: Report,
) {
  const needs = prefixRequirements(prefix);
  if (needs.secure && !attributes.secure) {
    report(
      'error',
      'cookie/prefix-requires-secure',
      'secure',
      attributes.secure,
      `a \`${prefix}\` cookie without Secure is rejected by the browser (RFC 6265bis §4.1.3, §5.7).`,
      `add \`secure: true\` (then serve the API over https; Chrome and Firefox also accept Secure on http://localhost), or rename the cookie without \`${prefix}\`.`,
    );
  }
  if (needs.hostOnlyRootPath && attributes.domain !== undefined) {
    report(
      'error',
      'cookie/host-prefix-with-domain',
      'domain',
      attributes.domain,
      `a \`${prefix}\` cookie must be host-only: browsers reject it when it has a Domain attribute (RFC 6265bis §4.1.3).`,
      `drop \`domain\`, or use \`${prefix === '__Host-Http-' ? '__Http-' : '__Secure-'}\` in the name if subdomains must share the cookie (\`${name.replace(/^__host-(http-)?/i, prefix === '__Host-Http-' ? '__Http-' : '__Secure-')}\`).`,
    );
  }
  if (needs.hostOnlyRootPath && attributes.path !== '/') {
    report(
      'error',
      'cookie/host-prefix-path',
      'path',
      attributes.path,
      `a \`${prefix}\` cookie must have \`Path=/\`: browsers reject it otherwise (RFC 6265bis §4.1.3).`,
      `use \`path: '/'\`, or drop the \`${prefix}\` prefix for a path-scoped cookie (e.g. \`__Secure-\`).`,
    );
  }
  if (needs.httpOnly && !attributes.httpOnly) {
    report(
      'error',
      'cookie/http-prefix-requires-httponly',
      'httpOnly',
      attributes.httpOnly,
      `a \`${prefix}\` cookie must be HttpOnly: browsers reject it otherwise (RFC 6265bis §4.1.3).`,
      'add `httpOnly: true`.',
    );
  }
}

function checkCombinations(name: string, attributes: NormalizedCookieAttributes, report: Report) {
  if (attributes.sameSite === 'None' && !attributes.secure) {
    report(
      'error',
      'cookie/samesite-none-insecure',
      'sameSite',
      'None',
      'browsers reject `SameSite=None` without Secure (Chrome since 80, Firefox since 131, per the "SameSite=None requires Secure" rule of RFC 6265bis §5.7).',
      "add `secure: true`; on plain-http development, app and API on localhost are same-site, so `sameSite: 'Lax'` works there.",
    );
  }
  if (attributes.partitioned && !attributes.secure) {
    report(
      'error',
      'cookie/partitioned-insecure',
      'partitioned',
      true,
      'browsers reject a Partitioned cookie without Secure (CHIPS, draft-cutler-httpbis-partitioned-cookies).',
      'add `secure: true`, or drop `partitioned`.',
    );
  }
  const prefix = cookiePrefix(name);
  const hostPrefixed = prefix === '__Host-' || prefix === '__Host-Http-';
  if (attributes.partitioned && attributes.domain === undefined && !hostPrefixed) {
    report(
      'warning',
      'cookie/partitioned-without-host-prefix',
      'name',
      name,
      'CHIPS recommends the `__Host-` prefix for partitioned cookies, which binds the cookie to this host in every browser that knows the prefix.',
      `name it \`__Host-${name.replace(/^__secure-/i, '')}\` (with \`secure: true\` and \`path: '/'\`).`,
    );
  }
}

/**
 * Checks a cookie spec; never throws. `apiHost` is canonicalised as a URL host; an
 * invalid one is itself a problem (`cookie/api-host-invalid`).
 */
export function checkCookieSpec(spec: CookieSpec, context: CookieContext): CookieSpecCheck {
  const problems: ConfigProblem[] = [];
  const base = context.field ?? 'cookie';
  const report: Report = (severity, code, field, value, message, fix) => {
    problems.push({ code, field: `${base}.${field}`, value, message, fix, severity });
  };

  const apiHost = canonicalHost(context.apiHost);
  if (apiHost === undefined) {
    problems.push({
      code: 'cookie/api-host-invalid',
      field: 'apiHost',
      value: context.apiHost,
      message: 'the API host is needed to check Domain and is not a host name or IP address.',
      fix: "pass the API's host, e.g. `apiHost: new URL(apiOrigin).host`.",
      severity: 'error',
    });
  }

  const name = checkName(spec.name, report);
  const attributes: Mutable<NormalizedCookieAttributes> = {
    path: checkPath(spec.path, report),
    secure: checkFlag(spec, 'secure', report),
    httpOnly: checkFlag(spec, 'httpOnly', report),
    partitioned: checkFlag(spec, 'partitioned', report),
    ...checkLifetime(spec, context.now, report),
  };
  const domain = checkDomain(spec.domain, apiHost, report);
  if (domain !== undefined) attributes.domain = domain;
  const sameSite = checkSameSite(spec.sameSite, report);
  if (sameSite !== undefined) attributes.sameSite = sameSite;

  const prefix = cookiePrefix(name);
  if (prefix !== undefined) checkPrefix(name, prefix, attributes, report);
  checkCombinations(name, attributes, report);
  return { problems, name, attributes };
}
