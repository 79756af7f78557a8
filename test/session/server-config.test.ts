import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/internal/problems.js';
import {
  type Corset,
  type CorsetConfig,
  createCorset,
  generateKeySpec,
} from '../../src/session/index.js';
import { refreshCookiePath } from '../../src/session/server-build.js';
import { API, APP, CROSS_APP, SECRET } from './server-fixtures.js';

async function problemsOf(config: unknown) {
  try {
    const corset = await createCorset(config as CorsetConfig);
    await corset.close();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function preflight(corset: Corset, origin: string, headers: string) {
  return corset.cors.decide({
    method: 'OPTIONS',
    header: (name: string) =>
      ({
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': headers,
      })[name],
  });
}

describe('createCorset validation', () => {
  it('reports the problems of every part at once, under the entry point field names', async () => {
    const problems = await problemsOf({
      appOrigins: ['https://app.example.com/'],
      apiOrigin: API,
      cors: { methods: ['TRACE'] },
      session: {
        secret: new Uint8Array(8),
        accessTtlSeconds: 5,
        paths: { refresh: 'auth/refresh' },
        lifetimeSeconds: -1,
        colour: 'blue',
      },
      csrf: { requireCustomHeader: 'content-type' },
    });
    const fields = problems.filter((p) => p.severity === 'error').map((p) => [p.field, p.code]);
    expect(fields).toEqual(
      expect.arrayContaining([
        ['session.colour', 'corset/unknown-key'],
        ['session.paths.refresh', 'corset/path-invalid'],
        ['appOrigins[0]', expect.stringMatching(/^(cors|topology)\//)],
        ['cors.methods[0]', expect.stringMatching(/^cors\//)],
        ['csrf.requireCustomHeader', 'csrf/custom-header-safelisted'],
        ['session.secret', 'keys/secret-too-short'],
        ['session.accessTtlSeconds', 'access-token/ttl-invalid'],
        ['session.lifetimeSeconds', 'refresh/lifetime-invalid'],
      ]),
    );
  });

  it('asks for keys once, without a second problem from the access tokens', async () => {
    const problems = await problemsOf({ appOrigins: [APP], apiOrigin: API, session: {} });
    expect(problems.map((p) => p.code)).toEqual(['corset/keys-missing']);
  });

  it('owns the CORS origins and credentials', async () => {
    const problems = await problemsOf({
      appOrigins: [APP],
      apiOrigin: API,
      cors: { origins: [APP], credentials: false },
      session: { secret: SECRET },
    });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['cors.origins', 'corset/cors-option-owned'],
      ['cors.credentials', 'corset/cors-option-owned'],
    ]);
  });

  it('refuses a cookie-less topology unless bearer is on, naming session.bearer in the fix', async () => {
    const problems = await problemsOf({
      appOrigins: ['http://127.0.0.1:8080'],
      apiOrigin: 'http://localhost:3000',
      session: { secret: SECRET, bearer: false },
    });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['appOrigins', 'topology/cross-site-over-http'],
    ]);
    expect(problems.find((p) => p.code === 'topology/cross-site-over-http')?.fix).toContain(
      'session.bearer: true',
    );
  });

  it('accepts a key-set config and a key set', async () => {
    const spec = await generateKeySpec('EdDSA', 'k1');
    const corset = await createCorset({
      appOrigins: [APP],
      apiOrigin: API,
      session: { keys: { keys: [spec], signingKid: 'k1' } },
    });
    expect(corset.jwks().keys.map((k) => k.kid)).toEqual(['k1']);
    await corset.close();
  });

  it('reports a broken key-set config under session.keys', async () => {
    const problems = await problemsOf({
      appOrigins: [APP],
      apiOrigin: API,
      session: { keys: { keys: [], signingKid: 'k1' } },
    });
    expect(problems.every((p) => p.field.startsWith('session.keys'))).toBe(true);
    expect(problems.length).toBeGreaterThan(0);
  });
});

describe('one source of truth', () => {
  it('same-site: no Bearer fallback, and the preflight refuses authorization', async () => {
    const corset = await createCorset({
      appOrigins: [APP],
      apiOrigin: API,
      session: { secret: SECRET },
    });
    expect(corset.bearer).toBe(false);
    expect(preflight(corset, APP, 'content-type').allowed).toBe(true);
    expect(preflight(corset, APP, 'authorization').allowed).toBe(false);
    expect(corset.explain().relation).toBe('same-site');
    await corset.close();
  });

  it('cross-site: the Bearer fallback is on and its headers are allowed by themselves', async () => {
    const corset = await createCorset({
      appOrigins: [CROSS_APP],
      apiOrigin: API,
      cors: { allowedHeaders: ['x-request-id'], methods: ['DELETE'] },
      session: { secret: SECRET },
    });
    expect(corset.bearer).toBe(true);
    const decision = preflight(
      corset,
      CROSS_APP,
      'authorization,corset-transport,content-type,x-request-id',
    );
    expect(decision.allowed).toBe(true);
    expect(preflight(corset, 'https://evil.example.org', 'content-type').allowed).toBe(false);
    const explanation = corset.explain();
    expect(explanation.transport).toBe('cookie+bearer-fallback');
    expect(explanation.cookie?.attributes).toMatchObject({ sameSite: 'None', partitioned: true });
    expect(corset.warnings.some((w) => w.field === 'appOrigins')).toBe(true);
    await corset.close();
  });

  it('the CSRF check trusts exactly the CORS allowlist', async () => {
    const corset = await createCorset({
      appOrigins: [APP, 'https://*.example.com'],
      apiOrigin: API,
      session: { secret: SECRET },
    });
    for (const origin of [APP, 'https://admin.example.com', 'https://evil.example.org']) {
      const headers: Record<string, string> = { origin, 'sec-fetch-site': 'cross-site' };
      const csrf = corset.csrf.check({ method: 'POST', header: (name) => headers[name] });
      expect(csrf.ok).toBe(corset.cors.isOriginAllowed(origin));
    }
    expect(corset.cors.isOriginAllowed('https://admin.example.com')).toBe(true);
    expect(corset.cors.isOriginAllowed('https://evil.example.org')).toBe(false);
    await corset.close();
  });

  it('adds a required custom CSRF header to the allowed headers', async () => {
    const corset = await createCorset({
      appOrigins: [APP],
      apiOrigin: API,
      session: { secret: SECRET },
      csrf: { requireCustomHeader: true },
    });
    expect(preflight(corset, APP, 'x-requested-with').allowed).toBe(true);
    await corset.close();
  });
});

describe('refreshCookiePath', () => {
  it.each([
    [{ login: '/auth/login', refresh: '/auth/refresh', logout: '/auth/logout' }, '/auth'],
    [{ login: '/l', refresh: '/api/session/refresh', logout: '/api/session/end' }, '/api/session'],
    [{ login: '/l', refresh: '/refresh', logout: '/logout' }, '/'],
    [{ login: '/l', refresh: '/a/refresh', logout: '/b/logout' }, '/'],
  ])('%o -> %s', (paths, expected) => {
    expect(refreshCookiePath(paths)).toBe(expected);
  });
});
