import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FetchHandler, type WithCorsOptions, withCors } from '../../src/adapters/fetch.js';
import { ALLOWED, CONFIG, listen, send, type TestServer, varyTokens } from './harness.js';
import { adapterScenarios } from './scenarios.js';

function app(log: string[]): FetchHandler<[]> {
  return async (request) => {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/private/')) {
      log.push(`auth ${path}`);
      if (!request.headers.has('authorization'))
        return new Response('unauthorized', { status: 401 });
    }
    if (request.method === 'GET' && path === '/me') {
      log.push('GET /me');
      return Response.json({ ok: true }, { headers: { 'x-request-id': 'req-1' } });
    }
    if (request.method === 'GET' && path === '/vary') {
      return new Response('varied', { headers: { vary: request.headers.get('x-app-vary') ?? '' } });
    }
    if (request.method === 'GET' && path === '/throw') throw new Error('boom');
    if (request.method === 'OPTIONS' && path === '/options') {
      log.push('OPTIONS /options');
      return new Response('app options');
    }
    if (path === '/redirect') return Response.redirect('https://app.example.com/login', 302);
    if (path === '/reject') return Promise.reject(new Error('rejected'));
    return new Response('not found', { status: 404 });
  };
}

function start(options?: WithCorsOptions): Promise<TestServer> {
  const log: string[] = [];
  const fetch = withCors(CONFIG, app(log), options);
  // The runtime's own Request/Response, not @hono/node-server's lighter stand-ins.
  return listen(createAdaptorServer({ fetch, overrideGlobalObjects: false }) as Server, log);
}

describe('corset/fetch withCors behind a Node Fetch bridge', () => {
  const errors: unknown[] = [];
  beforeAll(() => {
    vi.spyOn(console, 'error').mockImplementation((error: unknown) => {
      errors.push(error);
    });
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });
  adapterScenarios(() => start());

  it('logged the thrown error it answered with a 500', () => {
    expect(errors).toContainEqual(new Error('boom'));
  });
});

describe('corset/fetch withCors details', () => {
  let server: TestServer;
  const seen: unknown[] = [];
  beforeAll(async () => {
    server = await start({
      onError: (error, request) => {
        seen.push(error);
        return Response.json(
          { error: String(error), url: new URL(request.url).pathname },
          { status: 503 },
        );
      },
    });
  });
  afterAll(() => server.close());

  it('copies a response whose headers are immutable', async () => {
    const answer = await send(`${server.url}/redirect`, 'GET', { origin: ALLOWED });
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('https://app.example.com/login');
    expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(varyTokens(answer)).toEqual(['origin']);
  });

  it('hands a thrown error or a rejection to onError and adds the CORS headers to its response', async () => {
    for (const path of ['/throw', '/reject']) {
      const answer = await send(`${server.url}${path}`, 'GET', { origin: ALLOWED });
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.body)).toMatchObject({ url: path });
      expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
    }
    expect(seen).toEqual([new Error('boom'), new Error('rejected')]);
  });

  it("propagates onError's own error", async () => {
    const handler = withCors(
      CONFIG,
      () => {
        throw new Error('first');
      },
      {
        onError: () => {
          throw new Error('second');
        },
      },
    );
    await expect(handler(new Request('https://api.example.com/'))).rejects.toThrow('second');
  });

  it("passes the runtime's extra arguments through", async () => {
    const handler = withCors(CONFIG, (_request: Request, env: { name: string }) =>
      Response.json(env),
    );
    const response = await handler(
      new Request('https://api.example.com/', { headers: { origin: ALLOWED } }),
      { name: 'worker' },
    );
    expect(await response.json()).toEqual({ name: 'worker' });
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });
});
