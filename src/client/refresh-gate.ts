/**
 * One refresh at a time: in this tab always (single flight), and across the tabs of one
 * browser profile when the session lives in shared cookies (Web Locks API, W3C Web Locks
 * §3: a lock name is shared by every same-origin agent of the profile).
 *
 * Why it matters: every refresh rotates the refresh token, and presenting a rotated token
 * again outside the server's short overlap window is reuse, which revokes the whole
 * family. Two tabs (or two parallel requests) must not race each other with one token.
 *
 * This file runs in browsers: no Node API.
 */

/** The part of `navigator.locks` (W3C Web Locks §4.1) the gate uses. */
export interface LockManagerLike {
  request<T>(name: string, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

/** The part of `localStorage` the gate uses; any call may throw (storage disabled). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Result of one refresh attempt, as the gate needs it. */
export type GateOutcome<Failure> = { readonly ok: true } | { readonly ok: false; failure: Failure };

/** Options of {@link createRefreshGate}. */
export interface RefreshGateOptions {
  /** Cross-tab lock manager; undefined for in-tab single flight only. */
  readonly locks: LockManagerLike | undefined;
  /** Where tabs record when they last refreshed; undefined for in-tab memory only. */
  readonly storage: StorageLike | undefined;
  /** Lock name and storage key. */
  readonly name: string;
  readonly now: () => number;
}

/** Serialises refreshes; see {@link createRefreshGate}. */
export interface RefreshGate<Failure> {
  /**
   * Runs `refresh` unless a refresh finished (in this tab, or in another when `shared`)
   * after `sentAt`, the time the request that got the 401 was sent: that request simply
   * carried the old token, and a retry is enough. Callers arriving while a refresh is in
   * flight share its outcome.
   */
  run(
    sentAt: number,
    shared: boolean,
    refresh: () => Promise<GateOutcome<Failure>>,
  ): Promise<GateOutcome<Failure>>;
}

function readStamp(storage: StorageLike | undefined, key: string): number {
  if (storage === undefined) return 0;
  try {
    const value = Number(storage.getItem(key));
    return Number.isFinite(value) ? value : 0;
  } catch {
    // Storage can throw on access (disabled cookies/storage, sandboxed frames).
    return 0;
  }
}

function writeStamp(storage: StorageLike | undefined, key: string, value: number): void {
  if (storage === undefined) return;
  try {
    storage.setItem(key, String(value));
  } catch {
    // Quota or disabled storage: the lock still serialises, only the skip is lost.
  }
}

/** Creates a refresh gate for one client. */
export function createRefreshGate<Failure>(options: RefreshGateOptions): RefreshGate<Failure> {
  const key = `${options.name}:refreshed-at`;
  let lastLocal = 0;
  let inFlight: Promise<GateOutcome<Failure>> | undefined;

  const lastRefresh = (shared: boolean): number =>
    shared ? Math.max(lastLocal, readStamp(options.storage, key)) : lastLocal;

  return {
    run(sentAt, shared, refresh) {
      // Strictly after: a refresh finishing in the same millisecond as the send may not
      // have covered it, and a redundant refresh is harmless where a wrong skip is not.
      if (lastRefresh(shared) > sentAt) return Promise.resolve({ ok: true });
      if (inFlight !== undefined) return inFlight;

      const attempt = async (): Promise<GateOutcome<Failure>> => {
        // Another tab may have refreshed while this one waited for the lock.
        if (lastRefresh(shared) > sentAt) return { ok: true };
        const outcome = await refresh();
        if (outcome.ok) {
          lastLocal = options.now();
          if (shared) writeStamp(options.storage, key, lastLocal);
        }
        return outcome;
      };
      const locks = shared ? options.locks : undefined;
      const started = locks === undefined ? attempt() : locks.request(options.name, attempt);
      const flight = started.finally(() => {
        inFlight = undefined;
      });
      inFlight = flight;
      return flight;
    },
  };
}
