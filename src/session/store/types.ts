/**
 * The session store: refresh-token families and their revocation. Small on purpose, so
 * that a new backend is a few functions; every implementation must pass
 * `test/session/store-conformance.ts`.
 *
 * Times are epoch milliseconds passed by the caller (`now`), never read from the store's
 * host: instances and store agree on one clock, and tests can move it. Token values
 * never reach the store, only their SHA-256 hashes.
 */

/** Why a family was revoked. */
export type RevokeReason = 'logout' | 'logout-everywhere' | 'reuse-detected';

/** What the store knows of a family (no token hashes). */
export interface FamilyView {
  /** Session id, also the `sid` claim of the family's access tokens. */
  readonly sid: string;
  /** The user. */
  readonly sub: string;
  readonly createdAt: number;
  /** Absolute end of the family, fixed at creation. */
  readonly expiresAt: number;
  /** End by inactivity, moved forward at each rotation. */
  readonly idleExpiresAt: number;
  /** Time of the last rotation. */
  readonly rotatedAt?: number;
  readonly revokedAt?: number;
  readonly revokeReason?: RevokeReason;
}

/** A family to create, with the hash of its first refresh token. */
export interface NewFamily {
  readonly sid: string;
  readonly sub: string;
  readonly tokenHash: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly idleExpiresAt: number;
}

/** One rotation attempt: replace `presentedHash` by `successorHash` if it is current. */
export interface RotateRequest {
  readonly sid: string;
  readonly presentedHash: string;
  readonly successorHash: string;
  /**
   * The successor token sealed under the presented one (`refresh-token.ts`), kept so that
   * a repeat of the presented token within the overlap window gets the same successor.
   */
  readonly sealedSuccessor: string;
  readonly now: number;
  /** How long after a rotation the previous token may be presented again, ms. */
  readonly overlapMs: number;
  /** The idle deadline to set when the rotation happens. */
  readonly idleExpiresAt: number;
}

/**
 * The outcome of a rotation, decided atomically:
 * - `unknown`: no such family, or the hash was never issued in it, or purged;
 * - `revoked` / `expired`: the family is over (nothing written);
 * - `rotated`: the presented hash was current; the successor is now current;
 * - `overlap`: the presented hash is the previous one and the rotation is at most
 *   `overlapMs` old; nothing written, the stored successor is returned;
 * - `reuse-detected`: the presented hash was issued in the family but is neither current
 *   nor an in-window previous; the family is now revoked.
 */
export type RotateOutcome =
  | { readonly kind: 'unknown' }
  | {
      readonly kind: 'revoked' | 'expired' | 'rotated' | 'reuse-detected';
      readonly family: FamilyView;
    }
  | {
      readonly kind: 'overlap';
      readonly family: FamilyView;
      readonly successorHash: string;
      readonly sealedSuccessor: string;
    };

/** A revocation by session id, optionally requiring that `tokenHash` was issued in it. */
export interface RevokeRequest {
  readonly sid: string;
  readonly now: number;
  readonly reason: RevokeReason;
  /**
   * When given, the family is revoked only if this hash was issued in it: a logout
   * carrying a refresh token cannot revoke someone else's session by naming its sid.
   */
  readonly tokenHash?: string;
}

/** Outcome of a revocation; `sub` lets a logout go on to "everywhere". */
export type RevokeOutcome =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'revoked' | 'already-revoked'; readonly sub: string };

/** The store contract. Methods reject (never hang) when the backend is unreachable. */
export interface SessionStore {
  createFamily(family: NewFamily): Promise<void>;
  rotate(request: RotateRequest): Promise<RotateOutcome>;
  revokeFamily(request: RevokeRequest): Promise<RevokeOutcome>;
  /** Revokes every live family of `sub`; resolves to how many were revoked now. */
  revokeAllForUser(sub: string, now: number): Promise<number>;
  /** The family, or undefined when unknown or purged. */
  family(sid: string, now: number): Promise<FamilyView | undefined>;
  /** Releases timers and connections the store opened itself. */
  close(): Promise<void>;
}
