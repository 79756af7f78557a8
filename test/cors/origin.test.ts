import { describe, expect, it } from 'vitest';
import { isLoopbackHost, parseOrigin, serializeOrigin } from '../../src/cors/index.js';

describe('parseOrigin', () => {
  it.each([
    ['https://app.example.com', 'https://app.example.com'],
    ['HTTPS://App.Example.COM', 'https://app.example.com'],
    ['https://app.example.com:443', 'https://app.example.com'],
    ['http://app.example.com:80', 'http://app.example.com'],
    ['https://app.example.com:8443', 'https://app.example.com:8443'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
    ['https://BÜCHER.example', 'https://xn--bcher-kva.example'],
    ['https://例え.jp', 'https://xn--r8jz45g.jp'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
    ['http://[0:0:0:0:0:0:0:1]', 'http://[::1]'],
    ['http://127.1', 'http://127.0.0.1'],
    ['https://example.com.', 'https://example.com.'],
  ])('normalises %s to %s', (raw, expected) => {
    expect(parseOrigin(raw)?.origin).toBe(expected);
  });

  it('takes the origin apart', () => {
    expect(parseOrigin('https://API.example.com:8443')).toEqual({
      scheme: 'https',
      host: 'api.example.com',
      port: 8443,
      origin: 'https://api.example.com:8443',
    });
    expect(parseOrigin('https://example.com:443')?.port).toBeUndefined();
  });

  it.each([
    ['null'],
    ['NULL'],
    [''],
    ['example.com'],
    ['//example.com'],
    ['https://example.com/'],
    ['https://example.com/path'],
    ['https://example.com?q'],
    ['https://example.com#f'],
    ['https://user@example.com'],
    ['https://user:pw@example.com'],
    ['https://*.example.com'],
    ['https://exa\tmple.com'],
    [' https://example.com'],
    ['https://example.com '],
    ['https://example.com\\'],
    ['https://.example.com'],
    ['https://a..example.com'],
    ['https://example.com:99999'],
    ['https://example.com:port'],
    ['https://'],
    ['file:///etc/passwd'],
    ['data:text/html,hi'],
    ['chrome-extension://abcdef'],
    ['blob:https://example.com'],
    [`https://${'a'.repeat(3000)}.com`],
  ])('refuses %j', (raw) => {
    expect(parseOrigin(raw)).toBeUndefined();
  });

  it('does not throw on non-strings from JavaScript callers', () => {
    expect(parseOrigin(42 as unknown as string)).toBeUndefined();
    expect(parseOrigin(undefined as unknown as string)).toBeUndefined();
  });
});

describe('serializeOrigin', () => {
  it('drops default ports and keeps others', () => {
    expect(serializeOrigin({ scheme: 'https', host: 'a.example', port: 443 })).toBe(
      'https://a.example',
    );
    expect(serializeOrigin({ scheme: 'http', host: 'a.example', port: 80 })).toBe(
      'http://a.example',
    );
    expect(serializeOrigin({ scheme: 'https', host: 'a.example', port: 80 })).toBe(
      'https://a.example:80',
    );
    expect(serializeOrigin({ scheme: 'https', host: 'a.example' })).toBe('https://a.example');
  });

  it('round-trips what parseOrigin produces', () => {
    for (const raw of [
      'https://a.example:8443',
      'http://[::1]:3000',
      'https://xn--bcher-kva.example',
    ]) {
      const parsed = parseOrigin(raw);
      expect(parsed && serializeOrigin(parsed)).toBe(raw);
    }
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', 'app.localhost', 'localhost.', '127.0.0.1', '127.255.0.9', '[::1]'])(
    '%s is loopback',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );
  it.each(['example.com', 'localhost.example.com', '128.0.0.1', '127.0.0', '[::2]', 'mylocalhost'])(
    '%s is not loopback',
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});
