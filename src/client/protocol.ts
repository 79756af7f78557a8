/**
 * The wire contract of the corset session protocol (`docs/session-protocol.md`), shared
 * by the server entry point (`src/session/`) and the browser client (`corset/client`).
 *
 * This file runs in browsers: no Node API, no imports.
 */

/** How the session travels between a client and the API. */
export type Transport = 'cookie' | 'header';

/**
 * Request header with which a client asks for the header (Bearer) transport on login and
 * refresh. Not CORS-safelisted (Fetch §2.2.2), so it forces a preflight: a page on
 * another site cannot obtain tokens in a body without the CORS policy agreeing.
 */
export const TRANSPORT_HEADER = 'corset-transport';

/** The only value of {@link TRANSPORT_HEADER} that changes anything. */
export const HEADER_TRANSPORT_VALUE = 'header';

/** Default paths of the session endpoints; the server and client may configure others. */
export const DEFAULT_PATHS = {
  login: '/auth/login',
  refresh: '/auth/refresh',
  logout: '/auth/logout',
  sessionCheck: '/me',
} as const;

/** What the client should do about an error. */
export type ErrorAction = 'refresh' | 'login' | 'none';

/** The `error` member of every corset error body. */
export interface ProtocolError {
  /** Stable code, e.g. `token-expired`, `no-session`, `csrf/cross-site`. */
  readonly code: string;
  readonly action: ErrorAction;
  readonly message: string;
  readonly fix: string;
}

/** Body of a successful login or refresh. Tokens only with the header transport. */
export interface SessionGrant<User = unknown> {
  readonly user: User;
  readonly transport: Transport;
  /** Access-token lifetime in seconds. */
  readonly expiresIn: number;
  readonly accessToken?: string;
  readonly refreshToken?: string;
}

const ACTIONS: readonly string[] = ['refresh', 'login', 'none'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Reads `{"error": {...}}` from a parsed JSON body; undefined when the body is not a
 * corset error (a client must tolerate any body: proxies answer too).
 */
export function readProtocolError(body: unknown): ProtocolError | undefined {
  if (!isRecord(body) || !isRecord(body.error)) return undefined;
  const { code, action, message, fix } = body.error;
  if (typeof code !== 'string' || typeof action !== 'string' || !ACTIONS.includes(action)) {
    return undefined;
  }
  return {
    code,
    action: action as ErrorAction,
    message: typeof message === 'string' ? message : '',
    fix: typeof fix === 'string' ? fix : '',
  };
}

/** Reads a login/refresh body; undefined when it does not have the documented shape. */
export function readSessionGrant(body: unknown): SessionGrant | undefined {
  if (!isRecord(body)) return undefined;
  const { user, transport, expiresIn, accessToken, refreshToken } = body;
  if (transport !== 'cookie' && transport !== 'header') return undefined;
  if (typeof expiresIn !== 'number') return undefined;
  return {
    user,
    transport,
    expiresIn,
    ...(typeof accessToken === 'string' ? { accessToken } : {}),
    ...(typeof refreshToken === 'string' ? { refreshToken } : {}),
  };
}
