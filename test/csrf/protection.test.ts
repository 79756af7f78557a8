import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCorsPolicy } from '../../src/cors/index.js';
import { type CsrfRequest, createCsrfProtection } from '../../src/csrf/index.js';

const API = 'https://api.example.com';
const TRUSTED = new Set(['https://app.example.com', 'https://partner.example.net']);
const isTrustedOrigin = (origin: string) => TRUSTED.has(origin);

function request(
  method: string,
  headers: Record<string, string>,
  // null: the adapter does not know the request's origin (a default parameter would
  // replace undefined with API).
  requestOrigin: string | null = API,
): CsrfRequest {
  return { method, header: (name) => headers[name], requestOrigin: requestOrigin ?? undefined };
}

const csrf = createCsrfProtection({ isTrustedOrigin });

describe('cross-site form POST', () => {
  it('is rejected: Sec-Fetch-Site cross-site, untrusted Origin, form content type', () => {
    const result = csrf.check(
      request('POST', {
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'navigate',
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
        cookie: '__Host-session=eyJ...',
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      status: 403,
      code: 'csrf/cross-site-untrusted-origin',
    });
    if (result.ok) throw new Error('unreachable');
    expect(result.message).toContain('cross-site');
    expect(result.fix).toContain("CORS policy's origins");
  });

  it('is rejected from an old browser without Sec-Fetch-Site (Origin mismatch)', () => {
    expect(csrf.check(request('POST', { origin: 'https://evil.example' })).ok).toBe(false);
    expect(csrf.check(request('POST', { origin: 'https://evil.example' }))).toMatchObject({
      code: 'csrf/origin-mismatch',
    });
  });

  it.each(['PUT', 'PATCH', 'DELETE', 'post', 'PROPFIND'])('%s is checked like POST', (method) => {
    expect(
      csrf.check(
        request(method, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }),
      ),
    ).toMatchObject({ ok: false });
  });
});

describe('legitimate writes pass', () => {
  it('same-origin: Sec-Fetch-Site same-origin', () => {
    expect(csrf.check(request('POST', { 'sec-fetch-site': 'same-origin', origin: API }))).toEqual({
      ok: true,
    });
  });

  it('user-initiated: Sec-Fetch-Site none', () => {
    expect(csrf.check(request('POST', { 'sec-fetch-site': 'none' })).ok).toBe(true);
  });

  it('same-site sibling with a trusted Origin', () => {
    expect(
      csrf.check(
        request('DELETE', { 'sec-fetch-site': 'same-site', origin: 'https://app.example.com' }),
      ).ok,
    ).toBe(true);
  });

  it('cross-site with a trusted Origin', () => {
    expect(
      csrf.check(
        request('POST', { 'sec-fetch-site': 'cross-site', origin: 'https://partner.example.net' }),
      ).ok,
    ).toBe(true);
  });

  it('no Sec-Fetch-Site, Origin equal to the request origin (normalised)', () => {
    expect(csrf.check(request('POST', { origin: API })).ok).toBe(true);
    expect(csrf.check(request('POST', { origin: API }, 'HTTPS://API.example.com:443')).ok).toBe(
      true,
    );
    expect(
      csrf.check(request('POST', { origin: 'http://localhost:3000' }, 'http://localhost:3000')).ok,
    ).toBe(true);
  });

  it('no Sec-Fetch-Site, trusted Origin', () => {
    expect(csrf.check(request('POST', { origin: 'https://app.example.com' })).ok).toBe(true);
  });

  it('non-browser clients: neither header', () => {
    expect(csrf.check(request('POST', { cookie: '__Host-session=x' })).ok).toBe(true);
    expect(csrf.check(request('DELETE', {}, null)).ok).toBe(true);
  });
});

