import { describe, expect, it } from 'vitest';
import { canonicalHost, domainMatches, isIpHost } from '../../src/cookies/domain-match.js';
import { cookiePrefix, prefixRequirements } from '../../src/cookies/prefix.js';

describe('cookiePrefix (RFC 6265bis §4.1.3, matched case-insensitively per §5.7)', () => {
  it('finds each prefix, longest first, in any case', () => {
    expect(cookiePrefix('__Secure-a')).toBe('__Secure-');
    expect(cookiePrefix('__Host-a')).toBe('__Host-');
    expect(cookiePrefix('__Http-a')).toBe('__Http-');
    expect(cookiePrefix('__Host-Http-a')).toBe('__Host-Http-');
    expect(cookiePrefix('__HOST-a')).toBe('__Host-');
    expect(cookiePrefix('__secure-')).toBe('__Secure-');
    expect(cookiePrefix('__host-http-a')).toBe('__Host-Http-');
  });

  it('ignores near misses', () => {
    for (const name of ['_Host-a', '__Hosta', 'x__Host-a', '__Securea', '', '__', '__Http']) {
      expect(cookiePrefix(name), name).toBeUndefined();
    }
  });

  it('states what each prefix requires', () => {
    expect(prefixRequirements('__Secure-')).toEqual({
      secure: true,
      hostOnlyRootPath: false,
      httpOnly: false,
    });
    expect(prefixRequirements('__Host-Http-')).toEqual({
      secure: true,
      hostOnlyRootPath: true,
      httpOnly: true,
    });
  });
});

describe('canonicalHost (RFC 6265bis §5.1.2) and domainMatches (§5.1.3)', () => {
  it('canonicalises like a URL host and rejects non-hosts', () => {
    expect(canonicalHost('API.Example.com:8443')).toBe('api.example.com');
    expect(canonicalHost('bücher.example')).toBe('xn--bcher-kva.example');
    expect(canonicalHost('::1')).toBe('[::1]');
    expect(canonicalHost('127.1')).toBe('127.0.0.1');
    for (const bad of ['', 'a b', 'a/b', 'user@host', 'a?b', 'a#b', 'x;y', '*.example.com']) {
      expect(canonicalHost(bad), bad).toBeUndefined();
    }
  });

  it('tells IP addresses from host names', () => {
    expect(isIpHost('127.0.0.1')).toBe(true);
    expect(isIpHost('[::1]')).toBe(true);
    expect(isIpHost('1.example.com')).toBe(false);
  });

  it('matches equal hosts and subdomains at a label boundary, never widening IPs', () => {
    expect(domainMatches('example.com', 'example.com')).toBe(true);
    expect(domainMatches('api.example.com', 'example.com')).toBe(true);
    expect(domainMatches('apiexample.com', 'example.com')).toBe(false);
    expect(domainMatches('example.com', 'api.example.com')).toBe(false);
    expect(domainMatches('10.0.0.1', '0.0.1')).toBe(false);
    expect(domainMatches('10.0.0.1', '10.0.0.1')).toBe(true);
  });
});
