/**
 * The stable codes of the session topology: configuration errors, startup warnings, and
 * the reasons a plan gives for its decisions. `docs/sessions.md` catalogues each one.
 */

/** Configuration errors of the topology: the cookies cannot work as configured. */
export const TOPOLOGY_PROBLEM = Object.freeze({
  optionsNotObject: 'topology/options-not-object',
  unknownKey: 'topology/unknown-key',
  originInvalid: 'topology/origin-invalid',
  appOriginsEmpty: 'topology/app-origins-empty',
  invalidType: 'topology/invalid-type',
  cookieNameEmpty: 'topology/cookie-name-empty',
  cookieNamePrefixed: 'topology/cookie-name-prefixed',
  insecureApi: 'topology/insecure-api',
  crossSiteOverHttp: 'topology/cross-site-over-http',
} as const);

/** Startup warnings of the topology: it works, but not in every browser or not safely. */
export const TOPOLOGY_WARNING = Object.freeze({
  thirdPartyCookies: 'topology/third-party-cookies',
  refreshPathRoot: 'topology/refresh-path-root',
  insecureHttp: 'topology/insecure-http',
  bearerOnly: 'topology/bearer-only',
  unlistedSuffix: 'topology/unlisted-suffix',
  noBearerFallback: 'topology/no-bearer-fallback',
} as const);

/** The reasons a plan gives (`explain().reasons[].code`), one per decision. */
export const TOPOLOGY_REASON = Object.freeze({
  apiHttps: 'api-https',
  loopbackHttp: 'loopback-http',
  insecureHttp: 'insecure-http',
  bearerOnly: 'bearer-only',
  httpOnly: 'http-only',
  sameSiteLax: 'same-site-lax',
  crossSiteNone: 'cross-site-none',
  partitioned: 'partitioned',
  bearerFallback: 'bearer-fallback',
  sharedDomain: 'shared-domain',
  hostOnly: 'host-only',
  refreshPath: 'refresh-path',
} as const);

/** A topology configuration error code. */
export type TopologyProblemCode = (typeof TOPOLOGY_PROBLEM)[keyof typeof TOPOLOGY_PROBLEM];
/** A topology reason code. */
export type TopologyReasonCode = (typeof TOPOLOGY_REASON)[keyof typeof TOPOLOGY_REASON];
