/**
 * Fetch Standard request rules (fetch.bs §2.2.1-§2.2.2), the CORS check (§4.10) and the
 * exposed headers (§4.1 step 13). Cases from WPT where named.
 */
import { describe, expect, it } from 'vitest';
import { corsCheck, readableCorsHeaders } from '../../src/browser/cors-check.js';
import { parseTokenList, toHeaderList } from '../../src/browser/headers.js';
import {
  corsUnsafeHeaderNames,
  isForbiddenRequestHeader,
  isNoCorsSafelistedRequestHeader,
  isSafelistedRequestHeader,
  mimeEssence,
  normalizeMethod,
} from '../../src/browser/safelist.js';

describe('Fetch §2.2.1 methods', () => {
  it('normalises only DELETE, GET, HEAD, OPTIONS, POST and PUT', () => {
    expect(normalizeMethod('delete')).toBe('DELETE');
    expect(normalizeMethod('post')).toBe('POST');
    expect(normalizeMethod('patch')).toBe('patch');
  });
});

describe('Fetch §2.2.2 CORS-safelisted request-header', () => {
  // WPT cors/cors-safelisted-request-header.any.js
  it.each([
    ['content-type', 'text/plain', true],
    ['content-type', 'text/plain;charset=utf-8', true],
    ['content-type', 'application/x-www-form-urlencoded', true],
    ['content-type', 'multipart/form-data; boundary=x', true],
    ['content-type', 'application/json', false],
    ['content-type', 'text/plain, text/html', false],
    ['content-type', 'text/plain; x="("', false], // CORS-unsafe byte "("
    ['content-type', ` text/plain;${'a'.repeat(116)}`, true], // 128 bytes
    ['content-type', `text/plain;${'a'.repeat(118)}`, false], // 129 bytes > 128
    ['accept', 'application/json', true],
    ['accept', 'a@b', false],
    ['accept-language', 'en-US,fr;q=0.8', true],
    ['accept-language', 'en_US', false],
    ['content-language', 'de', true],
    ['range', 'bytes=100-', true],
    ['range', 'bytes=100-200', true],
    ['range', 'bytes=200-100', false],
    ['range', 'bytes=-100', false], // suffix range
    ['range', 'bytes=0-1,5-6', false],
    ['x-requested-with', 'XMLHttpRequest', false],
    ['authorization', 'Bearer x', false],
  ])('%s: %s → %s', (name, value, safelisted) => {
    expect(isSafelistedRequestHeader(name, value)).toBe(safelisted);
  });

  it('parses MIME types strictly (MIME Sniffing §4.4)', () => {
    expect(mimeEssence(' Text/Plain ; charset=x')).toBe('text/plain');
    expect(mimeEssence('text/')).toBeUndefined();
    expect(mimeEssence('text')).toBeUndefined();
  });

  it('lists unsafe names lower-case, sorted, de-duplicated; all names past 1024 safelisted bytes', () => {
    const headers = toHeaderList([
      ['X-B', '1'],
      ['Content-Type', 'application/json'],
      ['x-b', '2'],
      ['Accept', 'text/html'],
    ]);
    expect(corsUnsafeHeaderNames(headers)).toEqual(['content-type', 'x-b']);
    const big = toHeaderList(
      Array.from({ length: 9 }, () => ['accept-language', 'a'.repeat(120)] as [string, string]),
    );
    expect(corsUnsafeHeaderNames(big)).toEqual(['accept-language']);
  });

  it('forbids Cookie, Origin, sec-* and proxy-*; no-cors keeps four names', () => {
    for (const name of ['cookie', 'origin', 'sec-fetch-mode', 'proxy-authorization', 'host'])
      expect(isForbiddenRequestHeader(name)).toBe(true);
    expect(isForbiddenRequestHeader('authorization')).toBe(false);
    expect(isNoCorsSafelistedRequestHeader('content-type', 'text/plain')).toBe(true);
    expect(isNoCorsSafelistedRequestHeader('range', 'bytes=0-')).toBe(false);
  });
});

describe('Fetch §4.10 CORS check', () => {
  const origin = 'https://app.example.com';
  const check = (headers: Record<string, string | string[]>, include: boolean) =>
    corsCheck(toHeaderList(headers), origin, include)?.code;

  it('passes `*` only without credentials', () => {
    expect(check({ 'access-control-allow-origin': '*' }, false)).toBeUndefined();
    expect(check({ 'access-control-allow-origin': ' * ' }, false)).toBeUndefined(); // WPT cors/origin.htm
    expect(check({ 'access-control-allow-origin': '*' }, true)).toBe(
      'CORSNotSupportingCredentials',
    );
  });

  it('needs an exact origin, once', () => {
    expect(check({}, true)).toBe('CORSMissingAllowOrigin');
    expect(check({ 'access-control-allow-origin': `${origin}/` }, false)).toBe(
      'CORSAllowOriginNotMatchingOrigin',
    );
    expect(check({ 'access-control-allow-origin': 'https://APP.example.com' }, false)).toBe(
      'CORSAllowOriginNotMatchingOrigin',
    );
    expect(check({ 'access-control-allow-origin': [origin, origin] }, false)).toBe(
      'CORSMultipleAllowOriginNotAllowed',
    );
  });

  it('needs `Access-Control-Allow-Credentials: true` exactly with credentials', () => {
    const acao = { 'access-control-allow-origin': origin };
    expect(check(acao, false)).toBeUndefined();
    expect(check(acao, true)).toBe('CORSMissingAllowCredentials');
    expect(check({ ...acao, 'access-control-allow-credentials': 'True' }, true)).toBe(
      'CORSMissingAllowCredentials',
    );
    expect(check({ ...acao, 'access-control-allow-credentials': 'true' }, true)).toBeUndefined();
  });

  it('a tainted (redirected) request needs `Access-Control-Allow-Origin: null`', () => {
    const headers = toHeaderList({ 'access-control-allow-origin': 'null' });
    expect(corsCheck(headers, 'null', false)).toBeUndefined();
  });
});

describe('Fetch §4.1 step 13: readable response headers', () => {
  const headers = toHeaderList({
    'content-type': 'application/json',
    'x-request-id': '1',
    'x-total': '2',
    'set-cookie': 'a=1',
    'access-control-expose-headers': 'X-Request-Id',
  });

  it('safelisted names plus exposed ones; never Set-Cookie', () => {
    expect(readableCorsHeaders(headers, true)).toEqual(['content-type', 'x-request-id']);
  });

  it('`*` exposes everything only without credentials (WPT cors-expose-star)', () => {
    const star = [...headers, ['access-control-expose-headers', '*'] as const];
    expect(readableCorsHeaders(star, false)).toContain('x-total');
    expect(readableCorsHeaders(star, false)).not.toContain('set-cookie');
    expect(readableCorsHeaders(star, true)).not.toContain('x-total');
  });

  it('token lists skip empty items and refuse non-tokens', () => {
    expect(parseTokenList('GET, ,PUT')).toEqual({ items: ['GET', 'PUT'] });
    expect(parseTokenList('GET, P UT')).toEqual({ invalid: 'P UT' });
  });
});
