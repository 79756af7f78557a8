/** Results of refresh-session operations: typed, never thrown, with stable codes. */
import type { FamilyView } from './store/types.js';

/**
 * Why a refresh (or revocation) failed. All but `store-unavailable` are final for the
 * token (401: log in again); `store-unavailable` (503) is transient and nothing was
 * issued or revoked.
 */
export type RefreshFailureCode = (typeof REFRESH_FAILURE_CODES)[number];

/** Every code a refresh-session operation fails with. */
export const REFRESH_FAILURE_CODES = Object.freeze([
  'reuse-detected',
  'revoked',
  'expired',
  'unknown',
  'store-unavailable',
] as const);

/** A failed operation. */
export interface RefreshFailure {
  readonly ok: false;
  readonly code: RefreshFailureCode;
  readonly status: 401 | 503;
  readonly message: string;
}

/** A refresh token handed out, by login (`start`) or by rotation. */
export interface RefreshGrant {
  readonly ok: true;
  /** The token to send to the client (cookie on the refresh path, or response body). */
  readonly refreshToken: string;
  /** Session id: put it in the access token's `sid`. */
  readonly sid: string;
  readonly sub: string;
  /** When the family ends if not refreshed again (epoch ms): the refresh cookie's limit. */
  readonly expiresAt: number;
  /**
   * True when this is the successor handed out by an earlier rotation of the same token
   * within the overlap window (a concurrent tab), not a new rotation.
   */
  readonly replayed: boolean;
}

/** A revocation done: how many families it revoked now (already revoked ones not counted). */
export interface Revoked {
  readonly ok: true;
  readonly revoked: number;
}

/** A family looked up. */
export interface FamilyLookup {
  readonly ok: true;
  /** Undefined when unknown or purged. */
  readonly family: FamilyView | undefined;
}

const MESSAGES: Readonly<Record<Exclude<RefreshFailureCode, 'store-unavailable'>, string>> = {
  'reuse-detected':
    'This refresh token had already been rotated: the whole session was revoked, as the token may have been stolen.',
  revoked: 'The session was revoked (logout, logout everywhere, or detected reuse).',
  expired: 'The session reached its maximum lifetime or its idle timeout.',
  unknown: 'The refresh token is not one this server issued, or its session was forgotten.',
};

/** A 401 failure with its catalogue message. */
export function refreshFailure(
  code: Exclude<RefreshFailureCode, 'store-unavailable'>,
): RefreshFailure {
  return { ok: false, code, status: 401, message: MESSAGES[code] };
}

/** A 503 naming the store's problem; `what` says what was not done. */
export function storeUnavailable(reason: string, what: string): RefreshFailure {
  return {
    ok: false,
    code: 'store-unavailable',
    status: 503,
    message: `The session store is unavailable (${reason}): ${what}. Retry later; access tokens keep working until they expire.`,
  };
}
