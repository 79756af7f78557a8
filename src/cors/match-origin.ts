/**
 * Matching a request's `Origin` against the allowlist in time that does not depend on
 * the allowlist's size: one hash lookup for exact origins, then, for patterns, one hash
 * lookup per dot of the host (bounded by its label count and by the longest pattern),
 * then the optional predicate. No regular expression, no loop over the configured list.
 */
import { MAX_ORIGIN_LENGTH, parseOrigin } from './origin.js';
import { isHostCodeUnit, serializedOriginHostEnd } from './origin-scan.js';
import { MAX_REMEMBERED_ORIGINS, type OriginDecisions, type PolicyState } from './policy-state.js';

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
  const slot = state.exact.get(origin);
  if (slot === null || slot?.allowed === true) return 'exact';
  if (slot !== undefined) return 'not-allowed';
  const match = matchBeyondExact(state, origin);
  return match === 'pattern' ? 'dynamic' : match;
}

/**
 * Like {@link matchOrigin}, but for an allowed exact origin, or one remembered, returns its
 * memo slot (created on first use), so the policy looks the origin up once.
 */
export function lookUpOrigin(
  state: PolicyState,
  origin: string,
): OriginDecisions | Exclude<OriginMatch, 'exact'> {
  if (origin.length > MAX_ORIGIN_LENGTH) return 'malformed';
  const slot = state.exact.get(origin);
  if (slot !== undefined) {
    if (slot !== null) return slot;
    return remember(state, origin, true);
  }
  const match = matchBeyondExact(state, origin);
  const remembered = state.remembered;
  if (match === 'pattern') {
    if (remembered.patterns >= MAX_REMEMBERED_ORIGINS) return 'dynamic';
    remembered.patterns++;
    return remember(state, origin, true);
  }
  // A refusal is remembered only when no predicate could answer otherwise next time.
  if (
    match === 'not-allowed' &&
    state.allowOrigin === undefined &&
    remembered.refused < MAX_REMEMBERED_ORIGINS
  ) {
    remembered.refused++;
    return remember(state, origin, false);
  }
  return match;
}

function remember(state: PolicyState, origin: string, allowed: boolean): OriginDecisions {
  const created: OriginDecisions = { allowed, actual: undefined, preflight: undefined };
  state.exact.set(origin, created);
  return created;
}

// Subdomain patterns, then the predicate, for an origin that is not listed exactly.
// `pattern` (a match that may be remembered) is told apart from the predicate's `dynamic`,
// whose answer may change between calls and so is never remembered.
function matchBeyondExact(
  state: PolicyState,
  origin: string,
): Exclude<OriginMatch, 'exact'> | 'pattern' {
  for (const scheme of state.patternSchemes) {
    if (!origin.startsWith(scheme.prefix)) continue;
    // A tail runs from a dot of the host to the end of the origin (port included). Tails
    // are serialised by construction, so a hit only needs the labels before it checked.
    const hostStart = scheme.prefix.length;
    const length = origin.length;
    const tailLengths = scheme.tailLengths;
    // From dot to dot (indexOf is native and skips the labels in one call).
    let i = origin.indexOf('.', Math.max(hostStart + 1, length - scheme.longestTail));
    while (i !== -1) {
      if (tailLengths[length - i] === 1 && scheme.tails.has(origin.slice(i))) {
        if (isLabelRun(origin, hostStart, i)) return 'pattern';
        // Longer prefixes contain this invalid one: no later tail can match either.
        break;
      }
      i = origin.indexOf('.', i + 1);
    }
  }
  if (serializedOriginHostEnd(origin) < 0) return origin === 'null' ? 'null' : 'malformed';
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

// Whether value[start, end) is one or more non-empty labels of serialised host characters.
function isLabelRun(value: string, start: number, end: number): boolean {
  let previous = 0x2e; // a leading dot would be an empty label
  for (let i = start; i < end; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x2e) {
      if (previous === 0x2e) return false;
    } else if (!isHostCodeUnit(code)) {
      return false;
    }
    previous = code;
  }
  return previous !== 0x2e;
}