describe('safe methods', () => {
  it.each(['GET', 'HEAD', 'OPTIONS'])('%s is never blocked', (method) => {
    expect(
      csrf.check(
        request(method, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }),
      ).ok,
    ).toBe(true);
    expect(csrf.check(request(method, { origin: 'null' })).ok).toBe(true);
  });

  it('GET is never blocked, whatever the headers hold', () => {
    const value = fc.option(fc.string(), { nil: undefined });
    fc.assert(
      fc.property(value, value, value, (site, origin, self) => {
        const headers: Record<string, string> = {};
        if (site !== undefined) headers['sec-fetch-site'] = site;
        if (origin !== undefined) headers.origin = origin;
        expect(csrf.check(request('GET', headers, self ?? null))).toEqual({ ok: true });
      }),
    );
  });
});

describe('rejections', () => {
  it.each([
    [{ 'sec-fetch-site': 'cross-site', origin: 'null' }, 'csrf/origin-null'],
    [{ origin: 'null' }, 'csrf/origin-null'],
    [
      { 'sec-fetch-site': 'same-site', origin: 'https://evil.example.com' },
      'csrf/same-site-untrusted-origin',
    ],
    [{ 'sec-fetch-site': 'cross-site' }, 'csrf/origin-missing'],
    [{ 'sec-fetch-site': 'same-site' }, 'csrf/origin-missing'],
    [
      { 'sec-fetch-site': 'cross-site, same-origin', origin: 'https://evil.example' },
      'csrf/sec-fetch-site-invalid',
    ],
    [
      { 'sec-fetch-site': 'Same-Origin', origin: 'https://evil.example' },
      'csrf/sec-fetch-site-invalid',
    ],
    [{ origin: 'https://api.example.com.evil.example' }, 'csrf/origin-mismatch'],
    [{ origin: 'http://api.example.com' }, 'csrf/origin-mismatch'],
  ])('%j → %s', (headers, code) => {
    const result = csrf.check(request('POST', headers));
    expect(result).toMatchObject({ ok: false, status: 403, code });
  });

  it('an unknown Sec-Fetch-Site from a trusted origin passes like cross-site', () => {
    expect(
      csrf.check(request('POST', { 'sec-fetch-site': 'bogus', origin: 'https://app.example.com' }))
        .ok,
    ).toBe(true);
  });

  it('without a request origin, only trusted origins pass the Origin check', () => {
    expect(csrf.check(request('POST', { origin: API }, null))).toMatchObject({
      code: 'csrf/origin-mismatch',
    });
    expect(csrf.check(request('POST', { origin: 'https://app.example.com' }, null)).ok).toBe(true);
  });

  it('results are shared frozen objects', () => {
    const a = csrf.check(request('POST', { origin: 'null' }));
    const b = csrf.check(request('PUT', { 'sec-fetch-site': 'cross-site', origin: 'null' }));
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
  });
});

describe('header authentication', () => {
  it('skips the check for auth: header', () => {
    const forged = request('POST', {
      'sec-fetch-site': 'cross-site',
      origin: 'https://evil.example',
    });
    expect(csrf.check(forged, { auth: 'header' }).ok).toBe(true);
    expect(csrf.check(forged, { auth: 'cookie' }).ok).toBe(false);
    expect(csrf.check(forged).ok).toBe(false);
  });

  it('treats anything but auth: header as cookie (fails closed)', () => {
    const forged = request('POST', {
      'sec-fetch-site': 'cross-site',
      origin: 'https://evil.example',
    });
    expect(csrf.check(forged, { auth: 'bearer' } as never).ok).toBe(false);
  });
});

