import { describe, expect, it } from 'vitest';
import { createCorsPolicy } from '../../src/cors/index.js';
import { actual, headerOf } from './request.js';

const policy = createCorsPolicy({
  origins: [
    'https://app.example.com',
    'HTTPS://Admin.Example.ORG:443',
    'http://localhost:8080',
    'https://*.example.com',
    'https://*.tenants.example.net:8443',
    'https://bücher.example',
    'https://*.dotted.example.',
  ],
  credentials: true,
});

function allowed(origin: string): boolean {
  const decision = policy.decide(actual(origin));
  const acao = headerOf(decision, 'access-control-allow-origin');
  // Whatever the verdict, the two views agree and ACAO is the exact origin or absent.
  expect(policy.isOriginAllowed(origin)).toBe(decision.allowed);
  expect(acao).toBe(decision.allowed ? origin : undefined);
  return decision.allowed;
}

describe('exact origins', () => {
  it('match the serialised origin a browser sends', () => {
    expect(allowed('https://app.example.com')).toBe(true);
    expect(allowed('http://localhost:8080')).toBe(true);
  });

  it('are normalised at construction (case, default port)', () => {
    expect(allowed('https://admin.example.org')).toBe(true);
  });

  it('match IDN through punycode, as browsers send it', () => {
    expect(allowed('https://xn--bcher-kva.example')).toBe(true);
    // A browser never sends the Unicode form: it is not a serialised origin.
    expect(allowed('https://bücher.example')).toBe(false);
  });

  it('distinguish ports and schemes', () => {
    expect(allowed('http://localhost:8081')).toBe(false);
    expect(allowed('http://localhost')).toBe(false);
    expect(allowed('https://localhost:8080')).toBe(false);
    expect(allowed('http://admin.example.org')).toBe(false);
    expect(allowed('https://admin.example.org:8443')).toBe(false);
  });

  it('refuse spellings no browser sends (upper case, default port, slash, spaces)', () => {
    expect(allowed('https://ADMIN.example.org')).toBe(false);
    expect(allowed('https://admin.example.org:443')).toBe(false);
    expect(allowed('https://admin.example.org/')).toBe(false);
    expect(allowed(' https://admin.example.org')).toBe(false);
    expect(allowed('https://admin.example.org, https://admin.example.org')).toBe(false);
  });

  it('treat a trailing dot as a different origin, as browsers do', () => {
    expect(allowed('https://app.example.com.')).toBe(false);
    expect(allowed('http://localhost.:8080')).toBe(false);
  });
});

describe('subdomain patterns', () => {
  it('match subdomains at any depth', () => {
    expect(allowed('https://a.example.com')).toBe(true);
    expect(allowed('https://a.b.example.com')).toBe(true);
    expect(allowed('https://a.b.c.d.e.example.com')).toBe(true);
    expect(allowed('https://xn--bcher-kva.example.com')).toBe(true);
    expect(allowed('https://under_score.example.com')).toBe(true);
  });

  it('never match the apex', () => {
    expect(allowed('https://example.com')).toBe(false);
    expect(allowed('https://tenants.example.net:8443')).toBe(false);
  });

  it('keep scheme and port', () => {
    expect(allowed('http://a.example.com')).toBe(false);
    expect(allowed('https://a.example.com:8443')).toBe(false);
    expect(allowed('https://t1.tenants.example.net:8443')).toBe(true);
    expect(allowed('https://x.t1.tenants.example.net:8443')).toBe(true);
    expect(allowed('https://t1.tenants.example.net')).toBe(false);
    expect(allowed('https://t1.tenants.example.net:8444')).toBe(false);
  });

  it('refuse look-alike hosts', () => {
    expect(allowed('https://app.example.com.evil.com')).toBe(false);
    expect(allowed('https://evilexample.com')).toBe(false);
    expect(allowed('https://example.com.evil')).toBe(false);
    expect(allowed('https://a.evilexample.com')).toBe(false);
    expect(allowed('https://a.example.co')).toBe(false);
    expect(allowed('https://a.example.com.')).toBe(false);
    expect(allowed('https://a.example.comm')).toBe(false);
    expect(allowed('https://.example.com')).toBe(false);
    expect(allowed('https://a..example.com')).toBe(false);
    expect(allowed('https://A.example.com')).toBe(false);
  });

  it('keep a trailing-dot pattern apart from the undotted name', () => {
    expect(allowed('https://a.dotted.example.')).toBe(true);
    expect(allowed('https://a.dotted.example')).toBe(false);
    expect(allowed('https://dotted.example.')).toBe(false);
  });
});

