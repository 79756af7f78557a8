/**
 * Maps what jose throws during verification to the stable refusal codes; anything not
 * recognised is `malformed`, so verification never throws.
 */
import type { AccessTokenErrorCode, AccessTokenFailure } from './access-token-types.js';

/** Thrown by the key resolver when the header names no usable key for its algorithm. */
export class KeyRefusal extends Error {
  constructor(
    readonly code: 'unknown-kid' | 'key-retired' | 'alg-not-allowed',
    message: string,
  ) {
    super(message);
  }
}

const MESSAGES: Readonly<Record<AccessTokenErrorCode, string>> = {
  malformed: 'The access token is not a well-formed JWS compact serialisation.',
  'invalid-signature': 'The access token signature does not verify: it was altered or forged.',
  'alg-not-allowed': 'The access token header names an algorithm this key is not pinned to.',
  'unknown-kid': 'The access token header names no key of this key set.',
  'key-retired': 'The key that signed the access token is past its grace period.',
  expired: 'The access token has expired: refresh and retry.',
  'not-yet-valid': 'The access token is not valid yet (iat or nbf in the future).',
  'wrong-issuer': 'The access token was issued by another issuer.',
  'wrong-audience': 'The access token is meant for another audience.',
  'wrong-type': 'The token is not an access token (header typ is not at+jwt).',
  'missing-claim': 'The access token lacks a required claim (sub, sid, iat or exp).',
};

/** Every code `verify` refuses a token with (only `expired` means "refresh and retry"). */
export const ACCESS_TOKEN_ERROR_CODES: readonly AccessTokenErrorCode[] = Object.freeze(
  Object.keys(MESSAGES) as AccessTokenErrorCode[],
);

/** A refusal with the catalogue message, or `message` when more precise. */
export function refusal(code: AccessTokenErrorCode, message = MESSAGES[code]): AccessTokenFailure {
  return { ok: false, code, message };
}

interface JoseLike {
  readonly code?: unknown;
  readonly claim?: unknown;
  readonly reason?: unknown;
}

function claimFailure(claim: unknown, reason: unknown): AccessTokenErrorCode {
  if (reason === 'missing') return 'missing-claim';
  switch (claim) {
    case 'iss':
      return 'wrong-issuer';
    case 'aud':
      return 'wrong-audience';
    case 'typ':
      return 'wrong-type';
    case 'nbf':
    case 'iat':
      // `check_failed` is a future timestamp; `invalid` is a non-number.
      return reason === 'check_failed' ? 'not-yet-valid' : 'malformed';
    default:
      return 'malformed';
  }
}

/** The refusal for an error thrown by `jwtVerify` or by the key resolver. */
export function refusalFor(error: unknown): AccessTokenFailure {
  if (error instanceof KeyRefusal) return refusal(error.code, error.message);
  const { code, claim, reason } = (
    typeof error === 'object' && error !== null ? error : {}
  ) as JoseLike;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return refusal('expired');
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return refusal('invalid-signature');
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return refusal('alg-not-allowed');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return refusal(claimFailure(claim, reason));
    default:
      return refusal('malformed');
  }
}
