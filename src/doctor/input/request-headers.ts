/**
 * The request headers the page's script set, recovered from the headers the browser sent:
 * a recording shows the wire, where the browser has added its own fields.
 */
import { isForbiddenRequestHeader, isSafelistedRequestHeader } from '../../browser/safelist.js';
import type { RecordedHeaders } from './types.js';

// Added by the browser, not the page, and not forbidden (Fetch §2.2.2 lists only what a
// page may not set): sending them through the model would invent a preflight. Cache
// fields come with DevTools' "Disable cache" or a reload; the others with every request
// (Chromium's `x-client-data` and `priority`, RFC 9218).
const BROWSER_ADDED = new Set([
  'user-agent',
  'cache-control',
  'pragma',
  'priority',
  'upgrade-insecure-requests',
  'x-client-data',
]);

/** Lower-case name of a recorded header. */
const lower = ([name, value]: readonly [string, string]): [string, string] => [
  name.toLowerCase(),
  value,
];

/** The value of `name` (lower case) in `headers`, first occurrence. */
export function recordedHeader(headers: RecordedHeaders, name: string): string | undefined {
  return headers.find(([key]) => key.toLowerCase() === name)?.[1];
}

/**
 * The fields the page set: not forbidden (the browser sets those), not browser-added,
 * and, when the preflight's `Access-Control-Request-Headers` was recorded, either
 * CORS-safelisted or named there (the browser's own list of what the page added).
 */
export function pageSetHeaders(
  sent: RecordedHeaders,
  requestedInPreflight: readonly string[] | undefined,
): [string, string][] {
  return sent
    .map(lower)
    .filter(([name]) => !isForbiddenRequestHeader(name) && !BROWSER_ADDED.has(name))
    .filter(
      ([name, value]) =>
        requestedInPreflight === undefined ||
        isSafelistedRequestHeader(name, value) ||
        requestedInPreflight.includes(name),
    );
}

/** The names in `Access-Control-Request-Headers` (lower case), if the header is there. */
export function requestedHeaderNames(preflightRequest: RecordedHeaders): string[] | undefined {
  const value = recordedHeader(preflightRequest, 'access-control-request-headers');
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
}

/** Cookie names of a recorded `Cookie` header (values dropped), in order. */
export function cookieNames(headers: RecordedHeaders): string[] {
  const names: string[] = [];
  for (const [key, value] of headers) {
    if (key.toLowerCase() !== 'cookie') continue;
    for (const pair of value.split(';')) {
      const name = pair.split('=', 1)[0]?.trim() ?? '';
      if (pair.trim() !== '') names.push(name);
    }
  }
  return names;
}

/** Cookie names set by a response's `Set-Cookie` lines. */
export function setCookieNames(headers: RecordedHeaders): string[] {
  return headers
    .filter(([key]) => key.toLowerCase() === 'set-cookie')
    .map(([, value]) => {
      const pair = value.split(';', 1)[0] ?? '';
      return pair.includes('=') ? (pair.split('=', 1)[0] ?? '').trim() : '';
    });
}
