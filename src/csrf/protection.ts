/**
 * CSRF defence for cookie-authenticated requests, the way Go 1.25's
 * `http.CrossOriginProtection` (net/http/csrf.go) and OWASP's Fetch Metadata policy
 * (CSRF Prevention Cheat Sheet, "Fetch Metadata headers") do it: no tokens, the browser's
 * own account of where a request comes from.
 *
 * A cookie attached to a cross-origin request can be attached to a forged one: any page
 * can submit a form or `fetch(..., {credentials: 'include'})` to the API, and the browser
 * adds the cookie (SameSite=None cookies from any site; Lax ones from sibling subdomains).
 * CORS does not stop the request from reaching the server, only the page from reading the
 * answer. So state-changing requests are judged by:
 * 1. `Sec-Fetch-Site` (Fetch Metadata), set by the browser, never by the page (a
 *    forbidden `Sec-` header, Fetch §2.2.2): `same-origin` and `none` (a user typing the
 *    URL) pass; `same-site` and `cross-site` pass only from a trusted `Origin`.
 * 2. Without it (browsers before 2023, and plain-http non-loopback APIs: browsers send
 *    Fetch Metadata to potentially trustworthy URLs only), the `Origin` header: the
 *    request's own origin passes, otherwise a trusted one.
 * 3. Neither header: not a browser (browsers send `Origin` on every non-GET/HEAD
 *    request, Fetch §3.1), hence no ambient cookie to abuse: pass.
 */

import { parseOrigin } from '../cors/index.js';
import { ConfigError } from '../internal/problems.js';
import { CSRF_REJECTION } from './codes.js';
import { buildRejections } from './rejections.js';
import type {
  CsrfCheckOptions,
  CsrfConfig,
  CsrfProtection,
  CsrfRequest,
  CsrfResult,
} from './types.js';
import { validateCsrfConfig } from './validate-config.js';

const PASS: CsrfResult = Object.freeze({ ok: true });

/**
 * Safe methods (RFC 9110 §9.2.1) never change state, so they are never checked; the
 * application must keep them free of side effects. Method names are case-sensitive
 * (RFC 9110 §9.1): `get` is not `GET` and is checked.
 */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

/** Whether two origin strings name the same origin, after normalisation. */
function sameOrigin(origin: string, requestOrigin: string): boolean {
  if (origin === requestOrigin) return true;
  const a = parseOrigin(origin);
  const b = parseOrigin(requestOrigin);
  return a !== undefined && b !== undefined && a.origin === b.origin;
}

/**
 * Builds the CSRF defence. Throws a `ConfigError` naming every problem of `config`;
 * `check` never throws.
 */
export function createCsrfProtection(config: CsrfConfig): CsrfProtection {
  const { config: valid, problems } = validateCsrfConfig(config);
  if (valid === undefined) throw new ConfigError('CSRF defence', problems);
  const { isTrustedOrigin, customHeader } = valid;
  const reject = buildRejections(customHeader);

  const trusted = (origin: string): boolean => {
    try {
      return isTrustedOrigin(origin) === true;
    } catch {
      return false;
    }
  };

  // A request from another origin whose Origin is trusted: it still needs the custom
  // header when one is required, since only a preflighted request can carry it.
  const trustedCrossOrigin = (request: CsrfRequest): CsrfResult =>
    customHeader === undefined || request.header(customHeader) !== undefined
      ? PASS
      : reject[CSRF_REJECTION.missingCustomHeader];

  const check = (request: CsrfRequest, options?: CsrfCheckOptions): CsrfResult => {
    if (options?.auth === 'header' || isSafeMethod(request.method)) return PASS;
    const site = request.header('sec-fetch-site');
    const origin = request.header('origin');
    if (site !== undefined) {
      if (site === 'same-origin' || site === 'none') return PASS;
      if (origin === undefined) return reject[CSRF_REJECTION.originMissing];
      if (origin === 'null') return reject[CSRF_REJECTION.originNull];
      if (trusted(origin)) return trustedCrossOrigin(request);
      if (site === 'cross-site') return reject[CSRF_REJECTION.crossSiteUntrustedOrigin];
      if (site === 'same-site') return reject[CSRF_REJECTION.sameSiteUntrustedOrigin];
      return reject[CSRF_REJECTION.secFetchSiteInvalid];
    }
    if (origin === undefined) return PASS;
    if (origin === 'null') return reject[CSRF_REJECTION.originNull];
    const self = request.requestOrigin;
    if (self !== undefined && sameOrigin(origin, self)) return PASS;
    if (trusted(origin)) return trustedCrossOrigin(request);
    return reject[CSRF_REJECTION.originMismatch];
  };

  return Object.freeze({ check, customHeader });
}