describe('the null origin', () => {
  it('is refused with its own explanation', () => {
    const decision = policy.decide(actual('null'));
    expect(decision.allowed).toBe(false);
    expect(decision.kind === 'actual' && decision.refusal?.code).toBe('origin-not-allowed');
    expect(decision.kind === 'actual' && decision.refusal?.message).toContain('never allowed');
    expect(policy.isOriginAllowed('null')).toBe(false);
  });

  it('never reaches the allowOrigin predicate', () => {
    const seen: string[] = [];
    const dynamic = createCorsPolicy({
      origins: [],
      credentials: true,
      allowOrigin: (origin) => {
        seen.push(origin);
        return true;
      },
    });
    expect(dynamic.decide(actual('null')).allowed).toBe(false);
    expect(seen).toEqual([]);
  });
});

describe('the allowOrigin predicate', () => {
  it('is consulted last, with the serialised origin, and a throw means no', () => {
    const seen: string[] = [];
    const dynamic = createCorsPolicy({
      origins: ['https://listed.example'],
      credentials: true,
      allowOrigin: (origin) => {
        seen.push(origin);
        if (origin === 'https://boom.example') throw new Error('database down');
        return origin.endsWith('.tenant.example');
      },
    });
    expect(dynamic.decide(actual('https://listed.example')).allowed).toBe(true);
    expect(dynamic.decide(actual('https://a.tenant.example')).allowed).toBe(true);
    expect(dynamic.decide(actual('https://boom.example')).allowed).toBe(false);
    expect(dynamic.decide(actual('https://other.example')).allowed).toBe(false);
    expect(seen).toEqual([
      'https://a.tenant.example',
      'https://boom.example',
      'https://other.example',
    ]);
  });

  it('only counts a literal true', () => {
    const truthy = createCorsPolicy({
      origins: [],
      credentials: false,
      allowOrigin: () => 1 as unknown as boolean,
    });
    expect(truthy.decide(actual('https://a.example')).allowed).toBe(false);
  });

  it('is not consulted for malformed or non-canonical origins', () => {
    const seen: string[] = [];
    const dynamic = createCorsPolicy({
      origins: [],
      credentials: false,
      allowOrigin: (origin) => {
        seen.push(origin);
        return true;
      },
    });
    for (const origin of ['https://A.example', 'http://127.1', 'https://a.example/', 'garbage']) {
      expect(dynamic.decide(actual(origin)).allowed).toBe(false);
    }
    expect(seen).toEqual([]);
  });
});

describe('the uncredentialed wildcard', () => {
  const open = createCorsPolicy({ origins: ['*'], credentials: false, exposedHeaders: ['x-id'] });

  it('answers every origin with a literal *, and no credentials header', () => {
    for (const origin of ['https://a.example', 'null', 'http://evil.example:81']) {
      const decision = open.decide(actual(origin));
      expect(decision.allowed).toBe(true);
      expect(headerOf(decision, 'access-control-allow-origin')).toBe('*');
      expect(headerOf(decision, 'access-control-allow-credentials')).toBeUndefined();
      expect(headerOf(decision, 'access-control-expose-headers')).toBe('x-id');
    }
  });
});
