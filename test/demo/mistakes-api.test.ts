/**
 * Each `--misconfigure` mistake over real sockets: the demo really sends the broken
 * headers (what browsers then do is `test/browsers/demo-mistakes.test.ts`).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MistakeName } from '../../src/demo/mistakes.js';
import { MISTAKES } from '../../src/demo/mistakes.js';
import { type RunningDemo, startDemo } from '../../src/demo/start.js';
import { ConfigError } from '../../src/internal/problems.js';
import { type Answer, Jar, send } from './http.js';

const CACHE =
  process.env.CORSET_CACHE_DIR ?? join(import.meta.dirname, '..', '..', '.corset-cache');
const running: RunningDemo[] = [];
afterAll(async () => {
  await Promise.all(running.map((d) => d.stop()));
});

async function demoWith(mistake: MistakeName) {
  const demo = await startDemo({ mistake, appPort: 0, apiPort: 0, cacheDir: CACHE });
  running.push(demo);
  const ca = demo.certificates?.caCertPem;
  const origin = new URL(demo.appUrl).origin;
  const tls = ca === undefined ? {} : { ca };
  const preflight = (path: string, method = 'POST') =>
    send(`${demo.apiUrl}${path}`, {
      method: 'OPTIONS',
      ...tls,
      headers: {
        origin,
        'access-control-request-method': method,
        'access-control-request-headers': 'content-type',
      },
    });
  const call = (path: string, method = 'GET', body?: unknown, cookie?: string): Promise<Answer> =>
    send(`${demo.apiUrl}${path}`, {
      method,
      ...tls,
      headers: {
        origin,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(cookie === undefined ? {} : { cookie }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const login = (extra: Record<string, string> = {}) =>
    send(`${demo.apiUrl}/auth/login`, {
      method: 'POST',
      ...tls,
      headers: { origin, 'content-type': 'application/json', ...extra },
      body: JSON.stringify({ username: 'alice', password: 'corset-demo' }),
    });
  return { demo, origin, preflight, call, login };
}

describe('mistakes', () => {
  it('every mistake starts in its first topology with the Bearer fallback off', async () => {
    for (const mistake of MISTAKES) {
      const { demo } = await demoWith(mistake.name);
      expect(demo.settings.topology).toBe(mistake.topologies[0]);
      expect(demo.mistake?.name).toBe(mistake.name);
      expect(demo.bearer).toBe(false);
    }
  });

  it('refuses a mistake in a topology where it shows nothing', async () => {
    const error = await startDemo({ mistake: 'samesite-lax-cross-site', topology: 'ports' }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.code)).toEqual([
      'demo/mistake-needs-topology',
    ]);
  });

  it('wildcard-origin: `*` with credentials, on preflights and answers', async () => {
    const { preflight, login } = await demoWith('wildcard-origin');
    const p = await preflight('/auth/login');
    expect(p.headers['access-control-allow-origin']).toBe('*');
    expect(p.headers['access-control-allow-credentials']).toBe('true');
    expect((await login()).headers['access-control-allow-origin']).toBe('*');
  });

  it('no-allow-credentials: exact origin, no ACAC', async () => {
    const { preflight, login, origin } = await demoWith('no-allow-credentials');
    const p = await preflight('/auth/login');
    expect(p.headers['access-control-allow-origin']).toBe(origin);
    expect(p.headers['access-control-allow-credentials']).toBeUndefined();
    expect((await login()).headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('samesite-lax-cross-site: a Lax cookie from another site, and no Bearer', async () => {
    const { login } = await demoWith('samesite-lax-cross-site');
    const answer = await login({ 'corset-transport': 'header' });
    expect(answer.json().transport).toBe('cookie');
    const [cookie] = answer.setCookies;
    expect(cookie).toMatch(/; SameSite=Lax$/);
    expect(cookie).not.toMatch(/Partitioned/);
  });

  it('none-without-secure: SameSite=None without Secure', async () => {
    const { login } = await demoWith('none-without-secure');
    const [cookie = ''] = (await login()).setCookies;
    expect(cookie).toMatch(/SameSite=None/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('cookie-domain-api-host: Domain is the API host, and the API still reads the cookie', async () => {
    const { login, call } = await demoWith('cookie-domain-api-host');
    const answer = await login();
    expect(answer.setCookies.every((c) => /Domain=api\.example\.com/.test(c))).toBe(true);
    const jar = new Jar();
    jar.take(answer);
    expect((await call('/me', 'GET', undefined, jar.header('/me'))).status).toBe(200);
  });

  it('auth-before-preflight: protected preflights get 401 without CORS headers, others pass', async () => {
    const { preflight, login, call } = await demoWith('auth-before-preflight');
    const refused = await preflight('/notes');
    expect(refused.status).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight('/auth/login')).status).toBe(204);
    const jar = new Jar();
    jar.take(await login());
    expect((await call('/me', 'GET', undefined, jar.header('/me'))).status).toBe(200);
  });

  it('missing-allow-headers: preflights do not allow content-type', async () => {
    const { preflight } = await demoWith('missing-allow-headers');
    const p = await preflight('/auth/login');
    expect(p.status).toBe(204);
    expect(p.headers['access-control-allow-headers'] ?? '').not.toMatch(/content-type/i);
  });

  it('no-vary: a cacheable answer without Vary: Origin', async () => {
    const { call } = await demoWith('no-vary');
    const about = await call('/about');
    expect(about.headers['cache-control']).toBe('private, max-age=60');
    expect(about.headers.vary ?? '').not.toMatch(/origin/i);
    const correct = await startDemo({ appPort: 0, apiPort: 0 });
    running.push(correct);
    expect((await send(`${correct.apiUrl}/about`)).headers.vary).toMatch(/Origin/);
  });
});
