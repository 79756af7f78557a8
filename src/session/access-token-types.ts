/** Shapes of access tokens: claims, issue and verification results. */

/** The verified claims of an access token (frozen: callers cannot alter a cached answer). */
export interface AccessClaims {
  /** Subject: the user id. */
  readonly sub: string;
  /** Session id: the refresh family this token was issued for. */
  readonly sid: string;
  readonly iss: string;
  readonly aud: string | readonly string[];
  /** Issued at, epoch seconds. */
  readonly iat: number;
  /** Expiry, epoch seconds. */
  readonly exp: number;
  readonly jti?: string;
  /** Application claims given to `issue`. */
  readonly [claim: string]: unknown;
}

/**
 * Why a token was refused. Only `expired` means "refresh and retry" (401, action
 * `refresh`); every other code means the token will never be accepted (401, log in).
 *
 * - `malformed`: not a compact JWS, bad base64url/JSON, unknown `crit`, too long.
 * - `invalid-signature`: the signature does not match (tampered header, payload or signature).
 * - `alg-not-allowed`: the header's `alg` is not the one pinned to the key named by `kid`
 *   (`none`, HS256 with an EdDSA/ES256 key's kid: the algorithm-confusion attack, …).
 * - `unknown-kid`: no `kid`, or a `kid` not in the key set.
 * - `key-retired`: the key's grace period (`verifyUntil`) is over.
 * - `expired`: `exp` (or `iat` + the configured lifetime) is past, beyond the clock tolerance.
 * - `not-yet-valid`: `iat` or `nbf` is in the future, beyond the clock tolerance.
 * - `wrong-issuer`, `wrong-audience`: `iss`/`aud` are not this API's.
 * - `wrong-type`: the header `typ` is not `at+jwt` (RFC 9068 §2.1), e.g. an ID token.
 * - `missing-claim`: no `sub`, `sid`, `iat` or `exp` (or not of the right type).
 */
export type AccessTokenErrorCode =
  | 'malformed'
  | 'invalid-signature'
  | 'alg-not-allowed'
  | 'unknown-kid'
  | 'key-retired'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'wrong-type'
  | 'missing-claim';

/** A refused token. */
export interface AccessTokenFailure {
  readonly ok: false;
  readonly code: AccessTokenErrorCode;
  /** One sentence for logs; never echoes the token. */
  readonly message: string;
}

/** Outcome of `verify`: never thrown. */
export type AccessTokenResult =
  | { readonly ok: true; readonly claims: AccessClaims }
  | AccessTokenFailure;

/** What `issue` puts in a token besides the registered claims. */
export interface AccessTokenInput {
  readonly sub: string;
  readonly sid: string;
  /** Token id, for deny-lists or audit logs. */
  readonly jti?: string;
  /**
   * Application claims (roles, tenant…): public to whoever holds the token. Registered
   * names (`iss`, `aud`, `exp`, `iat`, `nbf`, `sub`, `sid`, `jti`) are refused.
   */
  readonly claims?: Readonly<Record<string, unknown>>;
}

/** Outcome of `issue`: the compact JWS, or why the input cannot be signed. */
export type IssueResult =
  | {
      readonly ok: true;
      readonly token: string;
      /** Epoch ms at which the token expires. */
      readonly expiresAt: number;
      /** Lifetime in seconds (for `expires_in`, cookie Max-Age). */
      readonly expiresIn: number;
    }
  | { readonly ok: false; readonly code: 'invalid-claims'; readonly message: string };
