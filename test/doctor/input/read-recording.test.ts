import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/browser/index.js';
import { type Recording, readRecording } from '../../../src/doctor/input/index.js';
import { API, APP, chromeHar, FETCH_HEADERS, firefoxHar, GRANT, T_START } from './fixtures.js';

function read(text: string, options = {}): Recording {
  const result = readRecording(text, options);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.recording;
}

const codes = (r: Recording) => r.notes.map((n) => n.code);

const PREFLIGHT_REQUEST = [
  ['Access-Control-Request-Method', 'POST'],
  ['Access-Control-Request-Headers', 'content-type'],
  ['Origin', APP],
  ['Sec-Fetch-Mode', 'cors'],
] as const;

/** The login flow: document, preflight, login (sets sid), /me with the cookie. */
const LOGIN_FLOW = [
  { url: `${APP}/`, type: 'Document', request: [['sec-fetch-dest', 'document']] as const },
  { url: `${APP}/app.js`, type: 'Script', at: 10 },
  {
    method: 'OPTIONS',
    url: `${API}/login`,
    at: 101,
    type: 'Preflight',
    request: PREFLIGHT_REQUEST,
    status: 204,
    response: [
      ...GRANT,
      ['access-control-allow-methods', 'POST'],
      ['access-control-allow-headers', 'content-type'],
    ] as const,
  },
  {
    method: 'POST',
    url: `${API}/login`,
    at: 100,
    type: 'Fetch',
    request: [
      ...FETCH_HEADERS,
      ['content-type', 'application/json'],
      ['cache-control', 'no-cache'],
      ['pragma', 'no-cache'],
    ] as const,
    response: [
      ...GRANT,
      ['set-cookie', 'sid=s3cr3t; Path=/; Secure; HttpOnly; SameSite=Lax'],
    ] as const,
  },
  {
    url: `${API}/me`,
    at: 2100,
    type: 'Fetch',
    request: [...FETCH_HEADERS, ['cookie', 'sid=s3cr3t; old=1']] as const,
    response: GRANT,
  },
];

describe('readRecording: a Chrome DevTools HAR', () => {
  const recording = read(chromeHar(LOGIN_FLOW));

  it('keeps the cross-origin fetches as steps in time order, preflight folded in', () => {
    expect(recording.format).toBe('har');
    expect(recording.recorder?.engine).toBe('chromium');
    expect(recording.exchange.page).toBe(`${APP}/`);
    expect(recording.exchange.now).toBe(T_START + 100);
    expect(recording.exchange.steps.map((s) => `${s.request.method} ${s.request.url}`)).toEqual([
      `POST ${API}/login`,
      `GET ${API}/me`,
    ]);
    const [login, me] = recording.exchange.steps;
    expect(login?.responses.preflight?.status).toBe(204);
    expect(me?.afterSeconds).toBe(2);
    expect(
      recording.requests.map((r) => [r.preflight, r.entries.actual, r.entries.preflight]),
    ).toEqual([
      ['recorded', 3, 2],
      ['none', 4, undefined],
    ]);
  });

  it("keeps only the headers the page set: what the preflight asked for, not the browser's own", () => {
    const [login] = recording.exchange.steps;
    expect(login?.request.headers).toEqual([
      ['accept', '*/*'],
      ['content-type', 'application/json'],
    ]);
    expect(login?.request.credentials).toBe('include');
    expect(login?.request.mode).toBe('cors');
  });

  it('expects the cookies the recording saw set, and notes the older ones', () => {
    const [, me] = recording.exchange.steps;
    expect(me?.expect).toEqual({ cookies: ['sid'] });
    expect(recording.requests[1]?.credentialsSource).toBe('cookie-header');
    expect(recording.requests[1]?.observed.cookiesSent).toEqual(['sid', 'old']);
    const old = recording.notes.find((n) => n.code === 'CookieSetBeforeRecording');
    expect(old?.message).toMatch(/^Cookie old was sent/);
    expect(old?.entry).toBe(4);
  });

  it('says where the page came from, and that credentials were assumed for the login', () => {
    expect(codes(recording)).toEqual([
      'PageInferred',
      'CookieSetBeforeRecording',
      'CredentialsAssumed',
    ]);
    expect(recording.notes[0]?.message).toContain("the HAR page's title");
  });

  it('runs through the model: the login cookie is stored and sent to /me in Chrome', () => {
    const result = evaluate(recording.exchange, ['chrome']);
    const [login, me] = result.browsers[0]?.steps ?? [];
    expect(login?.ok).toBe(true);
    expect(login?.setCookies.map((c) => [c.name, c.stored])).toEqual([['sid', true]]);
    expect(me?.cookiesSent).toEqual(['sid']);
    expect(result.browsers[0]?.ok).toBe(true);
  });
});

