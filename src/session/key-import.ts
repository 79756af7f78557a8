/**
 * Checks one {@link KeySpec} and imports its material once, into the `CryptoKey`s that
 * every later sign/verify reuses (jose re-imports raw secrets on every call otherwise).
 */
import { exportJWK, importJWK, importPKCS8, importSPKI, type JWK } from 'jose';
import { isRecord } from '../internal/is-record.js';
import type { ConfigProblem } from '../internal/problems.js';
import { TOKEN_PROBLEM, tokenProblem, unknownKeyProblems } from './token-problems.js';

/**
 * The algorithms a key may be pinned to. EdDSA (Ed25519, RFC 8037) and ES256 (RFC 7518
 * §3.4) are asymmetric: other services verify with the public JWKS alone. HS256 shares
 * one secret between signer and verifiers, so it is never published.
 */
export type SigningAlgorithm = 'EdDSA' | 'ES256' | 'HS256';

/** The algorithms accepted in a {@link KeySpec}. */
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['EdDSA', 'ES256', 'HS256'];

/**
 * RFC 7518 §3.2: an HMAC key must be at least as long as the hash output (256 bits for
 * HS256); shorter secrets can be brute-forced offline from any token.
 */
export const MIN_HMAC_SECRET_BYTES = 32;

/** One key of a key set, as configured. */
export interface KeySpec {
  /** Key id, written in every token's header and the JWKS; unique in the set. */
  readonly kid: string;
  /** The one algorithm this key signs and verifies with. */
  readonly alg: SigningAlgorithm;
  /**
   * EdDSA/ES256 private key: a JWK with `d`, or a PKCS#8 PEM. The public half is derived
   * from it. Required for the signing key.
   */
  readonly privateKey?: JWK | string;
  /** EdDSA/ES256 public key only (a verify-only key): a JWK without `d`, or an SPKI PEM. */
  readonly publicKey?: JWK | string;
  /** HS256 secret, at least 32 random bytes (e.g. `Buffer.from(env.SECRET, 'base64url')`). */
  readonly secret?: Uint8Array;
  /**
   * A retired key keeps verifying tokens until this instant (grace period: at least the
   * access-token lifetime after it stopped signing), then is refused and leaves the JWKS.
   */
  readonly verifyUntil?: Date;
}

/** A key ready for use: material imported, limits as epoch milliseconds. */
export interface ImportedKey {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  /** The verification key (public key, or the HMAC secret). */
  readonly verifyKey: CryptoKey;
  /** The signing key; absent on verify-only keys. */
  readonly signKey: CryptoKey | undefined;
  /** Public JWK (`kty`, `crv`, `x`, `y`) for the JWKS; absent for HS256. */
  readonly publicJwk: JWK | undefined;
  /** Epoch ms after which the key is refused; `Infinity` when not retired. */
  readonly verifyUntil: number;
}

const SPEC_KEYS = ['kid', 'alg', 'privateKey', 'publicKey', 'secret', 'verifyUntil'] as const;
const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y'] as const;
const MAX_KID_LENGTH = 128;

/** Outcome of {@link importKeySpec}: the key, or the problems that prevent it. */
export type KeyImport =
  | { readonly ok: true; readonly key: ImportedKey; readonly problems: readonly ConfigProblem[] }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

