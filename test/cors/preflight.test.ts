import { describe, expect, it } from 'vitest';
import {
  type CorsDecision,
  type CorsRefusal,
  createCorsPolicy,
  VARY_PREFLIGHT,
} from '../../src/cors/index.js';
import { actual, headerOf, preflight, request } from './request.js';

function makePolicy(extra: { debug?: boolean } = {}) {
  const refusals: CorsRefusal[] = [];
  const policy = createCorsPolicy({
    origins: ['https://app.example.com', 'https://*.example.com'],
    credentials: true,
    methods: ['PUT', 'delete', 'PATCH'],
    allowedHeaders: ['Content-Type', 'authorization', 'x-request-id'],
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
    onRefusal: (refusal) => refusals.push(refusal),
    ...extra,
  });
  return { policy, refusals };
}

function refusalOf(decision: CorsDecision): CorsRefusal | undefined {
  return decision.kind === 'not-cors' ? undefined : decision.refusal;
}

describe('allowed preflights', () => {
  const { policy, refusals } = makePolicy();

  it('answer 204 with exact ACAO, ACAC and the pre-joined allowed lists', () => {
    const decision = policy.decide(
      preflight('https://app.example.com', 'PUT', 'content-type,x-request-id'),
    );
    expect(decision).toEqual({
      kind: 'preflight',
      allowed: true,
      status: 204,
      headers: [
        ['access-control-allow-origin', 'https://app.example.com'],
        ['access-control-allow-credentials', 'true'],
        ['access-control-allow-methods', 'PUT, DELETE, PATCH'],
        ['access-control-allow-headers', 'content-type, authorization, x-request-id'],
        ['access-control-max-age', '600'],
      ],
      vary: VARY_PREFLIGHT,
    });
    expect(refusals).toEqual([]);
  });

  it('work for pattern-matched origins with their own ACAO', () => {
    const decision = policy.decide(preflight('https://t.example.com', 'DELETE'));
    expect(decision.allowed).toBe(true);
    expect(headerOf(decision, 'access-control-allow-origin')).toBe('https://t.example.com');
  });

  it.each([['GET'], ['HEAD'], ['POST']])('always allow the safelisted method %s', (method) => {
    expect(
      policy.decide(preflight('https://app.example.com', method, 'content-type')).allowed,
    ).toBe(true);
  });

  it('normalise the six standard methods like fetch() does (delete, put)', () => {
    expect(policy.decide(preflight('https://app.example.com', 'delete')).allowed).toBe(true);
    expect(policy.decide(preflight('https://app.example.com', 'put')).allowed).toBe(true);
  });

  it('match request header names case-insensitively, with spaces and empty elements', () => {
    for (const headers of [
      'Content-Type',
      'content-type , AUTHORIZATION',
      ',content-type,,',
      '',
      '  ',
    ]) {
      expect(policy.decide(preflight('https://app.example.com', 'PUT', headers)).allowed).toBe(
        true,
      );
    }
  });

  it('keep deciding correctly once the memo of allowed header lists is full', () => {
    const fresh = makePolicy().policy;
    for (let i = 0; i < 300; i++) {
      const spaced = `${' '.repeat(i % 50)}content-type,${' '.repeat(Math.floor(i / 50))}authorization`;
      expect(fresh.decide(preflight('https://app.example.com', 'PUT', spaced)).allowed).toBe(true);
      expect(
        fresh.decide(preflight('https://app.example.com', 'PUT', `${spaced},x-${i}`)).allowed,
      ).toBe(false);
    }
  });

  it('share one frozen decision per listed origin', () => {
    const a = policy.decide(preflight('https://app.example.com', 'PUT'));
    const b = policy.decide(preflight('https://app.example.com', 'PATCH', 'authorization'));
    expect(a).toBe(b);
    expect(Object.isFrozen(a) && Object.isFrozen(a.headers) && Object.isFrozen(a.headers[0])).toBe(
      true,
    );
  });
});

