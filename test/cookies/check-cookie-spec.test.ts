/** One test per validation rule, with its source; codes are catalogued in docs/cookies.md. */
import { describe, expect, it } from 'vitest';
import { checkCookieSpec } from '../../src/cookies/check-cookie-spec.js';
import type { CookieSpec } from '../../src/cookies/types.js';

const API = { apiHost: 'api.example.com' };
const SAFE: CookieSpec = {
  name: '__Host-session',
  secure: true,
  httpOnly: true,
  sameSite: 'Lax',
  path: '/',
  maxAge: 900,
};

function codes(spec: CookieSpec, context: Parameters<typeof checkCookieSpec>[1] = API) {
  return checkCookieSpec(spec, context).problems.map((p) => `${p.severity}:${p.code}`);
}

describe('checkCookieSpec: a safe spec', () => {
  it('has no problem and normalises nothing away', () => {
    const check = checkCookieSpec(SAFE, API);
    expect(check.problems).toEqual([]);
    expect(check.attributes).toEqual({
      path: '/',
      secure: true,
      httpOnly: true,
      partitioned: false,
      sameSite: 'Lax',
      maxAge: 900,
    });
  });

  it('defaults Path to "/" (else the default-path of §5.1.4 depends on the request URL)', () => {
    expect(checkCookieSpec({ name: 'a', sameSite: 'Lax' }, API).attributes.path).toBe('/');
  });
});

describe('checkCookieSpec: name (RFC 6265bis §4.1.1: cookie-name = token)', () => {
  it('rejects an empty name (nameless cookies can be forged, §5.6 step 3)', () => {
    expect(codes({ ...SAFE, name: '' })).toEqual(['error:cookie/name-empty']);
  });

  it('rejects separators, spaces, controls and non-ASCII', () => {
    for (const name of ['a b', 'a;b', 'a=b', 'a,b', 'a"b', 'a\tb', 'ä', 'a/b', 'a(b', 'a@b']) {
      expect(codes({ ...SAFE, name: `__Host-${name}` }), name).toEqual([
        'error:cookie/name-invalid',
      ]);
    }
  });

  it("accepts every tchar (RFC 9110 §5.6.2): ! # $ % & ' * + - . ^ _ ` | ~ and alphanumerics", () => {
    expect(codes({ ...SAFE, name: "__Host-!#$%&'*+-.^_`|~aZ09" })).toEqual([]);
  });

  it('rejects a name that leaves no room for a value within 4096 octets (§5.6 step 5)', () => {
    expect(codes({ ...SAFE, name: `__Host-${'n'.repeat(4089)}` })).toEqual([
      'error:cookie/name-too-long',
    ]);
  });
});

describe('checkCookieSpec: prefixes (RFC 6265bis §4.1.3, §5.7)', () => {
  it('__Host- requires Secure, no Domain and Path=/', () => {
    expect(codes({ ...SAFE, secure: false, domain: 'example.com', path: '/api' })).toEqual([
      'error:cookie/prefix-requires-secure',
      'error:cookie/host-prefix-with-domain',
      'error:cookie/host-prefix-path',
    ]);
  });

  it('__Secure- requires Secure only', () => {
    const spec = { ...SAFE, name: '__Secure-session', domain: 'example.com', path: '/api' };
    expect(codes(spec)).toEqual([]);
    expect(codes({ ...spec, secure: false })).toEqual(['error:cookie/prefix-requires-secure']);
  });

  it('__Http- requires Secure and HttpOnly; __Host-Http- also the __Host- conditions', () => {
    expect(codes({ ...SAFE, name: '__Http-s', httpOnly: false })).toEqual([
      'error:cookie/http-prefix-requires-httponly',
    ]);
    expect(codes({ ...SAFE, name: '__Host-Http-s', httpOnly: false, path: '/x' })).toEqual([
      'error:cookie/host-prefix-path',
      'error:cookie/http-prefix-requires-httponly',
    ]);
  });

  it('detects prefixes case-insensitively and warns about the spelling', () => {
    expect(codes({ ...SAFE, name: '__HOST-session', secure: false })).toEqual([
      'warning:cookie/prefix-case',
      'error:cookie/prefix-requires-secure',
    ]);
    expect(codes({ ...SAFE, name: '__secure-s' })).toEqual(['warning:cookie/prefix-case']);
  });

  it('the fix for __Host- with Domain names the __Secure- spelling of the cookie', () => {
    const problem = checkCookieSpec({ ...SAFE, domain: 'example.com' }, API).problems[0];
    expect(problem?.fix).toContain('`__Secure-session`');
  });
});

