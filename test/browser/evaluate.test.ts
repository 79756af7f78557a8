/**
 * evaluate() end to end: the table observed in real engines (shared/docs/real-browsers.md,
 * "What was observed"), login then /me, preflights and their cache, redirects, mixed
 * content, Local Network Access, credentials modes, expectations and the text rendering.
 */
import { describe, expect, it } from 'vitest';
import type {
  ExchangeStep,
  ModelResponse,
  ProfileName,
  StepVerdict,
} from '../../src/browser/index.js';
import { evaluate, renderText } from '../../src/browser/index.js';

const NOW = Date.UTC(2026, 0, 1);
const cors = (origin: string, extra: Record<string, string> = {}) => ({
  'access-control-allow-origin': origin,
  'access-control-allow-credentials': 'true',
  ...extra,
});

describe('the observed table (real-browsers.md) through the model', () => {
  interface Row {
    readonly scheme: 'http' | 'https';
    readonly app: string;
    readonly api: string;
    readonly attributes: string;
    readonly acao: 'echo' | '*';
  }
  const rows: Record<string, Row> = {
    'same-site-port': {
      scheme: 'http',
      app: '127.0.0.1:8080',
      api: '127.0.0.1:3000',
      attributes: 'SameSite=Lax; Path=/',
      acao: 'echo',
    },
    siblings: {
      scheme: 'https',
      app: 'app.example.com',
      api: 'api.example.com',
      attributes: 'SameSite=Lax; Domain=example.com; Path=/',
      acao: 'echo',
    },
    'cross-site-lax': {
      scheme: 'http',
      app: 'app.example.com',
      api: 'api.example.net',
      attributes: 'SameSite=Lax; Path=/',
      acao: 'echo',
    },
    'cross-site-none': {
      scheme: 'https',
      app: 'app.example.com',
      api: 'api.example.net',
      attributes: 'SameSite=None; Secure; Path=/',
      acao: 'echo',
    },
    'cross-site-partitioned': {
      scheme: 'https',
      app: 'app.example.com',
      api: 'api.example.net',
      attributes: 'SameSite=None; Secure; Partitioned; Path=/',
      acao: 'echo',
    },
    wildcard: {
      scheme: 'https',
      app: 'app.example.com',
      api: 'api.example.com',
      attributes: 'SameSite=Lax; Domain=example.com; Path=/',
      acao: '*',
    },
  };

  /** fetch sets the cookie, fetch again from the app, then navigate top-level to the API. */
  function observe(row: Row, profile: ProfileName) {
    const app = `${row.scheme}://${row.app}`;
    const api = `${row.scheme}://${row.api}`;
    const headers = row.acao === 'echo' ? cors(app) : { 'access-control-allow-origin': '*' };
    const result = evaluate(
      {
        page: `${app}/`,
        now: NOW,
        steps: [
          {
            request: { url: `${api}/set`, credentials: 'include' },
            responses: {
              actual: {
                status: 200,
                headers: { ...headers, 'set-cookie': `probe=1; ${row.attributes}` },
              },
            },
          },
          {
            request: { url: `${api}/check`, credentials: 'include' },
            responses: { actual: { status: 200, headers } },
          },
          {
            request: { url: `${api}/top`, mode: 'navigate' },
            responses: { actual: { status: 200 } },
          },
        ],
      },
      [profile],
    );
    const [first, second, top] = result.browsers[0]?.steps ?? [];
    return {
      fetch: first?.fetch === 'response' ? 'ok' : 'TypeError',
      sentFromApp: second?.cookiesSent.includes('probe') ?? false,
      sentTopLevel: top?.cookiesSent.includes('probe') ?? false,
    };
  }

  const STORED_SENT = { fetch: 'ok', sentFromApp: true, sentTopLevel: true };
  const NOT_STORED = { fetch: 'ok', sentFromApp: false, sentTopLevel: false };
  const PARTITIONED = { fetch: 'ok', sentFromApp: true, sentTopLevel: false };
  const STORED_NOT_SENT_CROSS_SITE = { fetch: 'ok', sentFromApp: false, sentTopLevel: true };
  const TYPE_ERROR_STORED = { fetch: 'TypeError', sentFromApp: true, sentTopLevel: true };

  const expected: Partial<Record<ProfileName, Record<string, object>>> = {
    'chrome-incognito': {
      'same-site-port': STORED_SENT,
      siblings: STORED_SENT,
      'cross-site-lax': NOT_STORED,
      'cross-site-none': NOT_STORED,
      'cross-site-partitioned': PARTITIONED,
      wildcard: TYPE_ERROR_STORED,
    },
    chrome: {
      'same-site-port': STORED_SENT,
      siblings: STORED_SENT,
      'cross-site-lax': NOT_STORED,
      'cross-site-none': STORED_SENT,
      'cross-site-partitioned': PARTITIONED,
      wildcard: TYPE_ERROR_STORED,
    },
    firefox: {
      'same-site-port': STORED_SENT,
      siblings: STORED_SENT,
      'cross-site-lax': NOT_STORED,
      'cross-site-none': PARTITIONED,
      'cross-site-partitioned': PARTITIONED,
      wildcard: TYPE_ERROR_STORED,
    },
    webkitgtk: {
      'same-site-port': STORED_SENT,
      siblings: STORED_SENT,
      'cross-site-lax': NOT_STORED,
      'cross-site-none': NOT_STORED,
      'cross-site-partitioned': NOT_STORED,
      wildcard: TYPE_ERROR_STORED,
    },
    'webkitgtk-3p': {
      'same-site-port': STORED_SENT,
      siblings: STORED_SENT,
      'cross-site-lax': STORED_NOT_SENT_CROSS_SITE,
      'cross-site-none': STORED_SENT,
      'cross-site-partitioned': STORED_SENT,
      wildcard: TYPE_ERROR_STORED,
    },
  };

  for (const [profile, byRow] of Object.entries(expected)) {
    it.each(Object.entries(byRow))(`${profile}: %s`, (id, outcome) => {
      expect(observe(rows[id] as Row, profile as ProfileName)).toEqual(outcome);
    });
  }
});

