import { createServer } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsMiddleware } from '../../src/adapters/node.js';
import { ConfigError } from '../../src/internal/problems.js';
import { ALLOWED, CONFIG, listen, send, type TestServer, varyTokens } from './harness.js';
import { adapterScenarios } from './scenarios.js';

function start(): Promise<TestServer> {
  const log: string[] = [];
  const app = express();
  // Express logs errors reaching its final handler unless env is 'test'.
  app.set('env', 'test');
  app.use(corsMiddleware(CONFIG));
  app.use('/private', (req, res, next) => {
    log.push(`auth ${req.originalUrl}`);
    if (req.headers.authorization === undefined) res.status(401).json({ error: 'unauthorized' });
    else next();
  });
  app.get('/me', (_req, res) => {
    log.push('GET /me');
    res.set('x-request-id', 'req-1').json({ ok: true });
  });
  app.get('/vary', (req, res) => {
    res.set('Vary', req.get('x-app-vary')).send('varied');
  });
  app.get('/throw', () => {
    throw new Error('boom');
  });
  app.options('/options', (_req, res) => {
    log.push('OPTIONS /options');
    res.send('app options');
  });
  app.get('/reject', async () => {
    throw new Error('async boom');
  });
  app.get('/error-with-vary', () => {
    // finalhandler copies `err.headers` onto the response, replacing the Vary we set.
    throw Object.assign(new Error('teapot'), { status: 418, headers: { Vary: 'Accept' } });
  });
  app.get('/appended-vary', (_req, res) => {
    res.vary('Accept-Encoding').vary('origin').send('appended');
  });
  return listen(createServer(app), log);
}

describe('corset/node corsMiddleware in Express 5', () => {
  adapterScenarios(start);
});

describe('corset/node corsMiddleware and Express 5 error handling', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server.close());

  it('keeps the CORS headers on the 500 of a rejected async handler', async () => {
    const answer = await send(`${server.url}/reject`, 'GET', { origin: ALLOWED });
    expect(answer.status).toBe(500);
    expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
  });

  it("merges Vary with the headers of an error's own `headers`", async () => {
    const answer = await send(`${server.url}/error-with-vary`, 'GET', { origin: ALLOWED });
    expect(answer.status).toBe(418);
    expect(varyTokens(answer)).toEqual(['accept', 'origin']);
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
  });

  it('keeps one Origin when the app appends to Vary with res.vary()', async () => {
    const answer = await send(`${server.url}/appended-vary`, 'GET', { origin: ALLOWED });
    expect(varyTokens(answer)).toEqual(['origin', 'accept-encoding']);
  });

  it('throws the ConfigError of a bad config when the middleware is built', () => {
    expect(() => corsMiddleware({ origins: ['*'], credentials: true })).toThrow(ConfigError);
  });
});
