/**
 * The browser side of the corset session protocol (`docs/session-protocol.md`):
 * credentialed requests to one API origin, login with automatic Bearer fallback when the
 * browser refuses the session cookie, one refresh-and-retry on a "refresh" 401, one
 * refresh at a time across tabs, logout.
 *
 * This file runs in browsers (Chromium, Firefox, WebKit): no Node API, no bare imports.
 */
import {
  DEFAULT_PATHS,
  HEADER_TRANSPORT_VALUE,
  type ProtocolError,
  readProtocolError,
  readSessionGrant,
  TRANSPORT_HEADER,
  type Transport,
} from './protocol.js';
import { createRefreshGate, type LockManagerLike, type StorageLike } from './refresh-gate.js';

/** Paths of the session endpoints on the API origin. */
export interface ClientPaths {
  readonly login: string;
  readonly refresh: string;
  readonly logout: string;
  /** A GET that answers 2xx with a session and 401 without (e.g. `/me`). */
  readonly sessionCheck: string;
}

/** Options of {@link createCorsetClient}. */
export interface CorsetClientOptions {
  /** The API's origin, e.g. `https://api.example.com`. Requests go nowhere else. */
  readonly apiOrigin: string;
  /** Endpoint paths; defaults to the protocol's (`/auth/login`, …, `/me`). */
  readonly paths?: Partial<ClientPaths>;
  /**
   * `auto` (default): cookie first, Bearer header when the browser refuses the cookie;
   * `cookie` or `header`: that transport only.
   */
  readonly transport?: 'auto' | Transport;
  /** The `fetch` to use; defaults to the global one. */
  readonly fetch?: typeof fetch;
  /** Cross-tab lock manager; defaults to `navigator.locks` where present; `null` disables. */
  readonly locks?: LockManagerLike | null;
  /** Where tabs note their last refresh; defaults to `localStorage`; `null` disables. */
  readonly storage?: StorageLike | null;
  /** Lock name and storage key prefix; defaults to `corset-refresh`. */
  readonly lockName?: string;
  /** Clock in milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
  /**
   * Headers sent with every API request, e.g. `{ 'x-requested-with': 'corset' }` when the
   * server requires a custom header on writes (`csrf.requireCustomHeader`).
   */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Username and password, as `POST /auth/login` expects them. */
export interface LoginCredentials {
  readonly username: string;
  readonly password: string;
}

/** Why a client operation failed: a protocol error, or one made up by the client. */
export interface ClientFailure {
  /** HTTP status; 0 when no response was readable (network or CORS failure). */
  readonly status: number;
  readonly error: ProtocolError;
}

/** Outcome of {@link CorsetClient.login}. */
export type LoginResult<User = unknown> =
  | { readonly ok: true; readonly user: User; readonly transport: Transport }
  | ({ readonly ok: false } & ClientFailure);

/** Outcome of {@link CorsetClient.refresh}. */
export type RefreshResult = { readonly ok: true } | ({ readonly ok: false } & ClientFailure);

/** What happened to the session, for a page that shows it. */
export type CorsetClientEvent =
  | {
      readonly type: 'transport';
      readonly transport: Transport;
      /**
       * `cookie-refused`: the browser dropped the session cookie; `server-header-only`: the
       * API offers the header transport only (a topology where cookies cannot work).
       * Either way the Bearer header is used from now on, tokens in memory only.
       */
      readonly reason: 'cookie-refused' | 'server-header-only';
    }
  | { readonly type: 'login'; readonly user: unknown; readonly transport: Transport }
  | { readonly type: 'refresh'; readonly transport: Transport }
  | { readonly type: 'logout'; readonly everywhere: boolean }
  | { readonly type: 'session-ended'; readonly error: ProtocolError };

/** What {@link CorsetClient.recover} needs to know about a failed request. */
export interface UnauthorizedResponse {
  readonly status: number;
  /** The parsed JSON body (or its text; anything else is ignored). */
  readonly body: unknown;
  /** When the request was sent, from {@link CorsetClient.now}. */
  readonly sentAt: number;
}

/** A session client bound to one API origin. */
export interface CorsetClient {
  /** The transport in use: `cookie` until the browser is found to refuse the cookie. */
  readonly transport: Transport;
  /** The user of the current session, as the last login answered; undefined if none. */
  readonly user: unknown;
  readonly apiOrigin: string;
  /** The clock the client stamps requests with (for {@link recover}). */
  now(): number;
  /**
   * `fetch` to the API: `path` is resolved against the API origin (other origins are
   * refused), credentials included, Bearer header added with the header transport. On a
   * 401 whose body says `action: "refresh"` it refreshes once and retries once. Bodies
   * must be replayable (string, `FormData`, `Blob`, `URLSearchParams`, buffers).
   */
  fetch(path: string | URL, init?: RequestInit): Promise<Response>;
  /** Logs in; with `transport: 'auto'` detects a refused cookie and falls back to Bearer. */
  login<User = unknown>(credentials: LoginCredentials): Promise<LoginResult<User>>;
  /** Refreshes now (single flight in the tab, locked across tabs for cookies). */
  refresh(): Promise<RefreshResult>;
  /** Logs out (all of the user's sessions with `everywhere`); local state is always cleared. */
  logout(options?: { readonly everywhere?: boolean }): Promise<void>;
  /**
   * The refresh-and-retry rule for any HTTP library: resolves true when the caller
   * should retry its request once (a refresh happened after `sentAt`), false otherwise.
   */
  recover(response: UnauthorizedResponse): Promise<boolean>;
  /** Headers an API request needs now: the configured ones, and Bearer with the header transport. */
  authHeaders(): Record<string, string>;
  /** Whether a URL (resolved against `base`, default the API origin) targets the API. */
  isApiUrl(url: string | URL, base?: string): boolean;
  /** Listens to session events; returns the function that stops listening. */
  subscribe(listener: (event: CorsetClientEvent) => void): () => void;
}

function clientError(code: string, message: string, fix: string): ProtocolError {
  return { code, action: 'none', message, fix };
}

const headerUnavailable = clientError(
  'header-transport-unavailable',
  'The browser refused the session cookie and the API did not grant the header (Bearer) transport.',
  'Enable the Bearer fallback on the server (session.bearer: true), or serve the app and the API from the same site.',
);

function parseApiOrigin(apiOrigin: string): string {
  let url: URL;
  try {
    url = new URL(apiOrigin);
  } catch {
    throw new TypeError(
      `corset client: apiOrigin ${JSON.stringify(apiOrigin)} is not a URL. Fix: give the API's origin, e.g. "https://api.example.com".`,
    );
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== apiOrigin) {
    throw new TypeError(
      `corset client: apiOrigin ${JSON.stringify(apiOrigin)} is not a serialised http(s) origin. Fix: use ${JSON.stringify(url.origin)} (scheme, host and port only, no path or trailing slash).`,
    );
  }
  return url.origin;
}

function defaultLocks(): LockManagerLike | undefined {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks;
}

function defaultStorage(): StorageLike | undefined {
  try {
    return (globalThis as { localStorage?: StorageLike }).localStorage;
  } catch {
    // Reading `localStorage` itself throws where storage is blocked.
    return undefined;
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.clone().json();
  } catch {
    return undefined;
  }
}

function parseMaybeText(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

async function failureFrom(response: Response): Promise<ClientFailure> {
  const error = readProtocolError(await readJson(response));
  return {
    status: response.status,
    error:
      error ??
      clientError(
        'unexpected-response',
        `The API answered ${response.status} without a corset error body.`,
        'Check that the request reached the corset API and not a proxy or another server.',
      ),
  };
}

function networkFailure(cause: unknown): ClientFailure {
  return {
    status: 0,
    error: clientError(
      'network-error',
      `No readable response: ${cause instanceof Error ? cause.message : String(cause)}.`,
      'A CORS refusal looks like this too: run `corset doctor` against the API, or read the browser console.',
    ),
  };
}

/** Creates a client; throws a `TypeError` naming the fix when `apiOrigin` is not an origin. */
export function createCorsetClient(options: CorsetClientOptions): CorsetClient {
  const apiOrigin = parseApiOrigin(options.apiOrigin);
  const paths: ClientPaths = { ...DEFAULT_PATHS, ...options.paths };
  const mode = options.transport ?? 'auto';
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const listeners = new Set<(event: CorsetClientEvent) => void>();
  const gate = createRefreshGate<ClientFailure>({
    locks: options.locks === null ? undefined : (options.locks ?? defaultLocks()),
    storage: options.storage === null ? undefined : (options.storage ?? defaultStorage()),
    name: options.lockName ?? 'corset-refresh',
    now,
  });

  let transport: Transport = mode === 'header' ? 'header' : 'cookie';
  let user: unknown;
  // Header transport only, and in memory only: never in storage a script could read later.
  let tokens: { access: string; refresh: string } | undefined;

  const emit = (event: CorsetClientEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        // A page's listener must not break the session; report it as an uncaught error.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  };

  const endSession = (error: ProtocolError): void => {
    const had = user !== undefined || tokens !== undefined;
    user = undefined;
    tokens = undefined;
    if (had) emit({ type: 'session-ended', error });
  };

  const extraHeaders: Record<string, string> = { ...options.headers };

  const authHeaders = (): Record<string, string> =>
    transport === 'header' && tokens !== undefined
      ? { ...extraHeaders, authorization: `Bearer ${tokens.access}` }
      : { ...extraHeaders };

  const api = (path: string): string => new URL(path, apiOrigin).href;

  /** A JSON POST to a session endpoint; `extra` carries the Bearer header for logout. */
  const post = (
    path: string,
    useHeader: boolean,
    body: unknown,
    extra: Record<string, string> = {},
  ): Promise<Response> => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...extraHeaders,
      ...extra,
    };
    if (useHeader) headers[TRANSPORT_HEADER] = HEADER_TRANSPORT_VALUE;
    return send(api(path), {
      method: 'POST',
      credentials: 'include',
      headers,
      body: JSON.stringify(body),
    });
  };

  /**
   * One login request asking for `wanted`; stores the grant. The server may answer with
   * the header transport although the cookie was asked for (a topology where cookies
   * cannot work): the tokens are then taken as they come.
   */
  const loginWith = async (
    wanted: Transport,
    credentials: LoginCredentials,
  ): Promise<LoginResult> => {
    let response: Response;
    try {
      response = await post(paths.login, wanted === 'header', credentials);
    } catch (cause) {
      return { ok: false, ...networkFailure(cause) };
    }
    if (!response.ok) return { ok: false, ...(await failureFrom(response)) };
    const grant = readSessionGrant(await readJson(response));
    if (grant === undefined) return { ok: false, ...(await failureFrom(response)) };
    if (grant.transport === 'header') {
      if (grant.accessToken === undefined || grant.refreshToken === undefined) {
        return { ok: false, status: response.status, error: headerUnavailable };
      }
      tokens = { access: grant.accessToken, refresh: grant.refreshToken };
    } else if (wanted === 'header') {
      return { ok: false, status: response.status, error: headerUnavailable };
    }
    user = grant.user;
    return { ok: true, user: grant.user, transport: grant.transport };
  };

  /** Whether the cookie set by a cookie login comes back: GET the session check. */
  const cookieWorks = async (): Promise<boolean | ClientFailure> => {
    let response: Response;
    try {
      response = await send(api(paths.sessionCheck), { credentials: 'include' });
    } catch (cause) {
      return networkFailure(cause);
    }
    if (response.ok) return true;
    if (response.status === 401) return false;
    const failure = await failureFrom(response);
    return {
      status: failure.status,
      error: clientError(
        'session-check-failed',
        `${paths.sessionCheck} answered ${response.status} after a successful login (${failure.error.code}).`,
        `Make ${paths.sessionCheck} answer 2xx with a session and 401 without, or set paths.sessionCheck.`,
      ),
    };
  };

  const switchToHeader = (reason: 'cookie-refused' | 'server-header-only'): void => {
    if (transport === 'header') return;
    transport = 'header';
    emit({ type: 'transport', transport, reason });
  };

  const login = async (credentials: LoginCredentials): Promise<LoginResult> => {
    tokens = undefined;
    user = undefined;
    const done = (result: LoginResult): LoginResult => {
      if (result.ok) emit({ type: 'login', user: result.user, transport: result.transport });
      return result;
    };
    if (transport === 'header') return done(await loginWith('header', credentials));
    const first = await loginWith('cookie', credentials);
    if (first.ok && first.transport === 'header') switchToHeader('server-header-only');
    if (!first.ok || first.transport === 'header' || mode === 'cookie') return done(first);
    const works = await cookieWorks();
    if (works === true) return done(first);
    user = undefined;
    if (works !== false) return { ok: false, ...works };
    // Logged in, yet the next request carried no session: the browser refused the cookie
    // (third-party cookie blocking). The server-side family of that first login is never
    // presented again and expires on its own.
    const second = await loginWith('header', credentials);
    if (second.ok) switchToHeader('cookie-refused');
    return done(second);
  };

  const refreshNow = async (): Promise<{ ok: true } | { ok: false; failure: ClientFailure }> => {
    const useHeader = transport === 'header';
    if (useHeader && tokens === undefined) {
      return {
        ok: false,
        failure: {
          status: 0,
          error: {
            code: 'no-refresh-token',
            action: 'login',
            message: 'No session to refresh: the header transport keeps tokens in memory only.',
            fix: 'Log in again.',
          },
        },
      };
    }
    let response: Response;
    try {
      response = await post(
        paths.refresh,
        useHeader,
        useHeader && tokens !== undefined ? { refreshToken: tokens.refresh } : {},
      );
    } catch (cause) {
      return { ok: false, failure: networkFailure(cause) };
    }
    const grant = response.ok ? readSessionGrant(await readJson(response)) : undefined;
    if (grant === undefined) {
      const failure = await failureFrom(response);
      // 401: the refresh token is gone (expired, revoked, reused): the session is over.
      // Anything else (503 store-unavailable, a proxy error) may pass: keep the session.
      if (response.status === 401) endSession(failure.error);
      return { ok: false, failure };
    }
    if (useHeader) {
      if (grant.accessToken === undefined || grant.refreshToken === undefined) {
        return {
          ok: false,
          failure: {
            status: response.status,
            error: clientError(
              'header-transport-unavailable',
              'The refresh answer carries no tokens although the header transport was asked for.',
              'Enable the Bearer fallback on the server (session.bearer: true).',
            ),
          },
        };
      }
      tokens = { access: grant.accessToken, refresh: grant.refreshToken };
    }
    // A refresh answers the session's subject only (`{id}`): keep the login's user.
    if (user === undefined) user = grant.user;
    emit({ type: 'refresh', transport });
    return { ok: true };
  };

  const refreshAfter = async (sentAt: number): Promise<RefreshResult> => {
    // Only cookies are shared between tabs; header tokens are this tab's own.
    const outcome = await gate.run(sentAt, transport === 'cookie', refreshNow);
    return outcome.ok ? outcome : { ok: false, ...outcome.failure };
  };

  const recover = async (response: UnauthorizedResponse): Promise<boolean> => {
    if (response.status !== 401) return false;
    const error = readProtocolError(parseMaybeText(response.body));
    if (error === undefined) return false;
    if (error.action === 'login') {
      endSession(error);
      return false;
    }
    if (error.action !== 'refresh') return false;
    return (await refreshAfter(response.sentAt)).ok;
  };

  const isApiUrl = (url: string | URL, base: string = apiOrigin): boolean => {
    try {
      return new URL(url, base).origin === apiOrigin;
    } catch {
      return false;
    }
  };

  const apiFetch = async (path: string | URL, init: RequestInit = {}): Promise<Response> => {
    if (!isApiUrl(path)) {
      throw new TypeError(
        `corset client: ${String(path)} is not on the API origin ${apiOrigin}; the client only sends its session there.`,
      );
    }
    const target = new URL(path, apiOrigin).href;
    const attempt = (): Promise<Response> => {
      const headers = new Headers(init.headers);
      for (const [name, value] of Object.entries(authHeaders())) headers.set(name, value);
      return send(target, { ...init, headers, credentials: 'include' });
    };
    const sentAt = now();
    const response = await attempt();
    if (response.status !== 401) return response;
    return (await recover({ status: 401, body: await readJson(response), sentAt }))
      ? attempt()
      : response;
  };

  const logout = async (logoutOptions: { readonly everywhere?: boolean } = {}): Promise<void> => {
    const everywhere = logoutOptions.everywhere === true;
    const useHeader = transport === 'header';
    const body = {
      everywhere,
      ...(useHeader && tokens !== undefined ? { refreshToken: tokens.refresh } : {}),
    };
    try {
      await post(paths.logout, useHeader, body, authHeaders());
    } catch {
      // The local session ends anyway; the server-side family expires on its own.
    }
    const had = user !== undefined || tokens !== undefined;
    user = undefined;
    tokens = undefined;
    if (had) emit({ type: 'logout', everywhere });
  };

  return {
    get transport() {
      return transport;
    },
    get user() {
      return user;
    },
    apiOrigin,
    now,
    fetch: apiFetch,
    login: login as CorsetClient['login'],
    // Stamped now: no refresh can have finished after this call, so it always runs (or
    // joins the one in flight).
    refresh: () => refreshAfter(now()),
    logout,
    recover,
    authHeaders,
    isApiUrl,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
