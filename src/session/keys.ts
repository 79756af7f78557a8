/**
 * A key set for access tokens: one signing key and any number of verify-only keys, each
 * pinned to one algorithm and imported once at construction.
 *
 * Rotation: publish the next key (as a verify-only `publicKey`) ahead of time, switch
 * `signingKid` to it, and keep the old key with `verifyUntil` = switch time + access-token
 * lifetime (+ the JWKS cache time of other services), then remove it.
 */
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { isRecord } from '../internal/is-record.js';
import { type ConfigProblem, throwOnErrors } from '../internal/problems.js';
import { type JwksDocument, publicJwks } from './jwks.js';
import {
  type ImportedKey,
  importKeySpec,
  type KeySpec,
  type SigningAlgorithm,
} from './key-import.js';
import { clockOption, TOKEN_PROBLEM, tokenProblem, unknownKeyProblems } from './token-problems.js';

export type { ImportedKey, KeySpec, SigningAlgorithm } from './key-import.js';
export { MIN_HMAC_SECRET_BYTES, SIGNING_ALGORITHMS } from './key-import.js';

/** Configuration of {@link createKeySet}. */
export interface KeySetConfig {
  /** Every key that signs or still verifies; kids unique. */
  readonly keys: readonly KeySpec[];
  /** The kid of the key that signs new tokens (it needs its private key or secret). */
  readonly signingKid: string;
  /** Clock in epoch milliseconds (tests); defaults to `Date.now`. */
  readonly now?: () => number;
}

/** The signing key of a set. */
export interface SigningKey {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly key: CryptoKey;
}

/** Imported keys: look-up by kid for verification, the signing key, and the JWKS. */
export interface KeySet {
  readonly signing: SigningKey;
  /** Every algorithm some key of the set uses (each key still accepts only its own). */
  readonly algorithms: readonly SigningAlgorithm[];
  /** Warnings found at construction (errors throw). */
  readonly warnings: readonly ConfigProblem[];
  /**
   * The key with this kid, whatever its `verifyUntil` (the caller compares it with its
   * clock, so that a refusal can say "retired" rather than "unknown").
   */
  keyFor(kid: string): ImportedKey | undefined;
  /**
   * The public JWKS (RFC 7517 §5) of the EdDSA/ES256 keys that verify now: `kty`, `crv`,
   * `x`, `y`, `kid`, `alg`, `use: "sig"`. Never a private member; HS256 keys never appear.
   */
  jwks(): JwksDocument;
}

const CONFIG_KEYS = ['keys', 'signingKid', 'now'] as const;

function signingProblems(
  raw: Record<string, unknown>,
  imported: readonly (ImportedKey | undefined)[],
  specs: readonly unknown[],
): ConfigProblem[] {
  const { signingKid } = raw;
  if (typeof signingKid !== 'string' || signingKid.length === 0) {
    return [
      tokenProblem(
        TOKEN_PROBLEM.signingKeyMissing,
        'signingKid',
        signingKid,
        'No signing key named: the set could verify but never issue a token.',
        'Set signingKid to the kid of the key with a privateKey or secret.',
      ),
    ];
  }
  const index = specs.findIndex((spec) => isRecord(spec) && spec.kid === signingKid);
  if (index < 0) {
    return [
      tokenProblem(
        TOKEN_PROBLEM.signingKeyUnknown,
        'signingKid',
        signingKid,
        'No key in keys has this kid.',
        `Use one of: ${specs.map((s) => (isRecord(s) ? String(s.kid) : '?')).join(', ')}.`,
      ),
    ];
  }
  const key = imported[index];
  if (key === undefined) return []; // its own problems are already reported
  const problems: ConfigProblem[] = [];
  if (key.signKey === undefined) {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.signingKeyPublicOnly,
        'signingKid',
        signingKid,
        'The signing key is configured with its public key only: it cannot sign.',
        `Give keys[${index}].privateKey instead of publicKey.`,
      ),
    );
  }
  if (key.verifyUntil !== Number.POSITIVE_INFINITY) {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.signingKeyRetiring,
        `keys[${index}].verifyUntil`,
        signingKid,
        'The signing key has a retirement date: tokens it signs would stop verifying at that date, whatever their exp.',
        'Remove verifyUntil from the signing key; set it on a key once another one signs.',
      ),
    );
  }
  return problems;
}

/**
 * Validates every key and imports it once. Rejects with a `ConfigError` listing every
 * problem (duplicate kids, refused algorithms, short HMAC secrets, unimportable
 * material, a signing key that cannot sign).
 */
export async function createKeySet(config: KeySetConfig): Promise<KeySet> {
  const raw: unknown = config;
  if (!isRecord(raw)) {
    throwOnErrors('createKeySet', [
      tokenProblem(
        TOKEN_PROBLEM.configNotObject,
        'config',
        raw,
        'The key set config must be an object.',
        "Pass { keys: [await generateKeySpec('EdDSA', 'k1')], signingKid: 'k1' }.",
      ),
    ]);
  }
  const record = raw as Record<string, unknown>;
  const problems = unknownKeyProblems(record, CONFIG_KEYS);
  const clock = clockOption(record.now, problems);
  const specs: unknown[] = Array.isArray(record.keys) ? record.keys : [];
  if (specs.length === 0) {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.keysEmpty,
        'keys',
        record.keys,
        'A key set needs at least its signing key.',
        "Pass keys: [await generateKeySpec('EdDSA', 'k1')] (persist it, or every restart logs everyone out).",
      ),
    );
  }
  const seen = new Map<unknown, number>();
  specs.forEach((spec, i) => {
    if (!isRecord(spec) || typeof spec.kid !== 'string') return;
    const first = seen.get(spec.kid);
    if (first === undefined) {
      seen.set(spec.kid, i);
      return;
    }
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.kidDuplicate,
        `keys[${i}].kid`,
        spec.kid,
        `keys[${first}] has the same kid: a token could not say which key signed it.`,
        'Give every key its own kid.',
      ),
    );
  });
  const now = clock();
  const imports = await Promise.all(specs.map((spec, i) => importKeySpec(spec, `keys[${i}]`, now)));
  const imported = imports.map((result) => (result.ok ? result.key : undefined));
  for (const result of imports) problems.push(...result.problems);
  problems.push(...signingProblems(record, imported, specs));
  const warnings = throwOnErrors('createKeySet', problems);

  const byKid = new Map<string, ImportedKey>();
  for (const key of imported) if (key !== undefined) byKid.set(key.kid, key);
  const signer = byKid.get(record.signingKid as string);
  if (signer?.signKey === undefined) throw new Error('unreachable: signing key checked above');
  const signing: SigningKey = { kid: signer.kid, alg: signer.alg, key: signer.signKey };
  const algorithms = [...new Set([...byKid.values()].map((key) => key.alg))];
  return {
    signing,
    algorithms,
    warnings,
    keyFor: (kid) => byKid.get(kid),
    jwks: () => publicJwks(byKid.values(), clock()),
  };
}

/**
 * A new key: an Ed25519 or P-256 pair (the private JWK in `privateKey`) or 32 random
 * bytes for HS256. Store it as a secret; a key generated at every start logs everyone
 * out at every restart and differs between instances.
 */
export async function generateKeySpec(alg: SigningAlgorithm, kid: string): Promise<KeySpec> {
  if (alg === 'HS256') {
    return { kid, alg, secret: crypto.getRandomValues(new Uint8Array(32)) };
  }
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk: JWK = await exportJWK(privateKey);
  return { kid, alg, privateKey: jwk };
}
