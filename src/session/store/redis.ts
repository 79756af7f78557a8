/**
 * The Redis session store (ioredis), for several API instances sharing sessions.
 *
 * An outage must surface as `store-unavailable` at once, never as a hanging request, so
 * a client created from a URL is configured to fail fast ({@link failFastRedisOptions}):
 * no offline queue (a command while disconnected fails immediately instead of waiting
 * for a reconnection), a connect timeout, a per-command timeout, and quick reconnection
 * attempts so service resumes by itself when Redis is back.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { type ConfigProblem, throwOnErrors } from '../../internal/problems.js';
import { TOKEN_PROBLEM, tokenProblem, unknownKeyProblems } from '../token-problems.js';
import { purgeAt } from './family-rules.js';
import {
  CREATE_FAMILY,
  type LuaScript,
  REVOKE_FAMILY,
  REVOKE_USER,
  ROTATE,
} from './redis-scripts.js';
import { retentionMs } from './store-config.js';
import type {
  FamilyView,
  NewFamily,
  RevokeOutcome,
  RevokeReason,
  RevokeRequest,
  RotateOutcome,
  RotateRequest,
  SessionStore,
} from './types.js';

/** Options of {@link createRedisSessionStore}. */
export interface RedisSessionStoreOptions {
  /**
   * A `redis://` / `rediss://` URL (the store creates and closes a fail-fast client), or
   * your ioredis client (configure it with {@link failFastRedisOptions}; it is left open).
   */
  readonly redis: Redis | string;
  /** Prefix of every key (default `corset:`), to share a database with other data. */
  readonly prefix?: string;
  /** How long an ended family is kept, seconds (default 3600). */
  readonly retentionSeconds?: number;
  /** With a URL: options merged over {@link failFastRedisOptions}. */
  readonly redisOptions?: RedisOptions;
}

/** The Redis store, with its client. */
export interface RedisSessionStore extends SessionStore {
  readonly client: Redis;
  /**
   * Resolves once the client is connected (commands before that fail fast with
   * `store-unavailable`); rejects after `timeoutMs` (default 5000).
   */
  ready(timeoutMs?: number): Promise<void>;
  readonly warnings: readonly ConfigProblem[];
}

/**
 * ioredis options under which an outage fails fast: `enableOfflineQueue: false`,
 * `maxRetriesPerRequest: 1`, `connectTimeout: 1000`, `commandTimeout: 500`, and
 * reconnection every 100 ms growing to 1 s.
 */
export function failFastRedisOptions(): RedisOptions {
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    commandTimeout: 500,
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 1000),
  };
}

const OPTION_KEYS = ['redis', 'prefix', 'retentionSeconds', 'redisOptions'] as const;

function isRedisClient(value: unknown): value is Redis {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Redis).evalsha === 'function' &&
    typeof (value as Redis).options === 'object'
  );
}

function urlProblem(url: string): ConfigProblem | undefined {
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol === 'redis:' || protocol === 'rediss:') return undefined;
  return tokenProblem(
    TOKEN_PROBLEM.redisUrlInvalid,
    'redis',
    url,
    'Not a redis:// or rediss:// URL.',
    "E.g. 'redis://127.0.0.1:6379/0', or pass an ioredis client.",
  );
}

function clientWarnings(options: RedisOptions, field: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (options.enableOfflineQueue !== false) {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.redisNotFailFast,
        `${field}.enableOfflineQueue`,
        options.enableOfflineQueue,
        'While Redis is down, commands wait in the offline queue: refreshes hang until the refresh storeTimeoutMs answers 503.',
        'Create the client with new Redis(url, failFastRedisOptions()).',
      ),
    );
  }
  if (options.commandTimeout === undefined) {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.redisNotFailFast,
        `${field}.commandTimeout`,
        undefined,
        'Without a command timeout a command on a stalled connection never settles (the refresh storeTimeoutMs still answers 503).',
        'Set commandTimeout, e.g. 500 (failFastRedisOptions() does).',
      ),
    );
  }
  return problems;
}

function optional(value: unknown): number | undefined {
  return typeof value === 'string' ? Number(value) : undefined;
}

/** Reads the family fields a script replies with (sub, crt, exp, idle, rot, revAt, revWhy). */
function viewFrom(sid: string, reply: readonly unknown[], offset: number): FamilyView {
  const rotatedAt = optional(reply[offset + 4]);
  const revokedAt = optional(reply[offset + 5]);
  const reason = reply[offset + 6];
  return {
    sid,
    sub: String(reply[offset]),
    createdAt: Number(reply[offset + 1]),
    expiresAt: Number(reply[offset + 2]),
    idleExpiresAt: Number(reply[offset + 3]),
    ...(rotatedAt === undefined ? {} : { rotatedAt }),
    ...(revokedAt === undefined ? {} : { revokedAt }),
    ...(typeof reason === 'string' ? { revokeReason: reason as RevokeReason } : {}),
  };
}