describe('readRecording: what is inferred and what is missing', () => {
  it('infers a passed preflight when the recorder has none but the request was answered', () => {
    const recording = read(
      chromeHar([
        {
          method: 'PUT',
          url: `${API}/notes/1`,
          type: 'Fetch',
          request: [...FETCH_HEADERS, ['x-token', 'abc']],
          response: GRANT,
        },
      ]),
    );
    const step = recording.exchange.steps[0];
    expect(step?.responses.preflight).toEqual({
      status: 204,
      headers: [
        ['access-control-allow-origin', APP],
        ['access-control-allow-methods', 'PUT'],
        ['access-control-allow-headers', 'x-token'],
        ['access-control-allow-credentials', 'true'],
      ],
    });
    expect(recording.requests[0]?.preflight).toBe('inferred');
    expect(codes(recording)).toContain('PreflightNotRecorded');
    expect(evaluate(recording.exchange, ['firefox']).browsers[0]?.ok).toBe(true);
  });

  it("warns when a HAR holds no cookie header at all (Chrome's sanitized export)", () => {
    const sanitized = read(
      chromeHar([{ url: `${API}/me`, type: 'Fetch', request: FETCH_HEADERS, response: GRANT }]),
    );
    expect(sanitized.notes.find((n) => n.code === 'NoCookiesInRecording')?.fix).toContain(
      'with sensitive data',
    );
    const withCookie = read(
      chromeHar([
        {
          url: `${API}/me`,
          type: 'Fetch',
          request: [...FETCH_HEADERS, ['cookie', 'a=1']],
          response: GRANT,
        },
      ]),
    );
    expect(codes(withCookie)).not.toContain('NoCookiesInRecording');
  });

  it('a failed GET with no answer: the fresh earlier answer without Vary: Origin is what the cache replayed', () => {
    const tab = {
      url: `${API}/about`,
      type: 'Document',
      request: [['sec-fetch-dest', 'document']] as const,
      response: [['cache-control', 'public, max-age=60']] as const,
    };
    const fetchAbout = {
      url: `${API}/about`,
      type: 'Fetch',
      request: FETCH_HEADERS,
      status: 0,
      error: 'net::ERR_FAILED',
    };
    const replayed = read(chromeHar([tab, { ...fetchAbout, at: 30_000 }]));
    expect(replayed.unexplained).toEqual([]);
    expect(codes(replayed)).toContain('AnswerFromHttpCacheInferred');
    expect(replayed.exchange.steps[0]?.responses.actual).toEqual({
      status: 200,
      headers: tab.response,
    });
    const verdict = evaluate(replayed.exchange, ['chrome']).browsers[0]?.steps[0];
    expect(verdict?.reasons[0]?.code).toBe('CORSMissingAllowOrigin');
    // Stale by then, not storable, or varying on Origin: nothing replayed, unexplained.
    for (const [response, at] of [
      [[['cache-control', 'max-age=60']], 61_000],
      [[['cache-control', 'max-age=60, no-store']], 1_000],
      [
        [
          ['cache-control', 'max-age=60'],
          ['vary', 'Accept-Encoding, Origin'],
        ],
        1_000,
      ],
      [[], 1_000],
    ] as const) {
      const recording = read(
        chromeHar([
          { ...tab, response },
          { ...fetchAbout, at },
        ]),
      );
      expect(
        recording.unexplained.map((u) => u.label),
        JSON.stringify(response),
      ).toEqual([`GET ${API}/about`]);
    }
    const expires = read(
      chromeHar([
        {
          ...tab,
          response: [
            ['date', 'Sun, 01 Nov 2026 12:00:00 GMT'],
            ['expires', 'Sun, 01 Nov 2026 12:01:00 GMT'],
          ],
        },
        { ...fetchAbout, at: 10_000 },
      ]),
    );
    expect(expires.unexplained).toEqual([]);
  });

  it('a simple request needs no preflight: none inferred', () => {
    const recording = read(
      chromeHar([{ url: `${API}/me`, type: 'XHR', request: FETCH_HEADERS, response: GRANT }]),
    );
    expect(recording.exchange.steps[0]?.responses.preflight).toBeUndefined();
    expect(recording.requests[0]?.preflight).toBe('none');
  });

  it('a blocked request with neither answer nor preflight is unexplained, as an error note', () => {
    const recording = read(
      chromeHar([
        { method: 'POST', url: `${API}/login`, type: 'Fetch', status: 0, error: 'net::ERR_FAILED' },
      ]),
    );
    expect(recording.exchange.steps).toEqual([]);
    expect(recording.unexplained).toMatchObject([
      {
        entry: 0,
        label: `POST ${API}/login`,
        observed: { failed: true, error: 'net::ERR_FAILED' },
      },
    ]);
    expect(recording.notes.find((n) => n.code === 'NoResponseRecorded')?.severity).toBe('error');
  });

  it('a blocked request whose preflight was recorded is judged on the preflight', () => {
    const recording = read(
      chromeHar([
        {
          method: 'OPTIONS',
          url: `${API}/login`,
          type: 'Preflight',
          request: PREFLIGHT_REQUEST,
          status: 401,
        },
        {
          method: 'POST',
          url: `${API}/login`,
          type: 'Fetch',
          status: 0,
          error: 'net::ERR_FAILED',
          request: [['content-type', 'application/json']],
        },
      ]),
    );
    const verdict = evaluate(recording.exchange, ['chrome']).browsers[0]?.steps[0];
    expect(verdict).toMatchObject({ verdict: 'preflight', fetch: 'network-error' });
    expect(recording.requests[0]?.observed).toMatchObject({ failed: true, preflightStatus: 401 });
  });

  it('folds a redirect chain into one step, with the hop that left the origin', () => {
    const recording = read(
      chromeHar([
        {
          url: `${API}/old`,
          type: 'Fetch',
          status: 307,
          request: FETCH_HEADERS,
          response: [...GRANT, ['location', '/new']],
        },
        { url: `${API}/new`, type: 'Fetch', at: 5, request: FETCH_HEADERS, response: GRANT },
      ]),
    );
    expect(recording.exchange.steps).toHaveLength(1);
    const step = recording.exchange.steps[0];
    expect(step?.responses.redirects?.map((r) => [r.status, r.location])).toEqual([
      [307, `${API}/new`],
    ]);
    expect(recording.requests[0]?.entries.redirects).toEqual([1]);
    expect(evaluate(recording.exchange, ['chrome']).browsers[0]?.steps[0]?.finalUrl).toBe(
      `${API}/new`,
    );
  });

  it('ignores same-origin requests and counts cross-origin subresources apart', () => {
    const recording = read(
      chromeHar([
        { url: `${APP}/api/me`, type: 'Fetch', request: FETCH_HEADERS },
        { url: `${API}/logo.png`, type: 'Image' },
        { url: `https://fonts.example.net/a.woff2`, type: 'Font', request: [['origin', APP]] },
      ]),
    );
    expect(recording.exchange.steps).toEqual([]);
    expect(codes(recording)).toEqual(['OtherCrossOriginSkipped', 'NoCrossOriginRequests']);
  });
});

