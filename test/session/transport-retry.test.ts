/**
 * The header-transport retry of `corset/client` against a server whose Bearer fallback is
 * off, through a browser stand-in that enforces CORS preflights: the retry must reach the
 * server (its preflight allowed), so that the client learns from `"transport": "cookie"`
 * that the fallback is off, instead of failing on a refused preflight with a network
 * error. Also the 401 challenge of a refused refresh token.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { requireSession, withSession } from '../../src/adapters/fetch-session.js';
import { createCorsetClient } from '../../src/client/index.js';
import { type Corset, createCorset } from '../../src/session/index.js';
import { header, request } from './server-fixtures.js';

const APP = 'https://app.example.com';
const API = 'https://api.example.com';
const SECRET = new Uint8Array(32).fill(5);

const opened: Corset[] = [];
afterEach(async () => {
  for (const corset of opened.splice(0)) await corset.close();
});

async function server(bearer: boolean | undefined) {
  const corset = await createCorset({
    appOrigins: [APP],
    apiOrigin: API,
    session: { secret: SECRET, ...(bearer === undefined ? {} : { bearer }) },
  });
  opened.push(corset);
  const handler = withSession(
    corset,
    { verifyCredentials: (u, p) => (u === 'alice' && p === 'pw' ? { id: 'u1' } : undefined) },
    async (req) => {
      const session = await requireSession(corset, req);
      return session instanceof Response ? session : Response.json({ id: session.userId });
    },
  );
  return { corset, handler };
}

// Fetch §2.2.2: a request header that is not CORS-safelisted makes the request preflighted.
function unsafelisted(headers: Headers): string[] {
  const names: string[] = [];
  headers.forEach((value, name) => {
    if (name === 'content-type' && value === 'text/plain') return;
    if (name === 'accept' || name === 'accept-language' || name === 'content-language') return;
    names.push(name);
  });
  return names.sort();
}

/**
 * A same-site page whose browser refuses every cookie and runs the CORS preflight
 * (Fetch §4.8 "CORS-preflight fetch") before any request with other headers: a refused
 * preflight rejects like a browser's `fetch`, with a TypeError.
 */
function page(handler: (request: Request) => Promise<Response>) {
  const preflights: { headers: string; status: number; allowed: boolean }[] = [];
  const fetcher = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), API);
    const headers = new Headers(init.headers);
    const method = init.method ?? 'GET';
    const asked = unsafelisted(headers);
    if (asked.length > 0 || !['GET', 'HEAD', 'POST'].includes(method)) {
      const answer = await handler(
        new Request(url, {
          method: 'OPTIONS',
          headers: {
            origin: APP,
            'sec-fetch-site': 'same-site',
            'access-control-request-method': method,
            'access-control-request-headers': asked.join(','),
          },
        }),
      );
      const allowedHeaders = (answer.headers.get('access-control-allow-headers') ?? '')
        .toLowerCase()
        .split(/\s*,\s*/);
      const allowed =
        answer.ok &&
        answer.headers.get('access-control-allow-origin') === APP &&
        answer.headers.get('access-control-allow-credentials') === 'true' &&
        asked.every((name) => allowedHeaders.includes(name));
      preflights.push({ headers: asked.join(','), status: answer.status, allowed });
      if (!allowed) throw new TypeError('Failed to fetch');
    }
    headers.set('origin', APP);
    headers.set('sec-fetch-site', 'same-site');
    const body = init.body === undefined || init.body === null ? {} : { body: init.body };
    return handler(new Request(url, { method, headers, ...body }));
  };
  return { fetch: fetcher as typeof fetch, preflights };
}

describe('header-transport retry against a server without the Bearer fallback', () => {
  it('reaches the server, which answers with the cookie transport: header-transport-unavailable', async () => {
    const { corset, handler } = await server(false);
    expect(corset.bearer).toBe(false);
    const browser = page(handler);
    const client = createCorsetClient({
      apiOrigin: API,
      fetch: browser.fetch,
      locks: null,
      storage: null,
    });
    const login = await client.login({ username: 'alice', password: 'pw' });
    expect(login).toMatchObject({
      ok: false,
      status: 200,
      error: { code: 'header-transport-unavailable' },
    });
    // Both logins were preflighted and allowed; the second asked for the header transport.
    expect(browser.preflights).toEqual([
      { headers: 'content-type', status: 204, allowed: true },
      { headers: 'content-type,corset-transport', status: 204, allowed: true },
    ]);
    expect(client.transport).toBe('cookie');
  });

  it('still refuses authorization at the preflight when the fallback is off', async () => {
    const { handler } = await server(false);
    const answer = await handler(
      new Request(`${API}/me`, {
        method: 'OPTIONS',
        headers: {
          origin: APP,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      }),
    );
    expect(answer.status).toBe(403);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('ignores Corset-Transport when the fallback is off: cookies, no token in the body', async () => {
    const { corset } = await server(false);
    const answer = await corset.handleLogin(
      request(
        'POST',
        { origin: APP, 'sec-fetch-site': 'same-site', 'corset-transport': 'header' },
        { username: 'alice', password: 'pw' },
      ),
      () => ({ id: 'u1' }),
    );
    expect(answer.body).toEqual({ user: { id: 'u1' }, transport: 'cookie', expiresIn: 600 });
    expect(answer.headers.filter(([name]) => name === 'set-cookie')).toHaveLength(2);
  });

  it('the same client switches to the header transport where the fallback is on', async () => {
    const { handler } = await server(true);
    const browser = page(handler);
    const client = createCorsetClient({
      apiOrigin: API,
      fetch: browser.fetch,
      locks: null,
      storage: null,
    });
    const login = await client.login({ username: 'alice', password: 'pw' });
    expect(login).toEqual({ ok: true, user: { id: 'u1' }, transport: 'header' });
    expect(await (await client.fetch('/me')).json()).toEqual({ id: 'u1' });
  });
});

describe('401 challenges', () => {
  it('a refused refresh token is an invalid_token, as every refused token (RFC 6750 §3.1)', async () => {
    const { corset } = await server(undefined);
    const from = { origin: APP, 'sec-fetch-site': 'same-site' };
    const forged = await corset.refresh(
      request('POST', { ...from, cookie: '__Secure-session-refresh=abc.def' }),
    );
    expect(forged.body).toMatchObject({ error: { code: 'refresh-invalid' } });
    expect(header(forged, 'www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="refresh-invalid"',
    );
    // No token presented at all: a bare challenge.
    const none = await corset.refresh(request('POST', from));
    expect(none.body).toMatchObject({ error: { code: 'no-refresh-token' } });
    expect(header(none, 'www-authenticate')).toBe('Bearer');
  });
});
