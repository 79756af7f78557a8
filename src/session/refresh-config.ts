/** Validation and defaults of the refresh-session config, every problem reported at once. */
import { isRecord } from '../internal/is-record.js';
import type { ConfigProblem } from '../internal/problems.js';
import type { SessionStore } from './store/types.js';
import {
  clockOption,
  secondsProblem,
  TOKEN_PROBLEM,
  tokenProblem,
  unknownKeyProblems,
} from './token-problems.js';

/** Configuration of `createRefreshSessions`. */
export interface RefreshSessionsConfig {
  /** Where families live: `createMemorySessionStore()` or `createRedisSessionStore()`. */
  readonly store: SessionStore;
  /**
   * Absolute family lifetime, fixed at login, seconds (default 30 days; at most 400 days,
   * the cookie lifetime cap of RFC 6265bis §5.6 step 5).
   */
  readonly lifetimeSeconds?: number;
  /** A family unused for this long ends, seconds (default 7 days; at most the lifetime). */
  readonly idleTimeoutSeconds?: number;
  /**
   * How long after a rotation the previous token still yields the same successor instead
   * of counting as reuse, seconds (default 15; 0 … 300, warning above 60).
   */
  readonly overlapSeconds?: number;
  /** Longest wait for the store before answering `store-unavailable`, ms (default 1000). */
  readonly storeTimeoutMs?: number;
  /** Clock in epoch milliseconds (tests); defaults to `Date.now`. */
  readonly now?: () => number;
}

/** The config after validation, in milliseconds. */
export interface NormalisedRefreshConfig {
  readonly store: SessionStore;
  readonly lifetimeMs: number;
  readonly idleTimeoutMs: number;
  readonly overlapMs: number;
  readonly storeTimeoutMs: number;
  readonly now: () => number;
}

const DAY = 86_400;
const CONFIG_KEYS = [
  'store',
  'lifetimeSeconds',
  'idleTimeoutSeconds',
  'overlapSeconds',
  'storeTimeoutMs',
  'now',
] as const;
const STORE_METHODS = [
  'createFamily',
  'rotate',
  'revokeFamily',
  'revokeAllForUser',
  'family',
  'close',
] as const;

function isStore(value: unknown): value is SessionStore {
  return isRecord(value) && STORE_METHODS.every((name) => typeof value[name] === 'function');
}

function seconds(
  problems: ConfigProblem[],
  problem: ConfigProblem | undefined,
  value: unknown,
  fallback: number,
): number {
  if (problem === undefined) return value as number;
  problems.push(problem);
  return fallback;
}

/** Validates `input`; the normalised config is meaningful only when no problem is an error. */
export function validateRefreshConfig(input: unknown): {
  config: NormalisedRefreshConfig;
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
          'The refresh config must be an object.',
          'Pass { store: createMemorySessionStore() }.',
        ),
      ];
  if (!isStore(raw.store)) {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.storeMissing,
        'store',
        raw.store,
        `store must implement SessionStore (${STORE_METHODS.join(', ')}).`,
        'Pass store: createMemorySessionStore() for one process, createRedisSessionStore({ redis }) for several.',
      ),
    );
  }
  const lifetimeValue = raw.lifetimeSeconds ?? 30 * DAY;
  const lifetime = seconds(
    problems,
    secondsProblem(
      TOKEN_PROBLEM.lifetimeInvalid,
      'lifetimeSeconds',
      lifetimeValue,
      60,
      400 * DAY,
      'E.g. 2592000 (30 days); browsers cap cookies at 400 days anyway.',
    ),
    lifetimeValue,
    30 * DAY,
  );
  const idleValue = raw.idleTimeoutSeconds ?? Math.min(7 * DAY, lifetime);
  const idle = seconds(
    problems,
    secondsProblem(
      TOKEN_PROBLEM.idleTimeoutInvalid,
      'idleTimeoutSeconds',
      idleValue,
      60,
      400 * DAY,
      'E.g. 604800 (7 days).',
    ),
    idleValue,
    lifetime,
  );
  if (raw.idleTimeoutSeconds !== undefined && idle > lifetime) {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.idleTimeoutUseless,
        'idleTimeoutSeconds',
        idle,
        `Longer than lifetimeSeconds (${lifetime}): a family always ends by its lifetime first.`,
        'Lower it below lifetimeSeconds, or remove it.',
      ),
    );
  }
  const overlapValue = raw.overlapSeconds ?? 15;
  const overlap = seconds(
    problems,
    secondsProblem(
      TOKEN_PROBLEM.overlapInvalid,
      'overlapSeconds',
      overlapValue,
      0,
      300,
      'E.g. 15: enough for tabs refreshing at the same moment.',
    ),
    overlapValue,
    15,
  );
  if (overlap > 60) {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.overlapLong,
        'overlapSeconds',
        overlap,
        'During the overlap a stolen previous refresh token still obtains the current one without tripping reuse detection.',
        'Keep it to the time concurrent requests take, 10 to 30 seconds.',
      ),
    );
  }
  const timeout = raw.storeTimeoutMs ?? 1000;
  if (
    typeof timeout !== 'number' ||
    !Number.isInteger(timeout) ||
    timeout < 10 ||
    timeout > 30_000
  ) {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.storeTimeoutInvalid,
        'storeTimeoutMs',
        timeout,
        'Must be a whole number of milliseconds from 10 to 30000.',
        'E.g. 1000: a refresh waits at most that long before answering 503.',
      ),
    );
  }
  const now = clockOption(raw.now, problems);
  return {
    config: {
      store: raw.store as SessionStore,
      lifetimeMs: lifetime * 1000,
      idleTimeoutMs: idle * 1000,
      overlapMs: overlap * 1000,
      storeTimeoutMs: timeout as number,
      now,
    },
    problems,
  };
}
