import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCookieDate, parseCookieDate } from '../../src/cookies/cookie-date.js';
import { dateCases } from './http-state-data.js';

describe('parseCookieDate: http-state date suites (RFC 6265 §5.1.1 examples)', () => {
  for (const file of ['dates-examples.json', 'dates-bsd-examples.json'] as const) {
    const cases = dateCases(file);
    it(`${file}: all ${cases.length} cases`, () => {
      const failures = cases.filter((c) => {
        const parsed = parseCookieDate(c.test);
        return (parsed === undefined ? null : parsed.toUTCString()) !== (c.expected ?? null);
      });
      expect(failures).toEqual([]);
      expect(cases.length).toBe(file === 'dates-examples.json' ? 15 : 55);
    });
  }
});

describe('parseCookieDate: the algorithm step by step (RFC 6265bis §5.1.1)', () => {
  const iso = (text: string) => parseCookieDate(text)?.toISOString();

  it('accepts the tokens in any order, each taken by the first production it fits', () => {
    expect(iso('2017 April 15 21:01:22')).toBe('2017-04-15T21:01:22.000Z');
    // "15" is a day-of-month before it could be a year; "17" then becomes the year.
    expect(iso('15 17 Apr 21:01:22')).toBe('2017-04-15T21:01:22.000Z');
  });

  it('maps two-digit years: 70-99 to 19xx, 00-69 to 20xx (steps 3-4)', () => {
    expect(iso('1 Jan 70 00:00:00')).toBe('1970-01-01T00:00:00.000Z');
    expect(iso('1 Jan 69 00:00:00')).toBe('2069-01-01T00:00:00.000Z');
    expect(iso('1 Jan 99 00:00:00')).toBe('1999-01-01T00:00:00.000Z');
  });

  it('fails when a component is missing or out of range (step 5)', () => {
    expect(parseCookieDate('Jan 2020 00:00:00')).toBeUndefined(); // no day
    expect(parseCookieDate('1 2020 00:00:00')).toBeUndefined(); // no month
    expect(parseCookieDate('1 Jan 00:00:00')).toBeUndefined(); // no year
    expect(parseCookieDate('1 Jan 2020')).toBeUndefined(); // no time
    expect(parseCookieDate('32 Jan 2020 00:00:00')).toBeUndefined();
    expect(parseCookieDate('0 Jan 2020 00:00:00')).toBeUndefined();
    expect(parseCookieDate('1 Jan 1600 00:00:00')).toBeUndefined();
    expect(parseCookieDate('1 Jan 2020 24:00:00')).toBeUndefined();
    expect(parseCookieDate('1 Jan 2020 23:60:00')).toBeUndefined();
    expect(parseCookieDate('1 Jan 2020 23:59:60')).toBeUndefined();
    expect(iso('1 Jan 1601 23:59:59')).toBe('1601-01-01T23:59:59.000Z');
  });

  it('fails for a date that does not exist (step 6), honouring leap years', () => {
    expect(parseCookieDate('31 Apr 2020 00:00:00')).toBeUndefined();
    expect(parseCookieDate('29 Feb 2021 00:00:00')).toBeUndefined();
    expect(parseCookieDate('29 Feb 1900 00:00:00')).toBeUndefined();
    expect(iso('29 Feb 2000 00:00:00')).toBe('2000-02-29T00:00:00.000Z');
    expect(iso('29 Feb 2024 00:00:00')).toBe('2024-02-29T00:00:00.000Z');
  });

  it('rejects digit runs longer than the production allows', () => {
    expect(parseCookieDate('001 Jan 2020 00:00:00')).toBeUndefined(); // day is 1*2DIGIT
    expect(parseCookieDate('1 Jan 20200 00:00:00')).toBeUndefined(); // year is 2*4DIGIT
    expect(parseCookieDate('1 Jan 2020 000:00:00')).toBeUndefined(); // time-field is 1*2DIGIT
    expect(parseCookieDate('1 Jan 2020 00:00:000')).toBeUndefined();
  });

  it('lets trailing non-digits follow a number and any octets follow a month', () => {
    expect(iso('1st Janvier 2020ad 00:00:00z')).toBe('2020-01-01T00:00:00.000Z');
  });

  it('does not fold non-ASCII characters into month names', () => {
    // Month names compare with i;ascii-casemap: "\u0130an" (capital I with dot) is not "jan".
    expect(parseCookieDate('1 \u0130an 2020 00:00:00')).toBeUndefined();
  });
});

describe('parseCookieDate: properties', () => {
  it('never throws, and any date it returns is valid and at or after 1601', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const parsed = parseCookieDate(text);
        if (parsed !== undefined) {
          expect(Number.isNaN(parsed.getTime())).toBe(false);
          expect(parsed.getUTCFullYear()).toBeGreaterThanOrEqual(1601);
        }
      }),
    );
  });

  it('reads back every IMF-fixdate that formatCookieDate writes (1601-9999)', () => {
    const min = Date.UTC(1601, 0, 1);
    const max = Date.UTC(9999, 11, 31, 23, 59, 59);
    fc.assert(
      fc.property(fc.integer({ min: min / 1000, max: max / 1000 }), (seconds) => {
        const date = new Date(seconds * 1000);
        expect(parseCookieDate(formatCookieDate(date))?.getTime()).toBe(date.getTime());
      }),
    );
  });

  it('is linear: a 1 MB string of tokens parses quickly', () => {
    const text = '1:1:1 '.repeat(170_000) + 'x'.repeat(20_000);
    const started = performance.now();
    expect(parseCookieDate(text)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
