/**
 * Deciding one request against a policy state. Nothing here throws: header values are
 * only ever compared, scanned with bounds, or sliced; user callbacks are guarded.
 */

import { isToken } from './http-token.js';
import { lookUpOrigin, type OriginMatch } from './match-origin.js';
import { isSafelistedMethod, MAX_METHOD_LENGTH, normalizeMethod } from './methods.js';
import {
  allowedActual,
  allowedPreflight,
  freezeDecision,
  MAX_REMEMBERED_HEADER_LISTS,
  type OriginDecisions,
  type PolicyState,
  withAllowOrigin,
} from './policy-state.js';
import { completeRefusal, refusal } from './refusals.js';
import { checkRequestHeaders } from './request-headers.js';
import type { CorsDecision, CorsRefusal, CorsRequest, HeaderPair } from './types.js';
import { VARY_ACTUAL, VARY_PREFLIGHT } from './vary.js';

const NO_HEADERS: readonly HeaderPair[] = Object.freeze([]);

/** The decision for a request without `Origin`: run the app, still `Vary: Origin`. */
export const NOT_CORS: CorsDecision = Object.freeze({
  kind: 'not-cors',
  allowed: false,
  headers: NO_HEADERS,
  vary: VARY_ACTUAL,
});

// Adapters pass strings, but a JS caller could hand over anything; treat it as absent.
function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function callHook(state: PolicyState, why: CorsRefusal): void {
  const hook = state.onRefusal;
  if (hook === undefined) return;
  try {
    hook(why);
  } catch {
    // A logging hook must not turn into a failed request (documented on CorsConfig.onRefusal).
  }
}

/**
 * Passes `why` to the `onRefusal` hook, if any, and returns the refusal the decision
 * carries: the lazy one without a hook; with one, a complete record (the hook is there to
 * log, so the message will be read anyway), the same object the hook received.
 */
function report(state: PolicyState, why: CorsRefusal): CorsRefusal {
  if (state.onRefusal === undefined) return why;
  const complete = completeRefusal(why);
  callHook(state, complete);
  return complete;
}

function refusedActual(why: CorsRefusal): CorsDecision {
  return { kind: 'actual', allowed: false, headers: NO_HEADERS, vary: VARY_ACTUAL, refusal: why };
}

function refusedPreflight(why: CorsRefusal): CorsDecision {
  return {
    kind: 'preflight',
    allowed: false,
    status: 403,
    headers: NO_HEADERS,
    vary: VARY_PREFLIGHT,
    refusal: why,
  };
}

/**
 * The refusal of a remembered refused origin (outside debug mode for a preflight): built
 * and frozen on first use, then shared, and reported to the hook on every request.
 */
function rememberedRefusal(
  state: PolicyState,
  slot: OriginDecisions,
  origin: string,
  preflight: boolean,
): CorsDecision {
  let decision = preflight ? slot.preflight : slot.actual;
  if (decision === undefined) {
    const lazy = refusal('origin-not-allowed', origin, preflight);
    const why = Object.freeze(state.onRefusal === undefined ? lazy : completeRefusal(lazy));
    decision = freezeDecision(preflight ? refusedPreflight(why) : refusedActual(why));
    if (preflight) slot.preflight = decision;
    else slot.actual = decision;
  }
  if (decision.kind !== 'not-cors' && decision.refusal !== undefined) {
    callHook(state, decision.refusal);
  }
  return decision;
}

function originRefusal(
  match: Exclude<OriginMatch, 'exact' | 'dynamic'>,
  origin: string,
  preflight: boolean,
): CorsRefusal {
  return refusal(
    match === 'malformed' ? 'origin-malformed' : 'origin-not-allowed',
    origin,
    preflight,
  );
}

/** Decides one request. */
export function decide(state: PolicyState, debug: boolean, request: CorsRequest): CorsDecision {
  const origin = text(request.header('origin'));
  if (origin === undefined) return NOT_CORS;
  if (request.method === 'OPTIONS') {
    const method = text(request.header('access-control-request-method'));
    // Fetch "CORS-preflight fetch": a preflight is an OPTIONS carrying Origin and
    // Access-Control-Request-Method; any other OPTIONS is a request for the application.
    if (method !== undefined) return decidePreflight(state, debug, request, origin, method);
  }
  return decideActual(state, origin);
}

function decideActual(state: PolicyState, origin: string): CorsDecision {
  const any = state.anyOrigin;
  if (any !== undefined) return any.actual;
  const found = lookUpOrigin(state, origin);
  if (typeof found === 'object') {
    if (!found.allowed) return rememberedRefusal(state, found, origin, false);
    if (found.actual === undefined) found.actual = freezeDecision(allowedActual(state, origin));
    return found.actual;
  }
  if (found === 'dynamic') return allowedActual(state, origin);
  return refusedActual(report(state, originRefusal(found, origin, false)));
}

