/**
 * Preflights in a recording: which entries are preflights (Fetch §4.8 CORS-preflight
 * fetch: `OPTIONS` with `Access-Control-Request-Method`), which request each belongs to,
 * whether a request needed one (Fetch §4.1 main fetch step 12), and the grant modelled
 * when the recording lacks one the browser evidently passed.
 */
import type { CredentialsMode, ModelResponse } from '../../browser/index.js';
import { corsUnsafeHeaderNames, isSafelistedMethod } from '../../browser/safelist.js';
import { recordedHeader } from './request-headers.js';
import type { RecordedEntry } from './types.js';

/** Whether `entry` is a CORS preflight (by resource type, or OPTIONS asking for a method). */
export function isPreflight(entry: RecordedEntry): boolean {
  if (entry.resourceType === 'preflight') return true;
  return (
    entry.method === 'OPTIONS' &&
    recordedHeader(entry.requestHeaders, 'access-control-request-method') !== undefined
  );
}

/** The recorded preflight of `hop`: same URL and method asked, started by the request's start (+1 s). */
export function takePreflight(
  preflights: RecordedEntry[],
  hop: RecordedEntry,
): RecordedEntry | undefined {
  const position = preflights.findIndex(
    (p) =>
      p.url === hop.url &&
      recordedHeader(p.requestHeaders, 'access-control-request-method') === hop.method &&
      (p.startedMs === undefined ||
        hop.startedMs === undefined ||
        p.startedMs <= hop.startedMs + 1000),
  );
  if (position < 0) return undefined;
  return preflights.splice(position, 1)[0];
}

/**
 * A preflight the recording lacks although the browser sent the request after it (Chrome
 * served it from its preflight cache, or the recorder omits preflights, as Playwright's
 * HAR does): it passed in that browser, so it is modelled as the grant the request needed,
 * with the answer's own `Access-Control-Allow-Origin` and `-Credentials`.
 */
export function inferredPreflight(
  hop: RecordedEntry,
  headers: readonly (readonly [string, string])[],
  credentials: CredentialsMode,
): ModelResponse {
  const origin =
    recordedHeader(hop.responseHeaders, 'access-control-allow-origin') ??
    recordedHeader(hop.requestHeaders, 'origin') ??
    '*';
  const grant: [string, string][] = [
    ['access-control-allow-origin', origin],
    ['access-control-allow-methods', hop.method],
  ];
  const unsafe = corsUnsafeHeaderNames(headers);
  if (unsafe.length > 0) grant.push(['access-control-allow-headers', unsafe.join(', ')]);
  const allowCredentials = recordedHeader(hop.responseHeaders, 'access-control-allow-credentials');
  if (allowCredentials !== undefined)
    grant.push(['access-control-allow-credentials', allowCredentials]);
  else if (credentials === 'include') grant.push(['access-control-allow-credentials', 'true']);
  return { status: 204, headers: grant };
}

/** Whether the request needs a preflight (Fetch §4.1 main fetch step 12). */
export function needsPreflight(method: string, headers: readonly (readonly [string, string])[]) {
  // Fetch §4.1 main fetch step 12 (upload listeners aside, which a recording does not show).
  return !isSafelistedMethod(method) || corsUnsafeHeaderNames(headers).length > 0;
}
