/**
 * Checking `Access-Control-Request-Headers` against the allowed request headers in one
 * regex-free pass. The value is a `#field-name` list (Fetch "CORS-preflight fetch" sends lower-case names
 * joined by `,`; proxies may add spaces or join repeated headers with `, `).
 *
 * Cost is bounded before any work is done: a value longer than the limit is refused at
 * once, so a 1 MiB value of commas costs the same as a short one (three CORS libraries
 * had denial-of-service advisories from splitting this header with a regex or into a
 * huge array). Within the limit the scan is linear and allocates only the names it looks
 * up.
 */
import { isTokenChar } from './http-token.js';

/** At most this many empty list elements (`a,,b`) are tolerated (RFC 9110 §5.6.1 allows some). */
export const MAX_EMPTY_ELEMENTS = 16;

/** Limits of one check, fixed at construction from the config. */
export interface RequestHeaderLimits {
  /** Longest accepted value, in UTF-16 code units. */
  readonly maxLength: number;
  /** Most names accepted in one value. */
  readonly maxNames: number;
}

/** What the check found: `ok`, the first name not allowed, or why the value is malformed. */
export type RequestHeadersVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly malformed: false; readonly header: string }
  | { readonly ok: false; readonly malformed: true; readonly reason: string };

const OK: RequestHeadersVerdict = Object.freeze({ ok: true });

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

function malformed(reason: string): RequestHeadersVerdict {
  return { ok: false, malformed: true, reason };
}

/**
 * Whether every name in the `Access-Control-Request-Headers` value is allowed.
 * `allowed` holds lower-case names. With `anyHeader` (the uncredentialed `*`), every
 * name is allowed except `authorization`, which Fetch "CORS-preflight fetch" requires to be listed
 * explicitly (it is the one "CORS non-wildcard request-header name").
 */
export function checkRequestHeaders(
  value: string,
  allowed: ReadonlySet<string>,
  anyHeader: boolean,
  limits: RequestHeaderLimits,
): RequestHeadersVerdict {
  const length = value.length;
  if (length > limits.maxLength) {
    return malformed(`longer than ${limits.maxLength} characters`);
  }
  let names = 0;
  let empties = 0;
  let i = 0;
  while (i <= length) {
    while (i < length && isOws(value.charCodeAt(i))) i++;
    const start = i;
    while (i < length && isTokenChar(value.charCodeAt(i))) i++;
    const end = i;
    while (i < length && isOws(value.charCodeAt(i))) i++;
    if (i < length && value.charCodeAt(i) !== 0x2c /* , */) {
      return malformed(`character ${i} is not part of a header name list`);
    }
    i++;
    if (end === start) {
      if (++empties > MAX_EMPTY_ELEMENTS) {
        return malformed(`more than ${MAX_EMPTY_ELEMENTS} empty elements`);
      }
      continue;
    }
    if (++names > limits.maxNames) return malformed(`more than ${limits.maxNames} names`);
    // `*` alone needs no lookup unless the name could be `authorization` (13 characters).
    if (anyHeader && end - start !== 13) continue;
    const name = value.slice(start, end);
    if (allowed.has(name)) continue;
    const lower = name.toLowerCase();
    if (allowed.has(lower) || (anyHeader && lower !== 'authorization')) continue;
    return { ok: false, malformed: false, header: lower };
  }
  return OK;
}
