/**
 * The session flow every adapter must carry over a real socket, with its real framework.
 * Each adapter test builds the same app on one corset entry point:
 * - the session middleware/plugin mounted first (CORS + /auth/login, /auth/refresh, /auth/logout);
 * - `GET /me` (protected): `{id, transport}`;
 * - `POST /notes` (protected): records the note, 201 `{created: n}`;
 * - `GET /health`: 200, public.
 * Requests are sent with undici.request, which sends `Origin` and `Sec-Fetch-Site` as
 * given, as a browser would; a tiny jar keeps cookies by name and Path.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type Corset, createCorset } from '../../src/session/index.js';
import { manualClock, SECRET } from './server-fixtures.js';

export const APP = 'http://localhost:8080';
export const EVIL = 'https://evil.example.org';

export const users = {
  async verify(username: string, password: string) {
    return username === 'alice' && password === 'pw' ? { id: 'u-alice', name: 'Alice' } : undefined;
  },
};

/** What an adapter test provides: a server for the shared app, and the notes it recorded. */
export interface SessionApp {
  readonly server: Server;
  readonly notes: unknown[];
}

export async function makeCorset(clock = manualClock()) {
  const corset = await createCorset({
    appOrigins: [APP],
    apiOrigin: 'http://localhost:3000',
    cors: { methods: ['DELETE'] },
    session: { secret: SECRET, bearer: true, now: clock.now },
  });
  return { corset, clock };
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or the text of any other body. */
  readonly json: unknown;
}

/** A cookie jar keyed by name and Path (RFC 6265bis §5.1.4 path-match, simplified). */
function jar() {
  const cookies = new Map<string, { value: string; path: string }>();
  return {
    store(setCookie: string | string[] | undefined) {
      for (const line of setCookie === undefined ? [] : [setCookie].flat()) {
        const [pair = '', ...attributes] = line.split('; ');
        const name = pair.slice(0, pair.indexOf('='));
        const value = pair.slice(pair.indexOf('=') + 1);
        const path = attributes.find((a) => a.startsWith('Path='))?.slice(5) ?? '/';
        if (attributes.includes('Max-Age=0')) cookies.delete(`${name} ${path}`);
        else cookies.set(`${name} ${path}`, { value, path });
      }
    },
    header(path: string) {
      return [...cookies.entries()]
        .filter(([, c]) => path === c.path || path.startsWith(c.path === '/' ? '/' : `${c.path}/`))
        .map(([key, c]) => `${key.split(' ')[0]}=${c.value}`)
        .join('; ');
    },
    clear() {
      cookies.clear();
    },
    get size() {
      return cookies.size;
    },
  };
}

