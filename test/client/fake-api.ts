/**
 * A fake corset API behind a fake `fetch`, with a browser-like cookie jar that can refuse
 * cookies (third-party cookie blocking), for testing the client without a network.
 * It follows docs/session-protocol.md; tokens are opaque counters.
 */

export interface FakeApiOptions {
  /** The browser drops every Set-Cookie (third-party cookie blocking). */
  readonly refuseCookies?: boolean;
  /** The server offers the header transport. Default true. */
  readonly bearer?: boolean;
  /** The server grants the header transport whatever the client asks (no cookie can work). */
  readonly headerOnly?: boolean;
  /** The browser jar, shared between tabs when given. */
  readonly jar?: Map<string, string>;
}

export interface RecordedCall {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly credentials: RequestCredentials | undefined;
  readonly body: unknown;
}

export const API = 'https://api.example.com';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

function error(status: number, code: string, action: string): Response {
  return json(
    status,
    { error: { code, action, message: `${code} happened`, fix: 'test fix' } },
    status === 401 ? { 'www-authenticate': 'Bearer error="invalid_token"' } : {},
  );
}

export function createFakeApi(options: FakeApiOptions = {}) {
  const jar = options.jar ?? new Map<string, string>();
  const bearer = options.bearer ?? true;
  const calls: RecordedCall[] = [];
  let counter = 0;
  const liveAccess = new Set<string>();
  const expiredAccess = new Set<string>();
  /** refresh token -> 'current' | 'used' */
  const refreshTokens = new Map<string, 'current' | 'used'>();
  const state = {
    /** Answer every refresh with this status and code instead of rotating. */
    refreshFailure: undefined as undefined | { status: number; code: string; action: string },
    /** Resolved before a refresh answers (to hold refreshes in flight). */
    refreshDelay: undefined as undefined | Promise<void>,
    /** Every protected route answers token-expired whatever the token. */
    alwaysExpired: false,
    /** The session check answers this status (to model a broken /me). */
    sessionCheckStatus: undefined as undefined | number,
  };

  const mint = () => {
    counter += 1;
    const access = `access-${counter}`;
    const refresh = `refresh-${counter}`;
    liveAccess.add(access);
    refreshTokens.set(refresh, 'current');
    return { access, refresh };
  };

  const setCookies = (
    pairs: Record<string, string>,
    credentials: RequestCredentials | undefined,
  ) => {
    // The fake browser stores cookies only from credentialed responses (Fetch §4.5).
    if (options.refuseCookies || credentials !== 'include') return;
    for (const [name, value] of Object.entries(pairs)) {
      if (value === '') jar.delete(name);
      else jar.set(name, value);
    }
  };

  const grant = (transport: 'cookie' | 'header', credentials: RequestCredentials | undefined) => {
    const tokens = mint();
    if (transport === 'header') {
      return json(200, {
        user: { name: 'alice' },
        transport,
        expiresIn: 600,
        accessToken: tokens.access,
        refreshToken: tokens.refresh,
      });
    }
    setCookies({ at: tokens.access, rt: tokens.refresh }, credentials);
    return json(200, { user: { name: 'alice' }, transport, expiresIn: 600 });
  };

  const authenticate = (headers: Headers, cookies: Map<string, string>): Response | undefined => {
    const auth = headers.get('authorization');
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : cookies.get('at');
    if (token === undefined) return error(401, 'no-session', 'login');
    if (state.alwaysExpired || expiredAccess.has(token))
      return error(401, 'token-expired', 'refresh');
    if (!liveAccess.has(token)) return error(401, 'token-invalid', 'login');
    return undefined;
  };

  const handle = async (call: RecordedCall): Promise<Response> => {
    const path = new URL(call.url).pathname;
    const cookies = call.credentials === 'include' ? jar : new Map<string, string>();
    const wantsHeader = call.headers.get('corset-transport') === 'header';
    const transport = options.headerOnly || (wantsHeader && bearer) ? 'header' : 'cookie';
    const body = (call.body ?? {}) as Record<string, unknown>;
    if (path === '/auth/login') {
      if (body.username !== 'alice' || body.password !== 'pw') {
        return error(401, 'invalid-credentials', 'none');
      }
      return grant(transport, call.credentials);
    }
    if (path === '/auth/refresh') {
      await state.refreshDelay;
      if (state.refreshFailure) {
        const f = state.refreshFailure;
        return error(f.status, f.code, f.action);
      }
      const token =
        transport === 'header' ? (body.refreshToken as string | undefined) : cookies.get('rt');
      if (token === undefined) return error(401, 'no-refresh-token', 'login');
      const status = refreshTokens.get(token);
      if (status !== 'current') return error(401, 'refresh-reuse-detected', 'login');
      refreshTokens.set(token, 'used');
      return grant(transport, call.credentials);
    }
    if (path === '/auth/logout') {
      setCookies({ at: '', rt: '' }, call.credentials);
      return new Response(null, { status: 204 });
    }
    if (path === '/me' && state.sessionCheckStatus !== undefined) {
      return error(state.sessionCheckStatus, 'broken', 'none');
    }
    const refused = authenticate(call.headers, cookies);
    if (refused) return refused;
    return json(200, { path, ok: true });
  };

  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    if (!url.startsWith(`${API}/`)) throw new TypeError('Failed to fetch');
    const raw = init.body;
    const call: RecordedCall = {
      method: init.method ?? 'GET',
      url,
      headers: new Headers(init.headers),
      credentials: init.credentials,
      body: typeof raw === 'string' ? JSON.parse(raw) : raw,
    };
    calls.push(call);
    return handle(call);
  };

  return {
    fetch: fetch as typeof globalThis.fetch,
    calls,
    jar,
    state,
    /** Every access token issued so far now answers token-expired. */
    expireAccessTokens() {
      for (const token of liveAccess) expiredAccess.add(token);
      liveAccess.clear();
    },
    callsTo(path: string) {
      return calls.filter((c) => new URL(c.url).pathname === path);
    },
  };
}

/** A LockManager that serialises callbacks per name, and counts them. */
export function createFakeLocks() {
  const tails = new Map<string, Promise<unknown>>();
  const granted: string[] = [];
  return {
    granted,
    request<T>(name: string, callback: (lock: unknown) => Promise<T>): Promise<T> {
      const previous = tails.get(name) ?? Promise.resolve();
      const run = previous.then(() => {
        granted.push(name);
        return callback({ name });
      });
      tails.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    },
  };
}

/** A localStorage stand-in. */
export function createFakeStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      items.set(key, value);
    },
  };
}
