import { describe, expect, it } from 'vitest';
import { defineCookie } from '../../src/cookies/index.js';
import { ConfigError } from '../../src/internal/problems.js';
import {
  analyzeSessionTopology,
  formatPlannedCookie,
  planSessionCookies,
  type SessionCookiePlan,
  type SessionTopologyOptions,
} from '../../src/session/topology.js';

function codesOf(options: SessionTopologyOptions): string[] {
  return analyzeSessionTopology(options).problems.map((p) => p.code);
}

function lines(plan: SessionCookiePlan): [string, string] {
  if (plan.cookie === null || plan.refreshCookie === null) throw new Error('no cookies planned');
  return [formatPlannedCookie(plan.cookie), formatPlannedCookie(plan.refreshCookie)];
}

// The three rows of issue 3's table, with the exact attributes chosen.
describe('the topology table of issue 3', () => {
  it('same site, other port: http://localhost:8080 → http://localhost:3000', () => {
    const plan = planSessionCookies({
      appOrigins: ['http://localhost:8080'],
      apiOrigin: 'http://localhost:3000',
    });
    expect(plan.relations).toEqual([
      {
        appOrigin: 'http://localhost:8080',
        relation: 'same-site',
        appSite: 'http://localhost',
        apiSite: 'http://localhost',
      },
    ]);
    expect(lines(plan)).toEqual([
      'session=…; Path=/; HttpOnly; SameSite=Lax',
      'session-refresh=…; Path=/auth/refresh; HttpOnly; SameSite=Lax',
    ]);
    expect(plan.transport).toBe('cookie');
    expect(plan.warnings).toEqual([]);
    expect(plan.reasons.map((r) => r.code)).toContain('loopback-http');
  });

  it('sibling subdomains: https://app.example.com → https://api.example.com', () => {
    const plan = planSessionCookies({
      appOrigins: ['https://app.example.com'],
      apiOrigin: 'https://api.example.com',
    });
    expect(plan.relation).toBe('same-site');
    expect(lines(plan)).toEqual([
      '__Host-session=…; Path=/; Secure; HttpOnly; SameSite=Lax',
      '__Secure-session-refresh=…; Path=/auth/refresh; Secure; HttpOnly; SameSite=Lax',
    ]);
    expect(plan.transport).toBe('cookie');
    expect(plan.warnings).toEqual([]);
  });

  it('sibling subdomains sharing the cookie with Domain=example.com', () => {
    const plan = planSessionCookies({
      appOrigins: ['https://app.example.com'],
      apiOrigin: 'https://api.example.com',
      shareAcrossSubdomains: 'example.com',
    });
    expect(lines(plan)).toEqual([
      '__Secure-session=…; Domain=example.com; Path=/; Secure; HttpOnly; SameSite=Lax',
      '__Secure-session-refresh=…; Domain=example.com; Path=/auth/refresh; Secure; HttpOnly; SameSite=Lax',
    ]);
    expect(plan.reasons.map((r) => r.code)).toContain('shared-domain');
  });

  it.each([
    ['https://app.one.com', 'https://api.two.com'],
    ['https://a.github.io', 'https://b.github.io'],
    ['https://my-app.vercel.app', 'https://my-api.vercel.app'],
  ])('cross site: %s → %s', (app, api) => {
    const plan = planSessionCookies({ appOrigins: [app], apiOrigin: api });
    expect(plan.relation).toBe('cross-site');
    expect(lines(plan)).toEqual([
      '__Host-session=…; Path=/; Secure; HttpOnly; SameSite=None; Partitioned',
      '__Secure-session-refresh=…; Path=/auth/refresh; Secure; HttpOnly; SameSite=None; Partitioned',
    ]);
    expect(plan.transport).toBe('cookie+bearer-fallback');
    const warning = plan.warnings.find((w) => w.code === 'topology/third-party-cookies');
    expect(warning?.message).toContain('WebKitGTK');
    expect(warning?.message).toContain('Safari before 18.4');
    const dropped = warning?.browsers.filter((b) => b.outcome === 'dropped').map((b) => b.browser);
    expect(dropped).toEqual(['Safari before 18.4', 'WebKitGTK']);
    const partitioned = warning?.browsers.filter((b) => b.outcome === 'partitioned');
    expect(partitioned?.map((b) => b.browser).join(' ')).toMatch(
      /Chromium.*Firefox|Firefox.*Chromium/,
    );
  });
});

