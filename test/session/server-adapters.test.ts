import { createServer } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { describe } from 'vitest';
import * as fastifySession from '../../src/adapters/fastify-session.js';
import * as fetchSession from '../../src/adapters/fetch-session.js';
import * as honoSession from '../../src/adapters/hono-session.js';
import * as nodeSession from '../../src/adapters/node-session.js';
import { sessionScenarios, users } from './server-adapter-scenarios.js';

const verifyCredentials = users.verify;

describe('Node http (withSession + authenticateNode)', () => {
  sessionScenarios(async (corset) => {
    const notes: unknown[] = [];
    const listener = nodeSession.withSession(corset, { verifyCredentials }, async (req, res) => {
      if (req.url === '/health') {
        res.end('ok');
        return;
      }
      const session = await nodeSession.authenticateNode(corset, req, res);
      if (session === undefined) return;
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && req.url === '/me') {
        res.end(JSON.stringify({ id: session.userId, transport: session.transport }));
        return;
      }
      let text = '';
      for await (const chunk of req) text += chunk;
      notes.push(JSON.parse(text));
      res.statusCode = 201;
      res.end(JSON.stringify({ created: notes.length }));
    });
    return { server: createServer(listener), notes };
  });
});

describe('Express 5 (sessionMiddleware + requireSession)', () => {
  sessionScenarios(async (corset) => {
    const notes: unknown[] = [];
    const app = express();
    app.use(nodeSession.sessionMiddleware(corset, { verifyCredentials }));
    app.get('/health', (_req, res) => {
      res.send('ok');
    });
    app.get('/me', nodeSession.requireSession(corset), (req, res) => {
      const session = nodeSession.sessionOf(req);
      res.json({ id: session?.userId, transport: session?.transport });
    });
    app.post('/notes', nodeSession.requireSession(corset), express.json(), (req, res) => {
      notes.push(req.body);
      res.status(201).json({ created: notes.length });
    });
    return { server: createServer(app), notes };
  });
});

describe('Fastify 5 (sessionPlugin + requireSession)', () => {
  sessionScenarios(async (corset) => {
    const notes: unknown[] = [];
    const app = Fastify();
    await app.register(fastifySession.sessionPlugin(corset, { verifyCredentials }));
    app.get('/health', async () => 'ok');
    app.get('/me', { onRequest: fastifySession.requireSession(corset) }, async (request) => {
      const session = fastifySession.sessionOf(request);
      return { id: session?.userId, transport: session?.transport };
    });
    app.post(
      '/notes',
      { onRequest: fastifySession.requireSession(corset) },
      async (request, reply) => {
        notes.push(request.body);
        return reply.code(201).send({ created: notes.length });
      },
    );
    await app.ready();
    return { server: app.server, notes };
  });
});

describe('Hono 4 (sessionMiddleware + requireSession)', () => {
  sessionScenarios(async (corset) => {
    const notes: unknown[] = [];
    const app = new Hono<{ Variables: honoSession.SessionVariables }>();
    app.use('*', honoSession.sessionMiddleware(corset, { verifyCredentials }));
    app.get('/health', (c) => c.text('ok'));
    app.get('/me', honoSession.requireSession(corset), (c) => {
      const session = honoSession.sessionOf(c);
      return c.json({ id: session?.userId, transport: session?.transport });
    });
    app.post('/notes', honoSession.requireSession(corset), async (c) => {
      notes.push(await c.req.json());
      return c.json({ created: notes.length }, 201);
    });
    return { server: createAdaptorServer({ fetch: app.fetch }) as never, notes };
  });
});

describe('Fetch handler (withSession + requireSession)', () => {
  sessionScenarios(async (corset) => {
    const notes: unknown[] = [];
    const handler = fetchSession.withSession(corset, { verifyCredentials }, async (request) => {
      const path = new URL(request.url).pathname;
      if (path === '/health') return new Response('ok');
      const session = await fetchSession.requireSession(corset, request);
      if (session instanceof Response) return session;
      if (request.method === 'GET' && path === '/me') {
        return Response.json({ id: session.userId, transport: session.transport });
      }
      notes.push(await request.json());
      return Response.json({ created: notes.length }, { status: 201 });
    });
    return { server: createAdaptorServer({ fetch: handler }) as never, notes };
  });
});
