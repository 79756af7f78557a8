/**
 * Validation of a cookie definition against RFC 6265bis and browser behaviour, run once
 * at construction. Returns every problem at once (see `src/internal/problems.ts`); the
 * codes are stable and catalogued in docs/cookies.md.
 */

import type { ConfigProblem, ProblemSeverity } from '../internal/problems.js';
import { canonicalHost, domainMatches, isHostName, isIpHost } from './domain-match.js';
import { MAX_AGE_SECONDS, MAX_ATTRIBUTE_VALUE_OCTETS, MAX_NAME_VALUE_OCTETS } from './limits.js';
import { asciiLowercase, isAttributeOctet, isTokenChar } from './octets.js';
import { type CookiePrefix, cookiePrefix, prefixRequirements } from './prefix.js';
import { isPublicSuffix, registrableDomainOf } from './public-suffix.js';
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
type Report = (
  severity: ProblemSeverity,
  code: string,
  field: string,
  value: unknown,
  message: string,
  fix: string,
) => void;

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

/** The path a browser would request for `path` (appended, not resolved: "//x" is no host). */
function requestPathOf(path: string): string | undefined {
  try {
    return new URL(`http://host.invalid${path}`).pathname;
  } catch {
    return undefined;
  }
}

function checkPath(path: unknown, report: Report): string {
  if (path === undefined) return '/';
  if (typeof path !== 'string' || path.charCodeAt(0) !== 0x2f) {
    report(
      'error',
      'cookie/path-invalid',
      'path',
      path,
      'a Path that does not start with "/" is replaced by the directory of the request that sets the cookie (RFC 6265bis §5.6.4), so the cookie would depend on which URL happened to set it.',
      "write an absolute path such as `path: '/'` or `path: '/auth/refresh'`.",
    );
    return '/';
  }
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    // av-octet (§4.1.1) minus non-ASCII, which the normalisation below encodes exactly.
    if (code >= 0x80 || isAttributeOctet(code)) continue;
    report(
      'error',
      'cookie/path-invalid',
      'path',
      path,
      `character ${JSON.stringify(path[i])} at index ${i} cannot be in a Path: ";" would end the attribute and a control character makes user agents drop the whole cookie (RFC 6265bis §4.1.1 av-octet, §5.6 step 1).`,
      'remove it, or percent-encode it as it appears in request URLs.',
    );
    return '/';
  }
  // Cookie paths are compared with request paths (§5.1.4), which browsers send
  // normalised: dot segments resolved, spaces, quotes, braces and backquotes
  // percent-encoded, "?" and "#" never present. A Path that differs from its normalised
  // form never matches a request. (Trailing SP would also be trimmed by §5.6 step 5.)
  const normalised = requestPathOf(path);
  if (normalised !== path) {
    report(
      'error',
      'cookie/path-invalid',
      'path',
      path,
      `browsers request this path as \`${normalised ?? '(not a URL path)'}\` (normalised and percent-encoded), so a cookie with Path \`${path}\` would never be sent (RFC 6265bis §5.1.4 path-match).`,
      normalised === undefined ? 'write a URL path.' : `write \`path: '${normalised}'\`.`,
    );
    return '/';
  }
  if (path.length > MAX_ATTRIBUTE_VALUE_OCTETS) {
    report(
      'error',
      'cookie/path-too-long',
      'path',
      `${path.slice(0, 32)}…`,
      `the Path is ${path.length} octets; user agents ignore an attribute over ${MAX_ATTRIBUTE_VALUE_OCTETS} octets (RFC 6265bis §5.6), and the cookie would get the default path instead.`,
      'use a shorter path.',
    );
  }
  return path;
}

