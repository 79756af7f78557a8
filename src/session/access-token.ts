/**
 * Access tokens: short-lived JWS (RFC 7515) carrying a JWT (RFC 7519) in the shape of
 * RFC 9068 (`typ: at+jwt`, `iss`, `aud`, `sub`, `iat`, `exp`, plus `sid`), signed with
 * the key set's signing key and verified without any store: a store outage leaves
 * authenticated requests working until their tokens expire.
 */
import { type JWTHeaderParameters, jwtVerify, SignJWT } from 'jose';
import { type ConfigProblem, throwOnErrors } from '../internal/problems.js';
import { createVerificationCache, type VerificationCache } from './access-token-cache.js';
import { type AccessTokenConfig, validateAccessTokenConfig } from './access-token-config.js';
import { KeyRefusal, refusal, refusalFor } from './access-token-errors.js';
import type {
  AccessClaims,
  AccessTokenInput,
  AccessTokenResult,
  IssueResult,
} from './access-token-types.js';
import type { ImportedKey } from './keys.js';

export type { AccessTokenConfig } from './access-token-config.js';
export type * from './access-token-types.js';

/** Issues and verifies access tokens with one validated configuration. */
export interface AccessTokens {
  /** Signs a token for `input.sub` in session `input.sid`. Never throws. */
  issue(input: AccessTokenInput): Promise<IssueResult>;
  /**
   * Checks signature (with the key named by `kid`, under its pinned algorithm only),
   * `typ`, `iss`, `aud`, `exp`, `iat`/`nbf` (within the clock tolerance), `sub` and
   * `sid`. Never throws and never touches a store.
   */
  verify(token: unknown): Promise<AccessTokenResult>;
  /** Access-token lifetime in seconds. */
  readonly ttlSeconds: number;
  /** Warnings found at construction (errors throw). */
  readonly warnings: readonly ConfigProblem[];
}

/** RFC 9068 §2.1: the media type that distinguishes access tokens from ID tokens. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

/**
 * Longest token verified. Browsers keep cookies of at most 4096 octets (RFC 6265bis
 * §5.6); a Bearer header twice that is already abnormal and is refused before parsing.
 */
export const MAX_TOKEN_LENGTH = 8192;

/**
 * RFC 7515 §7.1: three base64url segments (RFC 4648 §5, no padding); the signature may
 * be empty only for `alg: none`, which is then refused by name. Checked before any
 * parsing so that junk costs no JSON parse and no signature check.
 */
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]*$/;

const REGISTERED = new Set(['iss', 'aud', 'exp', 'iat', 'nbf', 'sub', 'sid', 'jti']);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

function inputProblem(input: AccessTokenInput): string | undefined {
  if (typeof input?.sub !== 'string' || input.sub.length === 0)
    return 'sub must be a non-empty string.';
  if (typeof input.sid !== 'string' || input.sid.length === 0)
    return 'sid must be a non-empty string.';
  if (input.jti !== undefined && (typeof input.jti !== 'string' || input.jti.length === 0)) {
    return 'jti must be a non-empty string when given.';
  }
  if (input.claims === undefined) return undefined;
  if (typeof input.claims !== 'object' || input.claims === null || Array.isArray(input.claims)) {
    return 'claims must be a plain object.';
  }
  const reserved = Object.keys(input.claims).filter((name) => REGISTERED.has(name));
  if (reserved.length > 0) {
    return `claims must not set registered claims (${reserved.join(', ')}): they are set by the issuer.`;
  }
  return undefined;
}

/**
 * Validates the config once (a `ConfigError` lists every problem) and returns the
 * issuer/verifier.
 */
