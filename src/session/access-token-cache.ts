/**
 * A bounded cache of verified access tokens, keyed by the exact token string (a hit
 * needs the whole token, signature included, so it cannot be forged), least recently
 * used evicted first. An entry never outlives the token's `exp` nor its key's
 * `verifyUntil`: a cached answer is always one a fresh verification would give, except
 * for a token that is still within the clock tolerance after `exp`, which is re-verified.
 */
import type { AccessClaims } from './access-token-types.js';

interface Entry {
  readonly claims: AccessClaims;
  /** Epoch ms from which the entry must not be served. */
  readonly until: number;
}

/** The cache used by the verifier. */
export interface VerificationCache {
  /** The claims of `token` if cached and still valid at `now` (epoch ms). */
  get(token: string, now: number): AccessClaims | undefined;
  /** Remembers `token` until `until` (epoch ms); evicts the least recently used entry when full. */
  set(token: string, claims: AccessClaims, until: number): void;
  readonly size: number;
}

/** A cache of at most `maxEntries` tokens. */
export function createVerificationCache(maxEntries: number): VerificationCache {
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the
  // least recently used.
  const entries = new Map<string, Entry>();
  return {
    get(token, now) {
      const entry = entries.get(token);
      if (entry === undefined) return undefined;
      entries.delete(token);
      if (now >= entry.until) return undefined;
      entries.set(token, entry);
      return entry.claims;
    },
    set(token, claims, until) {
      entries.delete(token);
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done !== true) entries.delete(oldest.value);
      }
      entries.set(token, { claims, until });
    },
    get size() {
      return entries.size;
    },
  };
}
