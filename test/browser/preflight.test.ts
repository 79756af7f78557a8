/**
 * CORS preflights (Fetch §4.8, §4.9) and the engines' deviations (RB §1.6, §1.9).
 */
import { describe, expect, it } from 'vitest';
import { toHeaderList } from '../../src/browser/headers.js';
import {
  addToCache,
  cacheCovers,
  checkPreflight,
  maxAgeSeconds,
  needsPreflight,
  type PreflightQuery,
} from '../../src/browser/preflight.js';
import { PROFILES } from '../../src/browser/profiles.js';

const origin = 'https://app.example.com';
const query = (over: Partial<PreflightQuery> = {}): PreflightQuery => ({
  key: 'k',
  method: 'PUT',
  unsafeHeaders: ['content-type'],
  credentialsInclude: true,
  origin,
  ...over,
});
const ok = {
  'access-control-allow-origin': origin,
  'access-control-allow-credentials': 'true',
  'access-control-allow-methods': 'PUT',
  'access-control-allow-headers': 'Content-Type',
};
const codes = (
  headers: Record<string, string>,
  q = query(),
  status = 204,
  profile = PROFILES.chrome,
) => checkPreflight(status, toHeaderList(headers), q, profile, 0).problems.map((p) => p.code);

describe('Fetch §4.1 step 12: when a preflight is needed', () => {
  it('for a non-safelisted method or any unsafe header', () => {
    expect(needsPreflight(query({ method: 'GET', unsafeHeaders: [] }))).toBe(false);
    expect(needsPreflight(query({ method: 'POST', unsafeHeaders: ['x-csrf'] }))).toBe(true);
    expect(needsPreflight(query({ method: 'DELETE', unsafeHeaders: [] }))).toBe(true);
  });
});

describe('Fetch §4.8 step 7: the preflight answer', () => {
  it('passes with exact origin, credentials, method and headers', () => {
    expect(codes(ok)).toEqual([]);
  });

  it('needs an ok status; a redirect is never followed', () => {
    expect(codes(ok, query(), 404)).toEqual(['CORSPreflightDidNotSucceed']);
    expect(codes(ok, query(), 301)).toEqual(['CORSPreflightDisallowedRedirect']);
  });

  it('runs the access check with the actual request’s credentials mode', () => {
    expect(codes({ ...ok, 'access-control-allow-credentials': 'false' })).toEqual([
      'CORSMissingAllowCredentials',
    ]);
  });

  it('orders status and access failures as each engine does', () => {
    const bad = { 'access-control-allow-methods': 'PUT' };
    expect(codes(bad, query(), 403, PROFILES.chrome)).toEqual([
      'CORSMissingAllowOrigin',
      'CORSPreflightDidNotSucceed',
    ]);
    expect(codes(bad, query(), 403, PROFILES.firefox)).toEqual([
      'CORSPreflightDidNotSucceed',
      'CORSMissingAllowOrigin',
    ]);
  });

  it('treats `*` as literal with credentials (WPT cors-preflight-star)', () => {
    const star = {
      ...ok,
      'access-control-allow-methods': '*',
      'access-control-allow-headers': '*',
    };
    expect(codes(star)).toEqual(['CORSMethodNotFound', 'CORSMissingAllowHeaderFromPreflight']);
    const uncredentialed = { ...star, 'access-control-allow-origin': '*' };
    expect(codes(uncredentialed, query({ credentialsInclude: false }))).toEqual([]);
  });

  it('lets `*` cover Authorization without credentials, as all three engines do (whatwg/fetch#1919)', () => {
    const q = query({
      credentialsInclude: false,
      unsafeHeaders: ['authorization'],
    });
    const star = {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': '*',
    };
    const result = checkPreflight(204, toHeaderList(star), q, PROFILES.firefox, 0);
    expect(result.problems).toEqual([]);
    expect(result.notes.map((n) => n.code)).toEqual(['CORSAllowHeaderFromPreflightDeprecation']);
    const specProfile = { ...PROFILES.firefox, wildcardCoversAuthorization: false };
    expect(
      checkPreflight(204, toHeaderList(star), q, specProfile, 0).problems.map((p) => p.code),
    ).toEqual(['CORSMissingAllowHeaderFromPreflight']);
  });

  it('compares methods as sent; `upperCaseMethodMatch` models older Chromium', () => {
    const q = query({ method: 'patch', unsafeHeaders: [] });
    const upper = { ...ok, 'access-control-allow-methods': 'PATCH' };
    expect(codes(upper, q, 204, PROFILES.chrome)).toEqual(['CORSMethodNotFound']);
    const older = { ...PROFILES.chrome, upperCaseMethodMatch: true };
    expect(codes(upper, q, 204, older)).toEqual([]);
  });

  it('refuses unparsable lists', () => {
    expect(codes({ ...ok, 'access-control-allow-methods': 'PUT;GET' })).toEqual([
      'CORSInvalidAllowMethod',
    ]);
    expect(codes({ ...ok, 'access-control-allow-headers': 'a b' })).toEqual([
      'CORSInvalidAllowHeader',
    ]);
  });
});

describe('Fetch §4.9 preflight cache and engine Max-Age caps (RB §1.6)', () => {
  it('defaults to 5 s and caps per engine', () => {
    const big = toHeaderList({ 'access-control-max-age': '999999' });
    expect(maxAgeSeconds(toHeaderList({}), PROFILES.chrome)).toBe(5);
    expect(maxAgeSeconds(toHeaderList({ 'access-control-max-age': 'x' }), PROFILES.chrome)).toBe(5);
    // Engines parse a signed integer: a negative age caches nothing (observed, all three).
    for (const name of ['chrome', 'firefox', 'webkitgtk'] as const)
      expect(maxAgeSeconds(toHeaderList({ 'access-control-max-age': '-1' }), PROFILES[name])).toBe(
        0,
      );
    expect(maxAgeSeconds(big, PROFILES.chrome)).toBe(7200);
    expect(maxAgeSeconds(big, PROFILES.firefox)).toBe(86400);
    expect(maxAgeSeconds(big, PROFILES.safari)).toBe(600);
  });

  it('serves the same request until expiry; credentialed entries serve uncredentialed ones', () => {
    const headers = toHeaderList({ ...ok, 'access-control-max-age': '60' });
    const entries = checkPreflight(204, headers, query(), PROFILES.chrome, 0).entries;
    const cache = addToCache([], entries);
    expect(cacheCovers(cache, query(), 59_000)).toBe(true);
    expect(cacheCovers(cache, query(), 60_000)).toBe(false);
    expect(cacheCovers(cache, query({ credentialsInclude: false }), 1000)).toBe(true);
    expect(cacheCovers(cache, query({ unsafeHeaders: ['x-other'] }), 1000)).toBe(false);
    expect(cacheCovers(cache, query({ key: 'other' }), 1000)).toBe(false);
  });
});
