/** Shared fixtures for key and access-token tests: a settable clock and key specs. */
import { createAccessTokens } from '../../src/session/access-token.js';
import { createKeySet, generateKeySpec, type KeySpec } from '../../src/session/keys.js';

/** A clock the test moves by hand (epoch ms). */
export function manualClock(start = Date.UTC(2030, 0, 1)) {
  let at = start;
  return {
    now: () => at,
    advance(ms: number) {
      at += ms;
    },
    set(ms: number) {
      at = ms;
    },
  };
}

export const ISSUER = 'https://api.example.com';
export const AUDIENCE = 'https://api.example.com';

/** Public half of a generated spec, as a verify-only key. */
export function publicOnly(spec: KeySpec, verifyUntil?: Date): KeySpec {
  const jwk = spec.privateKey;
  if (typeof jwk !== 'object') throw new Error('fixture needs a JWK private key');
  const { d: _d, ...publicKey } = jwk;
  return {
    kid: spec.kid,
    alg: spec.alg,
    publicKey,
    ...(verifyUntil === undefined ? {} : { verifyUntil }),
  };
}

/** A verifier/issuer over one fresh key of `alg`. */
export async function singleKeyTokens(
  alg: KeySpec['alg'] = 'EdDSA',
  clock = manualClock(),
  extra: { ttlSeconds?: number; cache?: { maxEntries: number } } = {},
) {
  const spec = await generateKeySpec(alg, `${alg}-1`);
  const keys = await createKeySet({ keys: [spec], signingKid: spec.kid, now: clock.now });
  const tokens = createAccessTokens({
    keys,
    issuer: ISSUER,
    audience: AUDIENCE,
    now: clock.now,
    ...extra,
  });
  return { spec, keys, tokens, clock };
}
