import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsPlugin } from '../../src/adapters/fastify.js';
import { ALLOWED, CONFIG, DISALLOWED, send, type TestServer, varyTokens } from './harness.js';
import { adapterScenarios } from './scenarios.js';

async function listenFastify(app: FastifyInstance, log: string[]): Promise<TestServer> {
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, log, close: () => app.close() };
}

async function start(): Promise<TestServer> {
  const log: string[] = [];
  const app = Fastify();
  await app.register(corsPlugin(CONFIG));
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/private/')) return;
    log.push(`auth ${request.url}`);
    if (request.headers.authorization === undefined) {
      await reply.code(401).send({ error: 'unauthorized' });
    }
  });
  app.get('/me', async (_request, reply) => {
    log.push('GET /me');
    reply.header('x-request-id', 'req-1');
    return { ok: true };
  });
  app.get('/vary', async (request, reply) => {
    reply.header('vary', request.headers['x-app-vary']);
    return 'varied';
  });
  app.get('/throw', async () => {
    throw new Error('boom');
  });
  app.options('/options', async () => {
    log.push('OPTIONS /options');
    return 'app options';
  });
  // A child context, with its own error handler that sets its own Vary: the plugin's
  // hooks must reach encapsulated routes too.
  await app.register(async (child) => {
    child.setErrorHandler(async (error, _request, reply) => {
      reply.header('vary', 'Accept');
      return reply.code(503).send({ message: (error as Error).message });
    });
    child.get('/child/teapot', async (_request, reply) => reply.code(418).send('teapot'));
    child.get('/child/throw', async () => {
      throw new Error('child boom');
    });
  });
  return listenFastify(app, log);
}

describe('corset/fastify corsPlugin in Fastify 5', () => {
  adapterScenarios(start);
});

describe('corset/fastify corsPlugin details', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server.close());

  it('applies to routes of encapsulated child plugins', async () => {
    const answer = await send(`${server.url}/child/teapot`, 'GET', { origin: ALLOWED });
    expect(answer.status).toBe(418);
    expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
  });

  it("merges Vary with a custom error handler's own", async () => {
    const answer = await send(`${server.url}/child/throw`, 'GET', { origin: ALLOWED });
    expect(answer.status).toBe(503);
    expect(varyTokens(answer)).toEqual(['accept', 'origin']);
    expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
  });

  it("keeps Vary on Fastify's own 404", async () => {
    const answer = await send(`${server.url}/nowhere`, 'GET', { origin: DISALLOWED });
    expect(answer.status).toBe(404);
    expect(varyTokens(answer)).toEqual(['origin']);
  });

  it('can be registered in two separate apps with separate policies', async () => {
    const other = Fastify();
    await other.register(corsPlugin({ origins: [DISALLOWED], credentials: true }));
    other.get('/me', async () => ({ ok: true }));
    const second = await listenFastify(other, []);
    try {
      const answer = await send(`${second.url}/me`, 'GET', { origin: DISALLOWED });
      expect(answer.headers['access-control-allow-origin']).toBe(DISALLOWED);
      const first = await send(`${server.url}/me`, 'GET', { origin: DISALLOWED });
      expect(first.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await second.close();
    }
  });
});
