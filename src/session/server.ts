/**
 * `createCorset`: the one entry point a server mounts. Built once from one config (see
 * `server-build.ts`), it offers framework-neutral operations on a minimal request view;
 * the adapters in `src/adapters/*-session.ts` only translate requests and responses.
 *
 * The protocol (transports, endpoints, error bodies) is `docs/session-protocol.md`.
 * Request-time operations never throw: every outcome, a store outage included, is a
 * response (a `verifyCredentials` supplied by the app may still reject: that is the
 * app's error, passed on to its framework).
 */
import type { ProtocolError, SessionGrant, Transport } from '../client/protocol.js';
import type { CookieDefinition } from '../cookies/index.js';
import type { CorsPolicy, HeaderPair } from '../cors/index.js';
import type { CsrfProtection } from '../csrf/index.js';
import type { ConfigProblem } from '../internal/problems.js';
import type { AccessClaims } from './access-token.js';
import type { JwksDocument } from './jwks.js';
import type { RefreshFailure, RefreshGrant } from './refresh-sessions.js';
import { buildCorset, type CorsetParts } from './server-build.js';
import type { CorsetConfig } from './server-config.js';
import { bearerToken, bodyFlag, bodyString, wantsHeaderTransport } from './server-credentials.js';
import {
  csrfError,
  type SessionError,
  type SessionErrorCode,
  sessionError,
} from './server-errors.js';
import { errorResponse, type SessionRequest, type SessionResponse } from './server-http.js';
import type { SessionPaths } from './server-problems.js';
import type { TopologyExplanation } from './topology.js';

/** An authenticated request's session. */
export interface Session {
  /** The user id (the access token's `sub`). */
  readonly userId: string;
  /** The session (refresh family) id (the token's `sid`). */
  readonly sessionId: string;
  /** What carried the access token. */
  readonly transport: Transport;
  /** Every verified claim of the access token. */
  readonly claims: AccessClaims;
}

/** Outcome of {@link Corset.authenticate}: the session, or the response to send instead. */
export type AuthResult =
  | { readonly ok: true; readonly session: Session }
  | { readonly ok: false; readonly response: SessionResponse; readonly error: ProtocolError };

/** A user the application logs in: `id` becomes the token subject; the whole object is the login body's `user`. */
export interface LoginUser {
  readonly id: string;
  readonly [key: string]: unknown;
}

/** Checks a username and password; resolves to the user, or undefined when they are wrong. */
export type VerifyCredentials = (
  username: string,
  password: string,
) => LoginUser | undefined | Promise<LoginUser | undefined>;

/** Which session endpoint a request is for. */
export type SessionEndpoint = keyof SessionPaths;

/** A request view with its path, for {@link Corset.handle}. */
export interface RoutedSessionRequest extends SessionRequest {
  /** The URL path, without query. */
  readonly path: string;
}

/** The built entry point. */
export interface Corset {
  /** The CORS policy (origins = `appOrigins`), for the CORS adapters. */
  readonly cors: CorsPolicy;
  /** The CSRF defence, trusting exactly the CORS allowlist. */
  readonly csrf: CsrfProtection;
  readonly apiOrigin: string;
  readonly paths: SessionPaths;
  /** Whether the header (Bearer) transport is offered. */
  readonly bearer: boolean;
  /** Every warning of the config (CORS, topology, keys, tokens, sessions): log them at start. */
  readonly warnings: readonly ConfigProblem[];
  /** The topology decision (cookies, transport, warnings, reasons) as data and text. */
  explain(): TopologyExplanation;
  /** The public JWKS, for other services that verify the access tokens. */
  jwks(): JwksDocument;
  /** The endpoint a `POST` to `path` is for, or undefined (then it is the app's). */
  endpoint(method: string, path: string): SessionEndpoint | undefined;
  /**
   * Authenticates a request: `Authorization: Bearer` (when the fallback is on) alone;
   * otherwise the CSRF check for unsafe methods (403), then the session cookie (401
   * `no-session`, `token-expired` with action refresh, `token-invalid`).
   */
  authenticate(request: SessionRequest): Promise<AuthResult>;
  /** Logs `user` in (credentials already checked by the app): 200 with cookies or tokens. */
  login(request: SessionRequest, user: LoginUser): Promise<SessionResponse>;
  /** The whole login endpoint: CSRF check, JSON `{username, password}`, `verify`, login. */
  handleLogin(request: SessionRequest, verify: VerifyCredentials): Promise<SessionResponse>;
  /** The refresh endpoint: rotates the refresh token, issues a new access token. */
  refresh(request: SessionRequest): Promise<SessionResponse>;
  /**
   * The logout endpoint: revokes the session (every session of the user with
   * `everywhere`, default from the JSON body) and clears the cookies: 204.
   */
  logout(
    request: SessionRequest,
    options?: { readonly everywhere?: boolean },
  ): Promise<SessionResponse>;
  /** Answers a request to a session endpoint, or resolves undefined for any other. */
  handle(
    request: RoutedSessionRequest,
    verify: VerifyCredentials,
  ): Promise<SessionResponse | undefined>;
  /** Releases what the entry point created (the default in-memory store's timer). */
  close(): Promise<void>;
}