function publicPart(jwk: JWK): JWK {
  const out: JWK = {};
  for (const name of PUBLIC_MEMBERS) {
    const value = jwk[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Checks the shape of a spec; returns the problems (none means the import may proceed). */
function checkSpec(raw: Record<string, unknown>, field: string, now: number): ConfigProblem[] {
  const problems = unknownKeyProblems(raw, SPEC_KEYS, `${field}.`);
  const { kid, alg, privateKey, publicKey, secret, verifyUntil } = raw;
  if (
    typeof kid !== 'string' ||
    kid.length === 0 ||
    kid.length > MAX_KID_LENGTH ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    /[\u0000-\u001f\u007f]/.test(kid)
  ) {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.kidInvalid,
        `${field}.kid`,
        kid,
        `A key id must be a non-empty string of at most ${MAX_KID_LENGTH} characters without control characters.`,
        "Name each key, e.g. kid: '2025-06-ed25519'.",
      ),
    );
  }
  if (!SIGNING_ALGORITHMS.includes(alg as SigningAlgorithm)) {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.algNotAllowed,
        `${field}.alg`,
        alg,
        'Only EdDSA, ES256 and HS256 are accepted: every other algorithm (none, RS*, PS*, ES384…) is refused so that a token cannot choose how it is checked.',
        "Use alg: 'EdDSA' (default choice), 'ES256', or 'HS256' with a 32-byte secret.",
      ),
    );
    return problems;
  }
  if (alg === 'HS256') {
    if (privateKey !== undefined || publicKey !== undefined) {
      problems.push(
        tokenProblem(
          TOKEN_PROBLEM.materialConflict,
          field,
          kid,
          'An HS256 key is a shared secret; privateKey/publicKey belong to EdDSA and ES256 keys.',
          'Give secret only, or change alg.',
        ),
      );
    }
    if (!(secret instanceof Uint8Array)) {
      problems.push(
        tokenProblem(
          TOKEN_PROBLEM.materialMissing,
          `${field}.secret`,
          secret,
          'An HS256 key needs its secret as bytes (a string would hide its real entropy).',
          "Pass secret: Buffer.from(process.env.SESSION_SECRET, 'base64url') holding 32 random bytes.",
        ),
      );
    } else if (secret.byteLength < MIN_HMAC_SECRET_BYTES) {
      problems.push(
        tokenProblem(
          TOKEN_PROBLEM.secretTooShort,
          `${field}.secret`,
          `${secret.byteLength} bytes`,
          `RFC 7518 §3.2 requires an HS256 key of at least ${MIN_HMAC_SECRET_BYTES} bytes; a shorter one can be brute-forced from any token.`,
          'Generate one: node -e "console.log(crypto.randomBytes(32).toString(\'base64url\'))".',
        ),
      );
    }
  } else {
    if (secret !== undefined) {
      problems.push(
        tokenProblem(
          TOKEN_PROBLEM.materialConflict,
          `${field}.secret`,
          kid,
          `A secret belongs to HS256 keys; an ${alg} key uses privateKey or publicKey.`,
          'Remove secret, or set alg: HS256.',
        ),
      );
    }
    if (privateKey !== undefined && publicKey !== undefined) {
      problems.push(
        tokenProblem(
          TOKEN_PROBLEM.materialConflict,
          field,
          kid,
          'Give privateKey or publicKey, not both: the public half is derived from the private key, so two could disagree.',
          'Keep privateKey on the signing service, publicKey on verify-only keys.',
        ),
      );
    } else if (privateKey === undefined && publicKey === undefined) {
      problems.push(
        tokenProblem(
          TOKEN_PROBLEM.materialMissing,
          field,
          kid,
          `An ${alg} key needs privateKey (to sign) or publicKey (to verify only).`,
          'Create one with generateKeySpec() and store its privateKey as a secret.',
        ),
      );
    }
    if (isRecord(privateKey) && typeof privateKey.d !== 'string') {
      problems.push(
        tokenProblem(
          TOKEN_PROBLEM.materialMissing,
          `${field}.privateKey`,
          kid,
          'This JWK has no private member "d": it is a public key.',
          'Pass it as publicKey, or give the private JWK.',
        ),
      );
    }
    if (isRecord(publicKey) && publicKey.d !== undefined) {
      problems.push(
        tokenProblem(
          TOKEN_PROBLEM.materialConflict,
          `${field}.publicKey`,
          kid,
          'This JWK holds a private member "d": configuring it as a public key spreads the private key.',
          'Pass it as privateKey on the signing service only; give other services the JWKS.',
        ),
      );
    }
  }
  if (verifyUntil !== undefined) {
    if (!(verifyUntil instanceof Date) || Number.isNaN(verifyUntil.getTime())) {
      problems.push(
        tokenProblem(
          TOKEN_PROBLEM.verifyUntilInvalid,
          `${field}.verifyUntil`,
          verifyUntil,
          'Must be a valid Date.',
          'Set verifyUntil to when the key retired plus at least the access-token lifetime.',
        ),
      );
    } else if (verifyUntil.getTime() <= now) {
      problems.push(
        tokenProblem(
          TOKEN_PROBLEM.verifyUntilPast,
          `${field}.verifyUntil`,
          verifyUntil.toISOString(),
          'This retired key is past its grace period: it verifies nothing and is not published.',
          'Remove the key from the set.',
        ),
      );
    }
  }
  return problems;
}

