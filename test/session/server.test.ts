import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Corset } from '../../src/session/index.js';
import {
  API,
  build,
  CROSS_APP,
  cookieHeader,
  fromApp,
  header,
  manualClock,
  request,
  setCookies,
} from './server-fixtures.js';

const alice = { id: 'u-alice', name: 'Alice' };
const verify = async (username: string, password: string) =>
  username === 'alice' && password === 'pw' ? alice : undefined;

const opened: Corset[] = [];
async function setup(...args: Parameters<typeof build>) {
  const built = await build(...args);
  opened.push(built.corset);
  return built;
}
afterEach(async () => {
  for (const corset of opened.splice(0)) await corset.close();
});

async function loginCookie(corset: Corset) {
  const response = await corset.login(request('POST', fromApp()), alice);
  expect(response.status).toBe(200);
  return response;
}

describe('login', () => {
  it('sets the planned cookies, with tokens nowhere in the body', async () => {
    const { corset } = await setup();
    const response = await loginCookie(corset);
    const [access, refresh] = setCookies(response);
    expect(access).toMatch(
      /^__Host-session=[\w-]+\.[\w-]+\.[\w-]+; Max-Age=\d+; Path=\/; Secure; HttpOnly; SameSite=Lax$/,
    );
    // Refresh cookie scoped to the session endpoints' directory, so logout sees it too.
    expect(refresh).toMatch(
      /^__Secure-session-refresh=[^;]+; Max-Age=\d+; Path=\/auth; Secure; HttpOnly; SameSite=Lax$/,
    );
    expect(response.body).toEqual({ user: alice, transport: 'cookie', expiresIn: 600 });
    expect(header(response, 'cache-control')).toBe('no-store');
  });

  it('gives the cookies the session lifetime, so an expired token still arrives', async () => {
    const { corset } = await setup({
      session: { secret: Buffer.alloc(32, 7), lifetimeSeconds: 3600, idleTimeoutSeconds: 3600 },
    });
    const response = await loginCookie(corset);
    for (const cookie of setCookies(response)) expect(cookie).toContain('Max-Age=3600;');
  });

  it('returns the tokens in the body with Corset-Transport: header when the fallback is on', async () => {
    const { corset } = await setup({ session: { secret: Buffer.alloc(32, 1), bearer: true } });
    const response = await corset.login(
      request('POST', fromApp({ 'corset-transport': 'header' })),
      alice,
    );
    expect(setCookies(response)).toEqual([]);
    expect(response.body).toMatchObject({
      user: alice,
      transport: 'header',
      expiresIn: 600,
      accessToken: expect.stringMatching(/^ey/),
      refreshToken: expect.any(String),
    });
  });

  it('answers with the cookie transport when the fallback is off', async () => {
    const { corset } = await setup();
    expect(corset.bearer).toBe(false);
    const response = await corset.login(
      request('POST', fromApp({ 'corset-transport': 'header' })),
      alice,
    );
    expect(response.body).toMatchObject({ transport: 'cookie' });
    expect(response.body).not.toHaveProperty('accessToken');
  });

  it('grants the header transport to every login where cookies cannot work', async () => {
    const { corset } = await setup({
      appOrigins: ['http://127.0.0.1:8080'],
      apiOrigin: 'http://localhost:3000',
      session: { secret: Buffer.alloc(32, 4), bearer: true },
    });
    expect(corset.explain().transport).toBe('bearer');
    const response = await corset.login(
      request('POST', { origin: 'http://127.0.0.1:8080', 'sec-fetch-site': 'cross-site' }),
      alice,
    );
    expect(setCookies(response)).toEqual([]);
    expect(response.body).toMatchObject({ transport: 'header', accessToken: expect.any(String) });
    const logout = await corset.logout(request('POST'));
    expect(setCookies(logout)).toEqual([]);
  });

  it('refuses a forged cross-site login with 403 before checking the password', async () => {
    const { corset } = await setup();
    const spy = vi.fn(verify);
    const response = await corset.handleLogin(
      request(
        'POST',
        { origin: 'https://evil.example.org', 'sec-fetch-site': 'cross-site' },
        { username: 'alice', password: 'pw' },
      ),
      spy,
    );
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      error: { code: 'csrf/cross-site-untrusted-origin', action: 'none' },
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it('answers 400 for a body without credentials and 401 for wrong ones', async () => {
    const { corset } = await setup();
    const bad = await corset.handleLogin(request('POST', fromApp(), { username: 'alice' }), verify);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'bad-request' } });
    const wrong = await corset.handleLogin(
      request('POST', fromApp(), { username: 'alice', password: 'nope' }),
      verify,
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: 'invalid-credentials', action: 'none' } });
    expect(header(wrong, 'www-authenticate')).toBe('Bearer');
  });

  it('answers 500 user-invalid when the app returns a user without an id', async () => {
    const { corset } = await setup();
    const response = await corset.handleLogin(
      request('POST', fromApp(), { username: 'alice', password: 'pw' }),
      async () => ({ id: '' }),
    );
    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ error: { code: 'user-invalid' } });
  });
});

