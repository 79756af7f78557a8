/**
 * The framework-neutral request view and response parts of the entry point. Adapters
 * translate their framework's request into a {@link SessionRequest} and write a
 * {@link SessionResponse} back; nothing here touches a socket.
 */
import type { ProtocolError } from '../client/protocol.js';
import type { HeaderPair } from '../cors/types.js';
import type { SessionError } from './server-errors.js';

/** What the entry point reads from one request. */
export interface SessionRequest {
  readonly method: string;
  /** Header value by lower-case name, duplicates joined by `, `; undefined when absent. */
  header(name: string): string | undefined;
  /**
   * The parsed JSON body, for the session endpoints (login, refresh, logout); undefined
   * when there is none or it is not JSON.
   */
  readonly body?: unknown;
  /**
   * The origin the request was addressed to (scheme and `Host`), e.g.
   * `https://api.example.com`, for the CSRF check of browsers that send `Origin` without
   * `Sec-Fetch-Site`; undefined when the adapter cannot tell.
   */
  readonly requestOrigin?: string | undefined;
}

/** An answer to write: status, headers (`set-cookie` may repeat), optional JSON body. */
export interface SessionResponse {
  readonly status: number;
  readonly headers: readonly HeaderPair[];
  /** Serialised as JSON with `content-type: application/json`; absent for 204. */
  readonly body?: unknown;
}

/** The error body of the protocol: `{"error": {...}}`. */
export interface ErrorBody {
  readonly error: ProtocolError;
}

// Codes where a presented token was refused. RFC 6750 §3.1: without any authentication
// information (no session, a password login) the challenge carries no error code.
const INVALID_TOKEN = new Set([
  'token-expired',
  'token-invalid',
  'refresh-expired',
  'refresh-revoked',
  'refresh-reuse-detected',
  'refresh-invalid',
]);

/**
 * The response for an error: JSON body, and on a 401 the `WWW-Authenticate` challenge
 * that RFC 9110 §15.5.2 requires of every 401, in the Bearer form of RFC 6750 §3.
 */
export function errorResponse(
  failure: SessionError,
  headers: readonly HeaderPair[] = [],
): SessionResponse {
  const code = failure.error.code;
  const challenge: HeaderPair[] =
    failure.status === 401
      ? [
          [
            'www-authenticate',
            INVALID_TOKEN.has(code)
              ? `Bearer error="invalid_token", error_description="${code}"`
              : 'Bearer',
          ],
        ]
      : [];
  const body: ErrorBody = { error: failure.error };
  return { status: failure.status, headers: [...challenge, ...headers], body };
}