function checkDomain(domain: unknown, apiHost: string | undefined, report: Report) {
  if (domain === undefined) return undefined;
  if (typeof domain !== 'string' || domain.length === 0 || domain === '.') {
    report(
      'error',
      'cookie/domain-invalid',
      'domain',
      domain,
      'an empty Domain is read as host-only by RFC 6265bis but ignored by RFC 6265 user agents: its meaning depends on the browser.',
      'omit `domain` for a host-only cookie.',
    );
    return undefined;
  }
  let name = domain;
  if (name.startsWith('.')) {
    report(
      'warning',
      'cookie/domain-leading-dot',
      'domain',
      domain,
      'the leading "." is a legacy spelling; user agents drop it (RFC 6265bis §5.6.3) and the cookie covers the subdomains either way.',
      `write \`domain: '${name.slice(1)}'\`.`,
    );
    name = name.slice(1);
  }
  const canonical = canonicalHost(name);
  const lower = asciiLowercase(name);
  if (
    name.endsWith('.') ||
    canonical === undefined ||
    (canonical !== lower && !isIpHost(canonical))
  ) {
    const aLabel = canonical !== undefined && isHostName(canonical) ? canonical : undefined;
    report(
      'error',
      'cookie/domain-invalid',
      'domain',
      domain,
      name.endsWith('.')
        ? 'a trailing "." makes user agents ignore the Domain attribute (RFC 6265bis §4.1.2.3).'
        : 'the Domain is not an ASCII host name; user agents ignore a cookie whose Domain holds non-ASCII (RFC 6265bis §5.7) and need A-labels (§5.1.2).',
      aLabel !== undefined
        ? `write the A-label: \`domain: '${aLabel}'\`.`
        : 'write a host name such as `example.com`, or omit `domain` for a host-only cookie.',
    );
    return undefined;
  }
  if (isIpHost(canonical)) {
    report(
      'error',
      'cookie/domain-ip',
      'domain',
      domain,
      'an IP address cannot be a cookie Domain: domain matching never widens an IP (RFC 6265bis §5.1.3), so browsers accept only the exact address and store a host-only cookie.',
      'omit `domain`: the cookie is host-only to the address anyway.',
    );
    return undefined;
  }
  if (isPublicSuffix(canonical)) {
    report(
      'error',
      'cookie/domain-public-suffix',
      'domain',
      domain,
      `\`${canonical}\` is a public suffix (Public Suffix List, private section included): browsers reject such a Domain, or make the cookie host-only when it equals the host (RFC 6265bis §5.7). Otherwise every site under it could read and overwrite the cookie.`,
      apiHost !== undefined && registrableDomainOf(apiHost) !== undefined
        ? `omit \`domain\` (host-only), or use a domain you control such as \`${registrableDomainOf(apiHost)}\`.`
        : 'omit `domain` for a host-only cookie.',
    );
    return undefined;
  }
  if (apiHost !== undefined && !domainMatches(apiHost, canonical)) {
    const registrable = isIpHost(apiHost) ? undefined : registrableDomainOf(apiHost);
    report(
      'error',
      'cookie/domain-mismatch',
      'domain',
      domain,
      `the API host \`${apiHost}\` is not \`${canonical}\` nor under it, so browsers reject the cookie: a response may only set cookies for its own host and its parent domains (RFC 6265bis §5.7, domain-match §5.1.3).`,
      registrable !== undefined && registrable !== apiHost
        ? `omit \`domain\` (host-only to \`${apiHost}\`), or use a parent of it such as \`${registrable}\`.`
        : `omit \`domain\` (host-only to \`${apiHost}\`).`,
    );
    return undefined;
  }
  return canonical;
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

/** A problem found in one value, reused for per-response overrides. */
export interface ValueProblem {
  readonly code: string;
  readonly message: string;
  readonly fix: string;
  readonly severity: ProblemSeverity;
}

/** Max-Age must be a whole number of seconds in 1 … 400 days (RFC 6265bis §4.1.2.2, §5.5). */
export function maxAgeProblem(maxAge: unknown): ValueProblem | undefined {
  if (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge <= 0) {
    return {
      code: 'cookie/max-age-invalid',
      message:
        'Max-Age must be a positive whole number of seconds; 0 or less deletes the cookie as soon as it is set (RFC 6265bis §5.6.2).',
      fix: 'write seconds, e.g. `maxAge: 900` for 15 minutes; to delete the cookie call `clear()`.',
      severity: 'error',
    };
  }
  if (maxAge > MAX_AGE_SECONDS) {
    return {
      code: 'cookie/max-age-too-long',
      message: `Max-Age is ${maxAge} s (${(maxAge / 86400).toFixed(1)} days); user agents cut cookie lifetimes to 400 days (RFC 6265bis §5.5, §5.6.2), so the configured lifetime would silently not hold.`,
      fix: `use at most \`maxAge: ${MAX_AGE_SECONDS}\` (400 days), and renew the cookie while the session is used.`,
      severity: 'error',
    };
  }
  return undefined;
}

/** Expires must be a valid date no later than now + 400 days (RFC 6265bis §5.5, §5.6.1). */
export function expiresProblem(expires: unknown, now: Date | undefined): ValueProblem | undefined {
  if (!(expires instanceof Date) || Number.isNaN(expires.getTime())) {
    return {
      code: 'cookie/expires-invalid',
      message: '`expires` must be a valid Date.',
      fix: 'pass a Date, or prefer `maxAge` in seconds, which does not depend on clocks.',
      severity: 'error',
    };
  }
  const nowMs = now?.getTime() ?? Date.now();
  if (expires.getTime() > nowMs + MAX_AGE_SECONDS * 1000) {
    return {
      code: 'cookie/expires-too-far',
      message: `${expires.toISOString()} is more than 400 days away; user agents cut it to 400 days (RFC 6265bis §5.5, §5.6.1).`,
      fix: 'use a date within 400 days, or `maxAge` of at most 34560000 seconds.',
      severity: 'error',
    };
  }
  if (expires.getTime() <= nowMs) {
    return {
      code: 'cookie/expires-in-past',
      message: `${expires.toISOString()} has passed: every Set-Cookie would delete the cookie instead of setting it.`,
      fix: 'use `maxAge` in seconds for a lifetime, and `clear()` to delete.',
      severity: 'warning',
    };
  }
  return undefined;
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
