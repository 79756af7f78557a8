/**
 * CORS preflights: when one is needed (Fetch §4.1 main fetch step 12), what it asks
 * (§4.8 CORS-preflight fetch steps 1-5), whether the answer lets the request through
 * (§4.8 step 7) and the preflight cache (§4.9) with each engine's `Max-Age` cap.
 */
import { corsCheck } from './cors-check.js';
import { getHeader, type HeaderList, parseTokenList, trimOws } from './headers.js';
import type { BrowserProfile } from './profiles.js';
import { CHROMIUM_PREFLIGHT_PREFIX, type ReasonCode, type ReasonParams } from './reasons.js';
import { isNonWildcardRequestHeader, isSafelistedMethod } from './safelist.js';

/** What the browser is about to send, as the preflight logic needs it. */
export interface PreflightQuery {
  /** Network partition (top-level site), request origin and URL: the cache key. */
  readonly key: string;
  readonly method: string;
  /** CORS-unsafe request-header names, sorted lower case (the ACRH list). */
  readonly unsafeHeaders: readonly string[];
  readonly credentialsInclude: boolean;
  /** The serialised request origin (`null` after a tainting redirect). */
  readonly origin: string;
}

/** Fetch §4.1 main fetch step 12: a non-safelisted method or any CORS-unsafe header. */
export function needsPreflight(query: PreflightQuery): boolean {
  return !isSafelistedMethod(query.method) || query.unsafeHeaders.length > 0;
}

/** A preflight cache entry (Fetch §4.9): one method or one header name. */
export interface PreflightCacheEntry {
  readonly key: string;
  readonly credentials: boolean;
  readonly kind: 'method' | 'header';
  /** The method (case-sensitive) or lower-case header name; `*` for the wildcard. */
  readonly value: string;
  /** Ms since the epoch. */
  readonly expires: number;
}

/** A preflight cache: entries, oldest first. */
export type PreflightCache = readonly PreflightCacheEntry[];

function entryMatches(
  entry: PreflightCacheEntry,
  query: PreflightQuery,
  now: number,
  kind: 'method' | 'header',
  value: string,
): boolean {
  if (entry.key !== query.key || entry.kind !== kind || entry.expires <= now) return false;
  // §4.9 "cache entry match": a credentialed entry also serves uncredentialed requests.
  if (query.credentialsInclude && !entry.credentials) return false;
  if (entry.value === value) return true;
  // `*` never covers credentialed requests nor, for headers, Authorization.
  return (
    entry.value === '*' &&
    !query.credentialsInclude &&
    !(kind === 'header' && isNonWildcardRequestHeader(value))
  );
}

/** §4.1 step 12: the cache holds a match for the method and every unsafe header name. */
export function cacheCovers(
  cache: PreflightCache,
  query: PreflightQuery,
  now: number,
  forced = false,
): boolean {
  // A safelisted method needs no entry, unless the engine preflights it anyway (`forced`).
  const methodOk =
    (isSafelistedMethod(query.method) && !forced) ||
    cache.some((e) => entryMatches(e, query, now, 'method', query.method));
  return (
    methodOk &&
    query.unsafeHeaders.every((name) =>
      cache.some((e) => entryMatches(e, query, now, 'header', name)),
    )
  );
}

/** One problem found in a preflight answer. */
export interface PreflightProblem {
  readonly code: ReasonCode;
  readonly params: ReasonParams;
}

/** The outcome of {@link checkPreflight}. */
export interface PreflightCheck {
  /** Errors, in the order the engine meets them; empty when the preflight passes. */
  readonly problems: readonly PreflightProblem[];
  /** Warnings and notes (e.g. `*` covering Authorization). */
  readonly notes: readonly PreflightProblem[];
  /** Entries to add to the cache when it passes. */
  readonly entries: readonly PreflightCacheEntry[];
}

/**
 * `Access-Control-Max-Age` in seconds (§4.8 step 7.7): missing or not a number of
 * seconds means 5; then the engine's cap applies. A negative integer, which Fetch reads as
 * a parse failure (so 5), caches nothing in all three engines: they parse a signed
 * integer and the entry is born expired (observed by the conformance suite in Chromium
 * 156, Firefox ESR 153 and WebKitGTK 2.50).
 */
export function maxAgeSeconds(headers: HeaderList, profile: BrowserProfile): number {
  const raw = getHeader(headers, 'access-control-max-age');
  const value = raw === undefined ? '' : trimOws(raw);
  if (/^-\d+$/.test(value)) return 0;
  const seconds = /^\d+$/.test(value) ? Number(value) : 5;
  return Math.min(seconds, profile.maxAgeCap);
}

/**
 * Checks a preflight answer (Fetch §4.8 step 7) as `profile` does. Chromium runs the
 * access check before the status check; Gecko and WebKit the status first
 * (`nsCORSListenerProxy.cpp`, `CrossOriginAccessControl.cpp validatePreflightResponse`).
 */