describe('login then /me', () => {
  const app = 'https://app.example.com';
  const api = 'https://api.example.com';
  const login: ExchangeStep = {
    label: 'login',
    request: {
      url: `${api}/login`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'include',
    },
    responses: {
      preflight: {
        status: 204,
        headers: cors(app, {
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': 'content-type',
          'access-control-max-age': '3600',
        }),
      },
      actual: {
        status: 200,
        headers: [
          ...Object.entries(cors(app)),
          ['set-cookie', '__Host-sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax'],
        ],
      },
    },
  };
  const me = (actual: ModelResponse, expectHeaders: string[] = []): ExchangeStep => ({
    label: 'me',
    afterSeconds: 1,
    request: { url: `${api}/me`, credentials: 'include' },
    responses: { actual },
    expect: { cookies: ['__Host-sid'], headers: expectHeaders },
  });

  it('works in every profile for sibling subdomains', () => {
    const result = evaluate({
      page: `${app}/`,
      now: NOW,
      steps: [login, me({ status: 200, headers: cors(app) })],
    });
    for (const browser of result.browsers) {
      expect(browser.ok, renderText({ page: app, browsers: [browser] })).toBe(true);
      const [first, second] = browser.steps as [StepVerdict, StepVerdict];
      expect(first.preflight).toEqual({
        needed: true,
        sent: true,
        passed: true,
        method: 'POST',
        headers: ['content-type'],
        count: 1,
      });
      expect(first.setCookies[0]).toMatchObject({
        name: '__Host-sid',
        stored: true,
        httpOnly: true,
      });
      expect(second.cookiesSent).toEqual(['__Host-sid']);
      expect(second.cookieHeader).toBe('__Host-sid=abc');
    }
  });

  it('a missing ACAC on /me fails at cors-check; an unexposed header at header-not-exposed', () => {
    const noCredentials = evaluate(
      {
        page: `${app}/`,
        now: NOW,
        steps: [login, me({ status: 200, headers: { 'access-control-allow-origin': app } })],
      },
      ['firefox'],
    );
    const step = noCredentials.browsers[0]?.steps[1];
    expect(step).toMatchObject({
      verdict: 'cors-check',
      fetch: 'network-error',
      readableHeaders: [],
    });
    expect(step?.reasons.map((r) => r.code)).toEqual(['CORSMissingAllowCredentials']);
    expect(step?.reasons[0]?.message).toContain(
      'expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’',
    );

    const hidden = evaluate(
      {
        page: `${app}/`,
        now: NOW,
        steps: [
          login,
          me({ status: 200, headers: cors(app, { 'x-csrf-token': 't' }) }, ['X-CSRF-Token']),
        ],
      },
      ['chrome'],
    );
    expect(hidden.browsers[0]?.steps[1]).toMatchObject({ verdict: 'header-not-exposed' });
    expect(hidden.browsers[0]?.steps[1]?.reasons[0]?.fix).toContain(
      'Access-Control-Expose-Headers',
    );
  });

  it('serves a repeated preflight from the cache until the engine cap (Safari 600 s)', () => {
    const again = { ...login, afterSeconds: 2 };
    const result = evaluate(
      { page: `${app}/`, now: NOW, steps: [login, { ...login, afterSeconds: 599 }, again] },
      ['chrome', 'safari'],
    );
    const [chrome, safari] = result.browsers;
    expect(chrome?.steps.map((s) => s.preflight.sent)).toEqual([true, false, false]);
    expect(safari?.steps.map((s) => s.preflight.sent)).toEqual([true, false, true]);
  });

  it('a preflight that fails stops the request: no cookie stored', () => {
    const bad = { ...login, responses: { ...login.responses, preflight: { status: 404 } } };
    const step = evaluate({ page: `${app}/`, now: NOW, steps: [bad] }, ['webkitgtk']).browsers[0]
      ?.steps[0];
    expect(step).toMatchObject({
      verdict: 'preflight',
      setCookies: [],
      preflight: { passed: false },
    });
    expect(step?.reasons[0]?.message).toBe(
      'Preflight response is not successful. Status code: 404',
    );
  });

  it('Set-Cookie on the preflight is ignored (Fetch §4.8)', () => {
    const step: ExchangeStep = {
      ...login,
      responses: {
        ...login.responses,
        preflight: {
          status: 204,
          headers: {
            ...cors(app, {
              'access-control-allow-methods': 'POST',
              'access-control-allow-headers': 'content-type',
            }),
            'set-cookie': 'x=1',
          },
        },
      },
    };
    const verdict = evaluate({ page: `${app}/`, now: NOW, steps: [step] }, ['chrome']).browsers[0]
      ?.steps[0];
    expect(verdict?.reasons.map((r) => r.code)).toContain('PreflightSetCookieIgnored');
    expect(verdict?.setCookies.map((s) => s.name)).toEqual(['__Host-sid']);
  });
});

