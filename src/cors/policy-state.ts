/**
 * The run-time form of a validated config: hash sets for the allowlist, and every header
 * value joined once, here, so that deciding a request builds no strings beyond the
 * `Access-Control-Allow-Origin` value itself.
 */
import type { ConfigProblem } from '../internal/problems.js';
import type { RequestHeaderLimits } from './request-headers.js';
import type { CorsDecision, CorsRefusal, HeaderPair } from './types.js';
import type { NormalisedCorsConfig } from './validate-config.js';
import { VARY_ACTUAL, VARY_PREFLIGHT } from './vary.js';

/** The patterns of one scheme, keyed by what a matching origin ends with. */
export interface PatternScheme {
  /** `scheme://`, compared with `startsWith` (there are at most two: http and https). */
  readonly prefix: string;
  /** `.parent[:port]` tails, e.g. `.example.com`, `.example.com:8443`. */
  readonly tails: ReadonlySet<string>;
  /** Length of the longest tail: dots further left cannot start a match. */
  readonly longestTail: number;
  /**
   * `tailLengths[n]` is 1 when some tail is `n` long: a dot whose remainder has another
   * length cannot start a match, so it is skipped without slicing a string out.
   */
  readonly tailLengths: Uint8Array;
}

/**
 * The decisions of one origin, built on first use and then shared: an allowed origin
 * (listed, or remembered after a pattern matched it), or a remembered refused one.
 */
export interface OriginDecisions {
  readonly allowed: boolean;
  actual: CorsDecision | undefined;
  /** For a refused origin: the refused preflight outside debug mode (debug ones are built). */
  preflight: CorsDecision | undefined;
}

/** Everything `decide` needs, immutable once built (the per-origin memo aside). */
export interface PolicyState {
  /** `*` was configured: the shared `ACAO: *` decisions, otherwise undefined. */
  readonly anyOrigin:
    | { readonly actual: CorsDecision; readonly preflight: CorsDecision }
    | undefined;
  /**
   * Exact allowed origins (serialised), each with its memoised decisions (`null` until
   * first used); also up to {@link MAX_REMEMBERED_ORIGINS} origins that matched a subdomain
   * pattern and as many well-formed origins that were refused, so that their next request
   * is one hash lookup too, whatever the size of the allowlist.
   */
  readonly exact: Map<string, OriginDecisions | null>;
  /** How many pattern-matched and refused origins `exact` holds (mutable, bounded). */
  readonly remembered: { patterns: number; refused: number };
  readonly patternSchemes: readonly PatternScheme[];
  readonly allowOrigin: ((origin: string) => boolean) | undefined;
  readonly credentials: boolean;
  /** Methods allowed beyond the safelisted ones, normalised. */
  readonly methods: ReadonlySet<string>;
  readonly anyMethod: boolean;
  /** Allowed request headers, lower-case. */
  readonly headers: ReadonlySet<string>;
  readonly anyHeader: boolean;
  readonly headerLimits: RequestHeaderLimits;
  /**
   * `Access-Control-Request-Headers` values already found allowed, as sent (browsers send
   * the same few sorted lists again and again). Bounded by {@link MAX_REMEMBERED_HEADER_LISTS}.
   */
  readonly allowedHeaderLists: Set<string>;
  /** Headers after ACAO on an allowed actual response (ACAC, ACEH). */
  readonly actualHeaders: readonly HeaderPair[];
  /** Headers after ACAO on an allowed preflight (ACAC, ACAM, ACAH, Max-Age). */
  readonly preflightHeaders: readonly HeaderPair[];
  /** Headers after ACAO on a refused preflight in debug mode (no Max-Age). */
  readonly debugHeaders: readonly HeaderPair[];
  readonly onRefusal: ((refusal: CorsRefusal) => void) | undefined;
  readonly warnings: readonly ConfigProblem[];
  /** The config's own `debug`, if it set one. */
  readonly debug: boolean | undefined;
}

/**
 * Most origins remembered after a pattern matched them, and most remembered as refused
 * (each bound apart). Both answers are pure functions of the config (refusals are only
 * remembered without an `allowOrigin` predicate), so remembering changes no answer; the
 * bounds keep a client that invents origins from growing the map.
 */
export const MAX_REMEMBERED_ORIGINS = 1024;

/** Most `Access-Control-Request-Headers` values remembered as allowed, per config. */
export const MAX_REMEMBERED_HEADER_LISTS = 256;

/** Fewest names and characters an `Access-Control-Request-Headers` value may hold before it is refused. */
export const MIN_REQUEST_HEADER_NAMES = 64;
export const MIN_REQUEST_HEADERS_LENGTH = 4096;

function joined(names: readonly string[], wildcard: boolean): string {
  return (wildcard ? ['*', ...names] : names).join(', ');
}