export function createAccessTokens(config: AccessTokenConfig): AccessTokens {
  const { config: settings, problems } = validateAccessTokenConfig(config);
  const warnings = throwOnErrors('createAccessTokens', problems);
  const { keys, issuer, audience, ttlSeconds, clockToleranceSeconds, now } = settings;
  const audiences = typeof audience === 'string' ? audience : [...audience];
  const algorithms = [...keys.algorithms];
  const cache: VerificationCache | undefined =
    settings.cacheEntries > 0 ? createVerificationCache(settings.cacheEntries) : undefined;

  /** Resolves the header's kid to its key, insisting on the key's own algorithm. */
  function keyResolver(at: number, used: { key?: ImportedKey }) {
    return (header: JWTHeaderParameters): CryptoKey => {
      const kid = header.kid;
      const key = typeof kid === 'string' ? keys.keyFor(kid) : undefined;
      if (key === undefined) {
        throw new KeyRefusal(
          'unknown-kid',
          typeof kid === 'string'
            ? 'The access token header names a kid that is not in the key set.'
            : 'The access token header has no kid.',
        );
      }
      // The algorithm-confusion defence (RFC 8725 §2.1, §3.1): the key decides the
      // algorithm, never the token; an HS256 header over an EdDSA key's kid is refused
      // before its public bytes could be used as an HMAC secret.
      if (header.alg !== key.alg) {
        throw new KeyRefusal(
          'alg-not-allowed',
          `The access token header says ${String(header.alg)} but key ${key.kid} is pinned to ${key.alg}.`,
        );
      }
      if (at >= key.verifyUntil) {
        throw new KeyRefusal('key-retired', `Key ${key.kid} is past its grace period.`);
      }
      used.key = key;
      return key.verifyKey;
    };
  }

  async function verify(token: unknown): Promise<AccessTokenResult> {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) {
      return refusal('malformed');
    }
    const at = now();
    const hit = cache?.get(token, at);
    if (hit !== undefined) return { ok: true, claims: hit };
    const used: { key?: ImportedKey } = {};
    try {
      const { payload } = await jwtVerify(token, keyResolver(at, used), {
        algorithms,
        issuer,
        audience: audiences,
        typ: ACCESS_TOKEN_TYPE,
        clockTolerance: clockToleranceSeconds,
        currentDate: new Date(at),
        // Bounds the age from iat as well as exp: a token minted with a long exp by a
        // mistaken or compromised issuer still lasts no longer than configured; it also
        // makes jose refuse an iat in the future (not-yet-valid).
        maxTokenAge: ttlSeconds,
        requiredClaims: ['exp', 'iat', 'sub', 'sid'],
      });
      if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
        return refusal('missing-claim', 'The access token sub is not a non-empty string.');
      }
      if (typeof payload.sid !== 'string' || payload.sid.length === 0) {
        return refusal('missing-claim', 'The access token sid is not a non-empty string.');
      }
      const claims = deepFreeze(payload) as AccessClaims;
      if (cache !== undefined && used.key !== undefined) {
        cache.set(token, claims, Math.min(claims.exp * 1000, used.key.verifyUntil));
      }
      return { ok: true, claims };
    } catch (error) {
      return refusalFor(error);
    }
  }

  async function issue(input: AccessTokenInput): Promise<IssueResult> {
    const problem = inputProblem(input);
    if (problem !== undefined) return { ok: false, code: 'invalid-claims', message: problem };
    const issuedAt = Math.floor(now() / 1000);
    const expiresAtSeconds = issuedAt + ttlSeconds;
    const payload: Record<string, unknown> = { ...input.claims, sub: input.sub, sid: input.sid };
    if (input.jti !== undefined) payload.jti = input.jti;
    try {
      const token = await new SignJWT(payload)
        .setProtectedHeader({
          alg: keys.signing.alg,
          kid: keys.signing.kid,
          typ: ACCESS_TOKEN_TYPE,
        })
        .setIssuer(issuer)
        .setAudience(audiences)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAtSeconds)
        .sign(keys.signing.key);
      return { ok: true, token, expiresAt: expiresAtSeconds * 1000, expiresIn: ttlSeconds };
    } catch (error) {
      // JSON.stringify refuses BigInt and cycles in application claims.
      return {
        ok: false,
        code: 'invalid-claims',
        message: `claims cannot be serialised: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  return { issue, verify, ttlSeconds, warnings };
}
