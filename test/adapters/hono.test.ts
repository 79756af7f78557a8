import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { corsMiddleware } from '../../src/adapters/hono.js';
import { ALLOWED, CONFIG, listen, send, type TestServer, varyTokens } from './harness.js';
import { adapterScenarios } from './scenarios.js';

function start(): Promise<TestServer> {
  const log: string[] = [];
  const app = new Hono();
  app.use('*', corsMiddleware(CONFIG));
  app.use('/private/*', async (c, next) => {
    log.push(`auth ${c.req.path}`);
    if (c.req.header('authorization') === undefined) return c.json({ error: 'unauthorized' }, 401);
    await next();
  });
  app.get('/me', (c) => {
    log.push('GET /me');
    c.header('x-request-id', 'req-1');
    return c.json({ ok: true });
  });
  app.get('/vary', (c) => {
    c.header('Vary', c.req.header('x-app-vary'));
    return c.text('varied');
  });
  app.get('/throw', () => {
    throw new Error('boom');
  });
  app.options('/options', (c) => {
    log.push('OPTIONS /options');
    return c.text('app options');
  });
  app.get('/http-exception', () => {
    throw new HTTPException(401, { message: 'token expired' });
  });
  // Response.redirect() has immutable headers (Fetch "guard").
  app.get('/redirect', () => Response.redirect('https://app.example.com/login', 302));
  return listen(createAdaptorServer({ fetch: app.fetch }) as Server, log);
}

describe('corset/hono corsMiddleware in Hono 4', () => {
  // Hono's default error handler logs the thrown error; keep the test output clean.
  beforeAll(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });
  adapterScenarios(start);
});

describe('corset/hono corsMiddleware details', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server.close());

  it('keeps the CORS headers on the response of an HTTPException', async () => {
    const answer = await send(`${server.url}/http-exception`, 'GET', { origin: ALLOWED });
    expect(answer.status).toBe(401);
    expect(answer.body).toBe('token expired');
    expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
  });

  it('copies a response whose headers are immutable', async () => {
    const answer = await send(`${server.url}/redirect`, 'GET', { origin: ALLOWED });
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('https://app.example.com/login');
    expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(varyTokens(answer)).toEqual(['origin']);
  });
});
