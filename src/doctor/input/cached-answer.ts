/**
 * The answer a browser's HTTP cache replayed, found in the recording. A cross-origin GET
 * that failed with nothing recorded may have been served from the cache, which is how a
 * cacheable answer without `Vary: Origin` breaks the page: the browser reuses the answer
 * it stored for another request (a tab that opened the URL, no `Origin`, no ACAO) and the
 * CORS check fails (RFC 9111 §4 reuse, §4.1 Vary). Chromium records such a request as
 * failed with no headers, neither from the network nor from the cache.
 */
import { recordedHeader } from './request-headers.js';
import type { RecordedEntry } from './types.js';

/** Freshness lifetime in seconds (RFC 9111 §4.2.1), or undefined when not storable/fresh. */
function freshFor(entry: RecordedEntry): number | undefined {
  const control = (recordedHeader(entry.responseHeaders, 'cache-control') ?? '').toLowerCase();
  // §5.2.2.5 no-store, §5.2.2.4 no-cache: never reused without going back to the server.
  if (/(^|[\s,])(no-store|no-cache)\b/.test(control)) return undefined;
  const maxAge = /(?:^|[\s,])(?:s-maxage|max-age)\s*=\s*"?(\d+)/.exec(control)?.[1];
  if (maxAge !== undefined) return Number(maxAge) > 0 ? Number(maxAge) : undefined;
  const expires = Date.parse(recordedHeader(entry.responseHeaders, 'expires') ?? '');
  const date = Date.parse(recordedHeader(entry.responseHeaders, 'date') ?? '');
  if (Number.isNaN(expires) || Number.isNaN(date) || expires <= date) return undefined;
  return (expires - date) / 1000;
}

/** Whether `Vary` names `Origin` (or `*`): then another Origin's request never matches. */
function variesOnOrigin(entry: RecordedEntry): boolean {
  const vary = recordedHeader(entry.responseHeaders, 'vary') ?? '';
  return vary
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .some((v) => v === 'origin' || v === '*');
}

/**
 * The latest earlier answer to the same URL that was still fresh when `request` started
 * and does not vary on `Origin`: what the HTTP cache would hand back for it.
 */
export function cachedAnswerFor(
  request: RecordedEntry,
  earlier: readonly RecordedEntry[],
): RecordedEntry | undefined {
  if (request.method !== 'GET' || request.startedMs === undefined) return undefined;
  const start = request.startedMs;
  let found: RecordedEntry | undefined;
  for (const entry of earlier) {
    if (entry === request || entry.url !== request.url || entry.method !== 'GET') continue;
    if (entry.status < 200 || entry.status > 299 || entry.startedMs === undefined) continue;
    if (entry.startedMs > start || variesOnOrigin(entry)) continue;
    const lifetime = freshFor(entry);
    if (lifetime === undefined || (start - entry.startedMs) / 1000 >= lifetime) continue;
    found = entry;
  }
  return found;
}
