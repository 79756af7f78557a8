/**
 * `corset demo --redis <url>`: sessions in a real `redis-server` (Debian's, on loopback),
 * and a clear refusal to start when Redis cannot be reached.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../src/demo/start.js';
import { type RedisTestServer, SKIP_REDIS, startRedisServer } from '../helpers/redis-server.js';
import { Jar, send } from './http.js';

describe.skipIf(SKIP_REDIS)('demo with --redis', () => {
  let server: RedisTestServer | undefined;
  beforeAll(async () => {
    server = await startRedisServer();
  }, 20_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('keeps the refresh families in Redis, and stops its client', async () => {
    const url = server?.url ?? '';
    const demo = await startDemo({ appPort: 0, apiPort: 0, redisUrl: url });
    const probe = new Redis(url);
    try {
      expect(demo.store).toBe('redis');
      const jar = new Jar();
      const login = await send(`${demo.apiUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'alice', password: 'corset-demo' }),
      });
      expect(login.status).toBe(200);
      jar.take(login);
      expect((await probe.keys('corset:*')).length).toBeGreaterThan(0);
      const refreshed = await send(`${demo.apiUrl}/auth/refresh`, {
        method: 'POST',
        headers: { cookie: jar.header('/auth/refresh') ?? '' },
      });
      expect(refreshed.status).toBe(200);
    } finally {
      await demo.stop();
      probe.disconnect();
    }
  });

  it('refuses to start without a reachable Redis, naming the fix', async () => {
    // A port of this machine where nothing listens: the stopped test server's.
    const gone = await startRedisServer();
    const url = gone.url;
    await gone.dispose();
    await expect(startDemo({ appPort: 0, apiPort: 0, redisUrl: url })).rejects.toThrow(
      /cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+ .*start redis-server, or leave out --redis/,
    );
  });
});