describe('refused preflights', () => {
  it('answer 403 with no CORS headers and a reason, and call the hook once', () => {
    const { policy, refusals } = makePolicy();
    const cases: [CorsDecision, string, Partial<CorsRefusal>][] = [
      [policy.decide(preflight('https://evil.example', 'PUT')), 'origin-not-allowed', {}],
      [
        policy.decide(preflight('https://app.example.com', 'PROPFIND')),
        'method-not-allowed',
        { method: 'PROPFIND' },
      ],
      [
        policy.decide(preflight('https://app.example.com', 'PUT', 'content-type,x-secret')),
        'header-not-allowed',
        { header: 'x-secret' },
      ],
      [policy.decide(preflight('https://app.example.com', 'PU T')), 'method-malformed', {}],
      [policy.decide(preflight('https://app.example.com', '')), 'method-malformed', {}],
      [policy.decide(preflight('https://app.example.com', 'PUT', 'a b')), 'headers-malformed', {}],
      [policy.decide(preflight('HTTPS://APP.EXAMPLE.COM', 'PUT')), 'origin-malformed', {}],
    ];
    for (const [decision, code, detail] of cases) {
      expect(decision.kind).toBe('preflight');
      expect(decision.kind === 'preflight' && decision.status).toBe(403);
      expect(decision.allowed).toBe(false);
      expect(decision.headers).toEqual([]);
      expect(decision.vary).toEqual(VARY_PREFLIGHT);
      expect(refusalOf(decision)).toMatchObject({ code, preflight: true, ...detail });
    }
    expect(refusals.map((r) => r.code)).toEqual(cases.map(([, code]) => code));
  });

  it('explain the method case trap', () => {
    const { policy } = makePolicy();
    const decision = policy.decide(preflight('https://app.example.com', 'patch'));
    expect(refusalOf(decision)).toMatchObject({ code: 'method-not-allowed', method: 'patch' });
    expect(refusalOf(decision)?.message).toContain('the page must send "PATCH"');
  });

  it('require authorization to be listed even under the uncredentialed *', () => {
    const open = createCorsPolicy({
      origins: ['*'],
      credentials: false,
      allowedHeaders: ['*'],
      methods: ['*'],
    });
    const ok = open.decide(preflight('https://any.example', 'PROPFIND', 'x-anything,x-else'));
    expect(ok.allowed).toBe(true);
    expect(headerOf(ok, 'access-control-allow-headers')).toBe('*');
    expect(headerOf(ok, 'access-control-allow-methods')).toBe('*');
    expect(headerOf(ok, 'access-control-allow-origin')).toBe('*');
    const auth = open.decide(preflight('https://any.example', 'GET', 'x-anything,Authorization'));
    expect(refusalOf(auth)).toMatchObject({ code: 'header-not-allowed', header: 'authorization' });
    const listed = createCorsPolicy({
      origins: ['*'],
      credentials: false,
      allowedHeaders: ['*', 'authorization'],
    });
    const allowed = listed.decide(
      preflight('https://any.example', 'GET', 'x-anything,authorization'),
    );
    expect(allowed.allowed).toBe(true);
    expect(headerOf(allowed, 'access-control-allow-headers')).toBe('*, authorization');
  });

  it('survive a throwing hook', () => {
    const policy = createCorsPolicy({
      origins: ['https://app.example.com'],
      credentials: true,
      onRefusal: () => {
        throw new Error('logger down');
      },
    });
    expect(policy.decide(preflight('https://evil.example', 'PUT')).allowed).toBe(false);
    expect(policy.decide(actual('https://evil.example')).allowed).toBe(false);
  });

  it('truncate and quote hostile values in refusals', () => {
    const { policy, refusals } = makePolicy();
    const hostile = `https://evil.example\r\nX-Injected: 1${'a'.repeat(1000)}`;
    policy.decide(preflight(hostile, 'PUT'));
    const [refusal] = refusals;
    expect(refusal?.origin.length).toBe(256);
    expect(refusal?.message).not.toMatch(/[\r\n]/);
  });
});

describe('debug mode', () => {
  it('answers a refused preflight with the partial headers and a 2xx, so the browser names the cause', () => {
    const { policy, refusals } = makePolicy({ debug: true });
    const method = policy.decide(preflight('https://app.example.com', 'PROPFIND'));
    expect(method).toMatchObject({ kind: 'preflight', allowed: false, status: 204 });
    expect(method.headers).toEqual([
      ['access-control-allow-origin', 'https://app.example.com'],
      ['access-control-allow-credentials', 'true'],
      ['access-control-allow-methods', 'PUT, DELETE, PATCH'],
      ['access-control-allow-headers', 'content-type, authorization, x-request-id'],
    ]);
    expect(refusalOf(method)?.code).toBe('method-not-allowed');
    const header = policy.decide(preflight('https://app.example.com', 'PUT', 'x-secret'));
    expect(headerOf(header, 'access-control-allow-headers')).not.toContain('x-secret');
    expect(headerOf(header, 'access-control-max-age')).toBeUndefined();
    // A refused origin never gets an ACAO, even in debug mode.
    const origin = policy.decide(preflight('https://evil.example', 'PUT'));
    expect(origin).toMatchObject({ status: 204, allowed: false, headers: [] });
    expect(refusals).toHaveLength(3);
  });

  it('is switched at run time with setDebug', () => {
    const { policy } = makePolicy();
    const refused = () => policy.decide(preflight('https://app.example.com', 'PROPFIND'));
    expect(refused()).toMatchObject({ status: 403, headers: [] });
    policy.setDebug(true);
    expect(refused()).toMatchObject({ status: 204 });
    expect(refused().headers.length).toBeGreaterThan(0);
    policy.setDebug(false);
    expect(refused()).toMatchObject({ status: 403, headers: [] });
  });

  it('does not change allowed decisions', () => {
    const normal = makePolicy().policy.decide(preflight('https://app.example.com', 'PUT'));
    const debug = makePolicy({ debug: true }).policy.decide(
      preflight('https://app.example.com', 'PUT'),
    );
    expect(debug).toEqual(normal);
  });
});

describe('what is a preflight', () => {
  const { policy } = makePolicy();

  it('is OPTIONS with Origin and Access-Control-Request-Method; other OPTIONS go to the app', () => {
    const plain = policy.decide(request('OPTIONS', { origin: 'https://app.example.com' }));
    expect(plain.kind).toBe('actual');
    expect(plain.allowed).toBe(true);
    const noOrigin = policy.decide(request('OPTIONS', { 'access-control-request-method': 'PUT' }));
    expect(noOrigin.kind).toBe('not-cors');
    const notOptions = policy.decide(
      request('PUT', { origin: 'https://app.example.com', 'access-control-request-method': 'PUT' }),
    );
    expect(notOptions.kind).toBe('actual');
  });
});
