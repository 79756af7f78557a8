/**
 * The user-agent side of `Set-Cookie`: RFC 6265bis §5.6 ("The Set-Cookie Header Field",
 * identical in drafts 15 to 22), lenient, never throws, linear in the input. Pure (no Node
 * API): the browser model and web pages import it. Storing the cookie (§5.7: domain and
 * path defaults, public suffixes, prefixes, Secure origin checks) is the cookie jar's job.
 */

import { parseCookieDate } from './cookie-date.js';
import { MAX_AGE_SECONDS, MAX_ATTRIBUTE_VALUE_OCTETS, MAX_NAME_VALUE_OCTETS } from './limits.js';
import {
  asciiLowercase,
  equalsAsciiIgnoreCase,
  isForbiddenControl,
  trimWsp,
  utf8Length,
} from './octets.js';
import type { ParsedSetCookie, SameSite } from './types.js';

/** Options of {@link parseSetCookie}. */
export interface ParseSetCookieOptions {
  /**
   * The current time, against which an `Expires` beyond the cookie-age-limit is reduced to
   * now + 400 days (RFC 6265bis §5.6.1 steps 3-4). Defaults to the real clock; a browser
   * model with a simulated clock passes its own.
   */
  readonly now?: Date;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Whether a string of `units` UTF-16 code units is over `limit` octets in UTF-8. A code
 * unit takes 1 to 3 octets, so the exact count is needed only between limit/3 and limit.
 */
function exceeds(units: number, octets: () => number, limit: number): boolean {
  if (units > limit) return true;
  if (units * 3 <= limit) return false;
  return octets() > limit;
}

function hasForbiddenControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isForbiddenControl(text.charCodeAt(i))) return true;
  return false;
}

/**
 * Max-Age (RFC 6265bis §5.6.2): `-`? DIGIT+, else the attribute is ignored; reduced to the
 * cookie-age-limit (step 6). Every value ≤ 0 means "expired now" (step 7), returned as 0.
 */
function parseMaxAge(value: string): number | undefined {
  const start = value.charCodeAt(0) === 0x2d ? 1 : 0;
  if (start === value.length) return undefined;
  for (let i = start; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return undefined;
  }
  if (start === 1) return 0;
  // Leading zeros aside, more than 8 digits is always above the limit (34560000); this
  // also keeps `Number` away from huge digit strings.
  let first = 0;
  while (first < value.length - 1 && value.charCodeAt(first) === 0x30) first++;
  if (value.length - first > 8) return MAX_AGE_SECONDS;
  return Math.min(Number(value.slice(first)), MAX_AGE_SECONDS);
}

/** SameSite (RFC 6265bis §5.6.7): an unrecognised value gives enforcement "Default". */
function parseSameSite(value: string): SameSite | 'Default' {
  if (equalsAsciiIgnoreCase(value, 'none')) return 'None';
  if (equalsAsciiIgnoreCase(value, 'strict')) return 'Strict';
  if (equalsAsciiIgnoreCase(value, 'lax')) return 'Lax';
  return 'Default';
}

/** Applies one cookie-av to the cookie under construction (RFC 6265bis §5.6.1-§5.6.7). */
function applyAttribute(
  cookie: Mutable<ParsedSetCookie>,
  name: string,
  value: string,
  now: Date | undefined,
): void {
  switch (name.length) {
    case 4:
      // §5.6.4: a Path not starting with "/" means the default-path, which only the jar
      // knows; clearing an earlier Path keeps "the last Path attribute wins" (§5.7).
      if (equalsAsciiIgnoreCase(name, 'path')) {
        if (value.charCodeAt(0) === 0x2f) cookie.path = value;
        else delete cookie.path;
      }
      return;
    case 6:
      if (equalsAsciiIgnoreCase(name, 'domain')) {
        // §5.6.3: drop one leading ".", lower-case. An empty value is kept: the jar then
        // makes the cookie host-only (§5.7); non-ASCII is the jar's to reject.
        const domain = value.charCodeAt(0) === 0x2e ? value.slice(1) : value;
        cookie.domain = asciiLowercase(domain);
      } else if (equalsAsciiIgnoreCase(name, 'secure')) cookie.secure = true; // §5.6.5
      return;
    case 7:
      if (equalsAsciiIgnoreCase(name, 'expires')) {
        // §5.6.1: an unparsable date ignores the attribute; a later one is reduced to
        // the cookie-age-limit.
        const expires = parseCookieDate(value);
        if (expires === undefined) return;
        // "the cookie-age-limit in seconds": whole seconds, like every cookie date.
        const nowSeconds = Math.floor((now?.getTime() ?? Date.now()) / 1000);
        const limit = (nowSeconds + MAX_AGE_SECONDS) * 1000;
        cookie.expires = expires.getTime() > limit ? new Date(limit) : expires;
      } else if (equalsAsciiIgnoreCase(name, 'max-age')) {
        const maxAge = parseMaxAge(value);
        if (maxAge !== undefined) cookie.maxAge = maxAge;
      }
      return;
    case 8:
      if (equalsAsciiIgnoreCase(name, 'httponly'))
        cookie.httpOnly = true; // §5.6.6
      else if (equalsAsciiIgnoreCase(name, 'samesite')) cookie.sameSite = parseSameSite(value);
      return;
    case 11:
      // CHIPS (draft-cutler-httpbis-partitioned-cookies, "The Partitioned Attribute"): a
      // flag, whatever its value, like Secure and HttpOnly.
      if (equalsAsciiIgnoreCase(name, 'partitioned')) cookie.partitioned = true;
      return;
    default:
      // Unrecognised attribute names are ignored (§5.6, attribute step 7).
      return;
  }
}

