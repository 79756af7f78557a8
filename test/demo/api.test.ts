/**
 * The demo API and app server over real sockets, in each topology, without a browser:
 * the requests a browser would make (Origin, Sec-Fetch-Site, cookies), and what the
 * demo answers and records.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainMatches, parseSetCookie } from '../../src/cookies/index.js';
import type { ApiRequestRecord } from '../../src/demo/api-server.js';
import { type RunningDemo, startDemo } from '../../src/demo/start.js';
import type { DemoTopologyName } from '../../src/demo/topologies.js';
import { type Answer, Jar, send } from './http.js';

const CACHE =
  process.env.CORSET_CACHE_DIR ?? join(import.meta.dirname, '..', '..', '.corset-cache');

interface Expected {
  readonly fetchSite: 'same-site' | 'cross-site';
  readonly sessionCookie: RegExp;
  readonly bearer: boolean;
  /** Whether the app's own server receives the session cookie. */
  readonly appServerSees: boolean;
}

const EXPECTED: Readonly<Record<DemoTopologyName, Expected>> = {
  ports: {
    fetchSite: 'same-site',
    sessionCookie: /^session=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/,
    bearer: false,
    appServerSees: true, // cookies ignore ports (RFC 6265bis §8.5)
  },
  subdomains: {
    fetchSite: 'same-site',
    sessionCookie:
      /^__Secure-session=[^;]+; Max-Age=\d+; Domain=example\.com; Path=\/; Secure; HttpOnly; SameSite=Lax$/,
    bearer: false,
    appServerSees: true, // Domain=example.com
  },
  'cross-site': {
    fetchSite: 'cross-site',
    sessionCookie:
      /^__Host-session=[^;]+; Max-Age=\d+; Path=\/; Secure; HttpOnly; SameSite=None; Partitioned$/,
    bearer: true,
    appServerSees: false,
  },
};

