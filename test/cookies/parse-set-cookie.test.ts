import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AGE_SECONDS } from '../../src/cookies/limits.js';
import { parseSetCookie } from '../../src/cookies/parse-set-cookie.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const parse = (header: string) => parseSetCookie(header, { now: NOW });

describe('parseSetCookie: name-value-pair (RFC 6265bis §5.6 steps 1-6)', () => {
  it('ignores a line holding any CTL except HTAB (step 1)', () => {
    const rejected: number[] = [];
    for (let code = 0; code < 0x80; code++) {
      if (parse(`a=b${String.fromCharCode(code)}c; Path=/`) === undefined) rejected.push(code);
    }
    const expected = [...Array.from({ length: 0x20 }, (_, i) => i).filter((c) => c !== 9), 0x7f];
    expect(rejected).toEqual(expected);
    // Also in an attribute: the check covers the whole set-cookie-string.
    expect(parse('a=b; Path=/x\ny')).toBeUndefined();
    expect(parse('a=b\tc')?.value).toBe('b\tc');
  });

  it('splits at the first ";" then the first "="', () => {
    expect(parse('a=b=c; Path=/')).toMatchObject({ name: 'a', value: 'b=c', path: '/' });
    expect(parse('a=; Secure')).toMatchObject({ name: 'a', value: '', secure: true });
    expect(parse('a')).toMatchObject({ name: '', value: 'a' });
  });

  it('makes a nameless cookie of a pair without "=" (step 3), unlike RFC 6265', () => {
    expect(parse('foo')).toMatchObject({ name: '', value: 'foo' });
    expect(parse('=foo')).toMatchObject({ name: '', value: 'foo' });
    expect(parse(' foo bar ; Secure')).toMatchObject({ name: '', value: 'foo bar', secure: true });
  });

  it('trims SP and HTAB only (step 4)', () => {
    expect(parse(' \t a \t = \t b \t ')).toMatchObject({ name: 'a', value: 'b' });
    expect(parse('\u00a0a=b\u00a0')).toMatchObject({ name: '\u00a0a', value: 'b\u00a0' });
  });

  it('keeps DQUOTEs: they are part of the value (§4.1.1)', () => {
    expect(parse('a="b c"')?.value).toBe('"b c"');
  });

  it('ignores a cookie with an empty name and an empty value (§5.7 step 2)', () => {
    expect(parse('')).toBeUndefined();
    expect(parse('=')).toBeUndefined();
    expect(parse(' = ; Secure')).toBeUndefined();
    expect(parse('; Secure')).toBeUndefined();
  });

  it('ignores name + value over 4096 octets, not counting "=" (step 5)', () => {
    expect(parse(`${'n'.repeat(96)}=${'v'.repeat(4000)}`)?.value).toHaveLength(4000);
    expect(parse(`${'n'.repeat(97)}=${'v'.repeat(4000)}`)).toBeUndefined();
    expect(parse('v'.repeat(4096))?.value).toHaveLength(4096);
    expect(parse('v'.repeat(4097))).toBeUndefined();
    // Octets, not UTF-16 units: "é" is two octets in UTF-8, "😀" four.
    expect(parse(`a=${'é'.repeat(2047)}x`)).toBeDefined();
    expect(parse(`a=${'é'.repeat(2048)}`)).toBeUndefined();
    expect(parse(`a=${'😀'.repeat(1023)}xyz`)).toBeDefined();
    expect(parse(`a=${'😀'.repeat(1024)}`)).toBeUndefined();
  });
});

