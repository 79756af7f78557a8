/**
 * The servers of the end-to-end benchmark, by name, each with the one request autocannon
 * sends it. Every CORS server answers the same JSON to the same allowed, credentialed
 * cross-origin GET with the same policy (bench/inputs.ts, one origin); the session
 * servers answer the same JSON to the same authenticated cross-origin POST.
 */
import { createServer, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import cors from 'cors';
import express from 'express';
import Fastify from 'fastify';
import { corsPlugin } from '../src/adapters/fastify.js';
import { corsMiddleware, withCors } from '../src/adapters/node.js';
import { authenticateNode, withSession } from '../src/adapters/node-session.js';
import { createCorsPolicy } from '../src/cors/index.js';
import { startDemo } from '../src/demo/start.js';
import { DEMO_PASSWORD } from '../src/demo/users.js';
import { benchConfigs } from './inputs.js';
import { sessionFixture } from './session-fixture.js';

/** What autocannon sends. */
export interface BenchHttpRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A listening server. */
export interface RunningServer {
  readonly port: number;
  readonly request: BenchHttpRequest;
  close(): Promise<void>;
}

/** The groups of servers measured alternately; the first of each is the baseline. */
export const SERVER_GROUPS = [
  ['node http bare', 'node http + corset', 'node http + cors'],
  ['express 5 + cors', 'express 5 + corset'],
  ['fastify 5 + @fastify/cors', 'fastify 5 + corset'],
  ['session: bare handler', 'session: full stack', 'session: full stack, verifyCache'],
  ['demo: GET /me'],
] as const;
export type ServerName = (typeof SERVER_GROUPS)[number][number];

const BODY = JSON.stringify({ ok: true });

function answer(res: ServerResponse, body = BODY): void {
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(body);
}

const hello: RequestListener = (_req, res) => answer(res);

function listen(listener: RequestListener, request: BenchHttpRequest): Promise<RunningServer> {
  const server = createServer(listener);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        request,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Starts the server called `name` on a free loopback port. */
export async function startServer(name: ServerName): Promise<RunningServer> {
  const config = benchConfigs()[0];
  if (config === undefined) throw new Error('no bench config');
  const corsGet: BenchHttpRequest = {
    method: 'GET',
    path: '/items',
    headers: { origin: config.allowedOrigin },
  };
  switch (name) {
    case 'node http bare':
      return listen(hello, corsGet);
    case 'node http + corset':
      return listen(withCors(createCorsPolicy(config.corset), hello), corsGet);
    case 'node http + cors': {
      const middleware = cors(config.cors);
      return listen((req, res) => middleware(req, res, () => hello(req, res)), corsGet);
    }
    case 'express 5 + cors':
    case 'express 5 + corset': {
      const app = express();
      app.use(
        name === 'express 5 + cors'
          ? cors(config.cors)
          : corsMiddleware(createCorsPolicy(config.corset)),
      );
      app.get('/items', (_req, res) => {
        res.json({ ok: true });
      });
      return listen(app, corsGet);
    }
    case 'fastify 5 + @fastify/cors':
    case 'fastify 5 + corset': {
      const app = Fastify();
      if (name === 'fastify 5 + corset') await app.register(corsPlugin(config.corset));
      else await app.register(fastifyCors, config.cors as FastifyCorsOptions);
      app.get('/items', async () => ({ ok: true }));
      await app.listen({ port: 0, host: '127.0.0.1' });
      return {
        port: (app.server.address() as AddressInfo).port,
        request: corsGet,
        close: () => app.close(),
      };
    }
    case 'session: bare handler':
    case 'session: full stack':
    case 'session: full stack, verifyCache': {
      const fixture = await sessionFixture(name.endsWith('verifyCache'));
      const request: BenchHttpRequest = { method: 'POST', path: '/me', headers: fixture.headers };
      const user = (id: string) => JSON.stringify({ user: { id } });
      if (name === 'session: bare handler')
        return listen((_req, res) => answer(res, user('u1')), request);
      const corset = fixture.corset;
      const listener = withSession(corset, { verifyCredentials: () => undefined }, (req, res) => {
        authenticateNode(corset, req, res).then((session) => {
          if (session !== undefined) answer(res, user(session.userId));
        });
      });
      const running = await listen(listener, request);
      return { ...running, close: () => running.close().then(() => corset.close()) };
    }
    case 'demo: GET /me':
      return startDemoMe();
  }
}

// The demo API (default topology, free ports), with alice logged in through /auth/login.
async function startDemoMe(): Promise<RunningServer> {
  const demo = await startDemo({ appPort: 0, apiPort: 0 });
  const origin = demo.appUrl.slice(0, -1);
  const login = await fetch(`${demo.apiUrl}/auth/login`, {
    method: 'POST',
    headers: { origin, 'sec-fetch-site': 'same-site', 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'alice', password: DEMO_PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  if (login.status !== 200 || cookie === '') throw new Error(`demo login: ${login.status}`);
  return {
    port: demo.apiPort,
    request: {
      method: 'GET',
      path: '/me',
      headers: { origin, 'sec-fetch-site': 'same-site', cookie },
    },
    close: () => demo.stop(),
  };
}