export function checkPreflight(
  status: number,
  headers: HeaderList,
  query: PreflightQuery,
  profile: BrowserProfile,
  now: number,
): PreflightCheck {
  const problems: PreflightProblem[] = [];
  const notes: PreflightProblem[] = [];
  const base = { status, method: query.method };
  // Chromium words access, status and redirect failures of a preflight with a prefix
  // (cors_error_string.cc IsPreflightError); method and header failures without.
  const prefixed = {
    ...base,
    preflightPrefix: profile.engine === 'chromium' ? CHROMIUM_PREFLIGHT_PREFIX : '',
  };

  if (status >= 300 && status < 400) {
    return {
      problems: [{ code: 'CORSPreflightDisallowedRedirect', params: prefixed }],
      notes,
      entries: [],
    };
  }
  const access = corsCheck(headers, query.origin, query.credentialsInclude);
  const accessProblem =
    access === undefined
      ? undefined
      : { code: access.code, params: { ...prefixed, value: access.value } };
  const statusProblem =
    status >= 200 && status <= 299
      ? undefined
      : { code: 'CORSPreflightDidNotSucceed' as const, params: prefixed };
  const ordered =
    profile.engine === 'chromium' ? [accessProblem, statusProblem] : [statusProblem, accessProblem];
  for (const problem of ordered) if (problem !== undefined) problems.push(problem);
  if (problems.length > 0) return { problems, notes, entries: [] };

  // Steps 7.3-7.4: the lists must parse.
  const methodList = parseTokenList(getHeader(headers, 'access-control-allow-methods'));
  const headerList = parseTokenList(getHeader(headers, 'access-control-allow-headers'));
  if ('invalid' in methodList)
    problems.push({
      code: 'CORSInvalidAllowMethod',
      params: { ...base, value: methodList.invalid },
    });
  if ('invalid' in headerList)
    problems.push({
      code: 'CORSInvalidAllowHeader',
      params: { ...base, value: headerList.invalid },
    });
  if (!('items' in methodList) || !('items' in headerList)) return { problems, notes, entries: [] };
  const methods = methodList.items;
  const allowedHeaders = headerList.items.map((h) => h.toLowerCase());
  const wildcard = !query.credentialsInclude;

  // Step 7.5: the method, case-sensitive (Chromium also tries it upper-cased).
  const upper = query.method.toUpperCase();
  const exact = methods.includes(query.method);
  const viaUpper = !exact && upper !== query.method && methods.includes(upper);
  const methodOk =
    isSafelistedMethod(query.method) ||
    exact ||
    (viaUpper && profile.upperCaseMethodMatch) ||
    (wildcard && methods.includes('*'));
  if (!methodOk) problems.push({ code: 'CORSMethodNotFound', params: base });
  if (viaUpper) notes.push({ code: 'MethodUpperCasedForMatch', params: base });

  // Steps 7.6-7.7: Authorization must be listed by name (Fetch); browsers let `*` cover
  // it for uncredentialed requests (whatwg/fetch#1919).
  for (const name of query.unsafeHeaders) {
    if (allowedHeaders.includes(name)) continue;
    const coveredByStar = wildcard && allowedHeaders.includes('*');
    if (isNonWildcardRequestHeader(name) && coveredByStar && profile.wildcardCoversAuthorization) {
      notes.push({ code: 'CORSAllowHeaderFromPreflightDeprecation', params: base });
      continue;
    }
    if (coveredByStar && !isNonWildcardRequestHeader(name)) continue;
    problems.push({
      code: 'CORSMissingAllowHeaderFromPreflight',
      params: { ...base, header: name },
    });
  }
  if (problems.length > 0) return { problems, notes, entries: [] };

  // Steps 7.8-7.10: cache every listed method and header name.
  const expires = now + maxAgeSeconds(headers, profile) * 1000;
  const entry = (kind: 'method' | 'header', value: string): PreflightCacheEntry => ({
    key: query.key,
    credentials: query.credentialsInclude,
    kind,
    value,
    expires,
  });
  const cachedMethods = methods.includes(query.method) ? methods : [...methods, query.method];
  return {
    problems,
    notes,
    entries: [
      ...cachedMethods.map((m) => entry('method', m)),
      ...allowedHeaders.map((h) => entry('header', h)),
      ...query.unsafeHeaders
        .filter((h) => !allowedHeaders.includes(h))
        .map((h) => entry('header', h)),
    ],
  };
}

/** Adds `entries`, replacing older entries for the same key, kind and value (§4.9). */
export function addToCache(
  cache: PreflightCache,
  entries: readonly PreflightCacheEntry[],
): PreflightCache {
  const replaced = (old: PreflightCacheEntry) =>
    entries.some(
      (e) =>
        e.key === old.key &&
        e.kind === old.kind &&
        e.value === old.value &&
        e.credentials === old.credentials,
    );
  return [...cache.filter((old) => !replaced(old)), ...entries];
}
