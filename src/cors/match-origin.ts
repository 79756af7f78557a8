/**
 * Matching a request's `Origin` against the allowlist in time that does not depend on
 * the allowlist's size: one hash lookup for exact origins, then, for patterns, one hash
 * lookup per dot of the host (bounded by its label count and by the longest pattern),
 * then the optional predicate. No regular expression, no loop over the configured list.
 */
import { MAX_ORIGIN_LENGTH, parseOrigin } from './origin.js';
import { serializedOriginHostEnd } from './origin-scan.js';
import type { PolicyState } from './policy-state.js';

/**
 * How an `Origin` value fared: `exact` (listed, so its decisions can be memoised),
 * `dynamic` (a subdomain pattern or the predicate), `not-allowed`, `null` (the opaque
 * origin, never allowed), `malformed` (not a serialised origin: no browser sends it).
 */
export type OriginMatch = 'exact' | 'dynamic' | 'not-allowed' | 'null' | 'malformed';

/** Matches a raw `Origin` header value (anything at all) against `state`'s allowlist. */
export function matchOrigin(state: PolicyState, origin: string): OriginMatch {
  if (origin.length > MAX_ORIGIN_LENGTH) return 'malformed';
  // Keys are serialised origins and browsers send serialised origins, so the raw header
  // is looked up as is.
  if (state.exact.has(origin)) return 'exact';
  const hostEnd = serializedOriginHostEnd(origin);
  if (hostEnd < 0) return origin === 'null' ? 'null' : 'malformed';
  for (const scheme of state.patternSchemes) {
    if (!origin.startsWith(scheme.prefix)) continue;
    // A tail runs from a dot of the host to the end of the origin (port included), and a
    // match needs at least one label before that dot.
    const first = Math.max(scheme.prefix.length + 1, origin.length - scheme.longestTail);
    for (let i = first; i < hostEnd; i++) {
      if (origin.charCodeAt(i) === 0x2e && scheme.tails.has(origin.slice(i))) {
        return 'dynamic';
      }
    }
  }
  const predicate = state.allowOrigin;
  if (predicate !== undefined && parseOrigin(origin)?.origin === origin) {
    try {
      if (predicate(origin) === true) return 'dynamic';
    } catch {
      // A throwing predicate means "not allowed" (documented on CorsConfig.allowOrigin).
    }
  }
  return 'not-allowed';
}
