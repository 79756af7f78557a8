import { describe, expect, it } from 'vitest';
import type { HeaderPair } from '../../src/cors/types.js';
import { createMistakeLayer, type MistakeRequest } from '../../src/demo/mistake-layer.js';
import { findMistake, listMistakes, MISTAKES } from '../../src/demo/mistakes.js';

const options = { apiHost: 'api.example.com', isProtected: (p: string) => p.startsWith('/notes') };

function request(
  method: string,
  pathname: string,
  headers: Record<string, string> = {},
): MistakeRequest {
  return { method, pathname, header: (name) => headers[name] };
}

const preflight = request('OPTIONS', '/notes', {
  origin: 'https://app.example.com',
  'access-control-request-method': 'POST',
  'access-control-request-headers': 'content-type',
});
const corsetPreflight: HeaderPair[] = [
  ['access-control-allow-origin', 'https://app.example.com'],
  ['access-control-allow-credentials', 'true'],
  ['access-control-allow-methods', 'POST'],
  ['access-control-allow-headers', 'content-type, corset-transport'],
  ['vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers'],
];
const login = request('POST', '/auth/login', { origin: 'https://app.example.com' });
const loginAnswer: HeaderPair[] = [
  ['access-control-allow-origin', 'https://app.example.com'],
  ['access-control-allow-credentials', 'true'],
  ['vary', 'Origin'],
  ['set-cookie', '__Host-corset=abc; Path=/; Secure; HttpOnly; SameSite=None; Partitioned'],
];

function header(headers: readonly HeaderPair[], name: string): string[] {
  return headers.filter(([n]) => n === name).map(([, v]) => v);
}

describe('catalogue', () => {
  it('lists every mistake on one line each, with at least one topology', () => {
    const lines = listMistakes().trimEnd().split('\n');
    expect(lines).toHaveLength(MISTAKES.length);
    for (const mistake of MISTAKES) {
      expect(lines.some((l) => l.startsWith(mistake.name) && l.includes(mistake.summary))).toBe(
        true,
      );
      expect(mistake.topologies.length).toBeGreaterThan(0);
    }
    expect(findMistake('no-vary')?.name).toBe('no-vary');
    expect(findMistake('nope')).toBeUndefined();
  });
});

describe('header mistakes', () => {
  it('wildcard-origin answers * with credentials', () => {
    const out = createMistakeLayer('wildcard-origin', options).rewrite(preflight, corsetPreflight);
    expect(header(out, 'access-control-allow-origin')).toEqual(['*']);
    expect(header(out, 'access-control-allow-credentials')).toEqual(['true']);
  });

  it('no-allow-credentials drops ACAC and keeps the exact origin', () => {
    const out = createMistakeLayer('no-allow-credentials', options).rewrite(login, loginAnswer);
    expect(header(out, 'access-control-allow-credentials')).toEqual([]);
    expect(header(out, 'access-control-allow-origin')).toEqual(['https://app.example.com']);
  });

  it('missing-allow-headers drops content-type from preflight answers only', () => {
    const layer = createMistakeLayer('missing-allow-headers', options);
    expect(
      header(layer.rewrite(preflight, corsetPreflight), 'access-control-allow-headers'),
    ).toEqual(['corset-transport']);
    const onlyContentType: HeaderPair[] = [['access-control-allow-headers', 'content-type']];
    expect(
      header(layer.rewrite(preflight, onlyContentType), 'access-control-allow-headers'),
    ).toEqual([]);
  });

  it('no-vary removes Origin from Vary and keeps the other tokens', () => {
    const layer = createMistakeLayer('no-vary', options);
    expect(header(layer.rewrite(preflight, corsetPreflight), 'vary')).toEqual([
      'Access-Control-Request-Method, Access-Control-Request-Headers',
    ]);
    expect(header(layer.rewrite(login, loginAnswer), 'vary')).toEqual([]);
  });

  it('leaves answers alone for mistakes that are not about them', () => {
    const layer = createMistakeLayer('auth-before-preflight', options);
    expect(layer.rewrite(login, loginAnswer)).toEqual(loginAnswer);
    expect(layer.cookieHeader('__Host-corset=abc')).toBe('__Host-corset=abc');
  });
});

describe('cookie mistakes', () => {
  it('samesite-lax-cross-site sets Lax and drops Partitioned', () => {
    const out = createMistakeLayer('samesite-lax-cross-site', options).rewrite(login, loginAnswer);
    expect(header(out, 'set-cookie')).toEqual([
      '__Host-corset=abc; Path=/; Secure; HttpOnly; SameSite=Lax',
    ]);
  });

  it('none-without-secure drops Secure, and the prefix that needs it, and reads it back', () => {
    const layer = createMistakeLayer('none-without-secure', options);
    const [cookie = ''] = header(layer.rewrite(login, loginAnswer), 'set-cookie');
    expect(cookie).toMatch(/^demo-renamed-corset-0=abc; Path=\/; HttpOnly; SameSite=None$/);
    expect(layer.cookieHeader('other=1; demo-renamed-corset-0=abc')).toBe(
      'other=1; __Host-corset=abc',
    );
    const plain: HeaderPair[] = [['set-cookie', 'corset=abc; Path=/; HttpOnly; SameSite=Lax']];
    expect(header(layer.rewrite(login, plain), 'set-cookie')).toEqual([
      'corset=abc; Path=/; HttpOnly; SameSite=None',
    ]);
  });

  it('cookie-domain-api-host scopes the cookie to the API host', () => {
    const layer = createMistakeLayer('cookie-domain-api-host', options);
    const shared: HeaderPair[] = [
      ['set-cookie', '__Secure-corset=abc; Path=/; Domain=example.com; Secure'],
    ];
    expect(header(layer.rewrite(login, shared), 'set-cookie')).toEqual([
      'demo-renamed-corset-1=abc; Path=/; Secure; Domain=api.example.com',
    ]);
    expect(layer.cookieHeader('demo-renamed-corset-1=abc')).toBe('__Secure-corset=abc');
  });
});

describe('auth-before-preflight', () => {
  const layer = createMistakeLayer('auth-before-preflight', options);

  it('answers preflights of protected routes 401 without CORS headers', () => {
    const answer = layer.intercept(preflight);
    expect(answer?.status).toBe(401);
    expect(answer?.headers.some(([n]) => n.startsWith('access-control-'))).toBe(false);
  });

  it('lets public preflights, actual requests and other mistakes through', () => {
    expect(layer.intercept({ ...preflight, pathname: '/auth/login' })).toBeUndefined();
    expect(
      layer.intercept(request('POST', '/notes', { origin: 'https://app.example.com' })),
    ).toBeUndefined();
    expect(layer.intercept(request('OPTIONS', '/notes'))).toBeUndefined();
    expect(createMistakeLayer('no-vary', options).intercept(preflight)).toBeUndefined();
  });
});