describe('planSessionCookies: transport security', () => {
  it('an https API gets Secure and __Host- whatever the app scheme', () => {
    const plan = planSessionCookies({
      appOrigins: ['https://example.com'],
      apiOrigin: 'https://example.com',
    });
    expect(plan.relation).toBe('same-origin');
    expect(plan.cookie?.attributes).toEqual({
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
    });
  });

  it.each(['http://127.0.0.1:3000', 'http://[::1]:3000', 'http://api.localhost:3000'])(
    'plain-http loopback %s: no Secure and no prefix',
    (api) => {
      const app = api.replace(':3000', ':8080');
      const plan = planSessionCookies({ appOrigins: [app], apiOrigin: api });
      expect(plan.cookie?.name).toBe('session');
      expect(plan.cookie?.attributes.secure).toBe(false);
      expect(plan.cookie?.attributes.sameSite).toBe('Lax');
    },
  );

  it('refuses plain http on a non-loopback host, unless allowInsecureHttp', () => {
    const options = {
      appOrigins: ['http://app.example.com'],
      apiOrigin: 'http://api.example.com',
    };
    const analysis = analyzeSessionTopology(options);
    expect(analysis.plan).toBeUndefined();
    expect(analysis.problems).toMatchObject([
      { code: 'topology/insecure-api', field: 'apiOrigin', value: 'http://api.example.com' },
    ]);
    expect(analysis.problems[0]?.fix).toContain('https://api.example.com');
    const plan = planSessionCookies({ ...options, allowInsecureHttp: true });
    expect(plan.cookie?.name).toBe('session');
    expect(plan.cookie?.attributes.secure).toBe(false);
    expect(plan.warnings.map((w) => w.code)).toEqual(['topology/insecure-http']);
  });

  it('127.0.0.1 → localhost over http is cross-site: an error that suggests the same host', () => {
    const options = { appOrigins: ['http://127.0.0.1:8080'], apiOrigin: 'http://localhost:3000' };
    expect(() => planSessionCookies(options)).toThrow(ConfigError);
    const [problem] = analyzeSessionTopology(options).problems;
    expect(problem?.code).toBe('topology/cross-site-over-http');
    expect(problem?.fix).toContain('`http://localhost:8080`');
    expect(problem?.fix).toContain('allowBearerOnly');
  });

  it('cross-site over http with allowBearerOnly: Bearer transport, no cookies', () => {
    const plan = planSessionCookies({
      appOrigins: ['http://localhost:8080', 'http://127.0.0.1:8080'],
      apiOrigin: 'http://localhost:3000',
      allowBearerOnly: true,
    });
    expect(plan.transport).toBe('bearer');
    expect(plan.cookie).toBeNull();
    expect(plan.refreshCookie).toBeNull();
    expect(plan.warnings.map((w) => w.code)).toEqual(['topology/bearer-only']);
    expect(plan.explain().text).toContain('Bearer header only');
  });

  it('an https app calling an http API is cross-site (schemeful) and cannot use cookies', () => {
    expect(
      codesOf({ appOrigins: ['https://app.example.com'], apiOrigin: 'http://localhost:3000' }),
    ).toEqual(['topology/cross-site-over-http']);
  });
});

describe('planSessionCookies: several app origins', () => {
  it('the strictest need wins: one cross-site app makes every cookie SameSite=None', () => {
    const plan = planSessionCookies({
      appOrigins: [
        'https://api.example.com',
        'https://app.example.com',
        'https://partner.example.net',
      ],
      apiOrigin: 'https://api.example.com',
    });
    expect(plan.relations.map((r) => r.relation)).toEqual([
      'same-origin',
      'same-site',
      'cross-site',
    ]);
    expect(plan.relation).toBe('cross-site');
    expect(plan.cookie?.attributes).toMatchObject({
      sameSite: 'None',
      secure: true,
      partitioned: true,
    });
    expect(plan.warnings[0]?.message).toContain('https://partner.example.net');
    expect(plan.warnings[0]?.message).not.toContain('https://app.example.com');
  });

  it('all same-site apps keep Lax; duplicates count once', () => {
    const plan = planSessionCookies({
      appOrigins: [
        'https://app.example.com',
        'HTTPS://APP.example.com:443',
        'https://admin.example.com',
      ],
      apiOrigin: 'https://api.example.com',
    });
    expect(plan.relations.map((r) => r.appOrigin)).toEqual([
      'https://app.example.com',
      'https://admin.example.com',
    ]);
    expect(plan.cookie?.attributes.sameSite).toBe('Lax');
  });
});

