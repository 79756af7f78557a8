/**
 * The Redis store against a real `redis-server` (Debian's) started on loopback: the
 * shared conformance suite, then outages. A missing `redis-server` fails these tests
 * with instructions, unless CORSET_SKIP_REDIS=1.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/internal/problems.js';
import { createAccessTokens } from '../../src/session/access-token.js';
import { createKeySet, generateKeySpec } from '../../src/session/keys.js';
import { createRefreshSessions } from '../../src/session/refresh-sessions.js';
import {
  createRedisSessionStore,
  failFastRedisOptions,
  type RedisSessionStore,
} from '../../src/session/store/redis.js';
import {
  findRedisServer,
  type RedisTestServer,
  SKIP_REDIS,
  startRedisServer,
} from '../helpers/redis-server.js';
import { describeStoreConformance } from './store-conformance.js';
import { AUDIENCE, ISSUER, manualClock } from './token-fixtures.js';

let server: RedisTestServer | undefined;
let prefixes = 0;

function running(): RedisTestServer {
  if (server === undefined) throw new Error('redis-server did not start (see the beforeAll error)');
  return server;
}

async function freshStore(): Promise<RedisSessionStore> {
  prefixes += 1;
  const store = createRedisSessionStore({ redis: running().url, prefix: `test${prefixes}:` });
  await store.ready();
  return store;
}

describe('redis-server helper', () => {
  it('explains how to install or skip when no redis-server exists', () => {
    expect(() => findRedisServer({ PATH: '/nonexistent' }, ['/nonexistent/redis-server'])).toThrow(
      /redis-server not found.*apt-get install redis-server.*CORSET_SKIP_REDIS=1/,
    );
  });
});

describe.skipIf(SKIP_REDIS)('Redis session store', () => {
  beforeAll(async () => {
    server = await startRedisServer();
  }, 20_000);

  afterAll(async () => {
    await server?.dispose();
  });

  describeStoreConformance('redis', () => freshStore());

  it('keeps only hashes, under the prefix, with TTLs', async () => {
    const store = await freshStore();
    const clock = manualClock(Date.now());
    const sessions = createRefreshSessions({ store, now: clock.now });
    const login = await sessions.start('user-1');
    if (!login.ok) throw new Error(login.message);
    const keys = await store.client.keys(`test${prefixes}:*`);
    expect(keys.sort()).toEqual([
      `test${prefixes}:fam:${login.sid}`,
      `test${prefixes}:user:user-1`,
    ]);
    const fields = await store.client.hgetall(`test${prefixes}:fam:${login.sid}`);
    expect(JSON.stringify(fields)).not.toContain(login.refreshToken.split('.')[1]);
    const ttl = await store.client.pttl(`test${prefixes}:fam:${login.sid}`);
    // 7-day idle deadline + 1 h retention.
    expect(ttl).toBeGreaterThan(7 * 86_400_000);
    expect(ttl).toBeLessThanOrEqual(7 * 86_400_000 + 3_600_000);
    await store.close();
  });

  it('reloads its scripts after SCRIPT FLUSH', async () => {
    const store = await freshStore();
    const sessions = createRefreshSessions({ store });
    const login = await sessions.start('user-1');
    if (!login.ok) throw new Error(login.message);
    await store.client.script('FLUSH');
    expect(await sessions.rotate(login.refreshToken)).toMatchObject({ ok: true });
    await store.close();
  });

  it('validates its options and warns about a client that would not fail fast', () => {
    try {
      createRedisSessionStore({ redis: 'http://localhost', prefix: '', retentionSeconds: -5 });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => [p.code, p.field])).toEqual([
        ['store/retention-invalid', 'retentionSeconds'],
        ['store/prefix-invalid', 'prefix'],
        ['store/redis-url-invalid', 'redis'],
      ]);
    }
    expect(() => createRedisSessionStore({ redis: 42 as unknown as string })).toThrow(ConfigError);
    const lax = new Redis(running().url, { lazyConnect: true });
    const laxStore = createRedisSessionStore({ redis: lax });
    expect(laxStore.warnings.map((w) => [w.code, w.field])).toEqual([
      ['store/redis-not-fail-fast', 'redis.options.enableOfflineQueue'],
      ['store/redis-not-fail-fast', 'redis.options.commandTimeout'],
    ]);
    const strict = new Redis(running().url, { ...failFastRedisOptions(), lazyConnect: true });
    expect(createRedisSessionStore({ redis: strict }).warnings).toEqual([]);
    const queued = createRedisSessionStore({
      redis: running().url,
      redisOptions: { enableOfflineQueue: true, lazyConnect: true },
    });
    expect(queued.warnings.map((w) => w.field)).toEqual(['redisOptions.enableOfflineQueue']);
    queued.client.disconnect();
    lax.disconnect();
    strict.disconnect();
  });

  it('uses but does not close a client it was given', async () => {
    const client = new Redis(running().url, failFastRedisOptions());
    const store = createRedisSessionStore({ redis: client, prefix: 'given:' });
    await store.ready();
    const sessions = createRefreshSessions({ store });
    expect(await sessions.start('user-1')).toMatchObject({ ok: true });
    await store.close();
    expect(await client.ping()).toBe('PONG');
    await client.quit();
  });

  describe('outages', () => {
    async function stack() {
      const clock = manualClock(Date.now());
      const store = await freshStore();
      const spec = await generateKeySpec('EdDSA', 'k1');
      const keys = await createKeySet({ keys: [spec], signingKid: 'k1', now: clock.now });
      const access = createAccessTokens({
        keys,
        issuer: ISSUER,
        audience: AUDIENCE,
        now: clock.now,
      });
      const sessions = createRefreshSessions({ store, now: clock.now, storeTimeoutMs: 2000 });
      const login = await sessions.start('user-1');
      if (!login.ok) throw new Error(login.message);
      const token = await access.issue({ sub: login.sub, sid: login.sid });
      if (!token.ok) throw new Error(token.message);
      return { clock, store, access, sessions, login, accessToken: token.token };
    }

    it('Redis stopped: access tokens verify, refresh fails closed at once; restarted: service resumes', async () => {
      const { store, access, sessions, login, accessToken } = await stack();
      await running().stop();
      try {
        expect(await access.verify(accessToken)).toMatchObject({
          ok: true,
          claims: { sid: login.sid },
        });
        const started = performance.now();
        const refresh = await sessions.rotate(login.refreshToken);
        const elapsed = performance.now() - started;
        expect(refresh).toEqual({
          ok: false,
          code: 'store-unavailable',
          status: 503,
          message: expect.stringMatching(/session store is unavailable .*no token was issued/),
        });
        expect(refresh).not.toHaveProperty('refreshToken');
        expect(elapsed).toBeLessThan(1000);
        expect(await sessions.start('user-2')).toMatchObject({ code: 'store-unavailable' });
        expect(await sessions.revokeAllForUser('user-1')).toMatchObject({ status: 503 });
        expect(await sessions.family(login.sid)).toMatchObject({ status: 503 });
      } finally {
        await running().start();
      }
      // ioredis reconnects by itself (retry every ≤ 1 s).
      await store.ready(5000);
      // The test server persists nothing, so sessions from before the restart are gone
      // (a production Redis with AOF or RDB keeps them); new logins and refreshes work.
      expect(await sessions.rotate(login.refreshToken)).toMatchObject({ code: 'unknown' });
      const again = await sessions.start('user-1');
      if (!again.ok) throw new Error(again.message);
      expect(await sessions.rotate(again.refreshToken)).toMatchObject({
        ok: true,
        replayed: false,
      });
      expect(await access.verify(accessToken)).toMatchObject({ ok: true });
      await store.close();
    }, 20_000);

    it('Redis frozen: refresh answers 503 within the command timeout, and a retry after it thaws gets the same successor', async () => {
      const { store, sessions, login } = await stack();
      // One rotation first, so the server has the script cached (EVALSHA, not NOSCRIPT).
      const r1 = await sessions.rotate(login.refreshToken);
      if (!r1.ok) throw new Error(r1.message);
      running().freeze();
      let during: Awaited<ReturnType<typeof sessions.rotate>>;
      const started = performance.now();
      try {
        during = await sessions.rotate(r1.refreshToken);
      } finally {
        running().thaw();
      }
      expect(performance.now() - started).toBeLessThan(1500);
      expect(during).toMatchObject({ ok: false, code: 'store-unavailable', status: 503 });
      await store.ready(5000);
      // The frozen server ran the rotation once thawed; the client never saw its answer.
      // Retrying within the overlap window yields that rotation's successor, not a
      // reuse alarm; the retry after it is an ordinary rotation.
      const retry = await sessions.rotate(r1.refreshToken);
      expect(retry).toMatchObject({ ok: true, replayed: true });
      if (!retry.ok) throw new Error(retry.message);
      expect(await sessions.rotate(retry.refreshToken)).toMatchObject({
        ok: true,
        replayed: false,
      });
      await store.close();
    }, 20_000);
  });
});