describe('readRecording: the page', () => {
  const meOnly = [{ url: `${API}/me`, request: FETCH_HEADERS, response: GRANT }];

  it('--page wins over everything, for every request', () => {
    const recording = read(chromeHar(meOnly), { page: 'https://other.example.org/x' });
    expect(recording.exchange.page).toBe('https://other.example.org/x');
    expect(recording.requests[0]?.pageSource).toBe('option');
    expect(codes(recording)).toContain('PageFromOption');
  });

  it("Firefox: a title that is not a URL, then the page's document, then the Referer", () => {
    const withDocument = read(
      firefoxHar([
        {
          url: `${APP}/start`,
          request: [
            ['Sec-Fetch-Dest', 'document'],
            ['Sec-Fetch-Mode', 'navigate'],
          ],
        },
        ...meOnly,
      ]),
    );
    expect(withDocument.requests[0]).toMatchObject({
      page: `${APP}/start`,
      pageSource: 'document',
    });
    const fromReferer = read(firefoxHar(meOnly));
    expect(fromReferer.requests[0]).toMatchObject({ page: `${APP}/`, pageSource: 'referer' });
    expect(fromReferer.notes[0]?.message).toContain(`the Referer of GET ${API}/me`);
  });

  it('the Origin when nothing else says it; unknown without any', () => {
    const fromOrigin = read(
      firefoxHar([
        {
          url: `${API}/me`,
          request: [
            ['Origin', 'https://app.example.com:8443'],
            ['Sec-Fetch-Mode', 'cors'],
          ],
        },
      ]),
    );
    expect(fromOrigin.requests[0]).toMatchObject({
      page: 'https://app.example.com:8443/',
      pageSource: 'origin',
    });
    const unknown = read('GET https://api.example.com/me HTTP/1.1\n\nHTTP/1.1 200 OK\n');
    expect(codes(unknown)).toEqual(['PageUnknown', 'NoCrossOriginRequests']);
  });

  it('refuses a --page that is not an absolute http(s) URL', () => {
    const result = readRecording(chromeHar(meOnly), { page: 'app.example.com' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.code).toBe('InvalidPage');
  });
});

describe('readRecording: formats and bad input', () => {
  it('detects pasted headers and checks them with --page', () => {
    const recording = read(
      'GET /me HTTP/1.1\nHost: api.example.com\nOrigin: https://app.example.com\n\nHTTP/1.1 200 OK\naccess-control-allow-origin: *\n',
      { credentials: 'include' },
    );
    expect(recording.format).toBe('headers');
    expect(recording.requests[0]).toMatchObject({
      credentials: 'include',
      credentialsSource: 'option',
    });
    const verdict = evaluate(recording.exchange, ['chrome']).browsers[0]?.steps[0];
    expect(verdict?.reasons[0]?.code).toBe('CORSNotSupportingCredentials');
    expect(
      evaluate(
        read(
          'GET /me HTTP/1.1\nHost: api.example.com\nOrigin: https://app.example.com\n\nHTTP/1.1 200 OK\naccess-control-allow-origin: *\n',
          { credentials: 'omit' },
        ).exchange,
        ['chrome'],
      ).browsers[0]?.ok,
    ).toBe(true);
  });

  it('gives one problem, with a fix, for empty, broken or foreign input', () => {
    for (const [text, code] of [
      ['  \n', 'EmptyInput'],
      ['{"log": {"entries": [', 'InvalidJson'],
      ['{"hello": 1}', 'NotHar'],
      ['hello, my cookie is gone', 'UnknownFormat'],
    ] as const) {
      const result = readRecording(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) {
        expect(result.problems[0]?.code).toBe(code);
        expect(result.problems[0]?.fix).toBeTruthy();
      }
    }
  });
});