describe('parseSetCookie: attributes (RFC 6265bis §5.6 attribute steps, §5.6.1-§5.6.7)', () => {
  it('matches attribute names case-insensitively and ignores unknown ones', () => {
    const cookie = parse('a=b; sEcUrE; HTTPONLY; partitioned; Version=1; Comment=x; Max Age=5');
    expect(cookie).toEqual({
      name: 'a',
      value: 'b',
      secure: true,
      httpOnly: true,
      partitioned: true,
    });
  });

  it('treats Secure, HttpOnly and Partitioned as flags whatever their value', () => {
    expect(parse('a=b; Secure=no; HttpOnly=false; Partitioned=0')).toMatchObject({
      secure: true,
      httpOnly: true,
      partitioned: true,
    });
  });

  it('skips an attribute whose value exceeds 1024 octets, keeping the cookie (step 6)', () => {
    expect(parse(`a=b; Path=/${'p'.repeat(1023)}`)?.path).toHaveLength(1024);
    expect(parse(`a=b; Path=/x; Path=/${'p'.repeat(1024)}`)?.path).toBe('/x');
    expect(parse(`a=b; Path=/${'é'.repeat(512)}`)?.path).toBeUndefined();
    expect(parse(`a=b; Secure=${'x'.repeat(2000)}`)?.secure).toBe(false);
  });

  it('Expires: cookie-date, unparsable ignored, later than now + 400 days reduced (§5.6.1)', () => {
    expect(parse('a=b; Expires=Wed, 09 Jun 2021 10:18:14 GMT')?.expires?.toISOString()).toBe(
      '2021-06-09T10:18:14.000Z',
    );
    const kept = parse('a=b; expires=Wed, 09 Jun 2021 10:18:14 GMT; Expires=soon');
    expect(kept?.expires?.toISOString()).toBe('2021-06-09T10:18:14.000Z');
    expect(parse('a=b; Expires=Fri, 01 Jan 2100 00:00:00 GMT')?.expires?.getTime()).toBe(
      NOW.getTime() + MAX_AGE_SECONDS * 1000,
    );
    const nowInMilliseconds = new Date('2026-01-01T00:00:00.900Z');
    const clamped = parseSetCookie('a=b; Expires=Fri, 01 Jan 2100 00:00:00 GMT', {
      now: nowInMilliseconds,
    });
    expect(clamped?.expires?.getTime()).toBe(NOW.getTime() + MAX_AGE_SECONDS * 1000);
  });

  it('Max-Age: -?DIGIT+, reduced to 400 days, ≤ 0 means expired (§5.6.2)', () => {
    const maxAge = (value: string) => parse(`a=b; Max-Age=${value}`)?.maxAge;
    expect(maxAge('10')).toBe(10);
    expect(maxAge('0010')).toBe(10);
    expect(maxAge('0')).toBe(0);
    expect(maxAge('-5')).toBe(0);
    expect(maxAge('-0')).toBe(0);
    expect(maxAge(String(MAX_AGE_SECONDS))).toBe(MAX_AGE_SECONDS);
    expect(maxAge(String(MAX_AGE_SECONDS + 1))).toBe(MAX_AGE_SECONDS);
    expect(maxAge('9'.repeat(400))).toBe(MAX_AGE_SECONDS);
    expect(maxAge(`${'0'.repeat(300)}7`)).toBe(7);
    for (const bad of ['', '-', '+5', '5s', '1e3', ' 5x', '0x10', '--1', '5.0']) {
      expect(maxAge(bad), bad).toBeUndefined();
    }
    expect(parse('a=b; Max-Age=5; Max-Age=x; max-age=')?.maxAge).toBe(5);
    expect(parse('a=b; Max-Age=5; Max-Age=7')?.maxAge).toBe(7);
  });

  it('Domain: one leading dot dropped, ASCII lower-cased, empty kept, last wins (§5.6.3)', () => {
    expect(parse('a=b; Domain=.Example.COM')?.domain).toBe('example.com');
    expect(parse('a=b; Domain=..example.com')?.domain).toBe('.example.com');
    expect(parse('a=b; Domain=')?.domain).toBe('');
    expect(parse('a=b; Domain=example.org; Domain=')?.domain).toBe('');
    expect(parse('a=b; Domain=x.org; domain=Y.org')?.domain).toBe('y.org');
    // U+212A KELVIN SIGN: Unicode lower-casing would give "k"; the spec's ASCII one keeps it.
    expect(parse('a=b; Domain=\u212Aexample.com')?.domain).toBe('\u212Aexample.com');
  });

  it('Path: only a value starting with "/" counts, and a later invalid one resets it (§5.6.4)', () => {
    expect(parse('a=b; Path=/x/y')?.path).toBe('/x/y');
    expect(parse('a=b; Path=x')?.path).toBeUndefined();
    expect(parse('a=b; Path=')?.path).toBeUndefined();
    expect(parse('a=b; Path=/x; Path=y')?.path).toBeUndefined();
    expect(parse('a=b; Path=y; Path=/z')?.path).toBe('/z');
  });

  it('SameSite: Strict/Lax/None case-insensitively, anything else "Default" (§5.6.7)', () => {
    const sameSite = (value: string) => parse(`a=b; SameSite=${value}`)?.sameSite;
    expect(sameSite('strict')).toBe('Strict');
    expect(sameSite('LAX')).toBe('Lax');
    expect(sameSite('None')).toBe('None');
    expect(sameSite('')).toBe('Default');
    expect(sameSite('Laxx')).toBe('Default');
    expect(parse('a=b; SameSite')?.sameSite).toBe('Default');
    expect(parse('a=b')?.sameSite).toBeUndefined();
    expect(parse('a=b; SameSite=Lax; SameSite=bogus')?.sameSite).toBe('Default');
  });

  it('handles empty cookie-avs and a trailing ";"', () => {
    expect(parse('a=b;;; ;Secure;')).toMatchObject({ name: 'a', value: 'b', secure: true });
  });
});

