import { describe, expect, it } from 'vitest';
import { createCorsPolicy } from '../../src/cors/index.js';
import { MAX_REMEMBERED_ORIGINS } from '../../src/cors/policy-state.js';
import { actual, headerOf, preflight } from './request.js';

// Pattern matches are remembered (src/cors/match-origin.ts): answers must not change.
describe('origins matched by a pattern, remembered', () => {
  const config = {
    origins: ['https://*.tenants.example.com', 'https://*.b.example.com:8443'],
    credentials: true,
    methods: ['PUT'],
  };

  it('answer the same on every request, preflight and actual', () => {
    const policy = createCorsPolicy(config);
    for (let round = 0; round < 3; round++) {
      const get = policy.decide(actual('https://a.tenants.example.com'));
      expect(headerOf(get, 'access-control-allow-origin')).toBe('https://a.tenants.example.com');
      const put = policy.decide(preflight('https://x.y.b.example.com:8443', 'PUT'));
      expect(put).toMatchObject({ kind: 'preflight', allowed: true, status: 204 });
      expect(policy.decide(actual('https://b.example.com:8443')).allowed).toBe(false);
      expect(policy.decide(actual('https://a.tenants.example.com.evil')).allowed).toBe(false);
    }
  });

  it('beyond the bound, still allow every matching origin and refuse the rest', () => {
    const policy = createCorsPolicy(config);
    const count = MAX_REMEMBERED_ORIGINS + 50;
    for (let i = 0; i < count; i++) {
      const origin = `https://t${i}.tenants.example.com`;
      expect(headerOf(policy.decide(actual(origin)), 'access-control-allow-origin')).toBe(origin);
    }
    expect(policy.isOriginAllowed(`https://t${count - 1}.tenants.example.com`)).toBe(true);
    expect(policy.isOriginAllowed('https://tenants.example.com')).toBe(false);
  });

  it('never remember what the allowOrigin predicate said', () => {
    let open = true;
    const policy = createCorsPolicy({ ...config, allowOrigin: () => open });
    expect(policy.decide(actual('https://partner.example.org')).allowed).toBe(true);
    open = false;
    expect(policy.decide(actual('https://partner.example.org')).allowed).toBe(false);
  });
});
