/**
 * `corset/client` against the real entry point over a real socket: the two halves of the
 * protocol agree. The page's browser is modelled by a `fetch` that adds `Origin` and
 * `Sec-Fetch-Site` as a browser would and keeps a cookie jar, which can refuse every
 * cookie (third-party cookie blocking).
 */
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireSession, withSession } from '../../src/adapters/fetch-session.js';
import { createCorsetClient } from '../../src/client/index.js';
import { type Corset, createCorset } from '../../src/session/index.js';

const APP = 'https://app.example.net';
const API = 'https://api.example.com';
const SECRET = new Uint8Array(32).fill(9);

let at = Date.UTC(2030, 0, 1);
const clock = () => at;
let corset: Corset;
let server: ReturnType<typeof createAdaptorServer>;
let base: string;

beforeAll(async () => {
  corset = await createCorset({
    appOrigins: [APP],
    apiOrigin: API,
    session: { secret: SECRET, now: clock },
  });
  const handler = withSession(
    corset,
    {
      verifyCredentials: async (u, p) =>
        u === 'alice' && p === 'pw' ? { id: 'u1', name: 'Alice' } : undefined,
    },
    async (request) => {
      const session = await requireSession(corset, request);
      if (session instanceof Response) return session;
      return Response.json({ id: session.userId, transport: session.transport });
    },
  );
  server = createAdaptorServer({ fetch: handler });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await corset.close();
});

/** A browser stand-in: cross-site fetch metadata, and a jar that may refuse cookies. */
function browser(refuseCookies: boolean) {
  const jar = new Map<string, string>();
  const seen: Headers[] = [];
  const fetcher = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const headers = new Headers(init.headers);
    headers.set('origin', APP);
    headers.set('sec-fetch-site', 'cross-site');
    if (init.credentials === 'include' && jar.size > 0) {
      headers.set('cookie', [...jar].map(([n, v]) => `${n}=${v}`).join('; '));
    }
    seen.push(headers);
    const response = await fetch(`${base}${url.pathname}${url.search}`, { ...init, headers });
    if (!refuseCookies) {
      for (const line of response.headers.getSetCookie()) {
        const pair = line.split(';')[0] ?? '';
        const name = pair.slice(0, pair.indexOf('='));
        if (/Max-Age=0/.test(line)) jar.delete(name);
        else jar.set(name, pair.slice(name.length + 1));
      }
    }
    return response;
  };
  return { fetch: fetcher as typeof fetch, jar, seen };
}

describe('corset/client with the corset server', () => {
  it('keeps the cookie transport where cookies are stored, refreshes on expiry, logs out', async () => {
    const page = browser(false);
    const client = createCorsetClient({
      apiOrigin: API,
      fetch: page.fetch,
      locks: null,
      storage: null,
    });
    const login = await client.login({ username: 'alice', password: 'pw' });
    expect(login).toEqual({ ok: true, user: { id: 'u1', name: 'Alice' }, transport: 'cookie' });
    expect(page.jar.size).toBe(2);
    at += 700_000;
    const me = await client.fetch('/me');
    expect(await me.json()).toEqual({ id: 'u1', transport: 'cookie' });
    expect(client.user).toEqual({ id: 'u1', name: 'Alice' });
    await client.logout();
    expect(page.jar.size).toBe(0);
    expect((await client.fetch('/me')).status).toBe(401);
  });

  it('falls back to the Bearer header where the browser refuses the cookie', async () => {
    const page = browser(true);
    const client = createCorsetClient({
      apiOrigin: API,
      fetch: page.fetch,
      locks: null,
      storage: null,
    });
    const login = await client.login({ username: 'alice', password: 'pw' });
    expect(login).toEqual({ ok: true, user: { id: 'u1', name: 'Alice' }, transport: 'header' });
    const me = await client.fetch('/me');
    expect(await me.json()).toEqual({ id: 'u1', transport: 'header' });
    at += 700_000;
    const again = await client.fetch('/me');
    expect(again.status).toBe(200);
    expect(page.seen.at(-1)?.get('authorization')).toMatch(/^Bearer /);
    await client.logout({ everywhere: true });
    expect(client.authHeaders()).toEqual({});
  });

  it('reports the server error for wrong credentials', async () => {
    const client = createCorsetClient({
      apiOrigin: API,
      fetch: browser(false).fetch,
      locks: null,
      storage: null,
    });
    const login = await client.login({ username: 'alice', password: 'no' });
    expect(login).toMatchObject({ ok: false, status: 401, error: { code: 'invalid-credentials' } });
  });
});
