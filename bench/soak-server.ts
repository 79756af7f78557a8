/**
 * Child process of the soak test: the demo API (`createApiListener`, configured as
 * `startDemo` configures it for the `ports` topology) on a free loopback port. One
 * difference, so that "memory flat" means something within minutes: every login creates
 * a session family that the store keeps, even after logout, until it would have expired
 * (a revoked refresh token must still be recognised as reused), by default for days. Here
 * sessions last the shortest time the config allows (60 s) and ended ones are freed 1 s
 * later, so after a minute of steady load the store holds a steady number of families.
 *
 * Prints `{ port, appOrigin }` as one JSON line; answers an IPC `'heap'` message with the
 * heap used after a full GC (run it with `--expose-gc`); exits when stdin closes.
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
const store = createMemorySessionStore({ retentionSeconds: 1, sweepIntervalSeconds: 1 });
const corset = await createCorset({
  appOrigins: [SOAK_APP_ORIGIN],
  apiOrigin: `http://localhost:${port}`,
  cors: { methods: ['DELETE'], exposedHeaders: [AUTH_HEADER] },
  session: {
    keys: { keys: [await generateKeySpec('EdDSA', 'soak-1')], signingKid: 'soak-1' },
    store,
    lifetimeSeconds: 60,
    idleTimeoutSeconds: 60,
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
  process.send?.({ heapUsed: process.memoryUsage().heapUsed, gc: gc !== undefined });
});
console.log(JSON.stringify({ port, appOrigin: SOAK_APP_ORIGIN }));
process.stdin.resume();
process.stdin.on('end', () => {
  server.closeAllConnections();
  server.close(() => {
    corset.close().then(() => store.close().then(() => process.exit(0)));
  });
});
