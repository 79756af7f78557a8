/**
 * The one conformance suite every `SessionStore` must pass, driven through
 * `createRefreshSessions` with a hand-moved clock: rotation, reuse detection, the
 * overlap window for concurrent refreshes, logout and logout everywhere, expiry.
 *
 * `describeStoreConformance(name, makeStore)` registers the tests; `makeStore` is called
 * for every test with the test's clock and must return an empty, isolated store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createRefreshSessions,
  type RefreshFailure,
  type RefreshGrant,
  type RefreshSessions,
} from '../../src/session/refresh-sessions.js';
import { hashRefreshToken, sessionIdOf } from '../../src/session/refresh-token.js';
import type { SessionStore } from '../../src/session/store/types.js';
import { manualClock } from './token-fixtures.js';

/** Builds an empty store for one test; `now` is the test's clock. */
export type StoreFactory = (now: () => number) => SessionStore | Promise<SessionStore>;

const SECOND = 1000;
const OVERLAP_SECONDS = 10;
const IDLE_SECONDS = 600;
const LIFETIME_SECONDS = 3600;
const RETENTION_MS = 3_600_000; // the stores' default

function granted(result: RefreshGrant | RefreshFailure): RefreshGrant {
  if (!result.ok) throw new Error(`expected a grant, got ${result.code}: ${result.message}`);
  return result;
}