/** Registers the shared session scenarios in the current `describe`. */
export function sessionScenarios(start: (corset: Corset) => Promise<SessionApp>): void {
  let app: SessionApp;
  let base: string;
  let corset: Corset;
  let clock: ReturnType<typeof manualClock>;
  const cookies = jar();

  beforeAll(async () => {
    ({ corset, clock } = await makeCorset());
    app = await start(corset);
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    app.server.closeAllConnections();
    await new Promise((resolve) => app.server.close(resolve));
    await corset.close();
  });
  beforeEach(() => {
    cookies.clear();
    app.notes.length = 0;
  });

  /** A browser-like request from `origin` (same-site app by default), with the jar's cookies. */
  async function send(
    method: string,
    path: string,
    options: {
      origin?: string;
      site?: string;
      headers?: Record<string, string>;
      body?: string;
    } = {},
  ): Promise<Answer> {
    const origin = options.origin ?? APP;
    const cookie = cookies.header(path);
    const response = await request(`${base}${path}`, {
      method: method as 'GET',
      headers: {
        origin,
        'sec-fetch-site': options.site ?? (origin === APP ? 'same-site' : 'cross-site'),
        ...(cookie === '' ? {} : { cookie }),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: options.body }),
    });
    const text = await response.body.text();
    cookies.store(response.headers['set-cookie']);
    return {
      status: response.statusCode,
      headers: response.headers,
      json: String(response.headers['content-type']).includes('json') ? JSON.parse(text) : text,
    };
  }

  const login = (headers: Record<string, string> = {}) =>
    send('POST', '/auth/login', {
      body: JSON.stringify({ username: 'alice', password: 'pw' }),
      headers,
    });

  it('login → /me → write with the CSRF check → refresh → logout', async () => {
    const loggedIn = await login();
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.json).toEqual({
      user: { id: 'u-alice', name: 'Alice' },
      transport: 'cookie',
      expiresIn: 600,
    });
    expect(loggedIn.headers['access-control-allow-origin']).toBe(APP);
    expect(loggedIn.headers['access-control-allow-credentials']).toBe('true');
    expect(cookies.size).toBe(2);

    const me = await send('GET', '/me');
    expect(me).toMatchObject({ status: 200, json: { id: 'u-alice', transport: 'cookie' } });

    const note = await send('POST', '/notes', { body: JSON.stringify({ text: 'hello' }) });
    expect(note.status).toBe(201);
    expect(app.notes).toEqual([{ text: 'hello' }]);

    const refreshed = await send('POST', '/auth/refresh', { body: '{}' });
    expect(refreshed).toMatchObject({ status: 200, json: { transport: 'cookie' } });
    expect((await send('GET', '/me')).status).toBe(200);

    const out = await send('POST', '/auth/logout', { body: '{}' });
    expect(out.status).toBe(204);
    expect(out.headers['access-control-allow-origin']).toBe(APP);
    expect(cookies.size).toBe(0);
    const after = await send('GET', '/me');
    expect(after).toMatchObject({ status: 401, json: { error: { code: 'no-session' } } });
  });

  it('expired token: 401 with action refresh, then refresh and retry', async () => {
    await login();
    clock.advance(606);
    const expired = await send('GET', '/me');
    expect(expired.status).toBe(401);
    expect(expired.json).toMatchObject({ error: { code: 'token-expired', action: 'refresh' } });
    expect(expired.headers['www-authenticate']).toContain('invalid_token');
    expect(expired.headers['access-control-allow-origin']).toBe(APP);
    expect((await send('POST', '/auth/refresh', { body: '{}' })).status).toBe(200);
    expect((await send('GET', '/me')).status).toBe(200);
  });

  it('cross-site forged POST with the victim cookie: 403, no note', async () => {
    await login();
    const forged = await send('POST', '/notes', {
      origin: EVIL,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=pwned',
    });
    expect(forged.status).toBe(403);
    expect(forged.json).toMatchObject({ error: { code: 'csrf/cross-site-untrusted-origin' } });
    expect(forged.headers['access-control-allow-origin']).toBeUndefined();
    expect(app.notes).toEqual([]);
    const forgedLogout = await send('POST', '/auth/logout', { origin: EVIL, body: '{}' });
    expect(forgedLogout.status).toBe(403);
    expect((await send('GET', '/me')).status).toBe(200);
  });

  it('answers the preflight itself, before any auth', async () => {
    const answer = await send('OPTIONS', '/notes', {
      headers: {
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization,corset-transport',
      },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe(APP);
    expect(String(answer.headers['access-control-allow-headers'])).toContain('authorization');
  });

  it('Bearer path: tokens in the body, Authorization authenticates, no CSRF check', async () => {
    const loggedIn = await login({ 'corset-transport': 'header' });
    expect(loggedIn.headers['set-cookie']).toBeUndefined();
    const { accessToken, refreshToken } = loggedIn.json as Record<string, string>;
    expect(accessToken).toMatch(/^ey/);
    const authorization = `Bearer ${accessToken}`;
    const me = await send('GET', '/me', { headers: { authorization } });
    expect(me).toMatchObject({ status: 200, json: { transport: 'header' } });
    const note = await send('POST', '/notes', {
      origin: EVIL,
      headers: { authorization },
      body: JSON.stringify({ text: 'api client' }),
    });
    expect(note.status).toBe(201);
    const refreshed = await send('POST', '/auth/refresh', {
      headers: { 'corset-transport': 'header' },
      body: JSON.stringify({ refreshToken }),
    });
    expect(refreshed.json).toMatchObject({ transport: 'header', accessToken: expect.any(String) });
  });

  it('refuses a login without JSON credentials (400) and with wrong ones (401)', async () => {
    const bad = await send('POST', '/auth/login', { body: 'not json' });
    expect(bad).toMatchObject({ status: 400, json: { error: { code: 'bad-request' } } });
    const wrong = await send('POST', '/auth/login', {
      body: JSON.stringify({ username: 'alice', password: 'x' }),
    });
    expect(wrong).toMatchObject({ status: 401, json: { error: { code: 'invalid-credentials' } } });
    expect((await send('GET', '/health')).status).toBe(200);
  });
}
