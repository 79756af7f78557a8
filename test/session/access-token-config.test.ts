import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/internal/problems.js';
import { type AccessTokenConfig, createAccessTokens } from '../../src/session/access-token.js';
import { AUDIENCE, ISSUER, singleKeyTokens } from './token-fixtures.js';

function problemsOf(config: unknown) {
  try {
    createAccessTokens(config as AccessTokenConfig);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => [p.code, p.field]);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('createAccessTokens validation', () => {
  it('reports every problem at once', () => {
    expect(
      problemsOf({
        keys: {},
        issuer: '',
        audience: [],
        ttlSeconds: 5,
        clockToleranceSeconds: -1,
        cache: { maxEntries: 0 },
        now: 12,
        ttl: 600,
      }),
    ).toEqual([
      ['tokens/unknown-key', 'ttl'],
      ['access-token/key-set-invalid', 'keys'],
      ['access-token/issuer-invalid', 'issuer'],
      ['access-token/audience-invalid', 'audience'],
      ['access-token/ttl-invalid', 'ttlSeconds'],
      ['access-token/clock-tolerance-invalid', 'clockToleranceSeconds'],
      ['access-token/cache-invalid', 'cache'],
      ['tokens/config-not-object', 'now'],
    ]);
    expect(problemsOf('nope')).toContainEqual(['tokens/config-not-object', 'config']);
  });

  it('warns about a long access-token lifetime', async () => {
    const { keys } = await singleKeyTokens();
    const tokens = createAccessTokens({
      keys,
      issuer: ISSUER,
      audience: AUDIENCE,
      ttlSeconds: 7200,
    });
    expect(tokens.warnings.map((w) => w.code)).toEqual(['access-token/ttl-long']);
    expect(tokens.ttlSeconds).toBe(7200);
  });

  it('defaults to a 10-minute lifetime and no warnings', async () => {
    const { keys } = await singleKeyTokens();
    const tokens = createAccessTokens({ keys, issuer: ISSUER, audience: AUDIENCE });
    expect(tokens.ttlSeconds).toBe(600);
    expect(tokens.warnings).toEqual([]);
  });
});
