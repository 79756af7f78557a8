/**
 * The requests a browser puts on the wire for one step, from the model's verdict: the
 * CORS preflight (Fetch §4.8 "CORS-preflight fetch") and the request itself with the
 * headers the browser adds (Fetch §3.1 `Origin`, Fetch Metadata `Sec-Fetch-*`, the
 * `Cookie` header of the simulated jar).
 */
import type { StepVerdict } from '../../browser/index.js';
import { isForbiddenRequestHeader } from '../../browser/safelist.js';
import { isSameSite } from '../../browser/site.js';
import type { NetRequest } from '../net/index.js';
import type { LiveStep } from './plan.js';

/**
 * Fetch Metadata §2.1 `Sec-Fetch-Site`: relation of the request's origin (the page) to
 * its URL. Schemeful, as the spec's "same site" is.
 */
export function secFetchSite(page: URL, target: URL): string {
  if (page.origin === target.origin) return 'same-origin';
  return isSameSite(page, target, true) ? 'same-site' : 'cross-site';
}

function fetchMetadata(page: URL, target: URL, mode: string): [string, string][] {
  if (mode === 'navigate') {
    return [
      ['sec-fetch-site', secFetchSite(page, target)],
      ['sec-fetch-mode', 'navigate'],
      ['sec-fetch-dest', 'document'],
    ];
  }
  return [
    ['sec-fetch-site', secFetchSite(page, target)],
    ['sec-fetch-mode', mode],
    ['sec-fetch-dest', 'empty'],
  ];
}

/** What a CORS preflight asks (Fetch §4.8 steps 1-5). */
export interface PreflightAsk {
  /** The `Origin` it carries (`null` after a tainting redirect). */
  readonly origin: string;
  readonly method: string;
  /** CORS-unsafe request-header names, lower case, sorted. */
  readonly headers: readonly string[];
}

/** The preflight the browser sends to `url`. */
export function preflightRequest(page: URL, url: string, ask: PreflightAsk): NetRequest {
  const headers: [string, string][] = [
    ['accept', '*/*'],
    ['origin', ask.origin],
    ['access-control-request-method', ask.method],
  ];
  if (ask.headers.length > 0)
    headers.push(['access-control-request-headers', ask.headers.join(',')]);
  headers.push(...fetchMetadata(page, new URL(url), 'cors'));
  return { url, method: 'OPTIONS', headers };
}

/**
 * The request itself, as sent to `url` (the step's URL or a redirect hop's): the page's
 * headers, `Origin` when the browser sends one (every CORS request, and any non-GET/HEAD
 * request: Fetch §3.1 "append a request Origin header"), `Sec-Fetch-*`, and the Cookie
 * header the model says the jar attaches.
 */
export function actualRequest(
  page: URL,
  step: LiveStep,
  url: string,
  method: string,
  verdict: StepVerdict,
): NetRequest {
  const target = new URL(url);
  const mode = step.mode ?? 'cors';
  const headers: [string, string][] = [];
  const own = step.headers ?? [];
  if (!own.some(([n]) => n.toLowerCase() === 'accept')) headers.push(['accept', '*/*']);
  // Fetch §2.2.2: a script cannot set Cookie, Origin, Sec-*, Host...; the browser drops
  // them (the model says so: ForbiddenRequestHeader) and sets its own.
  for (const [name, value] of own)
    if (!isForbiddenRequestHeader(name.toLowerCase())) headers.push([name.toLowerCase(), value]);
  const sendsOrigin =
    verdict.origin !== undefined || (method !== 'GET' && method !== 'HEAD' && mode !== 'navigate');
  if (sendsOrigin) headers.push(['origin', verdict.origin ?? page.origin]);
  headers.push(...fetchMetadata(page, target, mode));
  if (verdict.cookieHeader !== undefined && verdict.cookieHeader !== '')
    headers.push(['cookie', verdict.cookieHeader]);
  // A body goes with the method the browser keeps (a 303 turns it into a GET without one).
  const body = method === 'GET' || method === 'HEAD' ? undefined : step.body;
  return { url, method, headers, ...(body === undefined ? {} : { body }) };
}
