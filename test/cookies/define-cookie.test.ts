import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineCookie } from '../../src/cookies/define-cookie.js';
import { parseSetCookie } from '../../src/cookies/parse-set-cookie.js';
import { decodeCookieValue, encodeCookieValue } from '../../src/cookies/value-encoding.js';
import { ConfigError } from '../../src/internal/problems.js';

const API = { apiHost: 'api.example.com' };
const session = defineCookie(
  { name: '__Host-session', secure: true, httpOnly: true, sameSite: 'Lax', maxAge: 900 },
  API,
);
const JWT =
  'eyJhbGciOiJFZERTQSIsImtpZCI6IjEifQ.eyJzdWIiOiJ1MSIsImV4cCI6MTcwMDAwMDAwMH0.c2lnbmF0dXJlLWJ5dGVz_-';

describe('defineCookie: construction', () => {
  it('throws a ConfigError with every error; keeps warnings on the definition', () => {
    let thrown: unknown;
    try {
      defineCookie({ name: '__Host-x', sameSite: 'None', path: '/a' }, API);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const { problems } = thrown as ConfigError;
    expect(problems.map((p) => p.code)).toEqual([
      'cookie/prefix-requires-secure',
      'cookie/host-prefix-path',
      'cookie/samesite-none-insecure',
    ]);
    expect((thrown as Error).message).toContain('add `secure: true`');
    const lax = defineCookie({ name: 'pref', domain: '.example.com', sameSite: 'Lax' }, API);
    expect(lax.warnings.map((w) => w.code)).toEqual(['cookie/domain-leading-dot']);
  });
});

describe('defineCookie: serialize', () => {
  it('emits name=value and the pre-joined attributes; a JWT passes unencoded', () => {
    expect(session.serialize(JWT)).toEqual({
      ok: true,
      header: `__Host-session=${JWT}; Max-Age=900; Path=/; Secure; HttpOnly; SameSite=Lax`,
    });
  });

  it('emits every attribute it was given, Expires as an IMF-fixdate', () => {
    const expires = new Date(Date.now() + 86_400_000);
    expires.setUTCMilliseconds(0);
    const shared = defineCookie(
      {
        name: '__Secure-pref',
        domain: 'Example.com',
        path: '/app',
        secure: true,
        sameSite: 'None',
        partitioned: true,
        expires,
      },
      API,
    );
    expect(shared.serialize('1')).toEqual({
      ok: true,
      header: `__Secure-pref=1; Expires=${expires.toUTCString()}; Domain=example.com; Path=/app; Secure; SameSite=None; Partitioned`,
    });
  });

  it('percent-encodes what is not a cookie-octet, and "%", as UTF-8', () => {
    const result = session.serialize('a b;c,d"e\\f%g€😀');
    expect(result.ok && result.header.split(';')[0]).toBe(
      '__Host-session=a%20b%3Bc%2Cd%22e%5Cf%25g%E2%82%AC%F0%9F%98%80',
    );
  });

  it('fails (never throws) when name + encoded value exceed 4096 octets (§5.6 step 5)', () => {
    const budget = 4096 - '__Host-session'.length;
    expect(session.serialize('v'.repeat(budget)).ok).toBe(true);
    const tooLarge = session.serialize('v'.repeat(budget + 1));
    expect(tooLarge).toMatchObject({ ok: false, code: 'cookie/too-large' });
    // Encoding counts: 500 "€" are 500 × 9 = 4500 octets once percent-encoded.
    expect(session.serialize('€'.repeat(500)).ok).toBe(false);
  });

  it('fails for a lone surrogate instead of altering the value', () => {
    expect(session.serialize('a\ud800b')).toMatchObject({
      ok: false,
      code: 'cookie/value-unencodable',
    });
  });

  it('overrides replace the lifetime as a whole, validated per call', () => {
    const header = (r: ReturnType<typeof session.serialize>) => (r.ok ? r.header : r.code);
    expect(header(session.serialize('v', { maxAge: 60 }))).toBe(
      '__Host-session=v; Max-Age=60; Path=/; Secure; HttpOnly; SameSite=Lax',
    );
    expect(header(session.serialize('v', {}))).toBe(
      '__Host-session=v; Path=/; Secure; HttpOnly; SameSite=Lax',
    );
    expect(header(session.serialize('v', { maxAge: 34_560_001 }))).toBe('cookie/max-age-too-long');
    expect(header(session.serialize('v', { maxAge: 0 }))).toBe('cookie/max-age-invalid');
    expect(header(session.serialize('v', { expires: new Date(0) }))).toBe('cookie/expires-in-past');
    expect(header(session.serialize('v', { expires: new Date(Number.NaN) }))).toBe(
      'cookie/expires-invalid',
    );
  });
});

describe('defineCookie: clear', () => {
  it('deletes with exactly the Domain, Path and flags the cookie was set with', () => {
    const refresh = defineCookie(
      {
        name: '__Secure-refresh',
        domain: 'example.com',
        path: '/auth/refresh',
        secure: true,
        httpOnly: true,
        sameSite: 'None',
        partitioned: true,
        maxAge: 2_592_000,
      },
      API,
    );
    const cleared = refresh.clear();
    expect(cleared).toBe(
      '__Secure-refresh=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Domain=example.com; Path=/auth/refresh; Secure; HttpOnly; SameSite=None; Partitioned',
    );
    const set = refresh.serialize('token');
    const setParsed = set.ok ? parseSetCookie(set.header) : undefined;
    const clearParsed = parseSetCookie(cleared);
    expect(clearParsed).toMatchObject({
      name: setParsed?.name,
      value: '',
      maxAge: 0,
      domain: setParsed?.domain,
      path: setParsed?.path,
      secure: true,
      httpOnly: true,
      sameSite: 'None',
      partitioned: true,
    });
    expect(clearParsed?.expires?.getTime()).toBe(0);
  });
});

describe('defineCookie: read', () => {
  it('reads its own cookie among others, decoding what serialize encoded', () => {
    const value = 'ünïcode; and "quotes" 100%';
    const set = session.serialize(value);
    const pair = set.ok ? set.header.split('; ')[0] : '';
    expect(session.read(`other=1; ${pair}; last=2`)).toBe(value);
    expect(session.read(`__Host-session=${JWT}`)).toBe(JWT);
  });

  it('returns undefined when absent or when the value cannot come from serialize', () => {
    expect(session.read(undefined)).toBeUndefined();
    expect(session.read('session=1')).toBeUndefined();
    expect(session.read('__Host-session="quoted"')).toBeUndefined();
    expect(session.read('__Host-session=%zz')).toBeUndefined();
    expect(session.read('__Host-session=%C3')).toBeUndefined(); // truncated UTF-8
  });
});

describe('value encoding: properties', () => {
  it('round-trips every well-formed string and emits only cookie-octets', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (value) => {
        const encoded = encodeCookieValue(value);
        expect(encoded).toBeDefined();
        expect(encoded).toMatch(/^[!#-+\--:<-[\]-~]*$/);
        expect(decodeCookieValue(encoded ?? '')).toBe(value);
      }),
    );
  });

  it('leaves cookie-octet strings without "%" unchanged (JWT, base64, hex)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[!#$&-+\--:<-[\]-~]*$/), (value) => {
        expect(encodeCookieValue(value)).toBe(value);
      }),
    );
  });

  it('decoding never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (raw) => {
        decodeCookieValue(raw);
      }),
    );
  });
});
