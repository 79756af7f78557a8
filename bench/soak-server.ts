/**
 * Child process of the soak test: the demo API (`createApiListener`, configured as
 * `startDemo` configures it for the `ports` topology) on a free loopback port.
 *
 * Every login creates a session family that the store keeps, even after logout, until it
 * would have expired (a revoked refresh token must still be recognised as reused): days.
 * That state is bounded by design, but over a minute it grows with the login rate, which
 * on a shared machine is not steady. So before each heap reading the store's clock jumps
 * past every family's expiry, the store is swept, and the clock comes back: the reading
 * then holds everything except live sessions, and growth in it is a leak.
 *
 * Prints `{ port, appOrigin }` as one JSON line; answers an IPC `'heap'` message (sent
 * while no load runs) with the heap used after a full GC before and after that purge, and
 * the families freed (run it with `--expose-gc`); exits when stdin closes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AUTH_HEADER, createApiListener } from '../src/demo/api-server.js';
import { createNoteBook } from '../src/demo/notes.js';
import { createCorset, createMemorySessionStore, generateKeySpec } from '../src/session/index.js';

/** The app origin the soak's allowed requests come from. */
export const SOAK_APP_ORIGIN = 'http://localhost:8080';

const server = createServer();
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;
/** Added to the store's clock during a purge: beyond any session's lifetime. */
const PURGE_JUMP_MS = 400 * 24 * 3600 * 1000;
let clockOffset = 0;
const store = createMemorySessionStore({ now: () => Date.now() + clockOffset });
const corset = await createCorset({
  appOrigins: [SOAK_APP_ORIGIN],
  apiOrigin: `http://localhost:${port}`,
  cors: { methods: ['DELETE'], exposedHeaders: [AUTH_HEADER] },
  session: {
    keys: { keys: [await generateKeySpec('EdDSA', 'soak-1')], signingKid: 'soak-1' },
    store,
  },
});
server.on(
  'request',
  createApiListener({
    corset,
    topology: 'ports',
    mistake: undefined,
    layer: undefined,
    cookieNames: undefined,
    notes: createNoteBook(),
  }),
);

const gc = (globalThis as { gc?: () => void }).gc;
process.on('message', (message) => {
  if (message !== 'heap') return;
  gc?.();
  const withSessions = process.memoryUsage().heapUsed;
  clockOffset = PURGE_JUMP_MS;
  const freed = store.sweep();
  clockOffset = 0;
  gc?.();
  process.send?.({
    heapUsed: process.memoryUsage().heapUsed,
    withSessions,
    freed,
    gc: gc !== undefined,
  });
});
console.log(JSON.stringify({ port, appOrigin: SOAK_APP_ORIGIN }));
process.stdin.resume();
process.stdin.on('end', () => {
  server.closeAllConnections();
  server.close(() => {
    corset.close().then(() => store.close().then(() => process.exit(0)));
  });
});
