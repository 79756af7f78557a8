/**
 * The error catalogue of the session protocol (`docs/session-protocol.md`): each code
 * with its status, the action a client should take, and the message and fix, as data.
 *
 * Statuses are distinct on purpose: 401 means "no valid session" (refresh, or log in),
 * 403 means "this request is refused whatever the session" (CSRF), so a client never
 * answers a forged request by refreshing.
 */
import type { ErrorAction, ProtocolError } from '../client/protocol.js';
import type { CsrfRejection } from '../csrf/index.js';

/** Codes the entry point answers with (CSRF rejections are `csrf/<reason>`). */
export type SessionErrorCode =
  | 'no-session'
  | 'token-expired'
  | 'token-invalid'
  | 'invalid-credentials'
  | 'bad-request'
  | 'no-refresh-token'
  | 'refresh-expired'
  | 'refresh-revoked'
  | 'refresh-reuse-detected'
  | 'refresh-invalid'
  | 'store-unavailable'
  | 'user-invalid';

interface CatalogueEntry {
  readonly status: 400 | 401 | 500 | 503;
  readonly action: ErrorAction;
  readonly message: string;
  readonly fix: string;
}

const CATALOGUE: Readonly<Record<SessionErrorCode, CatalogueEntry>> = {
  'no-session': {
    status: 401,
    action: 'login',
    message: 'The request carries no session: no session cookie and no Bearer token.',
    fix: 'Log in. If you just did, the browser refused the session cookie: use corset/client (it falls back to the Bearer header) or send credentials: "include".',
  },
  'token-expired': {
    status: 401,
    action: 'refresh',
    message: 'The access token has expired.',
    fix: 'POST to the refresh endpoint, then retry the request once.',
  },
  'token-invalid': {
    status: 401,
    action: 'login',
    message: 'The access token is not valid here (signature, issuer, audience or key).',
    fix: 'Log in again.',
  },
  'invalid-credentials': {
    status: 401,
    action: 'none',
    message: 'Unknown user or wrong password.',
    fix: 'Check the username and password.',
  },
  'bad-request': {
    status: 400,
    action: 'none',
    message: 'The body is not the JSON this endpoint expects.',
    fix: 'Send Content-Type: application/json with the fields of docs/session-protocol.md.',
  },
  'no-refresh-token': {
    status: 401,
    action: 'login',
    message: 'The refresh request carries no refresh token.',
    fix: 'Log in. With the cookie transport the refresh cookie is sent to the refresh path only; with the header transport send {"refreshToken": ...}.',
  },
  'refresh-expired': {
    status: 401,
    action: 'login',
    message:
      'The session has ended: it reached its maximum lifetime, or went unused past its idle timeout.',
    fix: 'Log in again.',
  },
  'refresh-revoked': {
    status: 401,
    action: 'login',
    message:
      'The session was revoked (logout, logout everywhere, or a detected refresh-token reuse).',
    fix: 'Log in again.',
  },
  'refresh-reuse-detected': {
    status: 401,
    action: 'login',
    message:
      'A refresh token was presented again after it had been rotated: the whole session was revoked, as it may have been stolen.',
    fix: 'Log in again. Clients must refresh one at a time (corset/client does, across tabs).',
  },
  'refresh-invalid': {
    status: 401,
    action: 'login',
    message: 'The refresh token is not one this server issued, or its session has been forgotten.',
    fix: 'Log in again.',
  },
  'store-unavailable': {
    status: 503,
    action: 'none',
    message: 'The session store cannot be reached; no token was issued or revoked.',
    fix: 'Retry later; access tokens keep working until they expire.',
  },
  'user-invalid': {
    status: 500,
    action: 'none',
    message: 'The application logged in a user without a non-empty string `id`.',
    fix: 'Return { id: string, ... } from verifyCredentials (the id becomes the token subject).',
  },
};

/** Every code the entry point answers with besides `csrf/<reason>`, in catalogue order. */
export const SESSION_ERROR_CODES: readonly SessionErrorCode[] = Object.freeze(
  Object.keys(CATALOGUE) as SessionErrorCode[],
);

/** An error answer: status and the protocol's error body. */
export interface SessionError {
  readonly status: number;
  readonly error: ProtocolError;
}

/** The catalogue entry for `code` as an error answer. */
export function sessionError(code: SessionErrorCode): SessionError {
  const { status, action, message, fix } = CATALOGUE[code];
  return { status, error: { code, action, message, fix } };
}

/** A 403 for a CSRF rejection, keeping the CSRF check's own code, message and fix. */
export function csrfError(rejection: CsrfRejection): SessionError {
  const { status, code, message, fix } = rejection;
  return { status, error: { code, action: 'none', message, fix } };
}
