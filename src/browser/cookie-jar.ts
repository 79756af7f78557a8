/**
 * A browser's cookie jar and the storage model of RFC 6265bis §5.7 ("Storage Model",
 * draft-22), with each profile's deviations (third-party policy, CHIPS partitions,
 * SameSite defaults, the localhost exception). Immutable: storing returns a new jar, so
 * a profile's run is a fold over its steps.
 */
import { domainMatches, isIpHost } from '../cookies/domain-match.js';
import { MAX_ATTRIBUTE_VALUE_OCTETS, MAX_NAME_VALUE_OCTETS } from '../cookies/limits.js';
import { isForbiddenControl } from '../cookies/octets.js';
import { parseSetCookie } from '../cookies/parse-set-cookie.js';
import { cookiePrefix, prefixRequirements } from '../cookies/prefix.js';
import { isPublicSuffix } from '../cookies/public-suffix.js';
import type { SameSite } from '../cookies/types.js';
import type { BrowserProfile } from './profiles.js';
import { type ReasonCode, reasonFor } from './reasons.js';
import { hostOf, isSameSite, isSecureForCookies, libsoupThirdParty, siteKey } from './site.js';
import type { Reason, SetCookieOutcome } from './types.js';

/** A cookie in the jar (RFC 6265bis §5.7 cookie fields, plus the CHIPS partition key). */
export interface StoredCookie {
  readonly name: string;
  readonly value: string;
  /** The host (host-only) or the Domain attribute, lower case. */
  readonly domain: string;
  readonly hostOnly: boolean;
  readonly path: string;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  /** As set; `Default` when absent or invalid (the profile decides what that means). */
  readonly sameSite: SameSite | 'Default';
  /** The top-level site the cookie is keyed by, e.g. `https://example.com`. */
  readonly partitionKey?: string;
  /** Expiry in ms since the epoch; absent for a session cookie. */
  readonly expiry?: number;
  /** Creation time in ms (kept when a cookie is replaced, §5.7 step 24). */
  readonly creation: number;
  /** Insertion counter: orders cookies created in the same millisecond. */
  readonly order: number;
}

/** A cookie jar: its cookies and the next insertion counter. */
export interface CookieJar {
  readonly cookies: readonly StoredCookie[];
  readonly counter: number;
}

/** A jar with no cookies. */
export const EMPTY_JAR: CookieJar = Object.freeze({ cookies: [], counter: 0 });

/** The request whose response carries `Set-Cookie`, as the jar needs it. */
export interface CookieContext {
  /** The URL of the response. */
  readonly url: URL;
  /** The top-level document (site for cookies, partition key). */
  readonly topLevel: URL;
  /** Same-site with the site for cookies, redirects taken into account by the caller. */
  readonly sameSite: boolean;
  /** A top-level navigation (a link or form to this URL). */
  readonly navigation: boolean;
  /** Ms since the epoch. */
  readonly now: number;
}

/** RFC 6265bis §5.1.4 default-path: the request path up to, not including, its last `/`. */
export function defaultPath(url: URL): string {
  const path = url.pathname;
  if (!path.startsWith('/')) return '/';
  const last = path.lastIndexOf('/');
  return last <= 0 ? '/' : path.slice(0, last);
}

/** RFC 6265bis §5.1.4 path-match. */
export function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}

/** What makes a cookie the same entry as another. */
interface CookieIdentity {
  readonly name: string;
  readonly domain: string;
  readonly hostOnly: boolean;
  readonly path: string;
  readonly partitionKey: string | undefined;
}

