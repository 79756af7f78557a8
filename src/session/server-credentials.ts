/**
 * Where a request's session credentials are, read once per request: the Bearer header,
 * the session and refresh cookies, and whether the client asks for the header transport.
 * Pure; never throws.
 */

import { HEADER_TRANSPORT_VALUE, TRANSPORT_HEADER } from '../client/protocol.js';
import { isRecord } from '../internal/is-record.js';
import type { SessionRequest } from './server-http.js';

/**
 * The token of an `Authorization: Bearer` header (RFC 6750 §2.1), or undefined for any
 * other or malformed value. The scheme is case-insensitive (RFC 9110 §11.1); the token is
 * b64token characters only, which a JWS in compact form always is.
 */
export function bearerToken(request: SessionRequest): string | undefined {
  const value = request.header('authorization');
  if (value === undefined || value.length < 8) return undefined;
  if (value.slice(0, 7).toLowerCase() !== 'bearer ') return undefined;
  const token = value.slice(7).trim();
  return /^[A-Za-z0-9\-._~+/]+=*$/.test(token) ? token : undefined;
}

/** Whether the request asks for the header transport (`Corset-Transport: header`). */
export function wantsHeaderTransport(request: SessionRequest): boolean {
  return request.header(TRANSPORT_HEADER)?.trim().toLowerCase() === HEADER_TRANSPORT_VALUE;
}

/** A string member of a JSON body, or undefined. */
export function bodyString(request: SessionRequest, key: string): string | undefined {
  const body = request.body;
  if (!isRecord(body)) return undefined;
  const value = body[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A boolean member of a JSON body (`true` only when it is exactly `true`). */
export function bodyFlag(request: SessionRequest, key: string): boolean {
  const body = request.body;
  return isRecord(body) && body[key] === true;
}
