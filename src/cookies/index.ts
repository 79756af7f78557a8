/**
 * Cookies per RFC 6265bis: the user-agent parser (`Set-Cookie`, cookie dates), the
 * server-side `Cookie` header reader, and cookie definitions validated at construction.
 */

export type {
  CookieContext,
  CookieSpecCheck,
  NormalizedCookieAttributes,
} from './check-cookie-spec.js';
export { checkCookieSpec } from './check-cookie-spec.js';
export { formatCookieDate, parseCookieDate } from './cookie-date.js';
export { getCookie, parseCookieHeader } from './cookie-header.js';
export type {
  CookieDefinition,
  SerializeFailure,
  SerializeOverrides,
  SerializeResult,
} from './define-cookie.js';
export { defineCookie } from './define-cookie.js';
export { canonicalHost, domainMatches, isIpHost } from './domain-match.js';
export { MAX_AGE_SECONDS, MAX_ATTRIBUTE_VALUE_OCTETS, MAX_NAME_VALUE_OCTETS } from './limits.js';
export type { ParseSetCookieOptions } from './parse-set-cookie.js';
export { parseSetCookie } from './parse-set-cookie.js';
export type { CookiePrefix, PrefixRequirements } from './prefix.js';
export { cookiePrefix, prefixRequirements } from './prefix.js';
export type {
  CookieAttributes,
  CookieSpec,
  ParsedSetCookie,
  SameSite,
  SetCookieSpec,
} from './types.js';
export { decodeCookieValue, encodeCookieValue } from './value-encoding.js';