describe('parseSetCookie: properties and adversarial input', () => {
  it('never throws, and what it returns respects the §5.6 invariants', () => {
    const piece = fc.oneof(
      fc.constantFrom('=', ';', ' ', '\t', 'Path', 'Domain', 'Max-Age', 'Expires', 'SameSite'),
      fc.constantFrom('Secure', 'HttpOnly', 'Partitioned', '/', '.', '-', '1', 'Lax', '"', '\0'),
      fc.string({ unit: 'binary', maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const cookie = parse(pieces.join(''));
        if (cookie === undefined) return;
        expect(cookie.name.includes(';') || cookie.value.includes(';')).toBe(false);
        expect(cookie.name.length + cookie.value.length).toBeGreaterThan(0);
        if (cookie.path !== undefined) expect(cookie.path.startsWith('/')).toBe(true);
        if (cookie.maxAge !== undefined) {
          expect(Number.isInteger(cookie.maxAge)).toBe(true);
          expect(cookie.maxAge).toBeGreaterThanOrEqual(0);
          expect(cookie.maxAge).toBeLessThanOrEqual(MAX_AGE_SECONDS);
        }
        if (cookie.expires !== undefined)
          expect(cookie.expires.getTime()).toBeLessThanOrEqual(
            NOW.getTime() + MAX_AGE_SECONDS * 1000,
          );
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary full-Unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        parse(text);
      }),
    );
  });

  it('is linear on 1 MB headers built to defeat naive scanning', () => {
    const shapes = [
      `a=b${';'.repeat(1 << 20)}`, // a million empty cookie-avs
      `a=b${'; x'.repeat(350_000)}`, // no "=" anywhere after the pair
      `${'x'.repeat(1 << 20)}=b`, // oversize name
      `a=b; Expires=${'1 '.repeat(1 << 19)}`, // oversize value
      `a=b${'; Max-Age=1'.repeat(90_000)}`,
    ];
    for (const header of shapes) {
      const started = performance.now();
      parse(header);
      expect(performance.now() - started, header.slice(0, 20)).toBeLessThan(1000);
    }
  });
});
