/**
 * The decisions every store makes, as pure functions over a family's state. The memory
 * store applies them directly; the Redis store's Lua scripts (`redis-scripts.ts`) make
 * the same decisions in the same order, and the conformance suite holds both to it.
 */
import type { FamilyView, RotateRequest } from './types.js';

/** A family's full state as a store keeps it. */
export interface StoredFamily extends FamilyView {
  readonly currentHash: string;
  readonly previousHash?: string;
  /** The current token sealed under the previous one (set by the last rotation). */
  readonly sealedSuccessor?: string;
  /** Every token hash ever issued in the family (reuse detection needs the old ones). */
  readonly issued: ReadonlySet<string>;
}

/**
 * Default time a family is kept after it ended (expiry, by lifetime or idleness): long
 * enough that a late refresh is told `expired` rather than `unknown`, and that `family()`
 * still answers for access tokens issued just before the end.
 */
export const DEFAULT_RETENTION_MS = 3_600_000;

/** When the family ends: the earlier of its absolute and idle deadlines. */
export function deadline(family: Pick<FamilyView, 'expiresAt' | 'idleExpiresAt'>): number {
  return Math.min(family.expiresAt, family.idleExpiresAt);
}

/** When the store may forget the family entirely. */
export function purgeAt(
  family: Pick<FamilyView, 'expiresAt' | 'idleExpiresAt'>,
  retentionMs: number,
): number {
  return deadline(family) + retentionMs;
}

/** What a rotation request does to a family (see `RotateOutcome`). */
export type RotationDecision =
  | 'unknown'
  | 'revoked'
  | 'expired'
  | 'rotate'
  | 'overlap'
  | 'reuse-detected';

/**
 * Decides a rotation. Order matters: a hash never issued here is `unknown` even in a
 * revoked family (a guessed token learns nothing and revokes nothing); an ended family
 * answers `revoked`/`expired` before any reuse check, since there is nothing left to
 * protect.
 */
export function decideRotation(
  family: StoredFamily | undefined,
  request: RotateRequest,
  retentionMs: number,
): RotationDecision {
  if (family === undefined || request.now >= purgeAt(family, retentionMs)) return 'unknown';
  if (!family.issued.has(request.presentedHash)) return 'unknown';
  if (family.revokedAt !== undefined) return 'revoked';
  if (request.now >= deadline(family)) return 'expired';
  if (family.currentHash === request.presentedHash) return 'rotate';
  if (
    family.previousHash === request.presentedHash &&
    family.rotatedAt !== undefined &&
    request.now - family.rotatedAt <= request.overlapMs
  ) {
    return 'overlap';
  }
  return 'reuse-detected';
}

/** The public view of a stored family (drops hashes and the sealed successor). */
export function viewOf(family: StoredFamily): FamilyView {
  return {
    sid: family.sid,
    sub: family.sub,
    createdAt: family.createdAt,
    expiresAt: family.expiresAt,
    idleExpiresAt: family.idleExpiresAt,
    ...(family.rotatedAt === undefined ? {} : { rotatedAt: family.rotatedAt }),
    ...(family.revokedAt === undefined ? {} : { revokedAt: family.revokedAt }),
    ...(family.revokeReason === undefined ? {} : { revokeReason: family.revokeReason }),
  };
}
