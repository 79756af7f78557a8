import { describe, expect, it } from 'vitest';
import { type CorsRefusal, createCorsPolicy, NOT_CORS, VARY_ACTUAL } from '../../src/cors/index.js';
import { actual, request } from './request.js';

function makePolicy() {
  const refusals: CorsRefusal[] = [];
  const policy = createCorsPolicy({
    origins: ['https://app.example.com', 'https://*.example.com'],
    credentials: true,
    exposedHeaders: ['X-Request-Id', 'x-trace'],
    onRefusal: (refusal) => refusals.push(refusal),
  });
  return { policy, refusals };
}

describe('actual requests', () => {
  it('from an allowed origin get exact ACAO, ACAC and the exposed headers', () => {
    const { policy } = makePolicy();
    for (const method of ['GET', 'POST', 'DELETE', 'OPTIONS']) {
      expect(policy.decide(actual('https://app.example.com', method))).toEqual({
        kind: 'actual',
        allowed: true,
        headers: [
          ['access-control-allow-origin', 'https://app.example.com'],
          ['access-control-allow-credentials', 'true'],
          ['access-control-expose-headers', 'x-request-id, x-trace'],
        ],
        vary: VARY_ACTUAL,
      });
    }
  });

  it('from a disallowed origin get no CORS headers, still reach the app, and are reported', () => {
    const { policy, refusals } = makePolicy();
    const decision = policy.decide(actual('https://evil.example', 'POST'));
    expect(decision).toMatchObject({
      kind: 'actual',
      allowed: false,
      headers: [],
      vary: ['Origin'],
    });
    expect(refusals).toEqual([
      {
        code: 'origin-not-allowed',
        message: 'Origin "https://evil.example" is not in the allowlist',
        origin: 'https://evil.example',
        preflight: false,
      },
    ]);
  });

  it('without Origin are not CORS, still vary on Origin, and are not reported', () => {
    const { policy, refusals } = makePolicy();
    const decision = policy.decide(actual(undefined));
    expect(decision).toBe(NOT_CORS);
    expect(decision).toEqual({ kind: 'not-cors', allowed: false, headers: [], vary: ['Origin'] });
    expect(refusals).toEqual([]);
  });

  it('without credentials omit ACAC and without exposed headers omit ACEH', () => {
    const policy = createCorsPolicy({ origins: ['https://a.example'], credentials: false });
    expect(policy.decide(actual('https://a.example')).headers).toEqual([
      ['access-control-allow-origin', 'https://a.example'],
    ]);
  });

  it('never throw, whatever the headers hold', () => {
    const { policy } = makePolicy();
    const values: unknown[] = [
      '',
      ' ',
      'https://app.example.com, https://app.example.com',
      'https://app.example.com\u0000',
      'https://äpp.example.com',
      '\ud800',
      'x'.repeat(100_000),
      42,
      null,
      ['https://app.example.com'],
    ];
    for (const value of values) {
      const headers = {
        origin: value,
        'access-control-request-method': value,
        'access-control-request-headers': value,
      };
      for (const method of ['GET', 'OPTIONS', '', 'options']) {
        const req = request(method, headers as Record<string, string>);
        expect(() => policy.decide(req)).not.toThrow();
      }
      expect(() => policy.isOriginAllowed(value as string)).not.toThrow();
    }
  });
});