describe('planSessionCookies: shareAcrossSubdomains', () => {
  it.each([
    ['com', 'cookie/domain-public-suffix'],
    ['github.io', 'cookie/domain-public-suffix'],
    ['example.net', 'cookie/domain-mismatch'],
    ['pi.example.com', 'cookie/domain-mismatch'],
  ])('rejects %s for api.example.com / a.github.io (%s)', (domain, code) => {
    const api = domain === 'github.io' ? 'https://a.github.io' : 'https://api.example.com';
    const { problems } = analyzeSessionTopology({
      appOrigins: ['https://app.example.com'],
      apiOrigin: api,
      shareAcrossSubdomains: domain,
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code, field: 'shareAcrossSubdomains', value: domain });
    expect(problems[0]?.fix).not.toContain('`domain`');
  });

  it('rejects a Domain on an IP or on localhost', () => {
    expect(
      codesOf({
        appOrigins: ['http://localhost:8080'],
        apiOrigin: 'http://localhost:3000',
        shareAcrossSubdomains: 'localhost',
      }),
    ).toEqual(['cookie/domain-public-suffix']);
    expect(
      codesOf({
        appOrigins: ['https://10.0.0.1'],
        apiOrigin: 'https://10.0.0.1:8443',
        shareAcrossSubdomains: '10.0.0.1',
      }),
    ).toEqual(['cookie/domain-ip']);
  });

  it('writes the Domain canonically and warns about a leading dot once', () => {
    const plan = planSessionCookies({
      appOrigins: ['https://app.example.com'],
      apiOrigin: 'https://api.example.com',
      shareAcrossSubdomains: '.Example.COM',
    });
    expect(plan.cookie?.attributes.domain).toBe('example.com');
    expect(plan.refreshCookie?.attributes.domain).toBe('example.com');
    expect(plan.warnings.map((w) => w.code)).toEqual(['cookie/domain-leading-dot']);
    expect(plan.reasons.find((r) => r.code === 'shared-domain')?.message).toMatch(
      /^Domain=example\.com /,
    );
  });

  it('the cross-site cookie with a shared Domain is __Secure- and partitioned', () => {
    const plan = planSessionCookies({
      appOrigins: ['https://app.one.com'],
      apiOrigin: 'https://api.two.com',
      shareAcrossSubdomains: 'two.com',
    });
    expect(lines(plan)[0]).toBe(
      '__Secure-session=…; Domain=two.com; Path=/; Secure; HttpOnly; SameSite=None; Partitioned',
    );
  });
});

describe('planSessionCookies: names and paths', () => {
  it('uses the given base names and refresh path', () => {
    const plan = planSessionCookies({
      appOrigins: ['https://app.example.com'],
      apiOrigin: 'https://api.example.com',
      cookieName: 'sid',
      refreshCookieName: 'rt',
      refreshPath: '/session/refresh',
    });
    expect(plan.cookie?.name).toBe('__Host-sid');
    expect(plan.refreshCookie?.name).toBe('__Secure-rt');
    expect(plan.refreshCookie?.attributes.path).toBe('/session/refresh');
  });

  it('a refresh cookie on Path=/ may keep __Host- but gets a warning', () => {
    const plan = planSessionCookies({
      appOrigins: ['https://app.example.com'],
      apiOrigin: 'https://api.example.com',
      refreshPath: '/',
    });
    expect(plan.refreshCookie?.name).toBe('__Host-session-refresh');
    expect(plan.warnings.map((w) => w.code)).toEqual(['topology/refresh-path-root']);
  });

  it('reports every problem at once, against the option the user wrote', () => {
    const analysis = analyzeSessionTopology({
      appOrigins: ['https://app.example.com/', 'https://ok.example.com'],
      apiOrigin: 'https://api.example.com',
      cookieName: '__Host-sid',
      refreshCookieName: 'bad name',
      refreshPath: 'auth/refresh',
      allowBearerOnly: 'yes',
      origins: [],
    } as unknown as SessionTopologyOptions);
    expect(analysis.plan).toBeUndefined();
    expect(analysis.problems.map((p) => [p.code, p.field])).toEqual([
      ['topology/unknown-key', 'origins'],
      ['topology/origin-invalid', 'appOrigins[0]'],
      ['topology/cookie-name-prefixed', 'cookieName'],
      ['topology/invalid-type', 'allowBearerOnly'],
      ['cookie/name-invalid', 'refreshCookieName'],
      ['cookie/path-invalid', 'refreshPath'],
    ]);
    expect(analysis.problems.every((p) => p.severity === 'error' && p.fix.length > 0)).toBe(true);
  });

  it.each([
    [undefined, 'topology/options-not-object'],
    [{ apiOrigin: 'https://api.example.com' }, 'topology/app-origins-empty'],
    [
      { apiOrigin: 'https://api.example.com', appOrigins: 'https://x.example.com' },
      'topology/app-origins-empty',
    ],
    [
      { apiOrigin: 'wss://api.example.com', appOrigins: ['https://x.example.com'] },
      'topology/origin-invalid',
    ],
    [
      {
        apiOrigin: 'https://api.example.com',
        appOrigins: ['https://x.example.com'],
        cookieName: '',
      },
      'topology/cookie-name-empty',
    ],
    [
      {
        apiOrigin: 'https://api.example.com',
        appOrigins: ['https://x.example.com'],
        shareAcrossSubdomains: true,
      },
      'topology/invalid-type',
    ],
  ])('refuses %j (%s)', (options, code) => {
    expect(codesOf(options as unknown as SessionTopologyOptions)).toEqual([code]);
    expect(() => planSessionCookies(options as unknown as SessionTopologyOptions)).toThrow(code);
  });
});

