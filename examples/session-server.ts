/**
 * A session API on Express 5 with corset: `createCorset` for the CORS policy, the
 * topology-fitted session cookies, CSRF defence and tokens; corset's node-session
 * middleware for `POST /auth/login`, `/auth/refresh`, `/auth/logout`; an in-memory user
 * check; `GET /me` behind the session; the public keys at `/.well-known/jwks.json`.
 *
 * Run: `npx tsx examples/session-server.ts --port 3000 --app-origin http://127.0.0.1:5173`
 * (`--port 0` picks a free port). The first stdout line is the URL it listens on; the
 * topology explanation follows, warnings go to stderr. Users: alice / wonderland,
 * bob / builder. In an installed project, import from `corset/session` and
 * `corset/node-session`.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import express from 'express';
import { requireSession, sessionMiddleware, sessionOf } from '../src/adapters/node-session.js';
import { createCorset, generateKeySpec, type LoginUser } from '../src/session/index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    'app-origin': { type: 'string', multiple: true, default: ['http://127.0.0.1:5173'] },
  },
});

interface StoredUser {
  readonly user: LoginUser & { readonly name: string };
  readonly salt: Buffer;
  readonly hash: Buffer;
}

// Passwords are kept as scrypt hashes (RFC 7914), never in clear, even in an example.
function stored(id: string, name: string, password: string): StoredUser {
  const salt = randomBytes(16);
  return { user: { id, name }, salt, hash: scryptSync(password, salt, 32) };
}

const USERS = new Map<string, StoredUser>([
  ['alice', stored('u-alice', 'Alice', 'wonderland')],
  ['bob', stored('u-bob', 'Bob', 'builder')],
]);
// Unknown names are hashed too, so that the answer time does not tell which names exist.
const DECOY = stored('', '', randomBytes(16).toString('hex'));

function verifyCredentials(username: string, password: string): LoginUser | undefined {
  const entry = USERS.get(username) ?? DECOY;
  const matches = timingSafeEqual(scryptSync(password, entry.salt, 32), entry.hash);
  return matches && entry !== DECOY ? entry.user : undefined;
}

const server = createServer();
server.listen(Number(values.port), '127.0.0.1', async () => {
  const { port } = server.address() as AddressInfo;
  const apiOrigin = `http://127.0.0.1:${port}`;
  // A key made at start: every restart logs everyone out. A real server loads its keys
  // from a secret store (and keeps the previous one verifying while it rotates).
  const signing = await generateKeySpec('EdDSA', `k-${Date.now()}`);
  const corset = await createCorset({
    appOrigins: values['app-origin'],
    apiOrigin,
    session: { keys: { keys: [signing], signingKid: signing.kid } },
  });

  const app = express();
  app.disable('x-powered-by');
  // First: CORS (preflights end here) and the session endpoints.
  app.use(sessionMiddleware(corset, { verifyCredentials }));
  app.get('/me', requireSession(corset), (req, res) => {
    const session = sessionOf(req);
    const user = [...USERS.values()].find((u) => u.user.id === session?.userId)?.user;
    res.json({ user, transport: session?.transport });
  });
  // Other services verify the access tokens with these public keys alone.
  app.get('/.well-known/jwks.json', (_req, res) => {
    res.json(corset.jwks());
  });
  server.on('request', app);

  console.log(apiOrigin);
  console.log(corset.explain().text);
  for (const warning of corset.warnings) {
    console.error(`warning [${warning.code}] ${warning.field}: ${warning.message}`);
  }
  const stop = () => {
    server.close(() => {
      corset.close().then(() => process.exit(0));
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