describe('authenticate', () => {
  it('accepts the session cookie', async () => {
    const { corset } = await setup();
    const cookie = cookieHeader(await loginCookie(corset));
    const result = await corset.authenticate(request('GET', { cookie }));
    expect(result.ok && result.session).toMatchObject({
      userId: 'u-alice',
      transport: 'cookie',
      sessionId: expect.any(String),
    });
  });

  it('answers 401 token-expired with action refresh once the token expires', async () => {
    const { corset, clock } = await setup();
    const cookie = cookieHeader(await loginCookie(corset));
    clock.advance(606); // 600 s lifetime + 5 s clock tolerance
    const result = await corset.authenticate(request('GET', { cookie }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.response.status).toBe(401);
    expect(result.error).toMatchObject({ code: 'token-expired', action: 'refresh' });
    expect(header(result.response, 'www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="token-expired"',
    );
  });

  it('answers 401 no-session (action login) without credentials, token-invalid when tampered', async () => {
    const { corset } = await setup();
    const none = await corset.authenticate(request('GET'));
    expect(!none.ok && none.error).toMatchObject({ code: 'no-session', action: 'login' });
    const cookie = cookieHeader(await loginCookie(corset)).replace(/\.(\w)/, '.X$1');
    const tampered = await corset.authenticate(request('GET', { cookie }));
    expect(!tampered.ok && tampered.error).toMatchObject({
      code: 'token-invalid',
      action: 'login',
    });
  });

  it('refuses a cross-site forged write with 403, a trusted one passes', async () => {
    const { corset } = await setup();
    const cookie = cookieHeader(await loginCookie(corset));
    const forged = await corset.authenticate(
      request('POST', {
        cookie,
        origin: 'https://evil.example.org',
        'sec-fetch-site': 'cross-site',
      }),
    );
    expect(!forged.ok && forged.response.status).toBe(403);
    expect(!forged.ok && forged.error.code).toBe('csrf/cross-site-untrusted-origin');
    const trusted = await corset.authenticate(request('DELETE', fromApp({ cookie })));
    expect(trusted.ok).toBe(true);
    // Non-browser clients (no Origin, no Sec-Fetch-Site) carry no ambient cookie: pass.
    expect((await corset.authenticate(request('POST', { cookie }))).ok).toBe(true);
  });

  it('authenticates by the Bearer header alone, without the CSRF check', async () => {
    const { corset } = await setup({ appOrigins: [CROSS_APP] });
    expect(corset.bearer).toBe(true);
    const login = await corset.login(
      request('POST', fromApp({ 'corset-transport': 'header' }, CROSS_APP)),
      alice,
    );
    const { accessToken } = login.body as { accessToken: string };
    const result = await corset.authenticate(
      request('POST', {
        authorization: `Bearer ${accessToken}`,
        cookie: '__Host-session=garbage',
        origin: 'https://evil.example.org',
        'sec-fetch-site': 'cross-site',
      }),
    );
    expect(result.ok && result.session.transport).toBe('header');
  });

  it('ignores the Bearer header when the fallback is off', async () => {
    const { corset } = await setup();
    const cookie = cookieHeader(await loginCookie(corset));
    const token = cookie.split(';')[0]?.split('=')[1] ?? '';
    const result = await corset.authenticate(request('GET', { authorization: `Bearer ${token}` }));
    expect(!result.ok && result.error.code).toBe('no-session');
  });

  it('never throws and answers 401 or 403 for arbitrary headers', async () => {
    const { corset } = await setup({ appOrigins: [CROSS_APP] });
    const value = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant(undefined));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'get', ''),
        fc.record({
          cookie: value,
          authorization: fc.oneof(
            value,
            value.map((v) => `Bearer ${v ?? ''}`),
          ),
          origin: value,
          'sec-fetch-site': fc.oneof(value, fc.constantFrom('cross-site', 'same-site', 'none')),
        }),
        async (method, headers) => {
          const result = await corset.authenticate({
            method,
            header: (name) => (headers as Record<string, string | undefined>)[name],
          });
          expect(result.ok).toBe(false);
          if (!result.ok) expect([401, 403]).toContain(result.response.status);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('refresh', () => {
  it('rotates the refresh token and issues a new access token', async () => {
    const { corset, clock } = await setup();
    const first = await loginCookie(corset);
    clock.advance(601);
    const refreshed = await corset.refresh(
      request('POST', fromApp({ cookie: cookieHeader(first) })),
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual({
      user: { id: 'u-alice' },
      transport: 'cookie',
      expiresIn: 600,
    });
    expect(cookieHeader(refreshed)).not.toBe(cookieHeader(first));
    const result = await corset.authenticate(request('GET', { cookie: cookieHeader(refreshed) }));
    expect(result.ok).toBe(true);
  });

  it('detects reuse after the overlap window, revokes the family and clears the cookies', async () => {
    const { corset, clock } = await setup();
    const first = await loginCookie(corset);
    const second = await corset.refresh(request('POST', fromApp({ cookie: cookieHeader(first) })));
    clock.advance(16);
    const reuse = await corset.refresh(request('POST', fromApp({ cookie: cookieHeader(first) })));
    expect(reuse.status).toBe(401);
    expect(reuse.body).toMatchObject({
      error: { code: 'refresh-reuse-detected', action: 'login' },
    });
    expect(setCookies(reuse)).toHaveLength(2);
    for (const c of setCookies(reuse)) expect(c).toMatch(/=; Max-Age=0;/);
    const after = await corset.refresh(request('POST', fromApp({ cookie: cookieHeader(second) })));
    expect(after.body).toMatchObject({ error: { code: 'refresh-revoked' } });
  });

  it('rotates a refresh token sent in the body with the header transport', async () => {
    const { corset } = await setup({ session: { secret: Buffer.alloc(32, 2), bearer: true } });
    const login = await corset.login(
      request('POST', fromApp({ 'corset-transport': 'header' })),
      alice,
    );
    const { refreshToken } = login.body as { refreshToken: string };
    const refreshed = await corset.refresh(
      request('POST', fromApp({ 'corset-transport': 'header' }), { refreshToken }),
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ transport: 'header', refreshToken: expect.any(String) });
    expect((refreshed.body as { refreshToken: string }).refreshToken).not.toBe(refreshToken);
  });

  it('answers no-refresh-token and refresh-invalid', async () => {
    const { corset } = await setup();
    const none = await corset.refresh(request('POST', fromApp()));
    expect(none.body).toMatchObject({ error: { code: 'no-refresh-token' } });
    const forged = await corset.refresh(
      request('POST', fromApp({ cookie: '__Secure-session-refresh=abc.def' })),
    );
    expect(forged.body).toMatchObject({ error: { code: 'refresh-invalid' } });
  });
});

describe('logout', () => {
  it('clears the cookies with exactly the attributes they were set with, and revokes', async () => {
    const { corset } = await setup({
      appOrigins: ['https://app.example.com'],
      session: { secret: Buffer.alloc(32, 3), shareAcrossSubdomains: 'example.com' },
    });
    const login = await loginCookie(corset);
    const response = await corset.logout(request('POST', fromApp({ cookie: cookieHeader(login) })));
    expect(response.status).toBe(204);
    const attributes = (c: string) =>
      c
        .split('; ')
        .slice(1)
        .filter((a) => !/^(Max-Age|Expires)=/.test(a));
    const set = setCookies(login);
    const cleared = setCookies(response);
    expect(cleared.map((c) => c.split(';')[0])).toEqual(set.map((c) => `${c.split('=')[0]}=`));
    expect(cleared.map(attributes)).toEqual(set.map(attributes));
    expect(set[0]).toContain('Domain=example.com');
    const again = await corset.refresh(request('POST', fromApp({ cookie: cookieHeader(login) })));
    expect(again.body).toMatchObject({ error: { code: 'refresh-revoked' } });
  });

  it('logs out everywhere: every session of the user is revoked', async () => {
    const { corset } = await setup();
    const laptop = await loginCookie(corset);
    const phone = await loginCookie(corset);
    const response = await corset.logout(
      request('POST', fromApp({ cookie: cookieHeader(laptop) }), { everywhere: true }),
    );
    expect(response.status).toBe(204);
    const other = await corset.refresh(request('POST', fromApp({ cookie: cookieHeader(phone) })));
    expect(other.body).toMatchObject({ error: { code: 'refresh-revoked' } });
  });

  it('revokes by the access token when no refresh token is presented', async () => {
    const { corset } = await setup();
    const login = await loginCookie(corset);
    const accessOnly = cookieHeader(login).split('; ')[0] ?? '';
    await corset.logout(request('POST', fromApp({ cookie: accessOnly })));
    const again = await corset.refresh(request('POST', fromApp({ cookie: cookieHeader(login) })));
    expect(again.body).toMatchObject({ error: { code: 'refresh-revoked' } });
  });
});

describe('store outage', () => {
  it('fails closed on login and refresh (503), keeps verifying tokens, clears cookies on logout', async () => {
    const { corset, store } = await setup();
    const login = await loginCookie(corset);
    store.down = true;
    const cookie = cookieHeader(login);
    const refused = await corset.login(request('POST', fromApp()), alice);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: { code: 'store-unavailable' } });
    const refresh = await corset.refresh(request('POST', fromApp({ cookie })));
    expect(refresh.status).toBe(503);
    expect(setCookies(refresh)).toEqual([]);
    expect((await corset.authenticate(request('GET', { cookie }))).ok).toBe(true);
    const logout = await corset.logout(request('POST', fromApp({ cookie })));
    expect(logout.status).toBe(503);
    expect(setCookies(logout)).toHaveLength(2);
    store.down = false;
    const back = await corset.refresh(request('POST', fromApp({ cookie })));
    expect(back.status).toBe(200);
  });
});

describe('handle', () => {
  it('routes POSTs to the session paths and leaves the rest to the app', async () => {
    const { corset } = await setup();
    const at = (method: string, path: string, body?: unknown) => ({
      ...request(method, fromApp(), body),
      path,
    });
    expect(await corset.handle(at('GET', '/auth/login'), verify)).toBeUndefined();
    expect(await corset.handle(at('POST', '/notes'), verify)).toBeUndefined();
    const login = await corset.handle(
      at('POST', '/auth/login', { username: 'alice', password: 'pw' }),
      verify,
    );
    expect(login?.status).toBe(200);
    expect((await corset.handle(at('POST', '/auth/logout'), verify))?.status).toBe(204);
    expect(corset.endpoint('POST', '/auth/refresh')).toBe('refresh');
  });

  it('uses a configured clock for cookie lifetimes', async () => {
    const clock = manualClock(Date.UTC(2031, 5, 1));
    const { corset } = await setup({}, clock);
    const login = await loginCookie(corset);
    expect(setCookies(login)[0]).toContain('Max-Age=604800;');
    expect(corset.apiOrigin).toBe(API);
  });
});
