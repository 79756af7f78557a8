/**
 * The CORS check of a response (Fetch §4.10 "CORS check") and what the page's script may
 * read of it (Fetch §4.1 main fetch step 13: the CORS-exposed header-name list and the
 * "CORS filtered response").
 */
import {
  countHeader,
  getHeader,
  type HeaderList,
  headerNames,
  parseTokenList,
  trimOws,
} from './headers.js';
import type { ReasonCode } from './reasons.js';
import { isForbiddenResponseHeader, isSafelistedResponseHeader } from './safelist.js';

/** A failed CORS check: the code and the offending value. */
export interface CorsFailure {
  readonly code: ReasonCode;
  readonly value: string;
}

/**
 * Fetch §4.10 "CORS check" of `headers` for a request whose serialised origin is
 * `origin` (`null` after a tainting redirect). Returns the failure, or `undefined`.
 */
export function corsCheck(
  headers: HeaderList,
  origin: string,
  credentialsInclude: boolean,
): CorsFailure | undefined {
  const combined = getHeader(headers, 'access-control-allow-origin');
  // Step 1-2: absent. Repeated fields combine to "a, b", which can never match (step 4).
  if (combined === undefined) return { code: 'CORSMissingAllowOrigin', value: '' };
  const value = trimOws(combined);
  if (countHeader(headers, 'access-control-allow-origin') > 1 || value.includes(','))
    return { code: 'CORSMultipleAllowOriginNotAllowed', value };
  // Step 3: `*` passes only without credentials.
  if (value === '*') {
    return credentialsInclude ? { code: 'CORSNotSupportingCredentials', value } : undefined;
  }
  // Step 4: byte equality with the serialised origin.
  if (value !== origin) return { code: 'CORSAllowOriginNotMatchingOrigin', value };
  if (!credentialsInclude) return undefined;
  // Step 6: `true`, exactly.
  const credentials = getHeader(headers, 'access-control-allow-credentials');
  const trimmed = credentials === undefined ? '' : trimOws(credentials);
  return trimmed === 'true' ? undefined : { code: 'CORSMissingAllowCredentials', value: trimmed };
}

/**
 * The header names of a CORS response the page can read: the CORS-safelisted
 * response-header names, plus those `Access-Control-Expose-Headers` lists (`*` meaning
 * all, only without credentials); `Set-Cookie` never. An unparsable list exposes nothing.
 */
export function readableCorsHeaders(headers: HeaderList, credentialsInclude: boolean): string[] {
  const parsed = parseTokenList(getHeader(headers, 'access-control-expose-headers'));
  const exposed = 'items' in parsed ? parsed.items.map((n) => n.toLowerCase()) : [];
  const all = !credentialsInclude && exposed.includes('*');
  return headerNames(headers).filter(
    (name) =>
      !isForbiddenResponseHeader(name) &&
      (all || isSafelistedResponseHeader(name) || exposed.includes(name)),
  );
}

/** Every header a same-origin (basic) response lets the page read: all but `Set-Cookie`. */
export function readableBasicHeaders(headers: HeaderList): string[] {
  return headerNames(headers).filter((name) => !isForbiddenResponseHeader(name));
}