describe('credentials modes (Fetch §4.5 includeCredentials)', () => {
  const app = 'https://app.example.com';
  const api = 'https://api.example.com';
  it('without credentials: "include" a cross-origin fetch neither stores nor sends cookies', () => {
    const result = evaluate(
      {
        page: `${app}/`,
        now: NOW,
        steps: [
          {
            request: { url: `${api}/login`, method: 'POST' },
            responses: {
              actual: {
                status: 200,
                headers: {
                  'access-control-allow-origin': app,
                  'set-cookie': 'sid=1; Secure; Path=/',
                },
              },
            },
          },
        ],
      },
      ['chrome'],
    );
    const step = result.browsers[0]?.steps[0];
    expect(step?.setCookies[0]).toMatchObject({ stored: false });
    expect(step?.verdict).toBe('set-cookie');
    expect(step?.setCookies[0]?.reasons[0]?.fix).toContain('credentials: "include"');
  });

  it('same-origin requests carry cookies by default and read every header', () => {
    const result = evaluate(
      {
        page: `${app}/`,
        now: NOW,
        steps: [
          {
            request: { url: `${app}/login`, method: 'POST' },
            responses: {
              actual: { status: 200, headers: { 'set-cookie': 'sid=1; Path=/', 'x-a': '1' } },
            },
          },
          {
            request: { url: `${app}/me` },
            responses: { actual: { status: 200, headers: { 'x-a': '1' } } },
          },
        ],
      },
      ['firefox'],
    );
    const [first, second] = result.browsers[0]?.steps ?? [];
    expect(first?.readableHeaders).toEqual(['x-a']);
    expect(second?.cookiesSent).toEqual(['sid']);
    expect(second?.origin).toBeUndefined();
  });

  it('no-cors: opaque response, unsafe methods throw', () => {
    const result = evaluate(
      {
        page: `${app}/`,
        now: NOW,
        steps: [
          {
            request: {
              url: `${api}/x`,
              mode: 'no-cors',
              credentials: 'include',
              headers: { 'x-a': '1' },
            },
            responses: { actual: { status: 200 } },
          },
          {
            request: { url: `${api}/x`, mode: 'no-cors', method: 'PUT' },
            responses: { actual: { status: 200 } },
          },
        ],
      },
      ['chrome'],
    );
    const [opaque, thrown] = result.browsers[0]?.steps ?? [];
    expect(opaque).toMatchObject({ fetch: 'opaque', readableHeaders: [], ok: true });
    expect(opaque?.reasons.map((r) => r.code)).toEqual([
      'NoCorsHeaderDropped',
      'NoCorsOpaqueResponse',
    ]);
    expect(thrown).toMatchObject({ fetch: 'network-error', ok: false });
  });
});