describe('checkCookieSpec: SameSite, Partitioned (RFC 6265bis §5.7; CHIPS)', () => {
  it('SameSite=None requires Secure', () => {
    const spec = { name: 'sid', sameSite: 'None' as const };
    expect(codes(spec)).toEqual(['error:cookie/samesite-none-insecure']);
    expect(codes({ ...spec, secure: true })).toEqual([]);
  });

  it('Partitioned requires Secure, and __Host- is recommended when host-only', () => {
    expect(codes({ name: 'sid', sameSite: 'None', secure: true, partitioned: true })).toEqual([
      'warning:cookie/partitioned-without-host-prefix',
    ]);
    expect(codes({ ...SAFE, sameSite: 'None', partitioned: true, secure: false })).toEqual([
      'error:cookie/prefix-requires-secure',
      'error:cookie/samesite-none-insecure',
      'error:cookie/partitioned-insecure',
    ]);
    expect(codes({ ...SAFE, sameSite: 'None', partitioned: true })).toEqual([]);
    const shared = { name: 's', sameSite: 'None' as const, secure: true, partitioned: true };
    expect(codes({ ...shared, domain: 'example.com' })).toEqual([]);
  });

  it('warns when SameSite is unset (Chrome: Lax; Firefox, Safari: None) and rejects unknown values', () => {
    const { sameSite: _, ...unset } = SAFE;
    expect(codes(unset)).toEqual(['warning:cookie/samesite-unset']);
    expect(codes({ ...SAFE, sameSite: 'lax' as 'Lax' })).toEqual(['error:cookie/samesite-invalid']);
  });
});

describe('checkCookieSpec: Domain (RFC 6265bis §5.1.3, §5.7; Public Suffix List)', () => {
  const shared = (domain: string, apiHost = 'api.example.com') =>
    codes({ name: '__Secure-s', secure: true, sameSite: 'Lax', domain }, { apiHost });

  it('accepts a parent of the API host, or the host itself, canonicalised', () => {
    expect(shared('example.com')).toEqual([]);
    expect(shared('API.Example.COM')).toEqual([]);
    expect(
      checkCookieSpec({ name: 'a', sameSite: 'Lax', domain: 'Example.com' }, API).attributes.domain,
    ).toBe('example.com');
  });

  it('rejects a Domain the API host does not domain-match', () => {
    expect(shared('other.com')).toEqual(['error:cookie/domain-mismatch']);
    expect(shared('xample.com')).toEqual(['error:cookie/domain-mismatch']);
    expect(shared('www.api.example.com')).toEqual(['error:cookie/domain-mismatch']);
  });

  it('rejects public suffixes, ICANN and private (github.io, vercel.app), and localhost', () => {
    expect(shared('com')).toEqual(['error:cookie/domain-public-suffix']);
    expect(shared('co.uk', 'api.example.co.uk')).toEqual(['error:cookie/domain-public-suffix']);
    expect(shared('github.io', 'a.github.io')).toEqual(['error:cookie/domain-public-suffix']);
    expect(shared('vercel.app', 'my-app.vercel.app')).toEqual([
      'error:cookie/domain-public-suffix',
    ]);
    expect(shared('localhost', 'localhost')).toEqual(['error:cookie/domain-public-suffix']);
    expect(shared('a.github.io', 'api.a.github.io')).toEqual([]);
  });

  it('rejects any Domain on an IP address', () => {
    expect(shared('127.0.0.1', '127.0.0.1')).toEqual(['error:cookie/domain-ip']);
    expect(shared('::1', '[::1]')).toEqual(['error:cookie/domain-ip']);
    expect(shared('example.com', '127.0.0.1')).toEqual(['error:cookie/domain-mismatch']);
  });

  it('rejects malformed Domains, suggesting the A-label for IDNs', () => {
    expect(shared('')).toEqual(['error:cookie/domain-invalid']);
    expect(shared('example.com.')).toEqual(['error:cookie/domain-invalid']);
    expect(shared('exa mple.com')).toEqual(['error:cookie/domain-invalid']);
    expect(shared('example.com;x')).toEqual(['error:cookie/domain-invalid']);
    expect(shared('*.example.com')).toEqual(['error:cookie/domain-invalid']);
    const idn = checkCookieSpec(
      { name: 'a', sameSite: 'Lax', domain: 'bücher.example' },
      { apiHost: 'api.xn--bcher-kva.example' },
    ).problems[0];
    expect(idn?.code).toBe('cookie/domain-invalid');
    expect(idn?.fix).toContain("'xn--bcher-kva.example'");
  });

  it('warns about a leading dot and drops it (§5.6.3)', () => {
    const check = checkCookieSpec({ name: 'a', sameSite: 'Lax', domain: '.example.com' }, API);
    expect(check.problems.map((p) => p.code)).toEqual(['cookie/domain-leading-dot']);
    expect(check.attributes.domain).toBe('example.com');
  });

  it('reports an API host that is not a host', () => {
    expect(codes({ ...SAFE }, { apiHost: 'https://api.example.com/path' })).toEqual([
      'error:cookie/api-host-invalid',
    ]);
    expect(codes({ ...SAFE }, { apiHost: 'api.example.com:8443' })).toEqual([]);
  });
});