async function importAsymmetric(
  alg: 'EdDSA' | 'ES256',
  material: JWK | string,
  isPrivate: boolean,
): Promise<{ verifyKey: CryptoKey; signKey: CryptoKey | undefined; publicJwk: JWK }> {
  if (!isPrivate) {
    const verifyKey =
      typeof material === 'string'
        ? await importSPKI(material, alg, { extractable: true })
        : await importJWK({ ...material, alg }, alg, { extractable: true });
    if (!(verifyKey instanceof CryptoKey)) throw new Error('not an asymmetric key');
    return { verifyKey, signKey: undefined, publicJwk: publicPart(await exportJWK(verifyKey)) };
  }
  // Extractable only for the time it takes to read the public members; the signing key
  // kept is a second, non-extractable import.
  const exportable =
    typeof material === 'string'
      ? await importPKCS8(material, alg, { extractable: true })
      : await importJWK({ ...material, alg }, alg, { extractable: true });
  if (!(exportable instanceof CryptoKey)) throw new Error('not an asymmetric key');
  const privateJwk = await exportJWK(exportable);
  const publicJwk = publicPart(privateJwk);
  const signKey = await importJWK({ ...privateJwk, alg }, alg, { extractable: false });
  const verifyKey = await importJWK({ ...publicJwk, alg }, alg);
  if (!(signKey instanceof CryptoKey) || !(verifyKey instanceof CryptoKey)) {
    throw new Error('not an asymmetric key');
  }
  return { verifyKey, signKey, publicJwk };
}

/**
 * Checks and imports the spec at `field`. Never throws: a key jose cannot import (wrong
 * curve for the algorithm, broken PEM) is reported as `keys/import-failed`.
 */
export async function importKeySpec(raw: unknown, field: string, now: number): Promise<KeyImport> {
  if (!isRecord(raw)) {
    return {
      ok: false,
      problems: [
        tokenProblem(
          TOKEN_PROBLEM.keyNotObject,
          field,
          raw,
          'Each key must be an object { kid, alg, privateKey | publicKey | secret }.',
          "E.g. await generateKeySpec('EdDSA', 'k1').",
        ),
      ],
    };
  }
  const problems = checkSpec(raw, field, now);
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  const spec = raw as unknown as KeySpec;
  const verifyUntil = spec.verifyUntil?.getTime() ?? Number.POSITIVE_INFINITY;
  try {
    if (spec.alg === 'HS256' && spec.secret !== undefined) {
      // WebCrypto HMAC key (not extractable): the raw bytes are not kept.
      const key = await crypto.subtle.importKey(
        'raw',
        new Uint8Array(spec.secret),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign', 'verify'],
      );
      return {
        ok: true,
        key: {
          kid: spec.kid,
          alg: 'HS256',
          verifyKey: key,
          signKey: key,
          publicJwk: undefined,
          verifyUntil,
        },
        problems,
      };
    }
    const isPrivate = spec.privateKey !== undefined;
    const material = spec.privateKey ?? spec.publicKey;
    if (spec.alg === 'HS256' || material === undefined) throw new Error('no key material');
    const imported = await importAsymmetric(spec.alg, material, isPrivate);
    return {
      ok: true,
      key: { kid: spec.kid, alg: spec.alg, ...imported, verifyUntil },
      problems,
    };
  } catch (error) {
    return {
      ok: false,
      problems: [
        ...problems,
        tokenProblem(
          TOKEN_PROBLEM.importFailed,
          field,
          spec.kid,
          `The key material cannot be imported as ${spec.alg}: ${reason(error)}.`,
          spec.alg === 'EdDSA'
            ? 'Give an Ed25519 key (JWK kty OKP, crv Ed25519, or its PEM).'
            : 'Give a P-256 key (JWK kty EC, crv P-256, or its PEM).',
        ),
      ],
    };
  }
}
