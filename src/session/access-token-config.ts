/** Validation and defaults of the access-token config, every problem reported at once. */
import { isRecord } from '../internal/is-record.js';
import type { ConfigProblem } from '../internal/problems.js';
import type { KeySet } from './keys.js';
import {
  clockOption,
  secondsProblem,
  TOKEN_PROBLEM,
  tokenProblem,
  unknownKeyProblems,
} from './token-problems.js';

/** Configuration of `createAccessTokens`. */
export interface AccessTokenConfig {
  /** From `createKeySet`. */
  readonly keys: KeySet;
  /** `iss` written and required, e.g. the API origin `https://api.example.com`. */
  readonly issuer: string;
  /**
   * `aud` written and required: this API's identifier. With several, tokens carry all
   * of them and verification accepts a token naming any.
   */
  readonly audience: string | readonly string[];
  /** Access-token lifetime, seconds (default 600; 30 … 86400, warning above 3600). */
  readonly ttlSeconds?: number;
  /** Accepted clock skew between issuer and verifier, seconds (default 5; 0 … 300). */
  readonly clockToleranceSeconds?: number;
  /**
   * Verification cache, off by default: `{ maxEntries }` (1 … 1 000 000) keeps that many
   * verified tokens (LRU) so a repeated token skips the signature check.
   */
  readonly cache?: { readonly maxEntries: number } | false;
  /** Clock in epoch milliseconds (tests); defaults to `Date.now`. */
  readonly now?: () => number;
}

/** The config after validation. */
export interface NormalisedAccessTokenConfig {
  readonly keys: KeySet;
  readonly issuer: string;
  readonly audience: string | readonly string[];
  readonly ttlSeconds: number;
  readonly clockToleranceSeconds: number;
  readonly cacheEntries: number;
  readonly now: () => number;
}

export const DEFAULT_ACCESS_TTL_SECONDS = 600;
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;
const LONG_TTL_SECONDS = 3600;
const MAX_TTL_SECONDS = 86_400;
const MAX_CACHE_ENTRIES = 1_000_000;
const CONFIG_KEYS = [
  'keys',
  'issuer',
  'audience',
  'ttlSeconds',
  'clockToleranceSeconds',
  'cache',
  'now',
] as const;

function isKeySet(value: unknown): value is KeySet {
  return isRecord(value) && typeof value.keyFor === 'function' && isRecord(value.signing);
}

function cacheEntries(cache: unknown, problems: ConfigProblem[]): number {
  if (cache === undefined || cache === false) return 0;
  const max = isRecord(cache) ? cache.maxEntries : undefined;
  if (typeof max === 'number' && Number.isInteger(max) && max >= 1 && max <= MAX_CACHE_ENTRIES) {
    return max;
  }
  problems.push(
    tokenProblem(
      TOKEN_PROBLEM.cacheInvalid,
      'cache',
      cache,
      `cache must be false or { maxEntries } with a whole number from 1 to ${MAX_CACHE_ENTRIES}.`,
      'E.g. cache: { maxEntries: 10000 } (about 10 MB for typical tokens), or remove it.',
    ),
  );
  return 0;
}

/** Validates `input`; the normalised config is meaningful only when no problem is an error. */
export function validateAccessTokenConfig(input: unknown): {
  config: NormalisedAccessTokenConfig;
  problems: ConfigProblem[];
} {
  const raw = isRecord(input) ? input : {};
  const problems: ConfigProblem[] = isRecord(input)
    ? unknownKeyProblems(raw, CONFIG_KEYS)
    : [
        tokenProblem(
          TOKEN_PROBLEM.configNotObject,
          'config',
          input,
          'The access-token config must be an object.',
          "Pass { keys, issuer: 'https://api.example.com', audience: 'https://api.example.com' }.",
        ),
      ];
  if (!isKeySet(raw.keys)) {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.keySetInvalid,
        'keys',
        raw.keys,
        'keys must be the key set returned by createKeySet.',
        'Pass keys: await createKeySet({ keys: [...], signingKid }).',
      ),
    );
  }
  if (typeof raw.issuer !== 'string' || raw.issuer.length === 0) {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.issuerInvalid,
        'issuer',
        raw.issuer,
        'issuer must be a non-empty string: without it a token from any issuer sharing the key would pass.',
        "Use the API's origin, e.g. 'https://api.example.com'.",
      ),
    );
  }
  const audience = raw.audience;
  const audiences = Array.isArray(audience) ? audience : [audience];
  if (
    audiences.length === 0 ||
    audiences.some((value) => typeof value !== 'string' || value.length === 0)
  ) {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.audienceInvalid,
        'audience',
        audience,
        'audience must be a non-empty string or array of them: it stops a token minted for another service being replayed here.',
        "Use the API's identifier, e.g. 'https://api.example.com'.",
      ),
    );
  }
  const ttl = raw.ttlSeconds ?? DEFAULT_ACCESS_TTL_SECONDS;
  const ttlProblem = secondsProblem(
    TOKEN_PROBLEM.ttlInvalid,
    'ttlSeconds',
    ttl,
    30,
    MAX_TTL_SECONDS,
    'Access tokens cannot be revoked before they expire: keep them short, e.g. 600.',
  );
  if (ttlProblem !== undefined) problems.push(ttlProblem);
  else if ((ttl as number) > LONG_TTL_SECONDS) {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.ttlLong,
        'ttlSeconds',
        ttl,
        'A logout or a detected refresh-token theft leaves this access token valid for this long.',
        'Use 5 to 15 minutes (300 … 900) and let clients refresh.',
      ),
    );
  }
  const tolerance = raw.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const toleranceProblem = secondsProblem(
    TOKEN_PROBLEM.clockToleranceInvalid,
    'clockToleranceSeconds',
    tolerance,
    0,
    300,
    'A few seconds cover the skew of NTP-synchronised hosts, e.g. 5.',
  );
  if (toleranceProblem !== undefined) problems.push(toleranceProblem);
  const entries = cacheEntries(raw.cache, problems);
  const now = clockOption(raw.now, problems);
  return {
    config: {
      keys: raw.keys as KeySet,
      issuer: raw.issuer as string,
      audience: Array.isArray(audience) ? [...audience] : (audience as string),
      ttlSeconds: ttl as number,
      clockToleranceSeconds: tolerance as number,
      cacheEntries: entries,
      now,
    },
    problems,
  };
}
