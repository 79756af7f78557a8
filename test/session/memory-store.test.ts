import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/internal/problems.js';
import { createRefreshSessions } from '../../src/session/refresh-sessions.js';
import { createMemorySessionStore } from '../../src/session/store/memory.js';
import { describeStoreConformance } from './store-conformance.js';
import { manualClock } from './token-fixtures.js';

describeStoreConformance('memory', (now) => createMemorySessionStore({ now }));

describe('memory store sweeping', () => {
  it('frees ended families and their user index entries, and nothing else', async () => {
    const clock = manualClock();
    const store = createMemorySessionStore({ now: clock.now, retentionSeconds: 60 });
    const sessions = createRefreshSessions({
      store,
      lifetimeSeconds: 3600,
      idleTimeoutSeconds: 600,
      now: clock.now,
    });
    for (let i = 0; i < 200; i++) await sessions.start(`user-${i % 50}`);
    clock.advance(300_000);
    const survivor = await sessions.start('user-keep');
    if (!survivor.ok) throw new Error(survivor.message);
    expect(store.stats()).toEqual({ families: 201, users: 51 });
    clock.advance(300_000 + 60_000);
    expect(store.sweep()).toBe(200);
    expect(store.stats()).toEqual({ families: 1, users: 1 });
    expect(await sessions.rotate(survivor.refreshToken)).toMatchObject({ ok: true });
    clock.advance(3_600_000);
    expect(store.sweep()).toBe(1);
    expect(store.stats()).toEqual({ families: 0, users: 0 });
    await store.close();
  });

  it('frees a due family on access even before the sweep runs', async () => {
    const clock = manualClock();
    const store = createMemorySessionStore({ now: clock.now, retentionSeconds: 0 });
    const sessions = createRefreshSessions({ store, idleTimeoutSeconds: 600, now: clock.now });
    const login = await sessions.start('u');
    if (!login.ok) throw new Error(login.message);
    clock.advance(600_000);
    expect(await sessions.rotate(login.refreshToken)).toMatchObject({ code: 'unknown' });
    expect(store.stats()).toEqual({ families: 0, users: 0 });
    await store.close();
  });

  it('validates its options', () => {
    expect(() =>
      createMemorySessionStore({ retentionSeconds: -1, sweepIntervalSeconds: 0 }),
    ).toThrow(ConfigError);
    try {
      createMemorySessionStore({ retentionSeconds: -1, sweepIntervalSeconds: 0 });
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.code)).toEqual([
        'store/retention-invalid',
        'store/sweep-interval-invalid',
      ]);
    }
  });
});