describe('redirects (Fetch §4.4)', () => {
  const app = 'https://app.example.com';
  it('a redirect to another origin taints the Origin to null and drops Authorization', () => {
    const result = evaluate(
      {
        page: `${app}/`,
        now: NOW,
        steps: [
          {
            request: {
              url: 'https://api.example.com/a',
              headers: { authorization: 'Bearer t' },
              credentials: 'include',
            },
            responses: {
              preflight: {
                status: 204,
                headers: cors(app, { 'access-control-allow-headers': 'authorization' }),
              },
              redirects: [
                { status: 302, location: 'https://cdn.example.net/b', headers: cors(app) },
              ],
              actual: { status: 200, headers: cors(app) },
            },
          },
        ],
      },
      ['chrome'],
    );
    const step = result.browsers[0]?.steps[0];
    expect(step).toMatchObject({
      finalUrl: 'https://cdn.example.net/b',
      origin: 'null',
      verdict: 'cors-check',
    });
    expect(step?.reasons.map((r) => r.code)).toEqual([
      'RedirectTaintedOrigin',
      'AuthorizationDroppedOnRedirect',
      'CORSAllowOriginNotMatchingOrigin',
    ]);
  });

  it('POST becomes GET on 303; a preflight answered with a redirect fails', () => {
    const result = evaluate(
      {
        page: `${app}/`,
        now: NOW,
        steps: [
          {
            request: { url: `${app}/form`, method: 'POST' },
            responses: { redirects: [{ status: 303, location: '/done' }], actual: { status: 200 } },
          },
          {
            request: { url: 'https://api.example.com/x', method: 'PUT', credentials: 'include' },
            responses: {
              preflight: { status: 301, headers: { location: '/y' } },
              actual: { status: 200 },
            },
          },
        ],
      },
      ['chrome'],
    );
    const [form, put] = result.browsers[0]?.steps ?? [];
    expect(form).toMatchObject({ method: 'GET', finalUrl: `${app}/done`, ok: true });
    expect(put?.reasons[0]?.message).toContain(
      "Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.",
    );
  });

  it('a cross-site hop: Lax stored from a same-site final everywhere, withheld on sending by Firefox and WebKit (observed)', () => {
    const hop = 'https://api.example.net/hop';
    const final = 'https://api.example.com/final';
    const viaHop = (headers: Record<string, string | string[]>) => ({
      request: { url: hop, credentials: 'include' as const },
      responses: {
        redirects: [{ status: 307, location: final, headers: cors(app) }],
        actual: { status: 200, headers: { ...cors('null'), ...headers } },
      },
    });
    const result = evaluate(
      {
        page: `${app}/`,
        now: NOW,
        steps: [
          viaHop({ 'set-cookie': 'a=1; SameSite=Lax; Secure; Domain=example.com' }),
          viaHop({}),
        ],
      },
      ['chrome', 'firefox', 'webkitgtk'],
    );
    expect(
      result.browsers.map((b) => [
        b.browser,
        b.steps[0]?.setCookies[0]?.stored,
        b.steps[1]?.cookiesSent,
      ]),
    ).toEqual([
      ['chrome', true, ['a']],
      ['firefox', true, []],
      ['webkitgtk', true, []],
    ]);
  });

  it('PUT turned GET by a 303: only Firefox and WebKit preflight the GET (observed)', () => {
    const api = 'https://api.example.net';
    const pass = { status: 204, headers: cors(app, { 'access-control-allow-methods': 'PUT' }) };
    const exchange = (redirectPreflight: boolean) => ({
      page: `${app}/`,
      now: NOW,
      steps: [
        {
          request: { url: `${api}/set`, method: 'PUT', credentials: 'include' as const },
          responses: {
            preflight: pass,
            redirects: [
              {
                status: 303,
                location: `${api}/final`,
                headers: cors(app),
                ...(redirectPreflight ? { preflight: pass } : {}),
              },
            ],
            actual: { status: 200, headers: cors(app) },
          },
        },
      ],
    });
    const counts = (redirectPreflight: boolean) =>
      evaluate(exchange(redirectPreflight), ['chrome', 'firefox', 'webkitgtk']).browsers.map(
        (b) => [b.browser, b.steps[0]?.preflight.count, b.steps[0]?.ok],
      );
    expect(counts(true)).toEqual([
      ['chrome', 1, true],
      ['firefox', 2, true],
      ['webkitgtk', 2, true],
    ]);
    // The second preflight needs an answer: without one, Firefox and WebKit fail.
    expect(counts(false)).toEqual([
      ['chrome', 1, true],
      ['firefox', 2, false],
      ['webkitgtk', 2, false],
    ]);
  });
});

