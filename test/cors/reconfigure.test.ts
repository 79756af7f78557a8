import { describe, expect, it } from 'vitest';
import { CORS_PROBLEM, createCorsPolicy } from '../../src/cors/index.js';
import { ConfigError } from '../../src/internal/problems.js';
import { actual, preflight } from './request.js';

describe('reconfigure', () => {
  it('swaps the whole policy in', () => {
    const policy = createCorsPolicy({ origins: ['https://a.example'], credentials: true });
    expect(policy.decide(actual('https://a.example')).allowed).toBe(true);
    policy.reconfigure({
      origins: ['https://b.example'],
      credentials: true,
      methods: ['PUT'],
      maxAge: 9000,
    });
    expect(policy.decide(actual('https://a.example')).allowed).toBe(false);
    expect(policy.decide(actual('https://b.example')).allowed).toBe(true);
    expect(policy.decide(preflight('https://b.example', 'PUT')).allowed).toBe(true);
    expect(policy.warnings.map((p) => p.code)).toEqual([CORS_PROBLEM.maxAgeCapped]);
  });

  it('throws on an invalid config and leaves the running policy untouched', () => {
    const policy = createCorsPolicy({
      origins: ['https://a.example'],
      credentials: true,
      methods: ['PUT'],
      maxAge: 9000,
    });
    const before = policy.decide(preflight('https://a.example', 'PUT'));
    const warnings = policy.warnings;
    expect(() =>
      policy.reconfigure({ origins: ['https://b.example', '*'], credentials: true }),
    ).toThrow(ConfigError);
    // Neither the valid part (b.example) nor anything else was applied.
    expect(policy.decide(actual('https://b.example')).allowed).toBe(false);
    expect(policy.decide(preflight('https://a.example', 'PUT'))).toBe(before);
    expect(policy.warnings).toBe(warnings);
  });

  it('drops memoised decisions of the previous config', () => {
    const policy = createCorsPolicy({ origins: ['https://a.example'], credentials: true });
    policy.decide(actual('https://a.example'));
    policy.reconfigure({ origins: ['https://a.example'], credentials: false });
    expect(policy.decide(actual('https://a.example')).headers).toEqual([
      ['access-control-allow-origin', 'https://a.example'],
    ]);
  });

  it('forgets request-header lists the previous config allowed', () => {
    const policy = createCorsPolicy({
      origins: ['https://a.example'],
      credentials: true,
      allowedHeaders: ['x-a', 'x-b'],
    });
    expect(policy.decide(preflight('https://a.example', 'GET', 'x-a,x-b')).allowed).toBe(true);
    policy.reconfigure({
      origins: ['https://a.example'],
      credentials: true,
      allowedHeaders: ['x-a'],
    });
    expect(policy.decide(preflight('https://a.example', 'GET', 'x-a,x-b')).allowed).toBe(false);
  });

  it('sets debug only when the new config states it', () => {
    const policy = createCorsPolicy({ origins: ['https://a.example'], credentials: true });
    const refused = () => policy.decide(preflight('https://a.example', 'PROPFIND'));
    policy.setDebug(true);
    policy.reconfigure({ origins: ['https://a.example'], credentials: true });
    expect(refused()).toMatchObject({ status: 204 });
    policy.reconfigure({ origins: ['https://a.example'], credentials: true, debug: false });
    expect(refused()).toMatchObject({ status: 403 });
  });
});
