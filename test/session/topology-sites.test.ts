import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySites, siteOf } from '../../src/session/topology-sites.js';

describe('classifySites', () => {
  it.each([
    // localhost: ports never matter for sites
    ['http://localhost:8080', 'http://localhost:3000', 'same-site'],
    ['http://localhost:3000', 'http://localhost:3000', 'same-origin'],
    ['http://LOCALHOST:80', 'http://localhost', 'same-origin'],
    // 127.0.0.1 and localhost: two hosts without a registrable domain, two sites
    ['http://127.0.0.1:8080', 'http://localhost:3000', 'cross-site'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:3000', 'same-site'],
    ['http://[::1]:8080', 'http://127.0.0.1:3000', 'cross-site'],
    ['http://[::1]:8080', 'http://[::1]:3000', 'same-site'],
    // IP addresses compare as whole hosts, never by "registrable" suffix
    ['https://10.0.0.1', 'https://10.0.0.2', 'cross-site'],
    ['https://192.168.1.10:8443', 'https://192.168.1.10', 'same-site'],
    // *.localhost names: `localhost` acts as the public suffix (PSL implicit rule)
    ['http://app.localhost', 'http://api.localhost', 'cross-site'],
    // sibling subdomains of one registrable domain
    ['https://app.example.com', 'https://api.example.com', 'same-site'],
    ['https://example.com', 'https://deep.api.example.com', 'same-site'],
    ['https://app.example.co.uk', 'https://api.example.co.uk', 'same-site'],
    // different registrable domains
    ['https://app.one.com', 'https://api.two.com', 'cross-site'],
    ['https://app.example.com', 'https://api.example.net', 'cross-site'],
    ['https://example.co.uk', 'https://other.co.uk', 'cross-site'],
    // PSL private section: each user's subdomain is its own site
    ['https://a.github.io', 'https://b.github.io', 'cross-site'],
    ['https://app-a.vercel.app', 'https://api-b.vercel.app', 'cross-site'],
    ['https://x.a.github.io', 'https://y.a.github.io', 'same-site'],
    // schemeful: http and https are different sites
    ['http://app.example.com', 'https://api.example.com', 'cross-site'],
    ['http://example.com', 'https://example.com', 'cross-site'],
    ['http://localhost:8080', 'https://localhost:3000', 'cross-site'],
    // a trailing dot is part of the public suffix (URL Standard §3.2)
    ['https://app.example.com.', 'https://api.example.com', 'cross-site'],
    ['https://app.example.com.', 'https://api.example.com.', 'same-site'],
    // IDN: compared as A-labels
    ['https://bücher.de', 'https://xn--bcher-kva.de', 'same-origin'],
    ['https://app.bücher.de', 'https://api.xn--bcher-kva.de', 'same-site'],
    ['https://bücher.de', 'https://bucher.de', 'cross-site'],
  ] as const)('%s vs %s: %s', (a, b, relation) => {
    expect(classifySites(a, b)).toBe(relation);
    expect(classifySites(b, a)).toBe(relation);
  });

  it.each([
    ['https://app.example.com/', 'https://api.example.com'],
    ['ftp://example.com', 'https://example.com'],
    ['null', 'https://example.com'],
    ['app.example.com', 'https://example.com'],
    ['https://*.example.com', 'https://example.com'],
  ])('refuses %s (not an http(s) origin)', (a, b) => {
    expect(classifySites(a, b)).toBeUndefined();
    expect(classifySites(b, a)).toBeUndefined();
  });

  it('is reflexive and symmetric, and same-origin only for equal origins', () => {
    const host = fc.constantFrom(
      'localhost',
      '127.0.0.1',
      'app.example.com',
      'api.example.com',
      'example.com',
      'a.github.io',
      'b.github.io',
      'api.two.com',
    );
    const origin = fc
      .record({
        scheme: fc.constantFrom('http', 'https'),
        host,
        port: fc.option(fc.constantFrom(3000, 8080), { nil: undefined }),
      })
      .map(
        ({ scheme, host, port }) => `${scheme}://${host}${port === undefined ? '' : `:${port}`}`,
      );
    fc.assert(
      fc.property(origin, origin, (a, b) => {
        expect(classifySites(a, a)).toBe('same-origin');
        expect(classifySites(a, b)).toBe(classifySites(b, a));
        expect(classifySites(a, b) === 'same-origin').toBe(a === b);
      }),
    );
  });
});

describe('siteOf', () => {
  it.each([
    ['https://api.example.com:8443', 'https://example.com', true, false],
    ['http://localhost:3000', 'http://localhost', false, false],
    ['http://127.0.0.1', 'http://127.0.0.1', false, false],
    ['https://a.github.io', 'https://a.github.io', true, false],
    ['http://api.corset.test', 'http://corset.test', true, true],
    ['http://intranet:8080', 'http://intranet', false, false],
  ])('%s is %s', (origin, serialized, registrable, unlisted) => {
    const site = siteOf(origin);
    expect(site?.serialized).toBe(serialized);
    expect(site?.registrable).toBe(registrable);
    expect(site?.unlistedSuffix).toBe(unlisted);
  });
});