describe.each(Object.keys(EXPECTED) as DemoTopologyName[])('%s topology', (topology) => {
  const expected = EXPECTED[topology];
  const records: ApiRequestRecord[] = [];
  let demo: RunningDemo;
  let ca: string | undefined;
  let appOrigin: string;

  beforeAll(async () => {
    demo = await startDemo({
      topology,
      appPort: 0,
      apiPort: 0,
      cacheDir: CACHE,
      onRequest: (r) => records.push(r),
    });
    ca = demo.certificates?.caCertPem;
    appOrigin = new URL(demo.appUrl).origin;
  });
  afterAll(async () => {
    await demo?.stop();
  });

  /** A request from the app page: Origin and Fetch Metadata as a browser sends them. */
  const fromApp = (
    jar: Jar,
    path: string,
    method = 'GET',
    body?: unknown,
    extra: Record<string, string> = {},
  ) => {
    const cookie = jar.header(path);
    return send(`${demo.apiUrl}${path}`, {
      method,
      ...(ca === undefined ? {} : { ca }),
      headers: {
        origin: appOrigin,
        'sec-fetch-site': expected.fetchSite,
        'sec-fetch-mode': 'cors',
        ...(cookie === undefined ? {} : { cookie }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...extra,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
  const lastRecord = (method: string, path: string) =>
    records.filter((r) => r.method === method && r.path === path).at(-1);

  it('binds 127.0.0.1 ports and prints the origins of its topology', () => {
    expect(demo.appPort).toBeGreaterThan(0);
    expect(demo.apiPort).not.toBe(demo.appPort);
    expect(demo.explanation.relation).toBe(topology === 'cross-site' ? 'cross-site' : 'same-site');
    expect(demo.bearer).toBe(expected.bearer);
    expect(demo.certificates === undefined).toBe(topology === 'ports');
  });

  it('answers preflights itself with the exact origin, credentials and content-type', async () => {
    const answer = await send(`${demo.apiUrl}/notes`, {
      method: 'OPTIONS',
      ...(ca === undefined ? {} : { ca }),
      headers: {
        origin: appOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe(appOrigin);
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
    expect(answer.headers['access-control-allow-headers']).toMatch(/content-type/);
    expect(answer.headers.vary).toMatch(/Origin/);
    expect(lastRecord('OPTIONS', '/notes')?.preflight).toBe(true);
  });

  it('logs in, reads /me, writes and deletes a note, refreshes and logs out with the cookie', async () => {
    const jar = new Jar();
    const login = await fromApp(jar, '/auth/login', 'POST', {
      username: 'alice',
      password: 'corset-demo',
    });
    expect(login.status).toBe(200);
    expect(login.json()).toMatchObject({
      user: { id: 'alice', name: 'Alice' },
      transport: 'cookie',
    });
    expect(login.headers['x-corset-auth']).toBe('cookie');
    expect(login.headers['access-control-expose-headers']).toMatch(/x-corset-auth/);
    expect(login.setCookies.find((c) => c.includes('session='))).toMatch(expected.sessionCookie);
    jar.take(login);

    const me = await fromApp(jar, '/me');
    expect(me.status).toBe(200);
    expect(me.json()).toEqual({ user: { id: 'alice', name: 'Alice' } });
    expect(me.headers['x-corset-auth']).toBe('cookie');
    expect(lastRecord('GET', '/me')).toMatchObject({
      auth: 'cookie',
      user: 'alice',
      sessionCookieSent: true,
    });

    const created = await fromApp(jar, '/notes', 'POST', { text: 'buy milk' });
    expect(created.status).toBe(201);
    const { note } = created.json<{ note: { id: string; text: string } }>();
    expect(note.text).toBe('buy milk');
    expect((await fromApp(jar, '/notes')).json().notes).toEqual([
      expect.objectContaining({ id: note.id }),
    ]);
    expect((await fromApp(jar, `/notes/${note.id}`, 'DELETE')).status).toBe(204);
    expect((await fromApp(jar, `/notes/${note.id}`, 'DELETE')).status).toBe(404);
    expect((await fromApp(jar, '/notes')).json().notes).toEqual([]);

    const before = jar.header('/auth/refresh');
    const refreshed = await fromApp(jar, '/auth/refresh', 'POST', {});
    expect(refreshed.status).toBe(200);
    expect(lastRecord('POST', '/auth/refresh')).toMatchObject({
      auth: 'cookie',
      refreshCookieSent: true,
    });
    jar.take(refreshed);
    expect(jar.header('/auth/refresh')).not.toBe(before);
    expect((await fromApp(jar, '/me')).status).toBe(200);

    const logout = await fromApp(jar, '/auth/logout', 'POST', {});
    expect(logout.status).toBe(204);
    jar.take(logout);
    expect(jar.cookies.size).toBe(0);
    const after = await fromApp(jar, '/me');
    expect(after.status).toBe(401);
    expect(after.json().error).toMatchObject({ code: 'no-session', action: 'login' });
  });

  it(`${expected.bearer ? 'grants' : 'does not offer'} the Bearer fallback`, async () => {
    const jar = new Jar();
    const login = await fromApp(
      jar,
      '/auth/login',
      'POST',
      { username: 'bob', password: 'corset-demo' },
      { 'corset-transport': 'header' },
    );
    expect(login.status).toBe(200);
    const body = login.json<{ transport: string; accessToken?: string }>();
    expect(body.transport).toBe(expected.bearer ? 'header' : 'cookie');
    if (!expected.bearer) return;
    expect(login.setCookies).toEqual([]);
    const me = await fromApp(jar, '/me', 'GET', undefined, {
      authorization: `Bearer ${body.accessToken}`,
    });
    expect(me.status).toBe(200);
    expect(me.headers['x-corset-auth']).toBe('bearer');
    expect(lastRecord('GET', '/me')).toMatchObject({
      auth: 'bearer',
      user: 'bob',
      sessionCookieSent: false,
    });
  });

  it('refuses a cross-site write that carries the victim’s cookie (CSRF), and writes nothing', async () => {
    const jar = new Jar();
    jar.take(
      await fromApp(jar, '/auth/login', 'POST', { username: 'alice', password: 'corset-demo' }),
    );
    const notesBefore = demo.notes.count();
    const forged = await send(`${demo.apiUrl}/notes`, {
      method: 'POST',
      ...(ca === undefined ? {} : { ca }),
      headers: {
        origin: 'https://evil.example.org',
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'navigate',
        'content-type': 'application/x-www-form-urlencoded',
        cookie: jar.header('/notes') ?? '',
      },
      body: 'text=pwned',
    });
    expect(forged.status).toBe(403);
    expect(forged.json().error.code).toMatch(/^csrf\//);
    expect(forged.headers['access-control-allow-origin']).toBeUndefined();
    expect(demo.notes.count()).toBe(notesBefore);
  });

  it(`the app server ${expected.appServerSees ? 'sees' : 'does not see'} the session cookie`, async () => {
    const jar = new Jar();
    const login = await fromApp(jar, '/auth/login', 'POST', {
      username: 'alice',
      password: 'corset-demo',
    });
    jar.take(login);
    // A browser sends the app server the cookies that domain-match the app's host: the
    // Domain attribute's, or the API host itself for a host-only cookie (RFC 6265bis §5.1.3).
    const appHost = new URL(demo.appUrl).hostname;
    const apiHost = new URL(demo.apiUrl).hostname;
    const shared = login.setCookies
      .map((line) => parseSetCookie(line))
      .filter((c) => c !== undefined && domainMatches(appHost, c.domain ?? apiHost))
      .map((c) => `${c?.name}=${c?.value}`);
    const cookie = shared.length === 0 ? undefined : shared.join('; ');
    const seen = await send(`${demo.appUrl}session`, {
      ...(ca === undefined ? {} : { ca }),
      headers: cookie === undefined ? {} : { cookie },
    });
    expect(seen.json().user).toBe(expected.appServerSees ? 'alice' : null);
  });

  it('serves the app page with its config, a strict CSP and the client modules', async () => {
    const page = await send(demo.appUrl, ca === undefined ? {} : { ca });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ${demo.apiUrl}`);
    expect(page.body).toContain(`"apiOrigin":"${demo.apiUrl}"`);
    const client = await send(
      `${demo.appUrl}assets/client/index.js`,
      ca === undefined ? {} : { ca },
    );
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toMatch(/^text\/javascript/);
    const outside = await send(
      `${demo.appUrl}assets/session/server.js`,
      ca === undefined ? {} : { ca },
    );
    expect(outside.status).toBe(404);
  });
});

describe('API details', () => {
  let demo: RunningDemo;
  beforeAll(async () => {
    demo = await startDemo({ appPort: 0, apiPort: 0 });
  });
  afterAll(async () => {
    await demo?.stop();
  });

  it('answers /health, 404 and wrong passwords with protocol errors', async () => {
    expect((await send(`${demo.apiUrl}/health`)).json()).toEqual({ ok: true });
    const missing = await send(`${demo.apiUrl}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.json().error.code).toBe('not-found');
    const wrong = await send(`${demo.apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'nope' }),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json().error.code).toBe('invalid-credentials');
  });

  it('refuses empty and oversized notes', async () => {
    const jar = new Jar();
    jar.take(
      await send(`${demo.apiUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bob', password: 'corset-demo' }),
      }),
    );
    const post = (text: unknown): Promise<Answer> =>
      send(`${demo.apiUrl}/notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: jar.header('/notes') ?? '' },
        body: JSON.stringify({ text }),
      });
    expect((await post('  ')).json().error.code).toBe('bad-note');
    expect((await post('x'.repeat(501))).status).toBe(400);
    expect((await post(42)).status).toBe(400);
    expect((await post('ok')).status).toBe(201);
  });

  it('stops: the ports are closed and stop() is idempotent', async () => {
    const other = await startDemo({ appPort: 0, apiPort: 0 });
    await other.stop();
    await other.stop();
    await expect(send(`${other.apiUrl}/health`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('names the fix when a port is taken', async () => {
    await expect(startDemo({ appPort: 0, apiPort: demo.apiPort })).rejects.toThrow(
      new RegExp(`API port ${demo.apiPort} on 127.0.0.1 is in use.*--api-port`),
    );
  });
});
