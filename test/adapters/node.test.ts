import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCors } from '../../src/adapters/node.js';
import { createCorsPolicy } from '../../src/cors/index.js';
import { ALLOWED, CONFIG, listen, send, type TestServer, varyTokens } from './harness.js';
import { adapterScenarios } from './scenarios.js';

function route(log: string[], req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path.startsWith('/private/')) {
    log.push(`auth ${path}`);
    if (req.headers.authorization === undefined) {
      res.statusCode = 401;
      res.end('unauthorized');
      return;
    }
  }
  if (req.method === 'GET' && path === '/me') {
    log.push('GET /me');
    res.setHeader('content-type', 'application/json');
    res.setHeader('x-request-id', 'req-1');
    res.end('{"ok":true}');
  } else if (req.method === 'GET' && path === '/vary') {
    res.setHeader('Vary', req.headers['x-app-vary'] ?? '');
    res.end('varied');
  } else if (req.method === 'GET' && path === '/throw') {
    throw new Error('boom');
  } else if (req.method === 'OPTIONS' && path === '/options') {
    log.push('OPTIONS /options');
    res.end('app options');
  } else if (path === '/write-head-object') {
    res.writeHead(200, 'Fine', { VARY: 'Accept', 'content-type': 'text/plain' });
    res.end('object');
  } else if (path === '/write-head-array') {
    res.writeHead(200, ['vary', 'Accept', 'x-other', 'yes', 'Vary', 'Cookie']);
    res.end('array');
  } else if (path === '/cleared') {
    // What an error handler that starts from a clean slate does (Koa-style).
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    res.statusCode = 502;
    res.end('bad gateway');
  } else {
    res.statusCode = 404;
    res.end('not found');
  }
}

function start(): Promise<TestServer> {
  const log: string[] = [];
  const listener = withCors(CONFIG, (req, res) => {
    try {
      route(log, req, res);
    } catch {
      res.statusCode = 500;
      res.end('internal error');
    }
  });
  return listen(createServer(listener), log);
}

describe('corset/node withCors around a plain http listener', () => {
  adapterScenarios(start);
});

describe('corset/node writeHead handling', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server.close());

  it('merges Vary given to writeHead(status, reason, object)', async () => {
    const answer = await send(`${server.url}/write-head-object`, 'GET', { origin: ALLOWED });
    expect(answer.status).toBe(200);
    expect(varyTokens(answer)).toEqual(['accept', 'origin']);
    expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(answer.headers['content-type']).toBe('text/plain');
  });

  it('merges Vary given to writeHead as a flat array into one field', async () => {
    const answer = await send(`${server.url}/write-head-array`, 'GET', { origin: ALLOWED });
    expect(answer.headers.vary).toBe('Accept, Cookie, Origin');
    expect(answer.headers['x-other']).toBe('yes');
    expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
  });

  it('puts back headers that an error handler removed', async () => {
    const answer = await send(`${server.url}/cleared`, 'GET', { origin: ALLOWED });
    expect(answer.status).toBe(502);
    expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
    expect(varyTokens(answer)).toEqual(['origin']);
  });

  it('does not call the listener for a preflight, and uses a shared policy as given', async () => {
    const policy = createCorsPolicy(CONFIG);
    let calls = 0;
    const shared = await listen(
      createServer(
        withCors(policy, (_req, res) => {
          calls++;
          res.end();
        }),
      ),
      [],
    );
    try {
      const headers = { origin: ALLOWED, 'access-control-request-method': 'PUT' };
      expect((await send(shared.url, 'OPTIONS', headers)).status).toBe(204);
      policy.reconfigure({ ...CONFIG, methods: ['DELETE'] });
      expect((await send(shared.url, 'OPTIONS', headers)).status).toBe(403);
      expect(calls).toBe(0);
    } finally {
      await shared.close();
    }
  });
});