/** Creates a Redis store; a `ConfigError` lists every problem of `options`. */
export function createRedisSessionStore(options: RedisSessionStoreOptions): RedisSessionStore {
  const raw = (typeof options === 'object' && options !== null ? options : {}) as Record<
    string,
    unknown
  >;
  const problems = unknownKeyProblems(raw, OPTION_KEYS);
  const retention = retentionMs(raw.retentionSeconds, problems);
  const prefix = raw.prefix ?? 'corset:';
  if (typeof prefix !== 'string' || prefix.length === 0 || /\s/.test(prefix)) {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.prefixInvalid,
        'prefix',
        prefix,
        'The key prefix must be a non-empty string without spaces.',
        "E.g. 'corset:' or 'myapp:sessions:'.",
      ),
    );
  }
  const given = raw.redis;
  const redisOptions = raw.redisOptions ?? {};
  if (typeof redisOptions !== 'object' || redisOptions === null) {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.redisMissing,
        'redisOptions',
        redisOptions,
        'redisOptions must be an ioredis options object.',
        'E.g. redisOptions: { db: 2 }, or remove it.',
      ),
    );
  }
  const merged: RedisOptions = { ...failFastRedisOptions(), ...(redisOptions as RedisOptions) };
  if (typeof given === 'string') {
    const problem = urlProblem(given);
    if (problem !== undefined) problems.push(problem);
    problems.push(...clientWarnings(merged, 'redisOptions'));
  } else if (isRedisClient(given)) {
    problems.push(...clientWarnings(given.options, 'redis.options'));
  } else {
    problems.push(
      tokenProblem(
        TOKEN_PROBLEM.redisMissing,
        'redis',
        given,
        'redis must be a redis:// URL or an ioredis client.',
        "E.g. redis: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'.",
      ),
    );
  }
  const warnings = throwOnErrors('createRedisSessionStore', problems);

  const owned = typeof given === 'string';
  const client = owned ? new Redis(given, merged) : (given as Redis);
  // ioredis emits 'error' on every failed reconnection; without a listener Node would
  // print each one. Failures reach callers through the rejected commands instead.
  if (owned) client.on('error', () => {});
  const familyKey = (sid: string) => `${prefix}fam:${sid}`;
  const userKey = (sub: string) => `${prefix}user:${sub}`;

  async function run(
    lua: LuaScript,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    try {
      return await client.evalsha(lua.sha, keys.length, ...keys, ...args);
    } catch (error) {
      // NOSCRIPT: first use on this server (or after a restart/SCRIPT FLUSH).
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(lua.source, keys.length, ...keys, ...args);
    }
  }

  async function createFamily(family: NewFamily): Promise<void> {
    const now = family.createdAt;
    const familyTtl = purgeAt(family, retention) - now;
    const userTtl = family.expiresAt + retention - now;
    await run(
      CREATE_FAMILY,
      [familyKey(family.sid), userKey(family.sub)],
      [
        family.sid,
        family.sub,
        family.tokenHash,
        family.createdAt,
        family.expiresAt,
        family.idleExpiresAt,
        Math.max(1, familyTtl),
        Math.max(1, userTtl),
      ],
    );
  }

  async function rotate(request: RotateRequest): Promise<RotateOutcome> {
    const reply = (await run(
      ROTATE,
      [familyKey(request.sid)],
      [
        request.presentedHash,
        request.successorHash,
        request.sealedSuccessor,
        request.now,
        request.overlapMs,
        request.idleExpiresAt,
        retention,
      ],
    )) as unknown[];
    const kind = reply[0];
    if (kind === 'unknown') return { kind };
    const family = viewFrom(request.sid, reply, 1);
    if (kind === 'overlap') {
      return {
        kind,
        family,
        successorHash: String(reply[8]),
        sealedSuccessor: String(reply[9]),
      };
    }
    if (
      kind === 'rotated' ||
      kind === 'revoked' ||
      kind === 'expired' ||
      kind === 'reuse-detected'
    ) {
      return { kind, family };
    }
    throw new Error(`unexpected reply from the rotate script: ${String(kind)}`);
  }

  async function revokeFamily(request: RevokeRequest): Promise<RevokeOutcome> {
    const reply = (await run(
      REVOKE_FAMILY,
      [familyKey(request.sid)],
      [request.now, request.reason, retention, request.tokenHash ?? ''],
    )) as unknown[];
    const [kind, sub] = reply;
    if (kind === 'revoked' || kind === 'already-revoked') return { kind, sub: String(sub) };
    return { kind: 'unknown' };
  }

  async function revokeAllForUser(sub: string, now: number): Promise<number> {
    return Number(await run(REVOKE_USER, [userKey(sub)], [familyKey(''), now, retention]));
  }

  async function family(sid: string, now: number): Promise<FamilyView | undefined> {
    const reply = await client.hmget(
      familyKey(sid),
      'sub',
      'crt',
      'exp',
      'idle',
      'rot',
      'revAt',
      'revWhy',
    );
    if (reply[0] === null) return undefined;
    const view = viewFrom(sid, reply, 0);
    return now >= purgeAt(view, retention) ? undefined : view;
  }

  function ready(timeoutMs = 5000): Promise<void> {
    if (client.status === 'ready') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        client.off('ready', onReady);
        reject(
          new Error(
            `Redis not ready after ${timeoutMs} ms (status ${client.status}): is it running at the configured address?`,
          ),
        );
      }, timeoutMs);
      function onReady() {
        clearTimeout(timer);
        resolve();
      }
      client.once('ready', onReady);
      if (client.status === 'wait') client.connect().catch(() => {});
    });
  }

  async function close(): Promise<void> {
    if (!owned) return;
    try {
      await client.quit();
    } catch {
      client.disconnect();
    }
  }

  return {
    createFamily,
    rotate,
    revokeFamily,
    revokeAllForUser,
    family,
    close,
    client,
    ready,
    warnings,
  };
}
