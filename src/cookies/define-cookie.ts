/**
 * Server-side cookie definitions: validated once at construction, then serialised on
 * every response from a pre-joined attribute suffix. Request-time methods never throw.
 */

import { type ConfigProblem, throwOnErrors } from '../internal/problems.js';
import {
  type CookieContext,
  checkCookieSpec,
  type NormalizedCookieAttributes,
} from './check-cookie-spec.js';
import { formatCookieDate } from './cookie-date.js';
import { getCookie } from './cookie-header.js';
import { expiresProblem, maxAgeProblem } from './lifetime-rules.js';
import { MAX_NAME_VALUE_OCTETS } from './limits.js';
import type { CookieSpec } from './types.js';
import { decodeCookieValue, encodeCookieValue } from './value-encoding.js';

/**
 * Per-response lifetime. When given, it replaces the definition's Max-Age and Expires as
 * a whole (so `{}` sends a session cookie, e.g. for "remember me" unticked); Domain, Path
 * and the flags cannot be overridden, so `clear()` always matches.
 */
export interface SerializeOverrides {
  /** Seconds, 1 … 34560000 (400 days). */
  readonly maxAge?: number;
  /** At most now + 400 days. */
  readonly expires?: Date;
}

/** Why a value could not be serialised (request time: returned, never thrown). */
export interface SerializeFailure {
  readonly ok: false;
  /**
   * `cookie/too-large`, `cookie/value-unencodable` (a lone UTF-16 surrogate), or an
   * override problem: `cookie/max-age-invalid`, `cookie/max-age-too-long`,
   * `cookie/expires-invalid`, `cookie/expires-too-far`, `cookie/expires-in-past`.
   */
  readonly code: string;
  readonly message: string;
  readonly fix: string;
}

/** The `Set-Cookie` field value, or why there is none. */
export type SerializeResult = { readonly ok: true; readonly header: string } | SerializeFailure;

/** A validated cookie: serialise, clear and read it. */
export interface CookieDefinition {
  readonly name: string;
  readonly attributes: NormalizedCookieAttributes;
  /** Warnings found at construction (errors throw). */
  readonly warnings: readonly ConfigProblem[];
  /**
   * The `Set-Cookie` value for `value`. Characters outside cookie-octet, and "%", are
   * percent-encoded as UTF-8 (a JWT passes unchanged); `read` decodes them. Fails when
   * name and encoded value exceed 4096 octets (browsers would drop the cookie, RFC
   * 6265bis §5.6 step 5) or an override is invalid.
   */
  serialize(value: string, overrides?: SerializeOverrides): SerializeResult;
  /**
   * The `Set-Cookie` value that deletes the cookie: empty value, `Max-Age=0`, an Expires
   * in 1970, and exactly the Domain, Path, Secure, HttpOnly, SameSite and Partitioned it
   * was set with (a browser only replaces a cookie with the same name, domain and path,
   * RFC 6265bis §5.7; prefixed and partitioned cookies also need their flags).
   */
  clear(): string;
  /**
   * This cookie's value in a `Cookie` request header (the first one if repeated), decoded;
   * `undefined` when absent or when it holds what `serialize` cannot have produced.
   */
  read(cookieHeader: string | undefined): string | undefined;
}

const EPOCH = 'Thu, 01 Jan 1970 00:00:00 GMT';

function lifetimeSuffix(maxAge: number | undefined, expires: Date | undefined): string {
  let suffix = '';
  if (maxAge !== undefined) suffix += `; Max-Age=${maxAge}`;
  if (expires !== undefined) suffix += `; Expires=${formatCookieDate(expires)}`;
  return suffix;
}

function scopeSuffix(attributes: NormalizedCookieAttributes): string {
  let suffix = '';
  if (attributes.domain !== undefined) suffix += `; Domain=${attributes.domain}`;
  suffix += `; Path=${attributes.path}`;
  if (attributes.secure) suffix += '; Secure';
  if (attributes.httpOnly) suffix += '; HttpOnly';
  if (attributes.sameSite !== undefined) suffix += `; SameSite=${attributes.sameSite}`;
  if (attributes.partitioned) suffix += '; Partitioned';
  return suffix;
}

function overrideLifetime(overrides: SerializeOverrides): string | SerializeFailure {
  const { maxAge, expires } = overrides;
  const problem =
    (maxAge === undefined ? undefined : maxAgeProblem(maxAge)) ??
    (expires === undefined ? undefined : expiresProblem(expires, undefined));
  if (problem !== undefined)
    return { ok: false, code: problem.code, message: problem.message, fix: problem.fix };
  return lifetimeSuffix(maxAge, expires);
}

/**
 * Validates a cookie spec (name and attributes, no value) for an API host and returns a
 * definition whose `serialize`, `clear` and `read` are the per-request operations.
 *
 * Path defaults to `/` (without it a browser scopes the cookie to the directory of
 * whichever URL set it). Throws a `ConfigError` listing every error (codes in
 * docs/cookies.md); warnings are kept on `warnings`.
 */
export function defineCookie(spec: CookieSpec, context: CookieContext): CookieDefinition {
  const { problems, name, attributes } = checkCookieSpec(spec, context);
  const warnings = throwOnErrors(`cookie ${JSON.stringify(name)}`, problems);

  const scope = scopeSuffix(attributes);
  const suffix = lifetimeSuffix(attributes.maxAge, attributes.expires) + scope;
  const namePart = `${name}=`;
  const clearHeader = `${namePart}; Max-Age=0; Expires=${EPOCH}${scope}`;
  const valueBudget = MAX_NAME_VALUE_OCTETS - name.length;

  return {
    name,
    attributes,
    warnings,
    serialize(value, overrides) {
      const encoded = typeof value === 'string' ? encodeCookieValue(value) : undefined;
      if (encoded === undefined) {
        return {
          ok: false,
          code: 'cookie/value-unencodable',
          message:
            'the value is not a well-formed string: not a string at all, or a lone UTF-16 surrogate, which has no UTF-8 form.',
          fix: 'pass a well-formed string, e.g. a JWT or base64url text.',
        };
      }
      if (encoded.length > valueBudget) {
        return {
          ok: false,
          code: 'cookie/too-large',
          message: `name and value take ${name.length + encoded.length} octets once encoded; browsers drop a cookie over ${MAX_NAME_VALUE_OCTETS} (RFC 6265bis §5.6 step 5).`,
          fix: 'put less in the cookie (fewer JWT claims, a session id instead of data), or use the header transport.',
        };
      }
      if (overrides === undefined) return { ok: true, header: namePart + encoded + suffix };
      const lifetime = overrideLifetime(overrides);
      if (typeof lifetime !== 'string') return lifetime;
      return { ok: true, header: namePart + encoded + lifetime + scope };
    },
    clear() {
      return clearHeader;
    },
    read(cookieHeader) {
      const raw = getCookie(cookieHeader, name);
      return raw === undefined ? undefined : decodeCookieValue(raw);
    },
  };
}
