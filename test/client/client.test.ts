import { describe, expect, it } from 'vitest';
import { type CorsetClientEvent, createCorsetClient } from '../../src/client/index.js';
import { API, createFakeApi, createFakeLocks, createFakeStorage } from './fake-api.js';

function setup(options: Parameters<typeof createFakeApi>[0] = {}, transport?: 'cookie' | 'header') {
  const api = createFakeApi(options);
  const locks = createFakeLocks();
  const storage = createFakeStorage();
  const client = createCorsetClient({
    apiOrigin: API,
    fetch: api.fetch,
    locks,
    storage,
    ...(transport ? { transport } : {}),
  });
  const events: CorsetClientEvent[] = [];
  client.subscribe((event) => events.push(event));
  return { api, client, events, locks, storage };
}

const alice = { username: 'alice', password: 'pw' };

describe('createCorsetClient', () => {
  it.each([
    'https://api.example.com/',
    'https://api.example.com/v1',
    'ftp://api.example.com',
    'api.example.com',
  ])('refuses apiOrigin %s with a fix', (apiOrigin) => {
    expect(() => createCorsetClient({ apiOrigin })).toThrow(/Fix: /);
  });
});

describe('login', () => {
  it('keeps the cookie transport when the browser stores the cookie', async () => {
    const { api, client, events } = setup();
    const result = await client.login(alice);
    expect(result).toEqual({ ok: true, user: { name: 'alice' }, transport: 'cookie' });
    expect(client.transport).toBe('cookie');
    expect(client.user).toEqual({ name: 'alice' });
    expect(events).toEqual([{ type: 'login', user: { name: 'alice' }, transport: 'cookie' }]);
    expect(api.calls.every((c) => c.credentials === 'include')).toBe(true);
    expect(api.calls.some((c) => c.headers.has('authorization'))).toBe(false);
    const me = await client.fetch('/me');
    expect(me.status).toBe(200);
  });

  it('falls back to the Bearer header when the browser refuses the cookie', async () => {
    const { api, client, events, storage } = setup({ refuseCookies: true });
    const result = await client.login(alice);
    expect(result).toEqual({ ok: true, user: { name: 'alice' }, transport: 'header' });
    expect(client.transport).toBe('header');
    expect(events).toEqual([
      { type: 'transport', transport: 'header', reason: 'cookie-refused' },
      { type: 'login', user: { name: 'alice' }, transport: 'header' },
    ]);
    // login (cookie) -> session check 401 -> login (header)
    expect(api.calls.map((c) => new URL(c.url).pathname)).toEqual([
      '/auth/login',
      '/me',
      '/auth/login',
    ]);
    expect(api.calls[2]?.headers.get('corset-transport')).toBe('header');
    const me = await client.fetch('/me');
    expect(me.status).toBe(200);
    expect(api.calls.at(-1)?.headers.get('authorization')).toMatch(/^Bearer access-/);
    // Tokens live in memory only.
    expect([...storage.items.values()].join()).not.toMatch(/access-|refresh-/);
  });

  it('goes straight to the header transport on the next login', async () => {
    const { api, client } = setup({ refuseCookies: true });
    await client.login(alice);
    await client.logout();
    const before = api.calls.length;
    const again = await client.login(alice);
    expect(again.ok && again.transport).toBe('header');
    expect(api.calls.slice(before).map((c) => c.headers.get('corset-transport'))).toEqual([
      'header',
    ]);
  });

  it('takes the header transport when the server offers nothing else', async () => {
    const { api, client, events } = setup({ headerOnly: true });
    const result = await client.login(alice);
    expect(result).toEqual({ ok: true, user: { name: 'alice' }, transport: 'header' });
    expect(api.calls).toHaveLength(1);
    expect(events).toEqual([
      { type: 'transport', transport: 'header', reason: 'server-header-only' },
      { type: 'login', user: { name: 'alice' }, transport: 'header' },
    ]);
    expect(client.authHeaders()).toEqual({ authorization: 'Bearer access-1' });
  });

  it('sends the configured headers with every API request', async () => {
    const api = createFakeApi({ refuseCookies: true });
    const client = createCorsetClient({
      apiOrigin: API,
      fetch: api.fetch,
      locks: null,
      storage: null,
      headers: { 'x-requested-with': 'corset' },
    });
    await client.login(alice);
    await client.fetch('/notes', { method: 'POST', body: '{}' });
    await client.logout();
    const posts = api.calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.headers.get('x-requested-with'))).toEqual([
      'corset',
      'corset',
      'corset',
      'corset',
    ]);
  });

  it('reports a refused cookie when the server has no header transport', async () => {
    const { client } = setup({ refuseCookies: true, bearer: false });
    const result = await client.login(alice);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('header-transport-unavailable');
    expect(client.user).toBeUndefined();
  });

  it('never falls back with transport "cookie"', async () => {
    const { api, client } = setup({ refuseCookies: true }, 'cookie');
    const result = await client.login(alice);
    expect(result.ok && result.transport).toBe('cookie');
    expect(api.callsTo('/me')).toHaveLength(0);
  });

  it('uses the header transport from the start with transport "header"', async () => {
    const { api, client } = setup({}, 'header');
    const result = await client.login(alice);
    expect(result.ok && result.transport).toBe('header');
    expect(api.calls).toHaveLength(1);
    expect(api.jar.size).toBe(0);
  });

  it('returns the server error for wrong credentials', async () => {
    const { client, events } = setup();
    const result = await client.login({ username: 'alice', password: 'nope' });
    expect(result).toMatchObject({
      ok: false,
      status: 401,
      error: { code: 'invalid-credentials' },
    });
    expect(events).toEqual([]);
  });

  it('reports a network failure as status 0', async () => {
    const client = createCorsetClient({
      apiOrigin: API,
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      locks: null,
      storage: null,
    });
    const result = await client.login(alice);
    expect(result).toMatchObject({ ok: false, status: 0, error: { code: 'network-error' } });
  });

  it('reports a session check that is neither 2xx nor 401', async () => {
    const { api, client } = setup();
    api.state.sessionCheckStatus = 500;
    const result = await client.login(alice);
    expect(result).toMatchObject({
      ok: false,
      status: 500,
      error: { code: 'session-check-failed' },
    });
    expect(client.user).toBeUndefined();
  });
});