const NO_STORE: HeaderPair = ['cache-control', 'no-store'];

const REFRESH_CODES: Readonly<Record<RefreshFailure['code'], SessionErrorCode>> = {
  'reuse-detected': 'refresh-reuse-detected',
  revoked: 'refresh-revoked',
  expired: 'refresh-expired',
  unknown: 'refresh-invalid',
  'store-unavailable': 'store-unavailable',
};

function fail(failure: SessionError, headers: readonly HeaderPair[] = []): SessionResponse {
  return errorResponse(failure, headers);
}

function isLoginUser(user: unknown): user is LoginUser {
  return (
    typeof user === 'object' &&
    user !== null &&
    typeof (user as { id?: unknown }).id === 'string' &&
    (user as { id: string }).id.length > 0
  );
}

/** The operations over built parts. */
function operations(parts: CorsetParts, now: () => number): Corset {
  const { cookies, tokens, sessions, csrf } = parts;

  const clearCookies = (): HeaderPair[] =>
    cookies === undefined
      ? []
      : [
          ['set-cookie', cookies.access.clear()],
          ['set-cookie', cookies.refresh.clear()],
        ];

  /** The header transport is used when asked for and offered, or when it is the only one. */
  const headerTransport = (request: SessionRequest): boolean =>
    cookies === undefined || (parts.bearer && wantsHeaderTransport(request));

  const cookieValue = (definition: CookieDefinition | undefined, request: SessionRequest) =>
    definition?.read(request.header('cookie'));

  /** 200 with a fresh access token for `grant`, in cookies or in the body. */
  const grantResponse = async (
    request: SessionRequest,
    grant: RefreshGrant,
    user: unknown,
  ): Promise<SessionResponse> => {
    const issued = await tokens.issue({ sub: grant.sub, sid: grant.sid });
    if (!issued.ok) return fail(sessionError('user-invalid'));
    if (headerTransport(request)) {
      const body: SessionGrant = {
        user,
        transport: 'header',
        expiresIn: issued.expiresIn,
        accessToken: issued.token,
        refreshToken: grant.refreshToken,
      };
      return { status: 200, headers: [NO_STORE], body };
    }
    const definitions = cookies as NonNullable<typeof cookies>;
    // Both cookies live as long as the session, not the access token: an expired token
    // must still arrive, to be answered `token-expired` (refresh) and not `no-session`.
    const maxAge = Math.max(1, Math.floor((grant.expiresAt - now()) / 1000));
    const headers: HeaderPair[] = [NO_STORE];
    for (const [definition, value] of [
      [definitions.access, issued.token],
      [definitions.refresh, grant.refreshToken],
    ] as const) {
      const serialized = definition.serialize(value, { maxAge });
      if (!serialized.ok) {
        const { code, message, fix } = serialized;
        return fail({ status: 500, error: { code, action: 'none', message, fix } });
      }
      headers.push(['set-cookie', serialized.header]);
    }
    const body: SessionGrant = { user, transport: 'cookie', expiresIn: issued.expiresIn };
    return { status: 200, headers, body };
  };

  const startSession = async (request: SessionRequest, user: unknown) => {
    if (!isLoginUser(user)) return fail(sessionError('user-invalid'));
    const grant = await sessions.start(user.id);
    if (!grant.ok) return fail(sessionError('store-unavailable'));
    return grantResponse(request, grant, user);
  };

  /** The CSRF rejection of a cookie-authenticated request, or undefined when it passes. */
  const csrfRefusal = (request: SessionRequest): SessionResponse | undefined => {
    const result = csrf.check(request);
    return result.ok ? undefined : fail(csrfError(result));
  };

  const authenticate = async (request: SessionRequest): Promise<AuthResult> => {
    const refuse = (failure: SessionError): AuthResult => ({
      ok: false,
      response: fail(failure),
      error: failure.error,
    });
    const bearer = parts.bearer ? bearerToken(request) : undefined;
    let transport: Transport = 'header';
    let token = bearer;
    if (token === undefined) {
      const check = csrf.check(request);
      if (!check.ok) return refuse(csrfError(check));
      transport = 'cookie';
      token = cookieValue(cookies?.access, request);
      if (token === undefined) return refuse(sessionError('no-session'));
    }
    const verified = await tokens.verify(token);
    if (!verified.ok) {
      return refuse(sessionError(verified.code === 'expired' ? 'token-expired' : 'token-invalid'));
    }
    const { claims } = verified;
    return {
      ok: true,
      session: { userId: claims.sub, sessionId: claims.sid, transport, claims },
    };
  };

  const login = async (request: SessionRequest, user: LoginUser) =>
    csrfRefusal(request) ?? startSession(request, user);

  const handleLogin = async (request: SessionRequest, verify: VerifyCredentials) => {
    // Before the password is even looked at: a forged login is refused without work.
    const refused = csrfRefusal(request);
    if (refused !== undefined) return refused;
    const username = bodyString(request, 'username');
    const password = bodyString(request, 'password');
    if (username === undefined || password === undefined) return fail(sessionError('bad-request'));
    const user = await verify(username, password);
    if (user === undefined) return fail(sessionError('invalid-credentials'));
    return startSession(request, user);
  };

  const refresh = async (request: SessionRequest): Promise<SessionResponse> => {
    const refused = csrfRefusal(request);
    if (refused !== undefined) return refused;
    const header = headerTransport(request);
    const token = header
      ? bodyString(request, 'refreshToken')
      : cookieValue(cookies?.refresh, request);
    if (token === undefined) return fail(sessionError('no-refresh-token'));
    const grant = await sessions.rotate(token);
    if (!grant.ok) {
      const failure = sessionError(REFRESH_CODES[grant.code]);
      // A dead refresh token: clear the cookies so the browser stops presenting it.
      return fail(failure, grant.status === 401 && !header ? clearCookies() : []);
    }
    return grantResponse(request, grant, { id: grant.sub });
  };

  const logout = async (
    request: SessionRequest,
    options: { readonly everywhere?: boolean } = {},
  ): Promise<SessionResponse> => {
    const refused = csrfRefusal(request);
    if (refused !== undefined) return refused;
    const everywhere = options.everywhere ?? bodyFlag(request, 'everywhere');
    const refreshToken =
      bodyString(request, 'refreshToken') ?? cookieValue(cookies?.refresh, request);
    let outcome: { ok: boolean } = { ok: true };
    if (refreshToken !== undefined) {
      outcome = await sessions.revoke(refreshToken, { everywhere });
    } else {
      const access =
        (parts.bearer ? bearerToken(request) : undefined) ?? cookieValue(cookies?.access, request);
      const verified = access === undefined ? undefined : await tokens.verify(access);
      if (verified?.ok) {
        outcome = everywhere
          ? await sessions.revokeAllForUser(verified.claims.sub)
          : await sessions.revokeFamily(verified.claims.sid);
      }
    }
    // Cookies are cleared even when the store is down: the browser forgets the session,
    // and the answer says the revocation itself did not happen.
    if (!outcome.ok) return fail(sessionError('store-unavailable'), clearCookies());
    return { status: 204, headers: clearCookies() };
  };

  const endpoint = (method: string, path: string): SessionEndpoint | undefined => {
    if (method !== 'POST') return undefined;
    if (path === parts.paths.login) return 'login';
    if (path === parts.paths.refresh) return 'refresh';
    if (path === parts.paths.logout) return 'logout';
    return undefined;
  };

  return {
    cors: parts.cors,
    csrf,
    apiOrigin: parts.apiOrigin,
    paths: parts.paths,
    bearer: parts.bearer,
    warnings: parts.warnings,
    explain: () => parts.plan.explain(),
    jwks: () => parts.keys.jwks(),
    endpoint,
    authenticate,
    login,
    handleLogin,
    refresh,
    logout,
    async handle(request, verify) {
      switch (endpoint(request.method, request.path)) {
        case 'login':
          return handleLogin(request, verify);
        case 'refresh':
          return refresh(request);
        case 'logout':
          return logout(request);
        default:
          return undefined;
      }
    },
    async close() {
      await parts.ownStore?.close();
    },
  };
}

/**
 * Builds the entry point from one config, validated as a whole: the CORS policy (origins
 * = `appOrigins`, credentials on, `content-type` and `corset-transport` allowed, plus
 * `authorization` when the Bearer fallback is on), the CSRF defence trusting the same
 * origins, the cookies the topology plan derives, the keys (imported once), the access
 * tokens and the refresh sessions.
 *
 * @throws {ConfigError} listing every problem of every part (code, field, value, why,
 *   fix) when at least one is an error; warnings are on `corset.warnings`.
 * @example
 * const corset = await createCorset({
 *   appOrigins: ['https://app.example.com'],
 *   apiOrigin: 'https://api.example.com',
 *   session: { secret: Buffer.from(process.env.SESSION_SECRET, 'base64url') },
 * });
 */
export async function createCorset(config: CorsetConfig): Promise<Corset> {
  const parts = await buildCorset(config);
  const clock = typeof config.session?.now === 'function' ? config.session.now : () => Date.now();
  return operations(parts, clock);
}
