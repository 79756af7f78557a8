import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/internal/problems.js';
import {
  createRefreshSessions,
  type RefreshSessionsConfig,
} from '../../src/session/refresh-sessions.js';
import {
  hashRefreshToken,
  newRefreshToken,
  newSessionId,
  sealSuccessor,
  sessionIdOf,
  unsealSuccessor,
} from '../../src/session/refresh-token.js';
import { createMemorySessionStore } from '../../src/session/store/memory.js';
import type { SessionStore } from '../../src/session/store/types.js';

describe('refresh token values', () => {
  it('are <sid>.<256-bit secret>, unique, and hashed to base64url SHA-256', () => {
    const sid = newSessionId();
    const tokens = new Set(Array.from({ length: 100 }, () => newRefreshToken(sid)));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(token).toMatch(/^[\w-]{22}\.[\w-]{43}$/);
      expect(sessionIdOf(token)).toBe(sid);
      expect(hashRefreshToken(token)).toMatch(/^[\w-]{43}$/);
    }
    expect(hashRefreshToken('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    for (const junk of [undefined, 7, '', `${sid}.short`, `${sid}.${'A'.repeat(43)}x`, `a.b.c`]) {
      expect(sessionIdOf(junk)).toBeUndefined();
    }
  });

  it('a sealed successor opens only with the token it was sealed under', () => {
    for (let run = 0; run < 50; run++) {
      const sid = newSessionId();
      const presented = newRefreshToken(sid);
      const successor = newRefreshToken(sid);
      const sealed = sealSuccessor(presented, successor);
      expect(sealed).not.toContain(successor.split('.')[1]);
      expect(unsealSuccessor(presented, sid, sealed)).toBe(successor);
      expect(unsealSuccessor(newRefreshToken(sid), sid, sealed)).not.toBe(successor);
    }
  });
});

function failingStore(behaviour: 'reject' | 'throw' | 'hang'): SessionStore {
  const fail = (): Promise<never> => {
    if (behaviour === 'throw') throw new Error('boom (sync)');
    if (behaviour === 'reject') return Promise.reject(new Error('connection refused'));
    return new Promise<never>(() => {});
  };
  return {
    createFamily: fail,
    rotate: fail,
    revokeFamily: fail,
    revokeAllForUser: fail,
    family: fail,
    close: async () => {},
  };
}

describe('store failures', () => {
  for (const behaviour of ['reject', 'throw', 'hang'] as const) {
    it(`a store that ${behaviour}s yields store-unavailable (503) from every operation`, async () => {
      const sessions = createRefreshSessions({
        store: failingStore(behaviour),
        storeTimeoutMs: 20,
      });
      const token = newRefreshToken(newSessionId());
      const results = await Promise.all([
        sessions.start('u'),
        sessions.rotate(token),
        sessions.revoke(token),
        sessions.revokeFamily('sid'),
        sessions.revokeAllForUser('u'),
        sessions.family('sid'),
      ]);
      for (const result of results) {
        expect(result).toEqual({
          ok: false,
          code: 'store-unavailable',
          status: 503,
          message: expect.stringContaining(
            behaviour === 'hang'
              ? 'no answer within 20 ms'
              : behaviour === 'throw'
                ? 'boom'
                : 'refused',
          ),
        });
      }
    });
  }

  it('a successor that does not open to the stored hash is refused, not handed out', async () => {
    const memory = createMemorySessionStore();
    const tampering: SessionStore = {
      ...memory,
      rotate: async (request) => {
        const outcome = await memory.rotate(request);
        return outcome.kind === 'overlap'
          ? { ...outcome, sealedSuccessor: 'A'.repeat(43) }
          : outcome;
      },
    };
    const sessions = createRefreshSessions({ store: tampering });
    const login = await sessions.start('u');
    if (!login.ok) throw new Error(login.message);
    expect(await sessions.rotate(login.refreshToken)).toMatchObject({ ok: true });
    expect(await sessions.rotate(login.refreshToken)).toMatchObject({
      ok: false,
      code: 'store-unavailable',
      message: expect.stringContaining('does not match'),
    });
    await memory.close();
  });
});

describe('createRefreshSessions validation', () => {
  function problemsOf(config: unknown) {
    try {
      createRefreshSessions(config as RefreshSessionsConfig);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.map((p) => [p.code, p.severity]);
      throw error;
    }
    throw new Error('expected a ConfigError');
  }

  it('reports every problem at once', () => {
    expect(
      problemsOf({
        store: {},
        lifetimeSeconds: 10,
        idleTimeoutSeconds: 1.5,
        overlapSeconds: -1,
        storeTimeoutMs: 0,
        now: 'x',
        overlap: 10,
      }),
    ).toEqual([
      ['tokens/unknown-key', 'error'],
      ['refresh/store-missing', 'error'],
      ['refresh/lifetime-invalid', 'error'],
      ['refresh/idle-timeout-invalid', 'error'],
      ['refresh/overlap-invalid', 'error'],
      ['refresh/store-timeout-invalid', 'error'],
      ['tokens/config-not-object', 'error'],
    ]);
  });

  it('warns about a long overlap and an idle timeout beyond the lifetime', () => {
    const store = createMemorySessionStore();
    const sessions = createRefreshSessions({
      store,
      lifetimeSeconds: 3600,
      idleTimeoutSeconds: 7200,
      overlapSeconds: 120,
    });
    expect(sessions.warnings.map((w) => w.code)).toEqual([
      'refresh/idle-timeout-useless',
      'refresh/overlap-long',
    ]);
    void store.close();
  });
});