describe('planned cookies are what defineCookie accepts', () => {
  it.each([
    [['http://localhost:8080'], 'http://localhost:3000'],
    [['https://app.example.com'], 'https://api.example.com'],
    [['https://app.one.com'], 'https://api.two.com'],
  ])('%j → %s', (appOrigins, apiOrigin) => {
    const plan = planSessionCookies({ appOrigins, apiOrigin });
    const apiHost = new URL(apiOrigin).hostname;
    for (const cookie of [plan.cookie, plan.refreshCookie]) {
      if (cookie === null) throw new Error('no cookie planned');
      const definition = defineCookie(
        { name: cookie.name, ...cookie.attributes, maxAge: 600 },
        { apiHost },
      );
      const header = definition.serialize('token');
      expect(header.ok).toBe(true);
      expect(definition.read(`${cookie.name}=token`)).toBe('token');
    }
  });
});

describe('explain()', () => {
  it('returns the decision as JSON-serialisable data plus text', () => {
    const plan = planSessionCookies({
      appOrigins: ['https://app.one.com'],
      apiOrigin: 'https://api.two.com',
    });
    const explanation = plan.explain();
    const data = JSON.parse(JSON.stringify(explanation));
    expect(data.relations[0].relation).toBe('cross-site');
    expect(data.cookie.name).toBe('__Host-session');
    expect(data.transport).toBe('cookie+bearer-fallback');
    expect(data.warnings[0].code).toBe('topology/third-party-cookies');
    expect(data.reasons.map((r: { code: string }) => r.code)).toEqual([
      'api-https',
      'http-only',
      'cross-site-none',
      'partitioned',
      'bearer-fallback',
      'host-only',
      'refresh-path',
    ]);
    const text = explanation.text.split('\n');
    expect(text[0]).toBe('corset session topology: API https://api.two.com');
    expect(text[1]).toBe(
      '  app https://app.one.com: cross-site (site https://one.com vs https://two.com)',
    );
    expect(text[2]).toBe(
      '  session cookie: __Host-session=…; Path=/; Secure; HttpOnly; SameSite=None; Partitioned',
    );
    expect(explanation.text).toContain('WARNING [topology/third-party-cookies]');
    expect(Object.isFrozen(explanation)).toBe(true);
  });

  it('warns that WebKitGTK splits same-site hosts under an unlisted suffix', () => {
    const plan = planSessionCookies({
      appOrigins: ['https://app.corset.test', 'https://api.corset.test:8443'],
      apiOrigin: 'https://api.corset.test',
    });
    const warning = plan.warnings.find((w) => w.code === 'topology/unlisted-suffix');
    expect(warning?.message).toContain('https://app.corset.test and');
    expect(warning?.message).not.toContain('8443');
    expect(warning?.browsers.map((b) => b.browser)).toEqual(['WebKitGTK']);
    const listed = planSessionCookies({
      appOrigins: ['https://app.example.com'],
      apiOrigin: 'https://api.example.com',
    });
    expect(listed.warnings).toEqual([]);
  });
});