/** Builds the run-time state of a config that passed validation. */
export function buildPolicyState(
  config: NormalisedCorsConfig,
  warnings: readonly ConfigProblem[],
): PolicyState {
  const exact = new Map<string, OriginDecisions | null>();
  for (const origin of config.origins.exact) exact.set(origin, null);

  const tailsByScheme = new Map<string, Set<string>>();
  for (const { scheme, tail } of config.origins.patterns) {
    let tails = tailsByScheme.get(scheme);
    if (tails === undefined) {
      tails = new Set();
      tailsByScheme.set(scheme, tails);
    }
    tails.add(tail);
  }
  const patternSchemes: PatternScheme[] = [];
  for (const [scheme, tails] of tailsByScheme) {
    let longestTail = 0;
    for (const tail of tails) longestTail = Math.max(longestTail, tail.length);
    const tailLengths = new Uint8Array(longestTail + 1);
    for (const tail of tails) tailLengths[tail.length] = 1;
    patternSchemes.push({ prefix: `${scheme}://`, tails, longestTail, tailLengths });
  }

  const credentialPair: HeaderPair[] = config.credentials
    ? [['access-control-allow-credentials', 'true']]
    : [];
  const { methods, allowedHeaders, exposedHeaders } = config;
  const exposed = joined(exposedHeaders.names, exposedHeaders.wildcard);
  const allowMethods = joined(methods.names, methods.wildcard);
  const allowHeaders = joined(allowedHeaders.names, allowedHeaders.wildcard);
  const actualHeaders: HeaderPair[] = [...credentialPair];
  if (exposed !== '') actualHeaders.push(['access-control-expose-headers', exposed]);
  const debugHeaders: HeaderPair[] = [...credentialPair];
  if (allowMethods !== '') debugHeaders.push(['access-control-allow-methods', allowMethods]);
  if (allowHeaders !== '') debugHeaders.push(['access-control-allow-headers', allowHeaders]);
  const preflightHeaders: HeaderPair[] = [...debugHeaders];
  if (config.maxAge !== undefined) {
    preflightHeaders.push(['access-control-max-age', String(config.maxAge)]);
  }

  const headerSet = new Set(allowedHeaders.names);
  let listedLength = 0;
  for (const name of headerSet) listedLength += name.length + 2;
  const state: PolicyState = {
    anyOrigin: undefined,
    exact,
    remembered: { patterns: 0, refused: 0 },
    patternSchemes,
    allowOrigin: config.allowOrigin,
    credentials: config.credentials,
    methods: new Set(methods.names),
    anyMethod: methods.wildcard,
    headers: headerSet,
    anyHeader: allowedHeaders.wildcard,
    allowedHeaderLists: new Set(),
    headerLimits: {
      maxNames: Math.max(MIN_REQUEST_HEADER_NAMES, headerSet.size),
      maxLength: Math.max(MIN_REQUEST_HEADERS_LENGTH, listedLength),
    },
    actualHeaders: freezePairs(actualHeaders),
    preflightHeaders: freezePairs(preflightHeaders),
    debugHeaders: freezePairs(debugHeaders),
    onRefusal: config.onRefusal,
    warnings: Object.freeze([...warnings]),
    debug: config.debug,
  };
  if (!config.origins.any) return state;
  return {
    ...state,
    anyOrigin: {
      actual: freezeDecision(allowedActual(state, '*')),
      preflight: freezeDecision(allowedPreflight(state, '*')),
    },
  };
}

function freezePairs(pairs: HeaderPair[]): readonly HeaderPair[] {
  for (const pair of pairs) Object.freeze(pair);
  return Object.freeze(pairs);
}

/** `Access-Control-Allow-Origin: allowOrigin` followed by the pre-built `rest`. */
export function withAllowOrigin(
  allowOrigin: string,
  rest: readonly HeaderPair[],
): readonly HeaderPair[] {
  // A plain loop: spreading a frozen array takes V8's slow iterator path.
  const headers: HeaderPair[] = [['access-control-allow-origin', allowOrigin]];
  for (let i = 0; i < rest.length; i++) headers.push(rest[i] as HeaderPair);
  return headers;
}

/** An allowed actual-request decision for `allowOrigin` (the ACAO value). */
export function allowedActual(state: PolicyState, allowOrigin: string): CorsDecision {
  return {
    kind: 'actual',
    allowed: true,
    headers: withAllowOrigin(allowOrigin, state.actualHeaders),
    vary: VARY_ACTUAL,
  };
}

/** An allowed preflight decision for `allowOrigin` (the ACAO value). */
export function allowedPreflight(state: PolicyState, allowOrigin: string): CorsDecision {
  return {
    kind: 'preflight',
    allowed: true,
    status: 204,
    headers: withAllowOrigin(allowOrigin, state.preflightHeaders),
    vary: VARY_PREFLIGHT,
  };
}

/** Deep-freezes a decision that will be shared between requests. */
export function freezeDecision(decision: CorsDecision): CorsDecision {
  for (const pair of decision.headers) Object.freeze(pair);
  Object.freeze(decision.headers);
  return Object.freeze(decision);
}