describe('fetch with refresh-and-retry', () => {
  it('refreshes once and retries once on a "refresh" 401', async () => {
    const { api, client, events } = setup();
    await client.login(alice);
    api.expireAccessTokens();
    const response = await client.fetch('/notes', { method: 'POST', body: '{"text":"x"}' });
    expect(response.status).toBe(200);
    expect(api.callsTo('/auth/refresh')).toHaveLength(1);
    expect(api.callsTo('/notes')).toHaveLength(2);
    expect(api.callsTo('/notes')[1]?.body).toEqual({ text: 'x' });
    expect(events.at(-1)).toEqual({ type: 'refresh', transport: 'cookie' });
  });

  it('refreshes the header transport with the refresh token in the body', async () => {
    const { api, client } = setup({ refuseCookies: true });
    await client.login(alice);
    api.expireAccessTokens();
    const response = await client.fetch('/me');
    expect(response.status).toBe(200);
    const refresh = api.callsTo('/auth/refresh')[0];
    expect(refresh?.headers.get('corset-transport')).toBe('header');
    expect(refresh?.body).toEqual({ refreshToken: 'refresh-2' });
    expect(refresh?.headers.has('authorization')).toBe(false);
    expect(api.calls.at(-1)?.headers.get('authorization')).toBe('Bearer access-3');
  });

  it('shares one refresh between parallel requests', async () => {
    const { api, client } = setup();
    await client.login(alice);
    api.expireAccessTokens();
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, i) => client.fetch(`/notes/${i}`)),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(api.callsTo('/auth/refresh')).toHaveLength(1);
  });

  it('retries only once when the retry is refused again', async () => {
    const { api, client } = setup();
    await client.login(alice);
    api.state.alwaysExpired = true;
    const response = await client.fetch('/me');
    expect(response.status).toBe(401);
    expect(api.callsTo('/auth/refresh')).toHaveLength(1);
    expect(api.callsTo('/me').length).toBe(3); // session check + first + one retry
  });

  it('ends the session when the refresh is refused with 401', async () => {
    const { api, client, events } = setup();
    await client.login(alice);
    api.expireAccessTokens();
    api.state.refreshFailure = { status: 401, code: 'refresh-reuse-detected', action: 'login' };
    const response = await client.fetch('/me');
    expect(response.status).toBe(401);
    expect(client.user).toBeUndefined();
    expect(events.at(-1)).toMatchObject({
      type: 'session-ended',
      error: { code: 'refresh-reuse-detected' },
    });
  });

  it('keeps the session when the store is unavailable (503)', async () => {
    const { api, client, events } = setup();
    await client.login(alice);
    api.expireAccessTokens();
    api.state.refreshFailure = { status: 503, code: 'store-unavailable', action: 'none' };
    const response = await client.fetch('/me');
    expect(response.status).toBe(401);
    expect(client.user).toEqual({ name: 'alice' });
    expect(events.some((e) => e.type === 'session-ended')).toBe(false);
    const result = await client.refresh();
    expect(result).toMatchObject({ ok: false, status: 503, error: { code: 'store-unavailable' } });
  });

  it('does not refresh on a "login" 401 and ends the session', async () => {
    const { api, client, events } = setup();
    await client.login(alice);
    api.jar.set('at', 'forged');
    const response = await client.fetch('/me');
    expect(response.status).toBe(401);
    expect(api.callsTo('/auth/refresh')).toHaveLength(0);
    expect(events.at(-1)).toMatchObject({
      type: 'session-ended',
      error: { code: 'token-invalid' },
    });
  });

  it('refuses to send the session to another origin', async () => {
    const { api, client } = setup({ refuseCookies: true });
    await client.login(alice);
    const before = api.calls.length;
    await expect(client.fetch('https://evil.example.net/steal')).rejects.toThrow(TypeError);
    await expect(client.fetch('//evil.example.net/steal')).rejects.toThrow(TypeError);
    expect(api.calls.length).toBe(before);
  });

  it('keeps working when a listener throws', async () => {
    const { client } = setup();
    client.subscribe(() => {
      throw new Error('page bug');
    });
    const uncaught: unknown[] = [];
    const onError = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onError);
    try {
      const result = await client.login(alice);
      expect(result.ok).toBe(true);
      await new Promise((r) => setTimeout(r, 0));
      expect(uncaught).toHaveLength(1);
    } finally {
      process.off('uncaughtException', onError);
    }
  });

  it('stops notifying after unsubscribe', async () => {
    const { client } = setup();
    const seen: string[] = [];
    const stop = client.subscribe((e) => seen.push(e.type));
    stop();
    await client.login(alice);
    expect(seen).toEqual([]);
  });
});