describe('checkCookieSpec: Path (RFC 6265bis §4.1.1 av-octet, §5.1.4, §5.6.4)', () => {
  it('requires a leading "/", no ";" or CTL, the normalised form; at most 1024 octets', () => {
    const path = (p: string) => codes({ name: 'a', sameSite: 'Lax', path: p });
    expect(path('/auth/refresh')).toEqual([]);
    expect(path('auth')).toEqual(['error:cookie/path-invalid']);
    expect(path('')).toEqual(['error:cookie/path-invalid']);
    expect(path('/a;b')).toEqual(['error:cookie/path-invalid']);
    expect(path('/a\nb')).toEqual(['error:cookie/path-invalid']);
    expect(path('/café')).toEqual(['error:cookie/path-invalid']);
    // Request paths arrive normalised (WHATWG URL): such a Path would never match.
    for (const never of ['/a ', '/a b', '/a/../b', '/a/./b', '/a?b', '/a#b', '/{x}', '/a\\b']) {
      expect(path(never), never).toEqual(['error:cookie/path-invalid']);
    }
    expect(path('/caf%C3%A9|x^y')).toEqual([]);
    const fix = checkCookieSpec({ name: 'a', sameSite: 'Lax', path: '/café' }, API).problems[0]
      ?.fix;
    expect(fix).toBe("write `path: '/caf%C3%A9'`.");
    expect(path(`/${'p'.repeat(1023)}`)).toEqual([]);
    expect(path(`/${'p'.repeat(1024)}`)).toEqual(['error:cookie/path-too-long']);
  });
});

describe('checkCookieSpec: lifetime (RFC 6265bis §5.5: 400 days at most)', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const life = (spec: Partial<CookieSpec>) =>
    codes({ name: 'a', sameSite: 'Lax', ...spec }, { ...API, now });

  it('Max-Age: a positive integer of at most 34560000 seconds', () => {
    expect(life({ maxAge: 34_560_000 })).toEqual([]);
    expect(life({ maxAge: 34_560_001 })).toEqual(['error:cookie/max-age-too-long']);
    for (const maxAge of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(life({ maxAge }), String(maxAge)).toEqual(['error:cookie/max-age-invalid']);
    }
  });

  it('Expires: a valid date within 400 days; a past one is useless', () => {
    const day = 86_400_000;
    expect(life({ expires: new Date(now.getTime() + 400 * day) })).toEqual([]);
    expect(life({ expires: new Date(now.getTime() + 400 * day + 1000) })).toEqual([
      'error:cookie/expires-too-far',
    ]);
    expect(life({ expires: new Date(Number.NaN) })).toEqual(['error:cookie/expires-invalid']);
    expect(life({ expires: new Date(now.getTime() - 1) })).toEqual([
      'warning:cookie/expires-in-past',
    ]);
  });

  it('warns when both are set: Max-Age wins (§4.1.2.2)', () => {
    expect(life({ maxAge: 60, expires: new Date(now.getTime() + 60_000) })).toEqual([
      'warning:cookie/max-age-and-expires',
    ]);
  });
});

describe('checkCookieSpec: reporting', () => {
  it('reports every problem at once, each naming the field, the value, why and the fix', () => {
    const check = checkCookieSpec(
      {
        name: '__Host-a b',
        domain: 'github.io',
        path: 'x',
        sameSite: 'None',
        partitioned: true,
        maxAge: 0,
        secure: 'yes' as unknown as boolean,
      },
      { apiHost: 'app.github.io', field: 'session.cookies.access' },
    );
    expect(check.problems.map((p) => p.code)).toEqual([
      'cookie/name-invalid',
      'cookie/path-invalid',
      'cookie/attribute-type',
      'cookie/max-age-invalid',
      'cookie/domain-public-suffix',
      'cookie/prefix-requires-secure',
      'cookie/samesite-none-insecure',
      'cookie/partitioned-insecure',
    ]);
    for (const problem of check.problems) {
      expect(problem.field.startsWith('session.cookies.access.')).toBe(true);
      expect(problem.message.length).toBeGreaterThan(20);
      expect(problem.fix.length).toBeGreaterThan(5);
    }
    expect(check.problems.find((p) => p.code === 'cookie/partitioned-insecure')?.fix).toContain(
      'secure: true',
    );
  });
});
