import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCookie, parseCookieHeader } from '../../src/cookies/cookie-header.js';

describe('parseCookieHeader (RFC 6265bis §4.2.1, §5.8.3)', () => {
  it('reads the "; "-joined pairs a user agent sends', () => {
    expect([...parseCookieHeader('SID=31d4d96e407aad42; lang=en-US')]).toEqual([
      ['SID', '31d4d96e407aad42'],
      ['lang', 'en-US'],
    ]);
  });

  it('keeps the FIRST of repeated names: user agents send the longest Path first', () => {
    expect(parseCookieHeader('a=specific; a=general').get('a')).toBe('specific');
    expect(getCookie('a=specific; a=general', 'a')).toBe('specific');
  });

  it('is lenient: trims SP/HTAB, skips empty pieces, splits values at the first "=" only', () => {
    const cookies = parseCookieHeader(' ;; a = 1 ;\tb=x=y;c=;; ');
    expect([...cookies]).toEqual([
      ['a', '1'],
      ['b', 'x=y'],
      ['c', ''],
    ]);
  });

  it('files a nameless cookie (sent as its bare value) under ""', () => {
    expect(parseCookieHeader('token; a=1').get('')).toBe('token');
    expect(getCookie('a=1; token', '')).toBe('token');
  });

  it('returns values as sent: no decoding, DQUOTEs kept (§4.1.1)', () => {
    expect(getCookie('a="x y"; b=%41', 'a')).toBe('"x y"');
    expect(getCookie('a="x y"; b=%41', 'b')).toBe('%41');
  });

  it('matches names exactly (case-sensitive, whole name)', () => {
    const header = 'session_old=1; Session=2; session=3';
    expect(getCookie(header, 'session')).toBe('3');
    expect(getCookie(header, 'sess')).toBeUndefined();
    expect(getCookie(header, 'session_old')).toBe('1');
  });

  it('returns nothing for a missing or non-string header', () => {
    expect(parseCookieHeader(undefined).size).toBe(0);
    expect(getCookie(undefined, 'a')).toBeUndefined();
    expect(getCookie('', 'a')).toBeUndefined();
    expect(parseCookieHeader(42 as unknown as string).size).toBe(0);
  });
});

describe('parseCookieHeader / getCookie: properties and adversarial input', () => {
  const token = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,12}$/);
  const octets = fc.stringMatching(/^[!#-+\--:<-[\]-~]{0,20}$/);

  it('finds every cookie of a header a user agent would build, first occurrence winning', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(token, octets), { maxLength: 12 }), (pairs) => {
        const header = pairs.map(([n, v]) => `${n}=${v}`).join('; ');
        const parsed = parseCookieHeader(header);
        for (const [name] of pairs) {
          const first = pairs.find(([n]) => n === name)?.[1];
          expect(parsed.get(name)).toBe(first);
          expect(getCookie(header, name)).toBe(first);
        }
        expect(parsed.size).toBe(new Set(pairs.map(([n]) => n)).size);
      }),
    );
  });

  it('never throws on arbitrary strings, and getCookie agrees with the map', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), fc.string(), (header, name) => {
        const map = parseCookieHeader(header);
        expect(getCookie(header, name)).toBe(map.get(name));
        for (const [key, value] of map) expect(getCookie(header, key)).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it('is linear on 1 MB headers built to defeat naive scanning', () => {
    const shapes = [
      ';'.repeat(1 << 20),
      'a;'.repeat(1 << 19), // no "=": a rescanning indexOf would be quadratic
      `${'a;'.repeat(1 << 19)}b=1`,
      'a=1; '.repeat(200_000),
      `${' '.repeat(1 << 20)}x`,
      Array.from({ length: 100_000 }, (_, i) => `c${i}=v`).join('; '),
    ];
    for (const header of shapes) {
      const started = performance.now();
      parseCookieHeader(header);
      getCookie(header, 'missing');
      expect(performance.now() - started, header.slice(0, 12)).toBeLessThan(1000);
    }
  });
});
