/**
 * The stable codes of configuration problems for signing keys, access tokens, refresh
 * sessions and session stores, with the severity each is always reported with.
 */
import type { ConfigProblem, ProblemSeverity } from '../internal/problems.js';

/** Every token/store config problem code, by name. */
export const TOKEN_PROBLEM = Object.freeze({
  configNotObject: 'tokens/config-not-object',
  unknownKey: 'tokens/unknown-key',
  keysEmpty: 'keys/empty',
  keyNotObject: 'keys/key-not-object',
  kidInvalid: 'keys/kid-invalid',
  kidDuplicate: 'keys/kid-duplicate',
  algNotAllowed: 'keys/alg-not-allowed',
  materialMissing: 'keys/material-missing',
  materialConflict: 'keys/material-conflict',
  importFailed: 'keys/import-failed',
  secretTooShort: 'keys/secret-too-short',
  verifyUntilInvalid: 'keys/verify-until-invalid',
  verifyUntilPast: 'keys/verify-until-past',
  signingKeyMissing: 'keys/signing-key-missing',
  signingKeyUnknown: 'keys/signing-key-unknown',
  signingKeyPublicOnly: 'keys/signing-key-public-only',
  signingKeyRetiring: 'keys/signing-key-retiring',
  issuerInvalid: 'access-token/issuer-invalid',
  audienceInvalid: 'access-token/audience-invalid',
  keySetInvalid: 'access-token/key-set-invalid',
  ttlInvalid: 'access-token/ttl-invalid',
  ttlLong: 'access-token/ttl-long',
  clockToleranceInvalid: 'access-token/clock-tolerance-invalid',
  cacheInvalid: 'access-token/cache-invalid',
  storeMissing: 'refresh/store-missing',
  lifetimeInvalid: 'refresh/lifetime-invalid',
  idleTimeoutInvalid: 'refresh/idle-timeout-invalid',
  idleTimeoutUseless: 'refresh/idle-timeout-useless',
  overlapInvalid: 'refresh/overlap-invalid',
  overlapLong: 'refresh/overlap-long',
  storeTimeoutInvalid: 'refresh/store-timeout-invalid',
  redisMissing: 'store/redis-missing',
  redisUrlInvalid: 'store/redis-url-invalid',
  redisNotFailFast: 'store/redis-not-fail-fast',
  prefixInvalid: 'store/prefix-invalid',
  retentionInvalid: 'store/retention-invalid',
  sweepIntervalInvalid: 'store/sweep-interval-invalid',
} as const);

/** A token/store config problem code. */
export type TokenProblemCode = (typeof TOKEN_PROBLEM)[keyof typeof TOKEN_PROBLEM];

const WARNINGS: ReadonlySet<TokenProblemCode> = new Set<TokenProblemCode>([
  TOKEN_PROBLEM.verifyUntilPast,
  TOKEN_PROBLEM.ttlLong,
  TOKEN_PROBLEM.idleTimeoutUseless,
  TOKEN_PROBLEM.overlapLong,
  TOKEN_PROBLEM.redisNotFailFast,
]);

/** The severity a token/store problem is always reported with. */
export function tokenProblemSeverity(code: TokenProblemCode): ProblemSeverity {
  return WARNINGS.has(code) ? 'warning' : 'error';
}

/** Builds a problem whose severity is fixed by its code. */
export function tokenProblem(
  code: TokenProblemCode,
  field: string,
  value: unknown,
  message: string,
  fix: string,
): ConfigProblem {
  return { code, field, value, message, fix, severity: tokenProblemSeverity(code) };
}

/**
 * Reports keys of `raw` outside `known` (a misspelt option would silently keep its
 * default, e.g. `ttl` for `ttlSeconds`).
 */
export function unknownKeyProblems(
  raw: Record<string, unknown>,
  known: readonly string[],
  prefix = '',
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const key of Object.keys(raw)) {
    if (known.includes(key)) continue;
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.unknownKey,
        `${prefix}${key}`,
        raw[key],
        'Unknown option: it would be ignored.',
        `Use one of: ${known.join(', ')}.`,
      ),
    );
  }
  return problems;
}

/** Checks that `value` is a whole number of seconds in `[min, max]`; undefined when fine. */
export function secondsProblem(
  code: TokenProblemCode,
  field: string,
  value: unknown,
  min: number,
  max: number,
  fix: string,
): ConfigProblem | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
    return undefined;
  }
  return tokenProblem(
    code,
    field,
    value,
    `Must be a whole number of seconds from ${min} to ${max}.`,
    fix,
  );
}

/**
 * Reads the optional `now` clock of a config: a function returning epoch milliseconds, or
 * `Date.now` when absent. Anything else is reported into `problems` (and `Date.now` used).
 */
export function clockOption(value: unknown, problems: ConfigProblem[]): () => number {
  if (typeof value === 'function') return value as () => number;
  if (value !== undefined)
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.configNotObject,
        'now',
        value,
        'now must be a function returning epoch milliseconds.',
        'Remove it (Date.now is used) or pass () => number.',
      ),
    );
  return Date.now;
}