describe('refresh across tabs', () => {
  it('refreshes once for two tabs sharing the cookie jar', async () => {
    // One server and one browser cookie jar; two tabs, each with its own client.
    const api = createFakeApi();
    const locks = createFakeLocks();
    const storage = createFakeStorage();
    const tab = () => createCorsetClient({ apiOrigin: API, fetch: api.fetch, locks, storage });
    const a = tab();
    const b = tab();
    await a.login(alice);
    api.expireAccessTokens();
    let release!: () => void;
    api.state.refreshDelay = new Promise((r) => {
      release = r;
    });
    const first = a.fetch('/me');
    const second = b.fetch('/notes');
    await new Promise((r) => setTimeout(r, 5));
    release();
    const responses = await Promise.all([first, second]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    // B waited for the lock, saw that A refreshed after B's request left, and retried
    // with the rotated cookie instead of rotating it again.
    expect(api.callsTo('/auth/refresh')).toHaveLength(1);
    expect(locks.granted).toEqual(['corset-refresh', 'corset-refresh']);
  });

  it('refreshes again in another tab when its request left after the last refresh', async () => {
    const api = createFakeApi();
    const locks = createFakeLocks();
    const storage = createFakeStorage();
    let clock = 1000;
    const tab = () =>
      createCorsetClient({ apiOrigin: API, fetch: api.fetch, locks, storage, now: () => clock });
    const a = tab();
    const b = tab();
    await a.login(alice);
    api.expireAccessTokens();
    await a.fetch('/me');
    clock += 10;
    api.expireAccessTokens();
    const response = await b.fetch('/me');
    expect(response.status).toBe(200);
    expect(api.callsTo('/auth/refresh')).toHaveLength(2);
  });

  it('does not take the cross-tab lock for the header transport', async () => {
    const { api, client, locks } = setup({ refuseCookies: true });
    await client.login(alice);
    api.expireAccessTokens();
    await client.fetch('/me');
    expect(api.callsTo('/auth/refresh')).toHaveLength(1);
    expect(locks.granted).toEqual([]);
  });

  it('explains a refresh without tokens under the header transport', async () => {
    const { client } = setup({}, 'header');
    const result = await client.refresh();
    expect(result).toMatchObject({ ok: false, error: { code: 'no-refresh-token' } });
  });
});

describe('logout', () => {
  it('posts everywhere, clears the state and tells', async () => {
    const { api, client, events } = setup();
    await client.login(alice);
    await client.logout({ everywhere: true });
    expect(api.callsTo('/auth/logout')[0]?.body).toEqual({ everywhere: true });
    expect(client.user).toBeUndefined();
    expect(api.jar.size).toBe(0);
    expect(events.at(-1)).toEqual({ type: 'logout', everywhere: true });
  });

  it('sends the Bearer header and refresh token with the header transport', async () => {
    const { api, client } = setup({ refuseCookies: true });
    await client.login(alice);
    await client.logout();
    const call = api.callsTo('/auth/logout')[0];
    expect(call?.body).toEqual({ everywhere: false, refreshToken: 'refresh-2' });
    expect(call?.headers.get('authorization')).toBe('Bearer access-2');
    expect(client.authHeaders()).toEqual({});
  });

  it('clears local state even when the network fails', async () => {
    let fail = false;
    const api = createFakeApi();
    const client = createCorsetClient({
      apiOrigin: API,
      fetch: (input, init) =>
        fail ? Promise.reject(new TypeError('offline')) : api.fetch(input, init),
      locks: null,
      storage: null,
    });
    await client.login(alice);
    fail = true;
    await client.logout();
    expect(client.user).toBeUndefined();
  });
});