/** Registers the conformance tests for `makeStore` under `describe(name)`. */
export function describeStoreConformance(name: string, makeStore: StoreFactory): void {
  describe(`SessionStore conformance: ${name}`, () => {
    let store: SessionStore | undefined;

    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    async function setup() {
      const clock = manualClock();
      store = await makeStore(clock.now);
      const sessions: RefreshSessions = createRefreshSessions({
        store,
        lifetimeSeconds: LIFETIME_SECONDS,
        idleTimeoutSeconds: IDLE_SECONDS,
        overlapSeconds: OVERLAP_SECONDS,
        now: clock.now,
      });
      return { clock, sessions, store };
    }

    it('start creates a family whose token names it; the store holds only hashes', async () => {
      const { sessions, clock, store } = await setup();
      const login = granted(await sessions.start('user-1'));
      expect(login).toEqual({
        ok: true,
        refreshToken: expect.stringMatching(/^[\w-]{22}\.[\w-]{43}$/),
        sid: expect.stringMatching(/^[\w-]{22}$/),
        sub: 'user-1',
        expiresAt: clock.now() + IDLE_SECONDS * SECOND,
        replayed: false,
      });
      expect(sessionIdOf(login.refreshToken)).toBe(login.sid);
      expect(await store.family(login.sid, clock.now())).toEqual({
        sid: login.sid,
        sub: 'user-1',
        createdAt: clock.now(),
        expiresAt: clock.now() + LIFETIME_SECONDS * SECOND,
        idleExpiresAt: clock.now() + IDLE_SECONDS * SECOND,
      });
      expect(hashRefreshToken(login.refreshToken)).toMatch(/^[\w-]{43}$/);
    });

    it('rotation: each refresh returns a new token of the same family and moves the idle deadline', async () => {
      const { sessions, clock } = await setup();
      const r0 = granted(await sessions.start('user-1'));
      clock.advance(60 * SECOND);
      const r1 = granted(await sessions.rotate(r0.refreshToken));
      expect(r1).toMatchObject({ sid: r0.sid, sub: 'user-1', replayed: false });
      expect(r1.refreshToken).not.toBe(r0.refreshToken);
      expect(r1.expiresAt).toBe(clock.now() + IDLE_SECONDS * SECOND);
      clock.advance(60 * SECOND);
      const r2 = granted(await sessions.rotate(r1.refreshToken));
      expect(new Set([r0.refreshToken, r1.refreshToken, r2.refreshToken]).size).toBe(3);
      const looked = await sessions.family(r0.sid);
      expect(looked).toMatchObject({ ok: true, family: { rotatedAt: clock.now() } });
    });

    it('reuse detection: an already-rotated token after the overlap window revokes the family', async () => {
      const { sessions, clock } = await setup();
      const r0 = granted(await sessions.start('user-1'));
      const r1 = granted(await sessions.rotate(r0.refreshToken));
      clock.advance((OVERLAP_SECONDS + 1) * SECOND);
      expect(await sessions.rotate(r0.refreshToken)).toEqual({
        ok: false,
        code: 'reuse-detected',
        status: 401,
        message: expect.stringContaining('revoked'),
      });
      // The legitimate holder of the current token is logged out too.
      expect(await sessions.rotate(r1.refreshToken)).toMatchObject({
        ok: false,
        code: 'revoked',
        status: 401,
      });
      expect(await sessions.family(r0.sid)).toMatchObject({
        ok: true,
        family: { revokeReason: 'reuse-detected', revokedAt: clock.now() },
      });
    });

    it('reuse of an older token (not the immediate predecessor) is detected even within the window', async () => {
      const { sessions } = await setup();
      const r0 = granted(await sessions.start('user-1'));
      const r1 = granted(await sessions.rotate(r0.refreshToken));
      granted(await sessions.rotate(r1.refreshToken));
      expect(await sessions.rotate(r0.refreshToken)).toMatchObject({ code: 'reuse-detected' });
    });

    it('concurrent refreshes of one token within the overlap window get the same successor', async () => {
      const { sessions, clock } = await setup();
      const r0 = granted(await sessions.start('user-1'));
      const [a, b] = await Promise.all([
        sessions.rotate(r0.refreshToken),
        sessions.rotate(r0.refreshToken),
      ]);
      const first = granted(a);
      const second = granted(b);
      expect(second.refreshToken).toBe(first.refreshToken);
      expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
      // A late tab at the very end of the window still gets it; the family stays usable.
      clock.advance(OVERLAP_SECONDS * SECOND);
      const late = granted(await sessions.rotate(r0.refreshToken));
      expect(late).toMatchObject({ refreshToken: first.refreshToken, replayed: true });
      const next = granted(await sessions.rotate(first.refreshToken));
      expect(next.replayed).toBe(false);
    });

    it('one millisecond after the overlap window the predecessor counts as reuse', async () => {
      const { sessions, clock } = await setup();
      const r0 = granted(await sessions.start('user-1'));
      granted(await sessions.rotate(r0.refreshToken));
      clock.advance(OVERLAP_SECONDS * SECOND + 1);
      expect(await sessions.rotate(r0.refreshToken)).toMatchObject({ code: 'reuse-detected' });
    });

    it('a forged token naming a live family is unknown and revokes nothing', async () => {
      const { sessions } = await setup();
      const r0 = granted(await sessions.start('user-1'));
      const forged = `${r0.sid}.${'A'.repeat(43)}`;
      expect(await sessions.rotate(forged)).toEqual({
        ok: false,
        code: 'unknown',
        status: 401,
        message: expect.any(String),
      });
      expect(await sessions.revoke(forged, { everywhere: true })).toEqual({ ok: true, revoked: 0 });
      for (const junk of ['', 'abc', 42, undefined, `${'B'.repeat(22)}.${'A'.repeat(43)}`]) {
        expect(await sessions.rotate(junk)).toMatchObject({ ok: false, code: 'unknown' });
      }
      granted(await sessions.rotate(r0.refreshToken));
    });

    it('logout revokes the family of the presented token, once', async () => {
      const { sessions, clock } = await setup();
      const r0 = granted(await sessions.start('user-1'));
      const other = granted(await sessions.start('user-1'));
      expect(await sessions.revoke(r0.refreshToken)).toEqual({ ok: true, revoked: 1 });
      expect(await sessions.revoke(r0.refreshToken)).toEqual({ ok: true, revoked: 0 });
      expect(await sessions.rotate(r0.refreshToken)).toMatchObject({ code: 'revoked' });
      expect(await sessions.family(r0.sid)).toMatchObject({
        family: { revokeReason: 'logout', revokedAt: clock.now() },
      });
      granted(await sessions.rotate(other.refreshToken));
    });

    it('revokeFamily by session id (the sid of an access token)', async () => {
      const { sessions } = await setup();
      const r0 = granted(await sessions.start('user-1'));
      expect(await sessions.revokeFamily(r0.sid)).toEqual({ ok: true, revoked: 1 });
      expect(await sessions.revokeFamily(r0.sid)).toEqual({ ok: true, revoked: 0 });
      expect(await sessions.revokeFamily('no-such-sid')).toEqual({ ok: true, revoked: 0 });
      expect(await sessions.rotate(r0.refreshToken)).toMatchObject({ code: 'revoked' });
    });

    it('logout everywhere revokes every family of the user and no other', async () => {
      const { sessions } = await setup();
      const mine = [
        granted(await sessions.start('user-1')),
        granted(await sessions.start('user-1')),
        granted(await sessions.start('user-1')),
      ];
      const theirs = granted(await sessions.start('user-2'));
      const rotated = granted(await sessions.rotate(mine[0]?.refreshToken));
      expect(await sessions.revokeAllForUser('user-1')).toEqual({ ok: true, revoked: 3 });
      expect(await sessions.revokeAllForUser('user-1')).toEqual({ ok: true, revoked: 0 });
      for (const token of [rotated.refreshToken, mine[1]?.refreshToken, mine[2]?.refreshToken]) {
        expect(await sessions.rotate(token)).toMatchObject({ code: 'revoked' });
      }
      expect(await sessions.family(rotated.sid)).toMatchObject({
        family: { revokeReason: 'logout-everywhere' },
      });
      granted(await sessions.rotate(theirs.refreshToken));
      expect(await sessions.revokeAllForUser('nobody')).toEqual({ ok: true, revoked: 0 });
    });

    it('logout everywhere from a refresh token', async () => {
      const { sessions } = await setup();
      const a = granted(await sessions.start('user-1'));
      const b = granted(await sessions.start('user-1'));
      expect(await sessions.revoke(a.refreshToken, { everywhere: true })).toEqual({
        ok: true,
        revoked: 2,
      });
      expect(await sessions.rotate(b.refreshToken)).toMatchObject({ code: 'revoked' });
    });

    it('idle timeout: a family unused for idleTimeoutSeconds expires', async () => {
      const { sessions, clock } = await setup();
      const r0 = granted(await sessions.start('user-1'));
      clock.advance((IDLE_SECONDS - 1) * SECOND);
      const r1 = granted(await sessions.rotate(r0.refreshToken));
      clock.advance(IDLE_SECONDS * SECOND);
      expect(await sessions.rotate(r1.refreshToken)).toEqual({
        ok: false,
        code: 'expired',
        status: 401,
        message: expect.any(String),
      });
    });

    it('absolute lifetime: a family ends at lifetimeSeconds however often it is refreshed', async () => {
      const { sessions, clock } = await setup();
      let current = granted(await sessions.start('user-1'));
      const end = clock.now() + LIFETIME_SECONDS * SECOND;
      while (clock.now() + 500 * SECOND < end) {
        clock.advance(500 * SECOND);
        current = granted(await sessions.rotate(current.refreshToken));
        expect(current.expiresAt).toBe(Math.min(end, clock.now() + IDLE_SECONDS * SECOND));
      }
      clock.set(end);
      expect(await sessions.rotate(current.refreshToken)).toMatchObject({ code: 'expired' });
    });

    it('an ended family is kept for the retention time, then forgotten', async () => {
      const { sessions, clock } = await setup();
      const r0 = granted(await sessions.start('user-1'));
      clock.advance(IDLE_SECONDS * SECOND + RETENTION_MS - 1);
      expect(await sessions.rotate(r0.refreshToken)).toMatchObject({ code: 'expired' });
      expect(await sessions.family(r0.sid)).toMatchObject({ ok: true, family: { sid: r0.sid } });
      clock.advance(1);
      expect(await sessions.rotate(r0.refreshToken)).toMatchObject({ code: 'unknown' });
      expect(await sessions.family(r0.sid)).toEqual({ ok: true, family: undefined });
      expect(await sessions.revoke(r0.refreshToken)).toEqual({ ok: true, revoked: 0 });
    });
  });
}
