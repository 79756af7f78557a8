/**
 * The public JWK Set (RFC 7517 §5) other services fetch to verify access tokens, e.g.
 * with jose's `createRemoteJWKSet`.
 */
import type { JWK } from 'jose';
import type { ImportedKey } from './key-import.js';

/**
 * A JWK Set holding public signing keys only; a fresh object at every call, so it is
 * typed mutable like jose's `JSONWebKeySet`.
 */
export interface JwksDocument {
  keys: JWK[];
}

/**
 * The public JWKs of the asymmetric keys that still verify at `now` (epoch ms). Built
 * from the members copied at import (`kty`, `crv`, `x`, `y`), so no private member can
 * leak; HMAC keys have none and are left out (publishing a shared secret would let
 * anyone sign).
 */
export function publicJwks(keys: Iterable<ImportedKey>, now: number): JwksDocument {
  const out: JWK[] = [];
  for (const key of keys) {
    if (key.publicJwk === undefined || key.verifyUntil <= now) continue;
    // RFC 7517 §4.2 `use: "sig"` and §4.4 `alg` pin the key to signatures with one algorithm.
    out.push({ ...key.publicJwk, kid: key.kid, alg: key.alg, use: 'sig' });
  }
  return { keys: out };
}
