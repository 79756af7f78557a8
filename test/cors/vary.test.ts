import { describe, expect, it } from 'vitest';
import { mergeVary, VARY_ACTUAL, VARY_PREFLIGHT } from '../../src/cors/index.js';

describe('mergeVary', () => {
  it('returns the tokens when nothing is set', () => {
    expect(mergeVary(undefined, VARY_ACTUAL)).toBe('Origin');
    expect(mergeVary('', VARY_PREFLIGHT)).toBe(
      'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    );
    expect(mergeVary(undefined, ['Origin', 'origin'])).toBe('Origin');
  });

  it('appends to the existing value, keeping its spelling, without duplicates', () => {
    expect(mergeVary('Accept-Encoding', VARY_ACTUAL)).toBe('Accept-Encoding, Origin');
    expect(mergeVary('accept-encoding, ORIGIN', VARY_PREFLIGHT)).toBe(
      'accept-encoding, ORIGIN, Access-Control-Request-Method, Access-Control-Request-Headers',
    );
    expect(mergeVary('Origin', VARY_ACTUAL)).toBe('Origin');
  });

  it('drops empty elements, whitespace and duplicates already present', () => {
    expect(mergeVary(' ,Accept ,\tAccept, ,', VARY_ACTUAL)).toBe('Accept, Origin');
  });

  it('keeps * semantics: * absorbs everything', () => {
    expect(mergeVary('*', VARY_ACTUAL)).toBe('*');
    expect(mergeVary('Accept, *', VARY_ACTUAL)).toBe('*');
    expect(mergeVary('Accept', ['*'])).toBe('*');
  });

  it('is idempotent', () => {
    const once = mergeVary('Accept-Encoding, origin', VARY_PREFLIGHT);
    expect(mergeVary(once, VARY_PREFLIGHT)).toBe(once);
  });
});
