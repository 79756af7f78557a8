import { describe, expect, it } from 'vitest';
import { type CorsRefusal, createCorsPolicy } from '../../src/cors/index.js';
import { MAX_REMEMBERED_ORIGINS } from '../../src/cors/policy-state.js';
import { actual, headerOf, preflight } from './request.js';

// Refused origins are remembered (src/cors/match-origin.ts): answers must not change.
describe('refused origins, remembered', () => {
  const config = {
    origins: ['https://app.example.com', 'https://*.tenants.example.com'],
    credentials: true,
    methods: ['PUT'],
  };
  const EVIL = 'https://evil.example';

  it('are refused the same way every time, and reported every time', () => {
    const seen: CorsRefusal[] = [];
    const policy = createCorsPolicy({ ...config, onRefusal: (why) => seen.push(why) });
    for (let round = 0; round < 3; round++) {
      const get = policy.decide(actual(EVIL));
      expect(get).toMatchObject({ kind: 'actual', allowed: false, headers: [] });
      const put = policy.decide(preflight(EVIL, 'PUT'));
      expect(put).toMatchObject({ kind: 'preflight', allowed: false, status: 403, headers: [] });
      expect(policy.isOriginAllowed(EVIL)).toBe(false);
    }
    expect(seen).toHaveLength(6);
    expect(seen.map((why) => [why.code, why.preflight, why.message])).toEqual(
      Array.from({ length: 3 }, () => [
        ['origin-not-allowed', false, `Origin "${EVIL}" is not in the allowlist`],
        ['origin-not-allowed', true, `Origin "${EVIL}" is not in the allowlist`],
      ]).flat(),
    );
  });

  it('answer in debug mode with the debug status, and again 403 when it is off', () => {
    const policy = createCorsPolicy(config);
    expect(policy.decide(preflight(EVIL, 'PUT'))).toMatchObject({ status: 403 });
    policy.setDebug(true);
    expect(policy.decide(preflight(EVIL, 'PUT'))).toMatchObject({ status: 204, headers: [] });
    policy.setDebug(false);
    expect(policy.decide(preflight(EVIL, 'PUT'))).toMatchObject({ status: 403 });
  });

  it('are allowed once a reconfiguration lists them', () => {
    const policy = createCorsPolicy(config);
    expect(policy.decide(actual(EVIL)).allowed).toBe(false);
    policy.reconfigure({ ...config, origins: [...config.origins, EVIL] });
    expect(headerOf(policy.decide(actual(EVIL)), 'access-control-allow-origin')).toBe(EVIL);
  });

  it('are never remembered when an allowOrigin predicate could change its answer', () => {
    let open = false;
    const policy = createCorsPolicy({ ...config, allowOrigin: () => open });
    expect(policy.decide(actual(EVIL)).allowed).toBe(false);
    open = true;
    expect(policy.decide(actual(EVIL)).allowed).toBe(true);
  });

  it('beyond the bound, are still refused, and allowed origins still allowed', () => {
    const policy = createCorsPolicy(config);
    for (let i = 0; i < MAX_REMEMBERED_ORIGINS + 50; i++) {
      expect(policy.decide(actual(`https://evil${i}.example`)).allowed).toBe(false);
    }
    expect(policy.decide(actual('https://evil3.example')).allowed).toBe(false);
    expect(policy.decide(actual('https://app.example.com')).allowed).toBe(true);
    expect(policy.decide(actual('https://a.tenants.example.com')).allowed).toBe(true);
  });
});
