import { describe, expect, it } from 'vitest';
import { type CsrfConfig, createCsrfProtection } from '../../src/csrf/index.js';
import { ConfigError } from '../../src/internal/problems.js';

function problemsOf(config: unknown) {
  try {
    createCsrfProtection(config as CsrfConfig);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => [p.code, p.field]);
    throw error;
  }
  return [];
}

describe('createCsrfProtection config', () => {
  it('accepts a trust function alone', () => {
    expect(problemsOf({ isTrustedOrigin: () => false })).toEqual([]);
  });

  it.each([
    [undefined, [['csrf/config-not-object', 'config']]],
    [{}, [['csrf/trusted-origin-missing', 'isTrustedOrigin']]],
    [
      { isTrustedOrigin: ['https://app.example.com'] },
      [['csrf/trusted-origin-missing', 'isTrustedOrigin']],
    ],
    [
      { isTrustedOrigin: () => true, requireCustomHeader: 'content-type' },
      [['csrf/custom-header-safelisted', 'requireCustomHeader']],
    ],
    [
      { isTrustedOrigin: () => true, requireCustomHeader: 'Sec-Fetch-Site' },
      [['csrf/custom-header-forbidden', 'requireCustomHeader']],
    ],
    [
      { isTrustedOrigin: () => true, requireCustomHeader: 'authorization' },
      [['csrf/custom-header-authorization', 'requireCustomHeader']],
    ],
    [
      { isTrustedOrigin: () => true, requireCustomHeader: 'x csrf' },
      [['csrf/custom-header-invalid', 'requireCustomHeader']],
    ],
    [
      { isTrustedOrigin: () => true, requireCustomHeader: 1 },
      [['csrf/custom-header-invalid', 'requireCustomHeader']],
    ],
  ])('%j → %j', (config, expected) => {
    expect(problemsOf(config)).toEqual(expected);
  });

  it('reports every problem at once, with a fix each', () => {
    let error: unknown;
    try {
      createCsrfProtection({
        trustedOrigins: ['x'],
        requireCustomHeader: 'cookie',
      } as unknown as CsrfConfig);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.code)).toEqual([
      'csrf/unknown-key',
      'csrf/trusted-origin-missing',
      'csrf/custom-header-forbidden',
    ]);
    expect(problems.every((p) => p.fix.length > 0 && p.severity === 'error')).toBe(true);
    expect((error as Error).message).toContain('isOriginAllowed');
  });

  it('requireCustomHeader: false is the same as leaving it out', () => {
    expect(
      createCsrfProtection({ isTrustedOrigin: () => true, requireCustomHeader: false })
        .customHeader,
    ).toBeUndefined();
  });
});
