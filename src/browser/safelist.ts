/**
 * What a page's request may carry without a CORS preflight, from the Fetch Standard
 * (fetch.bs @586cd2a): methods (§2.2.1), CORS-safelisted request-headers and their value
 * rules, CORS-unsafe request-header names, forbidden request-headers and the `no-cors`
 * safelist (§2.2.2).
 */
import type { HeaderList } from './headers.js';

/** Fetch §2.2.1 "CORS-safelisted method". */
export function isSafelistedMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'POST';
}

/** Fetch §2.2.1 "forbidden method" (case-insensitive): `fetch()` throws a TypeError. */
export function isForbiddenMethod(method: string): boolean {
  const upper = method.toUpperCase();
  return upper === 'CONNECT' || upper === 'TRACE' || upper === 'TRACK';
}

const NORMALIZED_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];

/**
 * Fetch §2.2.1 "normalize a method": only DELETE, GET, HEAD, OPTIONS, POST and PUT are
 * upper-cased, so `fetch(u, {method: 'patch'})` sends `patch`.
 */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED_METHODS.includes(upper) ? upper : method;
}

// Fetch §2.2.2 "forbidden request-header": the browser silently drops these from a page's
// request (it sets Cookie, Origin and the like itself). One list, shared with the policy.
export { isForbiddenRequestHeader } from '../cors/header-names.js';

/**
 * Fetch §2.2.2 "CORS-unsafe request-header byte": a byte below 0x20 other than HT,
 * `"():<>?@[\]{}` and DEL.
 */
function hasUnsafeByte(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (
      (code < 0x20 && code !== 0x09) ||
      code === 0x7f ||
      '"():<>?@[\\]{}'.includes(value[i] ?? '')
    )
      return true;
  }
  return false;
}

/** HTTP token code points (MIME Sniffing §2, RFC 9110 token). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * The essence of a MIME type per MIME Sniffing §4.4 "parse a MIME type" (type and
 * subtype must be non-empty tokens; parameters cannot make it fail), lower-cased, or
 * `undefined` on failure. `text/plain, text/html` fails: the subtype would hold a comma.
 */
export function mimeEssence(value: string): string | undefined {
  const trimmed = value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  const slash = trimmed.indexOf('/');
  if (slash === -1) return undefined;
  const type = trimmed.slice(0, slash);
  const semicolon = trimmed.indexOf(';', slash + 1);
  const subtype = trimmed
    .slice(slash + 1, semicolon === -1 ? trimmed.length : semicolon)
    .replace(/[\t\n\r ]+$/, '');
  if (!TOKEN.test(type) || !TOKEN.test(subtype)) return undefined;
  return `${type}/${subtype}`.toLowerCase();
}

const SAFELISTED_CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
];

/**
 * Fetch §2.2.2 "parse a single range header value" without whitespace, as the safelist
 * needs it: `bytes=N-` or `bytes=N-M` (N ≤ M). A suffix range `bytes=-N` and a list of
 * ranges are not safelisted.
 */
function isSafelistedRange(value: string): boolean {
  const match = /^bytes=(\d+)-(\d*)$/i.exec(value);
  if (match === null) return false;
  const end = match[2] ?? '';
  return end === '' || Number(match[1]) <= Number(end);
}

/** Fetch §2.2.2 "CORS-safelisted request-header" (name lower-case). */
export function isSafelistedRequestHeader(name: string, value: string): boolean {
  // The value's length counts bytes; header values are byte strings, so UTF-16 units of
  // an ASCII value equal its bytes, and a non-ASCII value is never safelisted below.
  if (value.length > 128) return false;
  switch (name) {
    case 'accept':
      return !hasUnsafeByte(value);
    case 'accept-language':
    case 'content-language':
      return /^[0-9A-Za-z *,\-.;=]*$/.test(value);
    case 'content-type': {
      if (hasUnsafeByte(value)) return false;
      const essence = mimeEssence(value);
      return essence !== undefined && SAFELISTED_CONTENT_TYPES.includes(essence);
    }
    case 'range':
      return isSafelistedRange(value);
    default:
      return false;
  }
}

/**
 * Fetch §2.2.2 "CORS-unsafe request-header names": the names that are not safelisted,
 * plus every safelisted one when the safelisted values add up to more than 1024 bytes;
 * lower-case, sorted, without duplicates. The preflight's `Access-Control-Request-Headers`.
 */
export function corsUnsafeHeaderNames(headers: HeaderList): string[] {
  const unsafe = new Set<string>();
  const safelisted = new Set<string>();
  let safelistValueSize = 0;
  for (const [name, value] of headers) {
    if (isSafelistedRequestHeader(name, value)) {
      safelisted.add(name);
      safelistValueSize += value.length;
    } else {
      unsafe.add(name);
    }
  }
  if (safelistValueSize > 1024) for (const name of safelisted) unsafe.add(name);
  return [...unsafe].sort();
}

/**
 * Fetch §2.2.2 "no-CORS-safelisted request-header": in `no-cors` mode only Accept,
 * Accept-Language, Content-Language and Content-Type with safelisted values survive; the
 * Headers object drops the rest (guard `request-no-cors`).
 */
export function isNoCorsSafelistedRequestHeader(name: string, value: string): boolean {
  if (
    name !== 'accept' &&
    name !== 'accept-language' &&
    name !== 'content-language' &&
    name !== 'content-type'
  )
    return false;
  return isSafelistedRequestHeader(name, value);
}

/** Fetch §2.2.2 "CORS non-wildcard request-header name": only `Authorization`. */
export function isNonWildcardRequestHeader(name: string): boolean {
  return name === 'authorization';
}

// Fetch §2.2.2 "CORS-safelisted response-header name" (readable without being exposed) and
// "forbidden response-header name" (never readable by script): one list each, shared with
// the policy.
export { isForbiddenResponseHeader, isSafelistedResponseHeader } from '../cors/header-names.js';
