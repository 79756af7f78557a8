/**
 * Server and user agent agree: what defineCookie serialises, parseSetCookie (RFC 6265bis
 * §5.6) reads back with the same name, value and attributes, and the Cookie header a
 * user agent then sends is read back by parseCookieHeader, getCookie and read().
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCookieSpec } from '../../src/cookies/check-cookie-spec.js';
import { getCookie, parseCookieHeader } from '../../src/cookies/cookie-header.js';
import { defineCookie } from '../../src/cookies/define-cookie.js';
import { MAX_AGE_SECONDS } from '../../src/cookies/limits.js';
import { parseSetCookie } from '../../src/cookies/parse-set-cookie.js';
import type { CookieSpec } from '../../src/cookies/types.js';

const API = { apiHost: 'api.example.com' };

const specs: fc.Arbitrary<CookieSpec> = fc
  .record({
    prefix: fc.constantFrom('', '__Secure-', '__Host-', '__Http-', '__Host-Http-'),
    base: fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,16}$/),
    domain: fc.constantFrom(undefined, 'example.com', 'api.example.com'),
    path: fc.oneof(fc.constant('/'), fc.stringMatching(/^\/[ -:<-~]{0,30}$/)),
    secure: fc.boolean(),
    httpOnly: fc.boolean(),
    sameSite: fc.constantFrom(undefined, 'Strict', 'Lax', 'None'),
    partitioned: fc.boolean(),
    maxAge: fc.option(fc.integer({ min: 1, max: MAX_AGE_SECONDS }), { nil: undefined }),
  })
  .map(({ prefix, base, domain, path, sameSite, maxAge, ...flags }) => {
    const hostPrefix = prefix.startsWith('__Host-');
    const spec: Record<string, unknown> = {
      name: prefix + base,
      ...flags,
      path: hostPrefix ? '/' : path,
      secure: flags.secure || prefix !== '' || sameSite === 'None' || flags.partitioned,
      httpOnly: flags.httpOnly || prefix.endsWith('Http-'),
    };
    if (domain !== undefined && !hostPrefix) spec.domain = domain;
    if (sameSite !== undefined) spec.sameSite = sameSite;
    if (maxAge !== undefined) spec.maxAge = maxAge;
    return spec as unknown as CookieSpec;
  })
  .filter((spec) => !checkCookieSpec(spec, API).problems.some((p) => p.severity === 'error'));

const values = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.stringMatching(/^[A-Za-z0-9_-]{10,40}\.[A-Za-z0-9_-]{10,60}\.[A-Za-z0-9_-]{10,40}$/),
);

describe('serialize → parseSetCookie → Cookie header → read', () => {
  it('round-trips name, value and every attribute', () => {
    fc.assert(
      fc.property(specs, values, (spec, value) => {
        const cookie = defineCookie(spec, API);
        const result = cookie.serialize(value);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const parsed = parseSetCookie(result.header);
        expect(parsed).toBeDefined();
        if (parsed === undefined) return;
        const { attributes } = cookie;
        expect(parsed.name).toBe(spec.name);
        expect(parsed.domain).toBe(attributes.domain);
        expect(parsed.path).toBe(attributes.path);
        expect(parsed.maxAge).toBe(attributes.maxAge);
        expect(parsed.secure).toBe(attributes.secure);
        expect(parsed.httpOnly).toBe(attributes.httpOnly);
        expect(parsed.sameSite).toBe(attributes.sameSite);
        expect(parsed.partitioned).toBe(attributes.partitioned);

        // A user agent sends it back as name=value among its other cookies (§5.8.3).
        const header = `first=1; ${parsed.name}=${parsed.value}; last=2`;
        expect(parseCookieHeader(header).get(spec.name)).toBe(parsed.value);
        expect(getCookie(header, spec.name)).toBe(parsed.value);
        expect(cookie.read(header)).toBe(value);

        // clear() addresses the same cookie.
        const cleared = parseSetCookie(cookie.clear());
        expect(cleared).toMatchObject({
          name: parsed.name,
          value: '',
          maxAge: 0,
          path: parsed.path,
          secure: parsed.secure,
          partitioned: parsed.partitioned,
        });
        expect(cleared?.domain).toBe(parsed.domain);
        expect(cleared?.sameSite).toBe(parsed.sameSite);
      }),
      { numRuns: 500 },
    );
  });
});
