/**
 * What one failed (or warned) start of the entry point reports: every problem at once,
 * even when no app origin is valid, and warnings on the field they are about.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/internal/problems.js';
import { analyzeSessionTopology, createCorset } from '../../src/session/index.js';

const SECRET = new Uint8Array(32).fill(4);

async function problemsOf(config: Parameters<typeof createCorset>[0]) {
  const error = await createCorset(config).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems.map((p) => [p.code, p.field]);
}

describe('every problem at once', () => {
  it('checks the API scheme and the shared Domain although no app origin is valid', async () => {
    const problems = await problemsOf({
      appOrigins: ['https://app.example.com/'],
      apiOrigin: 'http://api.example.com',
      session: { secret: SECRET, shareAcrossSubdomains: 'com' },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        ['cors/origin-has-path', 'appOrigins[0]'],
        ['topology/insecure-api', 'apiOrigin'],
        ['cookie/domain-public-suffix', 'session.shareAcrossSubdomains'],
      ]),
    );
  });

  it('an empty app list still gets the API checked, and no plan', () => {
    const analysis = analyzeSessionTopology({
      appOrigins: [],
      apiOrigin: 'http://api.example.com',
    });
    expect(analysis.plan).toBeUndefined();
    expect(analysis.problems.map((p) => p.code)).toEqual([
      'topology/app-origins-empty',
      'topology/insecure-api',
    ]);
  });
});

describe('topology warnings on the field they are about', () => {
  it('a root refresh Path is about session.paths, and its fix speaks of them', async () => {
    const corset = await createCorset({
      appOrigins: ['https://app.example.com'],
      apiOrigin: 'https://api.example.com',
      session: { secret: SECRET, paths: { refresh: '/refresh', logout: '/logout' } },
    });
    await corset.close();
    const [warning] = corset.warnings;
    expect(warning).toMatchObject({ code: 'topology/refresh-path-root', field: 'session.paths' });
    expect(warning?.fix).toContain('session.paths.refresh');
    expect(warning?.fix).not.toContain('refreshPath');
  });

  it('the Bearer warnings are about session.bearer, third-party cookies about appOrigins', async () => {
    const corset = await createCorset({
      appOrigins: ['https://app.one.com'],
      apiOrigin: 'https://api.two.com',
      session: { secret: SECRET, bearer: false },
    });
    await corset.close();
    expect(corset.warnings.map((w) => [w.code, w.field, w.value])).toEqual([
      ['topology/third-party-cookies', 'appOrigins', ['https://app.one.com']],
      ['topology/no-bearer-fallback', 'session.bearer', false],
    ]);
  });

  it('plain http accepted by allowInsecureHttp is about apiOrigin', async () => {
    const corset = await createCorset({
      appOrigins: ['http://app.example.com'],
      apiOrigin: 'http://api.example.com',
      cors: { allowInsecureOrigins: true },
      session: { secret: SECRET, allowInsecureHttp: true },
    });
    await corset.close();
    expect(corset.warnings.find((w) => w.code === 'topology/insecure-http')).toMatchObject({
      field: 'apiOrigin',
      value: 'http://api.example.com',
    });
  });
});
