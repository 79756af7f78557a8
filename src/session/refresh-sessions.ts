/**
 * Refresh sessions: token families with rotation on every use and reuse detection
 * (RFC 9700 §4.14.2; Auth0's "refresh token rotation"), over any {@link SessionStore}.
 *
 * Semantics, exactly:
 * - `start(sub)` creates a family (a new `sid`) with its first token R0. The family ends
 *   at `lifetimeSeconds` after creation (fixed), or `idleTimeoutSeconds` after the last
 *   rotation, whichever comes first.
 * - `rotate(Rn)`, Rn current: Rn+1 becomes current (atomic compare-and-swap in the
 *   store), the idle deadline moves forward, `replayed: false`.
 * - `rotate(Rn)` again, while Rn+1 is still current and at most `overlapSeconds` after
 *   the rotation (inclusive, by the server clock): the SAME Rn+1 is returned,
 *   `replayed: true`, nothing is written (two tabs, or a retried request whose answer
 *   was lost). Only the immediately previous token gets this.
 * - `rotate(R)` for any other token issued in the family (Rn after the window, Rn after
 *   Rn+1 was itself rotated, or any older one): reuse → the family is revoked and
 *   `reuse-detected` is answered; the holders of the current token must log in again.
 * - A token never issued (forged, from a purged family, or malformed) is `unknown` and
 *   revokes nothing: a guess cannot log anyone out.
 * - Any store failure, or a store slower than `storeTimeoutMs`, is `store-unavailable`
 *   (503): no token is issued, nothing is revoked. A rotation that the store applied but
 *   whose answer was lost is recovered by the overlap rule when the client retries.
 */
import { type ConfigProblem, throwOnErrors } from '../internal/problems.js';
import { type RefreshSessionsConfig, validateRefreshConfig } from './refresh-config.js';
import {
  type FamilyLookup,
  type RefreshFailure,
  type RefreshGrant,
  type Revoked,
  refreshFailure,
  storeUnavailable,
} from './refresh-results.js';
import {
  hashRefreshToken,
  newRefreshToken,
  newSessionId,
  sealSuccessor,
  sessionIdOf,
  unsealSuccessor,
} from './refresh-token.js';
import { deadline } from './store/family-rules.js';
import type { FamilyView } from './store/types.js';

export type { RefreshSessionsConfig } from './refresh-config.js';
export type * from './refresh-results.js';

/** Refresh-token families over one store. Every method resolves; none throws. */
export interface RefreshSessions {
  /** Creates a family for `sub` (at login) and returns its first token. */
  start(sub: string): Promise<RefreshGrant | RefreshFailure>;
  /** Rotates a presented refresh token (see the module comment for the exact rules). */
  rotate(token: unknown): Promise<RefreshGrant | RefreshFailure>;
  /**
   * Logout with a refresh token: revokes its family (or, with `everywhere`, every family
   * of its user) if the token was issued in it. An unknown token revokes nothing.
   */
  revoke(
    token: unknown,
    options?: { readonly everywhere?: boolean },
  ): Promise<Revoked | RefreshFailure>;
  /** Revokes one family by session id (e.g. the `sid` of a verified access token). */
  revokeFamily(sid: string): Promise<Revoked | RefreshFailure>;
  /** "Log out everywhere": revokes every live family of `sub`. */
  revokeAllForUser(sub: string): Promise<Revoked | RefreshFailure>;
  /** A family's state, e.g. to refuse the access tokens of a revoked session on sensitive routes. */
  family(sid: string): Promise<FamilyLookup | RefreshFailure>;
  readonly warnings: readonly ConfigProblem[];
}

