/**
 * The browser's HTTP cache, as far as CORS cares: a fresh GET answer stored under the
 * top-level site and URL is replayed to a later GET whose `Vary` headers match, without
 * asking the server. An answer that depends on `Origin` but does not say `Vary: Origin`
 * can so reach a page it was not made for (the `no-vary` mistake).
 *
 * Rules: RFC 9111 §4 (reuse: same URL and method, `Vary`-nominated request headers equal,
 * fresh; `no-store` not stored, `no-cache` always revalidated), §4.2.1 (freshness from
 * `s-maxage` ignored by a private cache, then `max-age`, then `Expires` minus `Date`),
 * Fetch §2.4 (the cache is partitioned by the top-level site: Chromium's split cache,
 * Firefox's network partitioning, WebKit's partitioned cache). Engine behaviour on a
 * replay that would fail the CORS check, observed in `test/browsers/demo-mistakes.test.ts`:
 * Chromium 156 and Firefox ESR 153 replay it (the fetch fails, the request never reaches
 * the server); WebKitGTK 2.50 goes back to the network instead.
 */
import type { Engine } from '../../browser/index.js';
import { siteKey } from '../../browser/site.js';
import type { NetResponse } from '../net/index.js';

/** One stored answer. */
export interface CacheEntry {
  readonly partition: string;
  readonly url: string;
  /** Request header values named by the answer's `Vary` (lower-case names). */
  readonly varyValues: readonly (readonly [string, string | undefined])[];
  /** `Vary: *`: never reused (RFC 9111 §4.1). */
  readonly varyAll: boolean;
  readonly storedAt: number;
  readonly freshForMs: number;
  readonly response: NetResponse;
}

function header(lines: readonly (readonly [string, string])[], name: string): string | undefined {
  const values = lines.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
  return values.length === 0 ? undefined : values.join(', ');
}

function directives(value: string | undefined): Map<string, string | undefined> {
  const map = new Map<string, string | undefined>();
  for (const part of (value ?? '').split(',')) {
    const [name, arg] = part.split('=', 2).map((s) => s.trim());
    if (name) map.set(name.toLowerCase(), arg?.replace(/^"|"$/g, ''));
  }
  return map;
}

/** RFC 9111 §4.2.1 freshness lifetime in a private cache, in ms (0: not fresh). */
export function freshnessMs(response: NetResponse): number {
  const cc = directives(header(response.headers, 'cache-control'));
  if (cc.has('no-store') || cc.has('no-cache')) return 0;
  const maxAge = cc.get('max-age');
  if (maxAge !== undefined && /^\d+$/.test(maxAge)) return Number(maxAge) * 1000;
  const expires = header(response.headers, 'expires');
  if (expires !== undefined) {
    const date = Date.parse(header(response.headers, 'date') ?? '');
    const until = Date.parse(expires);
    if (!Number.isNaN(until) && !Number.isNaN(date)) return Math.max(0, until - date);
  }
  return 0;
}

/** The partition a request's answer is stored in: the top-level page's site. */
export function cachePartition(topLevelPage: string): string {
  return siteKey(new URL(topLevelPage));
}

/** Stores an answer to a GET, when it may be reused. */
export function storeInCache(
  cache: readonly CacheEntry[],
  partition: string,
  requestHeaders: readonly (readonly [string, string])[],
  response: NetResponse,
  now: number,
): CacheEntry[] {
  const freshForMs = freshnessMs(response);
  const rest = cache.filter((e) => !(e.partition === partition && e.url === response.url));
  // RFC 9111 §3: only final answers with a status understood as cacheable by default
  // or with explicit freshness; a plain 200 is what matters here.
  if (freshForMs <= 0 || response.status !== 200) return rest;
  const vary = (header(response.headers, 'vary') ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== '');
  return [
    ...rest,
    {
      partition,
      url: response.url,
      varyAll: vary.includes('*'),
      varyValues: vary.filter((v) => v !== '*').map((v) => [v, header(requestHeaders, v)]),
      storedAt: now,
      freshForMs,
      response,
    },
  ];
}

/**
 * The stored answer a browser of `engine` replays for a GET of `url` with these request
 * headers, or undefined when it asks the server. `corsMatches` says whether the stored
 * answer would pass the CORS check for this request (WebKit refetches when it would not).
 */
export function cachedAnswer(
  cache: readonly CacheEntry[],
  partition: string,
  url: string,
  requestHeaders: readonly (readonly [string, string])[],
  now: number,
  engine: Engine,
  corsMatches: (response: NetResponse) => boolean,
): CacheEntry | undefined {
  const entry = cache.find((e) => e.partition === partition && e.url === new URL(url).href);
  if (entry === undefined || entry.varyAll) return undefined;
  if (now - entry.storedAt >= entry.freshForMs) return undefined;
  if (!entry.varyValues.every(([name, value]) => header(requestHeaders, name) === value))
    return undefined;
  if (engine === 'webkit' && !corsMatches(entry.response)) return undefined;
  return entry;
}