function decidePreflight(
  state: PolicyState,
  debug: boolean,
  request: CorsRequest,
  origin: string,
  requestedMethod: string,
): CorsDecision {
  const any = state.anyOrigin;
  const found = any === undefined ? lookUpOrigin(state, origin) : 'dynamic';
  if (typeof found === 'object' && !found.allowed) {
    return debug
      ? refusePreflight(state, debug, refusal('origin-not-allowed', origin, true), undefined)
      : rememberedRefusal(state, found, origin, true);
  }
  if (typeof found !== 'object' && found !== 'dynamic') {
    return refusePreflight(state, debug, originRefusal(found, origin, true), undefined);
  }
  const allowOrigin = any === undefined ? origin : '*';

  const methodRefusal = checkMethod(state, origin, requestedMethod);
  if (methodRefusal !== undefined) return refusePreflight(state, debug, methodRefusal, allowOrigin);

  const requestedHeaders = text(request.header('access-control-request-headers'));
  if (
    requestedHeaders !== undefined &&
    requestedHeaders !== '' &&
    !state.allowedHeaderLists.has(requestedHeaders)
  ) {
    const verdict = checkRequestHeaders(
      requestedHeaders,
      state.headers,
      state.anyHeader,
      state.headerLimits,
    );
    if (!verdict.ok) {
      const why = verdict.malformed
        ? refusal('headers-malformed', origin, true, { reason: verdict.reason })
        : refusal('header-not-allowed', origin, true, { header: verdict.header });
      return refusePreflight(state, debug, why, allowOrigin);
    }
    // Only allowed values are remembered, and only so many: the memo cannot be grown by
    // an attacker beyond the bound, nor turn a refusal into an acceptance.
    if (state.allowedHeaderLists.size < MAX_REMEMBERED_HEADER_LISTS) {
      state.allowedHeaderLists.add(requestedHeaders);
    }
  }

  if (any !== undefined) return any.preflight;
  if (typeof found !== 'object') return allowedPreflight(state, origin);
  if (found.preflight === undefined)
    found.preflight = freezeDecision(allowedPreflight(state, origin));
  return found.preflight;
}

/** Whether a preflight may ask for `requested`: undefined when it may, else the refusal. */
function checkMethod(
  state: PolicyState,
  origin: string,
  requested: string,
): CorsRefusal | undefined {
  // Fast path: what browsers send for an allowed method, already in normal form.
  if (state.methods.has(requested) || isSafelistedMethod(requested)) return undefined;
  if (requested.length > MAX_METHOD_LENGTH || !isToken(requested)) {
    return refusal('method-malformed', origin, true, { method: requested });
  }
  // Browsers send DELETE/GET/HEAD/OPTIONS/POST/PUT upper-cased already (Fetch "normalize a
  // method"); normalising here only helps other clients. Safelisted methods never need
  // permission (Fetch "CORS-preflight fetch", the method check).
  const method = normalizeMethod(requested);
  if (isSafelistedMethod(method) || state.anyMethod || state.methods.has(method)) return undefined;
  // The spec and Firefox compare the method as sent. Older Chromium upper-cased it first
  // (services/network/cors/preflight_result.cc, crbug.com/1228178); newer builds compare
  // as sent (feature AccessControlAllowMethodsInCORSPreflightSpecConformant). Allowing
  // `patch` for a listed `PATCH` would work in some engines only, so it is refused with a
  // hint instead.
  const upper = method.toUpperCase();
  const hint =
    upper !== method && state.methods.has(upper)
      ? ` (methods are case-sensitive and fetch() upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT: the page must send ${JSON.stringify(upper)})`
      : '';
  return refusal('method-not-allowed', origin, true, { method }, hint);
}

/**
 * A refused preflight: 403 without CORS headers; in debug mode 204 with the headers that
 * are true for this origin (none when the origin itself is refused), so the browser's CORS
 * check fails at the exact step and its console names the cause instead of reporting a
 * non-ok status.
 */
function refusePreflight(
  state: PolicyState,
  debug: boolean,
  refused: CorsRefusal,
  allowOrigin: string | undefined,
): CorsDecision {
  const why = report(state, refused);
  if (!debug) return refusedPreflight(why);
  const headers: readonly HeaderPair[] =
    allowOrigin === undefined ? NO_HEADERS : withAllowOrigin(allowOrigin, state.debugHeaders);
  return {
    kind: 'preflight',
    allowed: false,
    status: 204,
    headers,
    vary: VARY_PREFLIGHT,
    refusal: why,
  };
}