/** Whether two cookies are the same entry (§5.7 step 24, plus the partition key). */
function sameEntry(a: CookieIdentity, b: StoredCookie): boolean {
  return (
    a.name === b.name &&
    a.domain === b.domain &&
    a.hostOnly === b.hostOnly &&
    a.path === b.path &&
    a.partitionKey === b.partitionKey
  );
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Why `parseSetCookie` ignored a line (RFC 6265bis §5.6 steps 1 and 5, §5.7 step 2). */
function unparsableReason(line: string): ReasonCode {
  // §5.6 step 1: CTLs other than HTAB.
  for (let i = 0; i < line.length; i++)
    if (isForbiddenControl(line.charCodeAt(i))) return 'ExcludeDisallowedCharacter';
  const pairEnd = line.indexOf(';');
  const pair = pairEnd === -1 ? line : line.slice(0, pairEnd);
  return utf8Length(pair.replace(/[\t ]/g, '')) > MAX_NAME_VALUE_OCTETS
    ? 'ExcludeNameValuePairExceedsMaxSize'
    : 'ExcludeNoCookieContent';
}

/**
 * Parses a line whose name and value exceed 4096 bytes together, for an engine without
 * that limit (libsoup 3.2): the value is set aside, the rest parsed as usual.
 */
function parseWithoutSizeLimit(line: string, now: Date) {
  const pairEnd = line.indexOf(';') === -1 ? line.length : line.indexOf(';');
  const equals = line.indexOf('=');
  if (equals === -1 || equals > pairEnd) return undefined;
  const parsed = parseSetCookie(`${line.slice(0, equals)}=${line.slice(pairEnd)}`, { now });
  return parsed && { ...parsed, value: line.slice(equals + 1, pairEnd).trim() };
}

/** Names of attributes whose value the parser skipped for exceeding 1024 bytes. */
function oversizedAttributes(line: string): string[] {
  const names: string[] = [];
  for (const av of line.split(';').slice(1)) {
    const equals = av.indexOf('=');
    if (equals === -1) continue;
    if (utf8Length(av.slice(equals + 1).trim()) > MAX_ATTRIBUTE_VALUE_OCTETS)
      names.push(av.slice(0, equals).trim());
  }
  return names;
}

/** The name shown for a line: before the first `=` of its name-value pair. */
function lineName(line: string): string {
  const end = line.search(/[;=]/);
  return (end === -1 || line[end] === ';' ? '' : line.slice(0, end)).trim();
}

/** Result of {@link storeSetCookie}. */
export interface StoreResult {
  readonly jar: CookieJar;
  readonly outcome: SetCookieOutcome;
}

function rejected(
  jar: CookieJar,
  name: string,
  httpOnly: boolean,
  reasons: readonly Reason[],
): StoreResult {
  return {
    jar,
    outcome: { name, stored: false, partitioned: false, deleted: false, httpOnly, reasons },
  };
}

/**
 * The prefix the profile's engine enforces: none in libsoup (`cookiePrefixes` off); only
 * Chromium knows `__Http-` and `__Host-Http-` (Chrome 140); other engines read
 * `__Host-Http-` as `__Host-`.
 */
function enforcedPrefix(name: string, profile: BrowserProfile) {
  if (!profile.cookiePrefixes) return undefined;
  const prefix = cookiePrefix(name);
  if (profile.engine === 'chromium' || prefix === undefined) return prefix;
  if (prefix === '__Http-') return undefined;
  return prefix === '__Host-Http-' ? '__Host-' : prefix;
}

/**
 * Processes one `Set-Cookie` line received in `context` (RFC 6265bis §5.7), as
 * `profile` does. Returns the new jar and what happened, with reasons in the engine's
 * words. Never throws.
 */
export function storeSetCookie(
  jar: CookieJar,
  line: string,
  context: CookieContext,
  profile: BrowserProfile,
): StoreResult {
  const { engine } = profile;
  const url = context.url.href;
  const now = new Date(context.now);
  const parsed =
    parseSetCookie(line, { now }) ??
    (profile.nameValueLimit || unparsableReason(line) !== 'ExcludeNameValuePairExceedsMaxSize'
      ? undefined
      : parseWithoutSizeLimit(line, now));
  if (parsed === undefined) {
    const name = lineName(line);
    return rejected(jar, name, false, [reasonFor(unparsableReason(line), engine, { name, url })]);
  }
  const { name } = parsed;
  const params = { name, url, value: line, page: context.topLevel.origin };
  const reasons: Reason[] = oversizedAttributes(line).map((attr) =>
    reasonFor('WarnAttributeValueExceedsMaxSize', engine, { ...params, attr }),
  );
  const errors: Reason[] = [];
  const fail = (code: ReasonCode) => errors.push(reasonFor(code, engine, params));

  // §5.7 steps 7-10: Domain.
  const host = hostOf(context.url);
  let domain = host;
  let hostOnly = true;
  if (parsed.domain !== undefined && parsed.domain !== '') {
    const attribute = parsed.domain;
    if (/[^\x20-\x7e]/.test(attribute)) {
      fail('ExcludeDomainNonASCII');
    } else if (profile.domainNeedsDot && !attribute.slice(1).includes('.')) {
      // libsoup refuses the line (soup-cookie.c parse_one_cookie) where 6265bis step 9
      // would keep a host-only cookie for `Domain=<the host>`.
      fail('ExcludeInvalidDomain');
    } else if (isPublicSuffix(attribute) || isIpHost(host)) {
      // Step 9: a public suffix (or, Chromium cookie_util.cc, an IP address) is accepted
      // only when it is the host itself, and the cookie becomes host-only.
      if (attribute !== host) fail('ExcludeInvalidDomain');
    } else if (domainMatches(host, attribute)) {
      hostOnly = false;
      domain = attribute;
    } else {
      fail('ExcludeInvalidDomain');
    }
    if (errors.length > 0) return rejected(jar, name, parsed.httpOnly, [...reasons, ...errors]);
  }

  // §5.7 step 11: path; steps 12-13: Secure needs a secure connection.
  const path = parsed.path ?? defaultPath(context.url);
  const secureUrl = isSecureForCookies(context.url, profile);
  if (parsed.secure && !secureUrl) fail('ExcludeSecureOnly');

  // §5.7 step 16: an insecure response may not shadow a Secure cookie.
  if (!parsed.secure && !secureUrl) {
    const shadows = jar.cookies.some(
      (c) =>
        c.name === name &&
        c.secure &&
        (domainMatches(c.domain, domain) || domainMatches(domain, c.domain)) &&
        pathMatches(path, c.path),
    );
    if (shadows) fail('ExcludeOverwriteSecure');
  }

  // §5.7 steps 17-19: SameSite.
  const sameSite = parsed.sameSite ?? 'Default';
  const effective = sameSite === 'Default' ? profile.unsetSameSite : sameSite;
  if (profile.noneRequiresSecure && sameSite === 'None' && !parsed.secure)
    fail('ExcludeSameSiteNoneInsecure');
  if (profile.sameSiteOnSet && effective !== 'None' && !context.sameSite && !context.navigation) {
    if (sameSite === 'Default') fail('ExcludeSameSiteUnspecifiedTreatedAsLax');
    else fail(effective === 'Strict' ? 'ExcludeSameSiteStrict' : 'ExcludeSameSiteLax');
  }

  // §5.7 steps 20-23: prefixes, matched case-insensitively; a nameless cookie whose value
  // looks prefixed is refused too.
  const prefix = enforcedPrefix(name, profile);
  if (prefix !== undefined) {
    const need = prefixRequirements(prefix);
    const ok =
      parsed.secure &&
      (!need.hostOnlyRootPath || (hostOnly && parsed.path === '/')) &&
      (!need.httpOnly || parsed.httpOnly);
    if (!ok) fail('ExcludeInvalidPrefix');
  } else if (name === '' && enforcedPrefix(parsed.value, profile) !== undefined) {
    fail('ExcludeInvalidPrefix');
  }

  // CHIPS: Partitioned needs Secure; the key is the top-level site.
  let partitionKey: string | undefined;
  if (parsed.partitioned) {
    if (!profile.partitionedSupport) reasons.push(reasonFor('PartitionedIgnored', engine, params));
    else if (!parsed.secure) fail('ExcludeInvalidPartitioned');
    else partitionKey = siteKey(context.topLevel);
  }

  // §5.7 step 1 ("MAY ignore"): the third-party cookie policy.
  const thirdParty =
    profile.thirdPartyCheck === 'libsoup'
      ? libsoupThirdParty(domain, hostOf(context.topLevel))
      : !isSameSite(context.url, context.topLevel, profile.schemefulSameSite);
  if (thirdParty && partitionKey === undefined) {
    if (profile.thirdPartyCookies === 'block') fail('ExcludeThirdPartyPhaseout');
    else if (profile.thirdPartyCookies === 'partition') partitionKey = siteKey(context.topLevel);
  } else if (
    thirdParty &&
    profile.thirdPartyCookies === 'block' &&
    !profile.partitionedWhenBlocked
  ) {
    fail('ExcludeThirdPartyPhaseout');
  }

  if (errors.length > 0) return rejected(jar, name, parsed.httpOnly, [...reasons, ...errors]);
  if (partitionKey !== undefined && thirdParty)
    reasons.push(reasonFor('CookiePartitionedForeign', engine, params));

  // §5.7 step 6: expiry; Max-Age wins over Expires.
  let expiry: number | undefined;
  if (parsed.maxAge !== undefined) expiry = context.now + parsed.maxAge * 1000;
  else if (parsed.expires !== undefined) expiry = parsed.expires.getTime();

  const entry: CookieIdentity = { name, domain, hostOnly, path, partitionKey };
  const old = jar.cookies.find((c) => sameEntry(entry, c));
  const others = jar.cookies.filter((c) => c !== old);
  if (expiry !== undefined && expiry <= context.now) {
    reasons.push(reasonFor('CookieDeleted', engine, params));
    return {
      jar: { cookies: others, counter: jar.counter },
      outcome: {
        name,
        stored: false,
        partitioned: false,
        deleted: true,
        httpOnly: parsed.httpOnly,
        reasons,
      },
    };
  }
  const cookie: StoredCookie = {
    name,
    value: parsed.value,
    domain,
    hostOnly,
    path,
    secure: parsed.secure,
    httpOnly: parsed.httpOnly,
    sameSite,
    ...(partitionKey === undefined ? {} : { partitionKey }),
    ...(expiry === undefined ? {} : { expiry }),
    // §5.7 step 24: a replaced cookie keeps its creation time.
    creation: old?.creation ?? context.now,
    order: old?.order ?? jar.counter,
  };
  return {
    jar: { cookies: [...others, cookie], counter: jar.counter + 1 },
    outcome: {
      name,
      stored: true,
      partitioned: partitionKey !== undefined,
      deleted: false,
      httpOnly: parsed.httpOnly,
      reasons,
    },
  };
}