describe('requireCustomHeader', () => {
  const strict = createCsrfProtection({ isTrustedOrigin, requireCustomHeader: true });

  it('exposes the header to add to the CORS allowedHeaders', () => {
    expect(strict.customHeader).toBe('x-requested-with');
    expect(
      createCsrfProtection({ isTrustedOrigin, requireCustomHeader: 'X-CSRF' }).customHeader,
    ).toBe('x-csrf');
    expect(csrf.customHeader).toBeUndefined();
  });

  it('rejects a trusted cross-origin cookie write without the header', () => {
    const result = strict.check(
      request('POST', { 'sec-fetch-site': 'cross-site', origin: 'https://partner.example.net' }),
    );
    expect(result).toMatchObject({ ok: false, status: 403, code: 'csrf/missing-custom-header' });
    if (result.ok) throw new Error('unreachable');
    expect(result.message).toContain('`x-requested-with`');
  });

  it.each([
    [{ 'sec-fetch-site': 'cross-site', origin: 'https://partner.example.net' }],
    [{ 'sec-fetch-site': 'same-site', origin: 'https://app.example.com' }],
    [{ origin: 'https://app.example.com' }],
  ])('passes %j with the header', (headers) => {
    expect(strict.check(request('POST', { ...headers, 'x-requested-with': '1' })).ok).toBe(true);
    expect(strict.check(request('POST', headers)).ok).toBe(false);
  });

  it('does not ask same-origin requests, non-browser clients or header auth for it', () => {
    expect(strict.check(request('POST', { 'sec-fetch-site': 'same-origin', origin: API })).ok).toBe(
      true,
    );
    expect(strict.check(request('POST', { origin: API })).ok).toBe(true);
    expect(strict.check(request('POST', {})).ok).toBe(true);
    expect(
      strict.check(
        request('POST', { 'sec-fetch-site': 'cross-site', origin: 'https://partner.example.net' }),
        {
          auth: 'header',
        },
      ).ok,
    ).toBe(true);
  });

  it('still rejects untrusted origins that send the header', () => {
    expect(
      strict.check(
        request('POST', {
          'sec-fetch-site': 'cross-site',
          origin: 'https://evil.example',
          'x-requested-with': '1',
        }),
      ),
    ).toMatchObject({ code: 'csrf/cross-site-untrusted-origin' });
  });
});

describe('one source of truth with the CORS policy', () => {
  it('trusts exactly what the CORS policy allows', () => {
    const cors = createCorsPolicy({
      origins: ['https://app.example.com', 'https://*.tenants.example.com'],
      credentials: true,
    });
    const wired = createCsrfProtection({ isTrustedOrigin: (o) => cors.isOriginAllowed(o) });
    const write = (origin: string) =>
      wired.check(request('POST', { 'sec-fetch-site': 'cross-site', origin })).ok;
    expect(write('https://app.example.com')).toBe(true);
    expect(write('https://a.tenants.example.com')).toBe(true);
    expect(write('https://tenants.example.com')).toBe(false);
    expect(write('https://evil.example')).toBe(false);
  });
});

describe('never throws at request time', () => {
  it('a throwing isTrustedOrigin counts as untrusted', () => {
    const throwing = createCsrfProtection({
      isTrustedOrigin: () => {
        throw new Error('boom');
      },
    });
    expect(
      throwing.check(
        request('POST', { 'sec-fetch-site': 'cross-site', origin: 'https://app.example.com' }),
      ),
    ).toMatchObject({ code: 'csrf/cross-site-untrusted-origin' });
  });

  it('accepts arbitrary header values and methods', () => {
    const strict = createCsrfProtection({ isTrustedOrigin, requireCustomHeader: 'x-csrf' });
    const text = fc.option(fc.string({ unit: 'binary' }), { nil: undefined });
    fc.assert(
      fc.property(fc.string(), text, text, text, text, (method, site, origin, self, custom) => {
        const headers: Record<string, string> = {};
        if (site !== undefined) headers['sec-fetch-site'] = site;
        if (origin !== undefined) headers.origin = origin;
        if (custom !== undefined) headers['x-csrf'] = custom;
        const result = strict.check(request(method, headers, self ?? null));
        expect(result.ok || result.status === 403).toBe(true);
      }),
    );
  });
});
