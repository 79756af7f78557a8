/**
 * The demo's two users. The password is printed at start: these accounts exist only in
 * the memory of a local demo.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * A demo user as the API returns it (`GET /me`, login answers). A type alias, not an
 * interface, so that it is a `LoginUser` of the entry point (implicit index signature).
 */
export type DemoUser = {
  readonly id: string;
  readonly name: string;
};

/** Password of every demo user. */
export const DEMO_PASSWORD = 'corset-demo';

/** The demo users, by username. */
export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'alice', name: 'Alice' },
  { id: 'bob', name: 'Bob' },
];

const PASSWORD_DIGEST = createHash('sha256').update(DEMO_PASSWORD).digest();

/**
 * The user `username` names when `password` is right, else undefined. The password is
 * compared through fixed-length digests with `timingSafeEqual`, so the answer time does
 * not tell how much of a guess was right (a habit worth keeping even in a demo).
 */
export function checkDemoCredentials(username: unknown, password: unknown): DemoUser | undefined {
  if (typeof username !== 'string' || typeof password !== 'string') return undefined;
  const user = DEMO_USERS.find((u) => u.id === username);
  const digest = createHash('sha256').update(password).digest();
  const passwordOk = timingSafeEqual(digest, PASSWORD_DIGEST);
  return user !== undefined && passwordOk ? user : undefined;
}

/** The demo user with this id (a session's subject), or undefined. */
export function findDemoUser(id: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.id === id);
}
