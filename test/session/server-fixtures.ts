/** Fixtures for the entry point's tests: configs, a settable clock, request views, a flaky store. */
import { randomBytes } from 'node:crypto';
import { type CorsetConfig, createCorset } from '../../src/session/index.js';
import type { SessionRequest, SessionResponse } from '../../src/session/server-http.js';
import { createMemorySessionStore } from '../../src/session/store/memory.js';
import type { SessionStore } from '../../src/session/store/types.js';

export const SECRET = randomBytes(32);
export const APP = 'https://app.example.com';
export const API = 'https://api.example.com';
export const CROSS_APP = 'https://app.example.net';

export function manualClock(start = Date.UTC(2030, 0, 1)) {
  let at = start;
  return {
    now: () => at,
    advance(seconds: number) {
      at += seconds * 1000;
    },
  };
}

/** A store that can be switched off: every call then rejects, as an unreachable Redis does. */
export function flakyStore(base: SessionStore = createMemorySessionStore()) {
  const state = { down: false };
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      state.down ? Promise.reject(new Error('connection refused')) : call(...args);
  const store: SessionStore = {
    createFamily: guard((f) => base.createFamily(f)),
    rotate: guard((r) => base.rotate(r)),
    revokeFamily: guard((r) => base.revokeFamily(r)),
    revokeAllForUser: guard((sub, now) => base.revokeAllForUser(sub, now)),
    family: guard((sid, now) => base.family(sid, now)),
    close: () => base.close(),
  };
  return { store, state };
}

export async function build(
  overrides: Partial<CorsetConfig> & { session?: CorsetConfig['session'] } = {},
  clock = manualClock(),
) {
  const { store, state } = flakyStore(createMemorySessionStore({ now: clock.now }));
  const corset = await createCorset({
    appOrigins: [APP],
    apiOrigin: API,
    ...overrides,
    session: { secret: SECRET, store, now: clock.now, ...overrides.session },
  });
  return { corset, clock, store: state };
}

/** A request view from plain data; header names lower-case. */
export function request(
  method: string,
  headers: Record<string, string> = {},
  body?: unknown,
): SessionRequest {
  return {
    method,
    header: (name) => headers[name],
    ...(body === undefined ? {} : { body }),
  };
}

/** The `set-cookie` values of a response. */
export function setCookies(response: SessionResponse): string[] {
  return response.headers.filter(([n]) => n === 'set-cookie').map(([, v]) => v);
}

/** A browser-ish `Cookie` header from the set-cookies of a response (name=value only). */
export function cookieHeader(response: SessionResponse): string {
  return setCookies(response)
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** A header of a response. */
export function header(response: SessionResponse, name: string): string | undefined {
  return response.headers.find(([n]) => n === name)?.[1];
}

/** Headers of a same-origin-app browser request (trusted origin, same-site). */
export function fromApp(extra: Record<string, string> = {}, origin = APP) {
  return { origin, 'sec-fetch-site': 'same-site', ...extra };
}