/**
 * Parses a `Set-Cookie` field value as a user agent does (RFC 6265bis §5.6).
 *
 * Returns `undefined` when the user agent ignores the line entirely:
 * - it contains a CTL other than HTAB, %x00-08 / %x0A-1F / %x7F (§5.6 step 1). Browsers
 *   that receive NUL, CR or LF through `document.cookie` truncate there instead; over HTTP
 *   such a field cannot arrive, and the draft rejects the line;
 * - name and value, after WSP trimming, exceed 4096 octets together (§5.6 step 5);
 * - name and value are both empty (§5.7 step 2, checked here as it needs nothing else).
 *
 * Otherwise: a line without `=` is a nameless cookie (name `""`, value = the whole
 * name-value-pair, §5.6 step 3). Attributes are processed in order, the last of a kind
 * winning; one whose value exceeds 1024 octets is skipped (attribute step 6). `maxAge`
 * is in seconds, at most 400 days, and 0 for any value ≤ 0; `expires` is at most
 * `now` + 400 days; `path` is set only when the last Path starts with `/`; `domain` has
 * its leading dot removed and is lower-cased (ASCII only), and may be `""`.
 */
export function parseSetCookie(
  header: string,
  options?: ParseSetCookieOptions,
): ParsedSetCookie | undefined {
  if (typeof header !== 'string' || hasForbiddenControl(header)) return undefined;

  // Steps 2-3: name-value-pair up to the first ";", split at its first "=".
  const semicolon = header.indexOf(';');
  const pairEnd = semicolon === -1 ? header.length : semicolon;
  const equals = header.indexOf('=');
  let name: string;
  let value: string;
  if (equals === -1 || equals > pairEnd) {
    name = '';
    value = trimWsp(header.slice(0, pairEnd));
  } else {
    name = trimWsp(header.slice(0, equals));
    value = trimWsp(header.slice(equals + 1, pairEnd));
  }
  // Step 4 trimmed; step 5 and §5.7 step 2.
  if (name.length === 0 && value.length === 0) return undefined;
  if (
    exceeds(
      name.length + value.length,
      () => utf8Length(name) + utf8Length(value),
      MAX_NAME_VALUE_OCTETS,
    )
  )
    return undefined;

  const cookie: Mutable<ParsedSetCookie> = {
    name,
    value,
    secure: false,
    httpOnly: false,
    partitioned: false,
  };
  const now = options?.now;

  // Attribute steps 1-8: each cookie-av runs from a ";" to the next one.
  if (semicolon === -1) return cookie;
  let start = semicolon + 1;
  for (;;) {
    const next = header.indexOf(';', start);
    const end = next === -1 ? header.length : next;
    const av = header.slice(start, end);
    const avEquals = av.indexOf('=');
    const attributeName = trimWsp(avEquals === -1 ? av : av.slice(0, avEquals));
    const attributeValue = avEquals === -1 ? '' : trimWsp(av.slice(avEquals + 1));
    const tooLong = exceeds(
      attributeValue.length,
      () => utf8Length(attributeValue),
      MAX_ATTRIBUTE_VALUE_OCTETS,
    );
    if (!tooLong) applyAttribute(cookie, attributeName, attributeValue, now);
    if (next === -1) return cookie;
    start = next + 1;
  }
}
