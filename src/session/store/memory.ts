/**
 * The embedded session store: families in a `Map`, for one API process (several
 * instances need a shared store such as Redis). JavaScript runs each method to its first
 * `await` without interleaving and these methods never await, so every operation is
 * atomic, the rotate compare-and-swap included.
 *
 * Memory is bounded by live sessions: ended families are dropped by a periodic sweep
 * (an unref'd timer, so it never keeps the process alive) and treated as absent as soon
 * as they are due, even before the sweep runs.
 */
import { type ConfigProblem, throwOnErrors } from '../../internal/problems.js';
import {
  clockOption,
  secondsProblem,
  TOKEN_PROBLEM,
  unknownKeyProblems,
} from '../token-problems.js';
import { decideRotation, purgeAt, type StoredFamily, viewOf } from './family-rules.js';
import { retentionMs } from './store-config.js';
import type {
  FamilyView,
  NewFamily,
  RevokeOutcome,
  RevokeRequest,
  RotateOutcome,
  RotateRequest,
  SessionStore,
} from './types.js';

/** Options of {@link createMemorySessionStore}. */
export interface MemorySessionStoreOptions {
  /** How long an ended family is kept, seconds (default 3600). */
  readonly retentionSeconds?: number;
  /** Period of the sweep that frees ended families, seconds (default 60; 1 … 3600). */
  readonly sweepIntervalSeconds?: number;
  /** Clock used by the sweep, epoch ms (tests); defaults to `Date.now`. */
  readonly now?: () => number;
}

/** The memory store, with its sweep exposed for tests and graceful shutdowns. */
export interface MemorySessionStore extends SessionStore {
  /** Frees every family due at the store's clock; returns how many. */
  sweep(): number;
  /** Families and user index entries held (to check that nothing leaks). */
  stats(): { readonly families: number; readonly users: number };
  readonly warnings: readonly ConfigProblem[];
}

type MemoryFamily = StoredFamily & { readonly issued: Set<string> };

const OPTION_KEYS = ['retentionSeconds', 'sweepIntervalSeconds', 'now'] as const;

/** Creates a memory store; a `ConfigError` lists every problem of `options`. */
export function createMemorySessionStore(
  options: MemorySessionStoreOptions = {},
): MemorySessionStore {
  const raw = options as Record<string, unknown>;
  const problems = unknownKeyProblems(raw, OPTION_KEYS);
  const retention = retentionMs(raw.retentionSeconds, problems);
  const clock = clockOption(raw.now, problems);
  const interval = raw.sweepIntervalSeconds ?? 60;
  const intervalProblem = secondsProblem(
    TOKEN_PROBLEM.sweepIntervalInvalid,
    'sweepIntervalSeconds',
    interval,
    1,
    3600,
    'Sweep every minute or so, e.g. 60.',
  );
  if (intervalProblem !== undefined) problems.push(intervalProblem);
  const warnings = throwOnErrors('createMemorySessionStore', problems);

  const families = new Map<string, MemoryFamily>();
  const byUser = new Map<string, Set<string>>();

  function forget(family: MemoryFamily): void {
    families.delete(family.sid);
    const sids = byUser.get(family.sub);
    sids?.delete(family.sid);
    if (sids?.size === 0) byUser.delete(family.sub);
  }

  /** The family if present and not yet due for purging (then it is freed at once). */
  function live(sid: string, now: number): MemoryFamily | undefined {
    const family = families.get(sid);
    if (family === undefined) return undefined;
    if (now < purgeAt(family, retention)) return family;
    forget(family);
    return undefined;
  }

  function sweep(): number {
    const now = clock();
    let freed = 0;
    for (const family of families.values()) {
      if (now < purgeAt(family, retention)) continue;
      forget(family);
      freed += 1;
    }
    return freed;
  }

  const timer = setInterval(sweep, (interval as number) * 1000);
  timer.unref();

  function rotate(request: RotateRequest): RotateOutcome {
    const family = live(request.sid, request.now);
    const decision = decideRotation(family, request, retention);
    if (family === undefined || decision === 'unknown') return { kind: 'unknown' };
    switch (decision) {
      case 'rotate': {
        family.issued.add(request.successorHash);
        const next: MemoryFamily = {
          ...family,
          previousHash: request.presentedHash,
          currentHash: request.successorHash,
          sealedSuccessor: request.sealedSuccessor,
          rotatedAt: request.now,
          idleExpiresAt: request.idleExpiresAt,
        };
        families.set(next.sid, next);
        return { kind: 'rotated', family: viewOf(next) };
      }
      case 'overlap':
        return {
          kind: 'overlap',
          family: viewOf(family),
          successorHash: family.currentHash,
          sealedSuccessor: family.sealedSuccessor ?? '',
        };
      case 'reuse-detected': {
        const revoked: MemoryFamily = {
          ...family,
          revokedAt: request.now,
          revokeReason: 'reuse-detected',
        };
        families.set(revoked.sid, revoked);
        return { kind: 'reuse-detected', family: viewOf(revoked) };
      }
      default:
        return { kind: decision, family: viewOf(family) };
    }
  }

  function revokeFamily(request: RevokeRequest): RevokeOutcome {
    const family = live(request.sid, request.now);
    if (family === undefined) return { kind: 'unknown' };
    if (request.tokenHash !== undefined && !family.issued.has(request.tokenHash)) {
      return { kind: 'unknown' };
    }
    if (family.revokedAt !== undefined) return { kind: 'already-revoked', sub: family.sub };
    families.set(family.sid, { ...family, revokedAt: request.now, revokeReason: request.reason });
    return { kind: 'revoked', sub: family.sub };
  }

  function revokeAllForUser(sub: string, now: number): number {
    let count = 0;
    for (const sid of [...(byUser.get(sub) ?? [])]) {
      const family = live(sid, now);
      if (family === undefined || family.revokedAt !== undefined) continue;
      families.set(sid, { ...family, revokedAt: now, revokeReason: 'logout-everywhere' });
      count += 1;
    }
    return count;
  }

  function createFamily(family: NewFamily): void {
    families.set(family.sid, {
      sid: family.sid,
      sub: family.sub,
      createdAt: family.createdAt,
      expiresAt: family.expiresAt,
      idleExpiresAt: family.idleExpiresAt,
      currentHash: family.tokenHash,
      issued: new Set([family.tokenHash]),
    });
    let sids = byUser.get(family.sub);
    if (sids === undefined) {
      sids = new Set();
      byUser.set(family.sub, sids);
    }
    sids.add(family.sid);
  }

  function familyView(sid: string, now: number): FamilyView | undefined {
    const family = live(sid, now);
    return family === undefined ? undefined : viewOf(family);
  }

  return {
    createFamily: async (family) => createFamily(family),
    rotate: async (request) => rotate(request),
    revokeFamily: async (request) => revokeFamily(request),
    revokeAllForUser: async (sub, now) => revokeAllForUser(sub, now),
    family: async (sid, now) => familyView(sid, now),
    close: async () => clearInterval(timer),
    sweep,
    stats: () => ({ families: families.size, users: byUser.size }),
    warnings,
  };
}
