/**
 * The behaviour every adapter must show over a real socket. Each adapter test builds the
 * same small app with its framework, corset mounted first, then:
 * - an auth step on `/private/*` that logs `auth <path>` and answers 401 without an
 *   `Authorization` header;
 * - `GET /me`: logs `GET /me`, answers 200 `{"ok":true}` with `x-request-id: req-1`;
 * - `GET /vary`: sets `Vary` itself, after corset ran, to the request's `x-app-vary`,
 *   answers 200;
 * - `GET /throw`: throws an `Error`, which the framework (or the plain listener) turns
 *   into a 500;
 * - `OPTIONS /options`: logs `OPTIONS /options`, answers 200 `app options`;
 * and nothing else (404).
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createCorsPolicy } from '../../src/cors/index.js';
import {
  ALLOWED,
  ALLOWED_SUBDOMAIN,
  type Answer,
  CONFIG,
  corsHeaderNames,
  DISALLOWED,
  preflight,
  send,
  type TestServer,
  varyTokens,
} from './harness.js';

const PREFLIGHT_VARY = [
  'origin',
  'access-control-request-method',
  'access-control-request-headers',
];

function expectAllowedActual(answer: Answer, origin: string): void {
  expect(answer.headers['access-control-allow-origin']).toBe(origin);
  expect(answer.headers['access-control-allow-credentials']).toBe('true');
  expect(answer.headers['access-control-expose-headers']).toBe('x-request-id');
  expect(varyTokens(answer)).toContain('origin');
}

/** Registers the shared scenarios in the current `describe`. */
export function adapterScenarios(start: () => Promise<TestServer>): void {
  let server: TestServer;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.log.length = 0;
  });

  it('answers an allowed preflight itself: 204, exactly the policy headers, Vary, app and auth untouched', async () => {
    const answer = await preflight(
      `${server.url}/private/data`,
      ALLOWED,
      'PUT',
      'content-type,authorization',
    );
    expect(answer.status).toBe(204);
    expect(answer.body).toBe('');
    // RFC 9110 §8.6: no Content-Length in a 204.
    expect(answer.headers['content-length']).toBeUndefined();
    const expected = createCorsPolicy(CONFIG).decide({
      method: 'OPTIONS',
      header: (name) =>
        ({
          origin: ALLOWED,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'content-type,authorization',
        })[name],
    });
    expect(Object.fromEntries(corsHeaderNames(answer).map((n) => [n, answer.headers[n]]))).toEqual(
      Object.fromEntries(expected.headers),
    );
    expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
    expect(answer.headers['access-control-max-age']).toBe('600');
    expect(varyTokens(answer)).toEqual(PREFLIGHT_VARY);
    expect(server.log).toEqual([]);
  });

  it('answers a preflight for a path the app has no route for', async () => {
    const answer = await preflight(`${server.url}/nowhere`, ALLOWED_SUBDOMAIN, 'DELETE');
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED_SUBDOMAIN);
    expect(server.log).toEqual([]);
  });

  it('refuses a preflight from a disallowed origin: 403, no CORS headers, Vary kept', async () => {
    const answer = await preflight(`${server.url}/private/data`, DISALLOWED, 'PUT');
    expect(answer.status).toBe(403);
    expect(answer.body).toBe('');
    expect(answer.headers['content-length']).toBe('0');
    expect(corsHeaderNames(answer)).toEqual([]);
    expect(varyTokens(answer)).toEqual(PREFLIGHT_VARY);
    expect(server.log).toEqual([]);
  });

  it('refuses a preflight asking for a header that is not allowed', async () => {
    const answer = await preflight(`${server.url}/me`, ALLOWED, 'PUT', 'content-type, x-evil');
    expect(answer.status).toBe(403);
    expect(corsHeaderNames(answer)).toEqual([]);
    expect(server.log).toEqual([]);
  });

  it('adds the CORS headers to an allowed actual request', async () => {
    const answer = await send(`${server.url}/me`, 'GET', { origin: ALLOWED });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: true });
    expect(answer.headers['x-request-id']).toBe('req-1');
    expectAllowedActual(answer, ALLOWED);
    expect(server.log).toEqual(['GET /me']);
  });

  it('allows an origin through a subdomain pattern', async () => {
    const answer = await send(`${server.url}/me`, 'GET', { origin: ALLOWED_SUBDOMAIN });
    expectAllowedActual(answer, ALLOWED_SUBDOMAIN);
  });

  it('lets a disallowed actual request reach the app, without CORS headers but with Vary', async () => {
    const answer = await send(`${server.url}/me`, 'GET', { origin: DISALLOWED });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: true });
    expect(corsHeaderNames(answer)).toEqual([]);
    expect(varyTokens(answer)).toEqual(['origin']);
    expect(server.log).toEqual(['GET /me']);
  });

  it('leaves a request without Origin alone, apart from Vary: Origin', async () => {
    const answer = await send(`${server.url}/me`, 'GET');
    expect(answer.status).toBe(200);
    expect(corsHeaderNames(answer)).toEqual([]);
    expect(varyTokens(answer)).toEqual(['origin']);
    expect(server.log).toEqual(['GET /me']);
  });

  it('passes an OPTIONS without Access-Control-Request-Method to the app', async () => {
    const answer = await send(`${server.url}/options`, 'OPTIONS', { origin: ALLOWED });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('app options');
    expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(server.log).toEqual(['OPTIONS /options']);
  });

  it("keeps the CORS headers on the auth step's 401", async () => {
    const answer = await send(`${server.url}/private/data`, 'GET', { origin: ALLOWED });
    expect(answer.status).toBe(401);
    expectAllowedActual(answer, ALLOWED);
    expect(server.log).toEqual(['auth /private/data']);
  });

  it('keeps the CORS headers on the 500 of a thrown error', async () => {
    const answer = await send(`${server.url}/throw`, 'GET', { origin: ALLOWED });
    expect(answer.status).toBe(500);
    expectAllowedActual(answer, ALLOWED);
  });

  it('merges Vary that the app set after corset ran', async () => {
    const answer = await send(`${server.url}/vary`, 'GET', {
      origin: ALLOWED,
      'x-app-vary': 'Accept-Encoding',
    });
    expect(answer.status).toBe(200);
    expect(varyTokens(answer)).toEqual(['accept-encoding', 'origin']);
    expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
  });

  it("does not duplicate an Origin already in the app's Vary, whatever its case", async () => {
    const answer = await send(`${server.url}/vary`, 'GET', {
      origin: DISALLOWED,
      'x-app-vary': 'accept-encoding, ORIGIN',
    });
    expect(varyTokens(answer)).toEqual(['accept-encoding', 'origin']);
  });
}