describe('mixed content and Local Network Access', () => {
  const call = (page: string, url: string, profile: ProfileName) =>
    evaluate(
      {
        page,
        now: NOW,
        steps: [
          {
            request: { url, credentials: 'include' },
            responses: { actual: { status: 200, headers: cors(new URL(page).origin) } },
          },
        ],
      },
      [profile],
    ).browsers[0]?.steps[0];

  it('an https page cannot fetch http; loopback is exempt except in WebKit', () => {
    expect(
      call('https://app.example.com/', 'http://api.example.com/', 'chrome')?.reasons[0]?.code,
    ).toBe('MixedContentBlocked');
    expect(call('https://127.0.0.1:8443/', 'http://localhost:3000/', 'firefox')?.ok).toBe(true);
    expect(
      call('https://127.0.0.1:8443/', 'http://localhost:3000/', 'webkitgtk')?.reasons[0]?.code,
    ).toBe('MixedContentBlocked');
  });

  it('a redirect to http from an https page is blocked too', () => {
    const step = evaluate(
      {
        page: 'https://app.example.com/',
        now: NOW,
        steps: [
          {
            request: { url: 'https://app.example.com/a' },
            responses: {
              redirects: [{ status: 302, location: 'http://api.example.com/b' }],
              actual: { status: 200 },
            },
          },
        ],
      },
      ['firefox'],
    ).browsers[0]?.steps[0];
    expect(step?.reasons.map((r) => r.code)).toEqual(['MixedContentBlocked']);
    expect(step?.reasons[0]?.message).toBe(
      'Blocked loading mixed active content “http://api.example.com/b”',
    );
  });

  it('Chrome asks permission for public → loopback, refuses it from insecure pages', () => {
    expect(
      call('https://app.example.com/', 'http://localhost:3000/', 'chrome')?.reasons.map(
        (r) => r.code,
      ),
    ).toContain('LocalNetworkAccessPermission');
    expect(call('http://app.example.com/', 'http://192.168.1.5/', 'chrome')?.verdict).toBe(
      'preflight',
    );
    expect(call('http://app.example.com/', 'http://192.168.1.5/', 'firefox')?.ok).toBe(true);
  });
});

describe('invalid input and rendering', () => {
  it('never throws on bad input', () => {
    const result = evaluate(
      {
        page: 'not a url',
        now: NOW,
        steps: [{ request: { url: 'https://a.example/' }, responses: { actual: { status: 200 } } }],
      },
      ['chrome'],
    );
    expect(result.browsers[0]?.steps[0]?.reasons[0]?.code).toBe('InvalidExchange');
  });

  it('renders one line per step and the reasons with fixes', () => {
    const result = evaluate(
      {
        page: 'https://app.example.com/',
        now: NOW,
        steps: [
          {
            label: 'me',
            request: { url: 'https://api.example.net/me', credentials: 'include' },
            responses: { actual: { status: 200, headers: { 'access-control-allow-origin': '*' } } },
          },
        ],
      },
      ['chrome'],
    );
    expect(renderText(result)).toBe(
      [
        'page https://app.example.com/',
        'chrome: FAILS',
        '  me: GET https://api.example.net/me — FAILED at cors-check (no preflight; no cookies)',
        "    ✗ CORSNotSupportingCredentials: Access to fetch at 'https://api.example.net/me' from origin 'https://app.example.com' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
        '      fix: Server: send `Access-Control-Allow-Origin: https://app.example.com` instead of `*`, with `Access-Control-Allow-Credentials: true` and `Vary: Origin`.',
      ].join('\n'),
    );
  });
});
