import { describe, expect, it } from 'vitest';
import type { AccessClaims } from '../../src/session/access-token.js';
import { createVerificationCache } from '../../src/session/access-token-cache.js';

const claims = (sub: string): AccessClaims => ({
  sub,
  sid: 's',
  iss: 'i',
  aud: 'a',
  iat: 0,
  exp: 100,
});

describe('verification cache', () => {
  it('evicts the least recently used entry when full', () => {
    const cache = createVerificationCache(2);
    cache.set('a', claims('a'), 1000);
    cache.set('b', claims('b'), 1000);
    expect(cache.get('a', 0)?.sub).toBe('a'); // a is now the most recent
    cache.set('c', claims('c'), 1000);
    expect(cache.size).toBe(2);
    expect(cache.get('b', 0)).toBeUndefined();
    expect(cache.get('a', 0)?.sub).toBe('a');
    expect(cache.get('c', 0)?.sub).toBe('c');
  });

  it('drops an entry at its limit and frees the slot', () => {
    const cache = createVerificationCache(2);
    cache.set('a', claims('a'), 1000);
    expect(cache.get('a', 999)?.sub).toBe('a');
    expect(cache.get('a', 1000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('re-setting a token replaces its entry without growing', () => {
    const cache = createVerificationCache(2);
    cache.set('a', claims('a'), 1000);
    cache.set('a', claims('a2'), 2000);
    expect(cache.size).toBe(1);
    expect(cache.get('a', 1500)?.sub).toBe('a2');
  });
});