class StoreTimeout extends Error {}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Validates the config once (a `ConfigError` lists every problem) and returns the sessions. */
export function createRefreshSessions(config: RefreshSessionsConfig): RefreshSessions {
  const { config: settings, problems } = validateRefreshConfig(config);
  const warnings = throwOnErrors('createRefreshSessions', problems);
  const { store, lifetimeMs, idleTimeoutMs, overlapMs, storeTimeoutMs, now } = settings;

  /** Runs a store call, bounded by `storeTimeoutMs`; a sync throw counts as a rejection. */
  async function call<T>(operation: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StoreTimeout(`no answer within ${storeTimeoutMs} ms`)),
        storeTimeoutMs,
      );
    });
    try {
      return await Promise.race([Promise.resolve().then(operation), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  function grant(family: FamilyView, refreshToken: string, replayed: boolean): RefreshGrant {
    return {
      ok: true,
      refreshToken,
      sid: family.sid,
      sub: family.sub,
      expiresAt: deadline(family),
      replayed,
    };
  }

  async function start(sub: string): Promise<RefreshGrant | RefreshFailure> {
    const at = now();
    const sid = newSessionId();
    const refreshToken = newRefreshToken(sid);
    const family = {
      sid,
      sub,
      createdAt: at,
      expiresAt: at + lifetimeMs,
      idleExpiresAt: at + idleTimeoutMs,
    };
    try {
      await call(() =>
        store.createFamily({ ...family, tokenHash: hashRefreshToken(refreshToken) }),
      );
    } catch (error) {
      return storeUnavailable(reasonOf(error), 'no session was created');
    }
    return grant(family, refreshToken, false);
  }

  async function rotate(token: unknown): Promise<RefreshGrant | RefreshFailure> {
    const sid = sessionIdOf(token);
    if (sid === undefined || typeof token !== 'string') return refreshFailure('unknown');
    const at = now();
    const successor = newRefreshToken(sid);
    let outcome: Awaited<ReturnType<typeof store.rotate>>;
    try {
      outcome = await call(() =>
        store.rotate({
          sid,
          presentedHash: hashRefreshToken(token),
          successorHash: hashRefreshToken(successor),
          sealedSuccessor: sealSuccessor(token, successor),
          now: at,
          overlapMs,
          idleExpiresAt: at + idleTimeoutMs,
        }),
      );
    } catch (error) {
      return storeUnavailable(reasonOf(error), 'no token was issued');
    }
    switch (outcome.kind) {
      case 'rotated':
        return grant(outcome.family, successor, false);
      case 'overlap': {
        const previous = unsealSuccessor(token, sid, outcome.sealedSuccessor);
        if (hashRefreshToken(previous) !== outcome.successorHash) {
          return storeUnavailable(
            'it returned a successor that does not match',
            'no token was issued',
          );
        }
        return grant(outcome.family, previous, true);
      }
      case 'unknown':
        return refreshFailure('unknown');
      default:
        return refreshFailure(outcome.kind);
    }
  }

  async function revokeAllForUser(sub: string): Promise<Revoked | RefreshFailure> {
    try {
      const revoked = await call(() => store.revokeAllForUser(sub, now()));
      return { ok: true, revoked };
    } catch (error) {
      return storeUnavailable(reasonOf(error), 'no session was revoked');
    }
  }

  async function revoke(
    token: unknown,
    options: { readonly everywhere?: boolean } = {},
  ): Promise<Revoked | RefreshFailure> {
    const sid = sessionIdOf(token);
    if (sid === undefined || typeof token !== 'string') return { ok: true, revoked: 0 };
    let outcome: Awaited<ReturnType<typeof store.revokeFamily>>;
    try {
      outcome = await call(() =>
        store.revokeFamily({
          sid,
          now: now(),
          reason: options.everywhere === true ? 'logout-everywhere' : 'logout',
          tokenHash: hashRefreshToken(token),
        }),
      );
    } catch (error) {
      return storeUnavailable(reasonOf(error), 'no session was revoked');
    }
    if (outcome.kind === 'unknown') return { ok: true, revoked: 0 };
    const own = outcome.kind === 'revoked' ? 1 : 0;
    if (options.everywhere !== true) return { ok: true, revoked: own };
    const others = await revokeAllForUser(outcome.sub);
    return others.ok ? { ok: true, revoked: own + others.revoked } : others;
  }

  async function revokeFamily(sid: string): Promise<Revoked | RefreshFailure> {
    try {
      const outcome = await call(() => store.revokeFamily({ sid, now: now(), reason: 'logout' }));
      return { ok: true, revoked: outcome.kind === 'revoked' ? 1 : 0 };
    } catch (error) {
      return storeUnavailable(reasonOf(error), 'no session was revoked');
    }
  }

  async function family(sid: string): Promise<FamilyLookup | RefreshFailure> {
    try {
      return { ok: true, family: await call(() => store.family(sid, now())) };
    } catch (error) {
      return storeUnavailable(reasonOf(error), 'the session could not be looked up');
    }
  }

  return { start, rotate, revoke, revokeFamily, revokeAllForUser, family, warnings };
}
