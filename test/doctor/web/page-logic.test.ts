/**
 * The web checker's pure parts: header blocks as pasted, the form into a model exchange,
 * the `Vary: Origin` check, and where Chrome and Firefox show each failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Exchange, evaluate } from '../../../src/browser/index.js';
import { MISTAKES } from '../../../src/demo/mistakes.js';
import { redactDeep } from '../../../src/doctor/input/index.js';
import { consoleLines } from '../../../web/src/console-lines.js';
import { EXAMPLES } from '../../../web/src/examples.js';
import { formToExchange, type StepForm } from '../../../web/src/form-exchange.js';
import { parseHeaderBlock } from '../../../web/src/header-block.js';
import { exchangeSecrets } from '../../../web/src/secrets.js';
import { checkVaryOrigin, varyNote } from '../../../web/src/vary-check.js';

describe('parseHeaderBlock', () => {
  it('reads a status line, headers in order, and keeps Set-Cookie lines apart', () => {
    const block = parseHeaderBlock(
      'HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: https://app.example\r\n' +
        'Set-Cookie: a=1; Secure\r\nset-cookie: b=2\r\n\r\n',
    );
    expect(block).toEqual({
      status: 204,
      headers: [
        ['Access-Control-Allow-Origin', 'https://app.example'],
        ['Set-Cookie', 'a=1; Secure'],
        ['set-cookie', 'b=2'],
      ],
      problems: [],
    });
  });

  it('reads a request line, Host, and HTTP/2 pseudo-headers as DevTools shows them', () => {
    expect(parseHeaderBlock('POST /auth/login HTTP/1.1\nHost: api.example:3000')).toMatchObject({
      method: 'POST',
      target: '/auth/login',
      authority: 'api.example:3000',
    });
    expect(
      parseHeaderBlock(':method: DELETE\n:authority: api.example\n:path: /notes/1\n:status: 401'),
    ).toEqual({
      status: 401,
      method: 'DELETE',
      target: '/notes/1',
      authority: 'api.example',
      headers: [],
      problems: [],
    });
  });

  it('lists every line that is not a header, with its number', () => {
    expect(parseHeaderBlock('Vary: Origin\nnot a header\n: empty\n:status: abc').problems).toEqual([
      'line 2: "not a header" is not a "Name: value" header',
      'line 3: ": empty" is not a "Name: value" header',
      'line 4: :status "abc" is not a three-digit status',
    ]);
  });

  it('never throws, and gives back any well-formed header list it is given', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
    const value = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,30}[\x21-\x7e])?$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 8 }), (pairs) => {
        const block = parseHeaderBlock(pairs.map(([n, v]) => `${n}: ${v}`).join('\n'));
        expect(block.headers).toEqual(pairs);
        expect(block.problems).toEqual([]);
      }),
    );
    fc.assert(fc.property(fc.string(), (text) => void parseHeaderBlock(text)));
  });
});

const STEP: StepForm = {
  label: '',
  method: '',
  url: '',
  credentials: 'include',
  mode: 'cors',
  requestHeaders: '',
  preflightStatus: '',
  preflightHeaders: '',
  actualStatus: '',
  actualHeaders: '',
  expectCookies: '',
  expectHeaders: '',
};

describe('formToExchange', () => {
  it('builds the exchange: defaults, relative URLs on the page, pasted status lines win', () => {
    const built = formToExchange({
      page: 'https://app.example.com',
      steps: [
        {
          ...STEP,
          label: ' login ',
          method: 'POST',
          url: 'https://api.example.com/login',
          requestHeaders: 'Content-Type: application/json',
          preflightHeaders: 'Access-Control-Allow-Origin: https://app.example.com',
          actualStatus: '201',
          actualHeaders: 'HTTP/2 200\nSet-Cookie: sid=1',
          expectHeaders: 'x-id, x-other',
        },
        { ...STEP, url: '/session', credentials: 'same-origin', expectCookies: 'sid' },
      ],
    });
    expect(built).toEqual({
      ok: true,
      exchange: {
        page: 'https://app.example.com/',
        steps: [
          {
            label: 'login',
            request: {
              url: 'https://api.example.com/login',
              method: 'POST',
              headers: [['Content-Type', 'application/json']],
              credentials: 'include',
              mode: 'cors',
            },
            responses: {
              preflight: {
                status: 204,
                headers: [['Access-Control-Allow-Origin', 'https://app.example.com']],
              },
              actual: { status: 200, headers: [['Set-Cookie', 'sid=1']] },
            },
            expect: { headers: ['x-id', 'x-other'] },
          },
          {
            request: {
              url: 'https://app.example.com/session',
              method: 'GET',
              headers: [],
              credentials: 'same-origin',
              mode: 'cors',
            },
            responses: { actual: { status: 200, headers: [] } },
            expect: { cookies: ['sid'] },
          },
        ],
      },
    });
  });

  it('takes the method and URL of a pasted request line, on the server its Host names', () => {
    const built = formToExchange({
      page: 'https://app.example.com',
      steps: [{ ...STEP, requestHeaders: 'DELETE /notes/1 HTTP/1.1\nHost: api.example.com' }],
    });
    expect(built.ok && built.exchange.steps[0]?.request).toMatchObject({
      url: 'https://api.example.com/notes/1',
      method: 'DELETE',
    });
  });

  it('reports every problem at once, each with its field', () => {
    const built = formToExchange({
      page: 'ftp://app',
      steps: [{ ...STEP, url: 'https://api.example/', preflightStatus: '99', actualHeaders: 'x' }],
    });
    expect(built).toEqual({
      ok: false,
      problems: [
        { field: 'page', message: '"ftp://app" is not an http(s) origin or URL' },
        {
          field: 'steps.0.preflightStatus',
          message: 'status "99" is not a number from 100 to 599',
        },
        { field: 'steps.0.actualHeaders', message: 'line 1: "x" is not a "Name: value" header' },
      ],
    });
    expect(formToExchange({ page: '', steps: [] })).toEqual({
      ok: false,
      problems: [
        { field: 'page', message: "the page's origin is missing (e.g. https://app.example.com)" },
        { field: 'steps', message: 'add a request' },
      ],
    });
  });
});

function oneGet(headers: Record<string, string>, url = 'https://api.example.com/about'): Exchange {
  return {
    page: 'https://app.example.com/',
    steps: [
      { request: { url, credentials: 'include' }, responses: { actual: { status: 200, headers } } },
    ],
  };
}

describe('checkVaryOrigin', () => {
  it('flags a cacheable answer without Vary: Origin, with or without ACAO', () => {
    const named = checkVaryOrigin(
      oneGet({
        'cache-control': 'private, max-age=60',
        'access-control-allow-origin': 'https://app.example.com',
        vary: 'Accept-Encoding',
      }),
    );
    expect(named).toHaveLength(1);
    expect(named[0]).toMatchObject({ code: 'VaryOriginMissing', severity: 'warning', step: 0 });
    expect(named[0]?.message).toMatch(/names one origin/);
    const replayed = checkVaryOrigin(oneGet({ expires: 'Thu, 01 Jan 2099 00:00:00 GMT' }));
    expect(replayed[0]?.message).toMatch(/has no Access-Control-Allow-Origin/);
    const [finding] = replayed;
    if (finding === undefined) throw new Error('no finding');
    expect(varyNote(finding)).toMatchObject({
      code: 'VaryOriginMissing',
      severity: 'warning',
      step: 0,
    });
  });

  it('leaves alone what no cache replays, what varies, `*` alone, and same-origin requests', () => {
    const quiet = [
      oneGet({ 'cache-control': 'no-store, max-age=60' }),
      oneGet({ 'cache-control': 'no-cache' }),
      oneGet({ 'cache-control': 'max-age=0' }),
      oneGet({}),
      oneGet({ 'cache-control': 'max-age=60', vary: 'Accept, origin' }),
      oneGet({ 'cache-control': 'max-age=60', vary: '*' }),
      oneGet({ 'cache-control': 'max-age=60', 'access-control-allow-origin': '*' }),
      oneGet({ 'cache-control': 'max-age=60' }, 'https://app.example.com/about'),
    ];
    for (const exchange of quiet) expect(checkVaryOrigin(exchange)).toEqual([]);
  });
});

describe('consoleLines', () => {
  const exchange: Exchange = {
    page: 'https://app.example.com/',
    steps: [
      {
        label: 'login',
        request: { url: 'https://api.example.net/login', method: 'POST', credentials: 'include' },
        responses: {
          actual: {
            status: 200,
            headers: [
              ['access-control-allow-origin', 'https://app.example.com'],
              ['access-control-allow-credentials', 'true'],
              ['set-cookie', 'sid=1; Secure; SameSite=Lax'],
            ],
          },
        },
      },
      {
        label: 'session',
        request: { url: 'https://app.example.com/session' },
        responses: { actual: { status: 200 } },
        expect: { cookies: ['sid'] },
      },
    ],
  };
  const [chrome, firefox] = evaluate(exchange, ['chrome', 'firefox']).browsers;
  if (chrome === undefined || firefox === undefined) throw new Error('two profiles asked');

  it('puts cookie refusals in Chrome’s Network panel and Firefox’s console, in their words', () => {
    const chromeLines = consoleLines(chrome, 'chrome');
    expect(chromeLines[0]).toMatchObject({
      step: 'login',
      code: 'ExcludeSameSiteLax',
      severity: 'error',
      place: 'network-cookies',
    });
    const firefoxLines = consoleLines(firefox, 'firefox');
    expect(firefoxLines[0]).toMatchObject({
      code: 'ExcludeSameSiteLax',
      place: 'console',
      message:
        'Cookie “sid” has been rejected because it is in a cross-site context and its “SameSite” is “Lax” or “Strict”.',
    });
  });

  it('marks a reason neither engine words as silent (the summary stands in)', () => {
    const lines = consoleLines(firefox, 'firefox');
    expect(lines.find((l) => l.code === 'CookieNotInJar')).toMatchObject({
      step: 'session',
      place: 'silent',
    });
  });
});

describe('EXAMPLES', () => {
  const firstError = (exchange: Exchange, profile: 'chrome' | 'firefox' | 'safari') => {
    const verdict = evaluate(exchange, [profile]).browsers[0];
    const step = verdict?.steps.find((s) => !s.ok);
    return [...(step?.reasons ?? []), ...(step?.setCookies.flatMap((c) => c.reasons) ?? [])].find(
      (r) => r.severity === 'error',
    )?.code;
  };
  const expected: Record<string, [string | undefined, string | undefined]> = {
    'working-cross-site': [undefined, undefined],
    'wildcard-origin': ['CORSNotSupportingCredentials', 'CORSNotSupportingCredentials'],
    'no-allow-credentials': ['CORSMissingAllowCredentials', 'CORSMissingAllowCredentials'],
    'missing-allow-headers': [
      'CORSMissingAllowHeaderFromPreflight',
      'CORSMissingAllowHeaderFromPreflight',
    ],
    'samesite-lax-cross-site': ['ExcludeSameSiteLax', 'ExcludeSameSiteLax'],
    'none-without-secure': ['ExcludeSameSiteNoneInsecure', 'ExcludeSameSiteNoneInsecure'],
    'cookie-domain-api-host': ['ExcludeDomainMismatch', 'ExcludeDomainMismatch'],
    // Chromium checks the preflight's access first, Firefox its status.
    'auth-before-preflight': ['CORSMissingAllowOrigin', 'CORSPreflightDidNotSucceed'],
    'no-vary': ['CORSMissingAllowOrigin', 'CORSMissingAllowOrigin'],
  };

  it('has a working setup and one example per demo mistake, each named by its reason', () => {
    expect(EXAMPLES.map((e) => e.name).sort()).toEqual(
      ['working-cross-site', ...MISTAKES.map((m) => m.name)].sort(),
    );
    for (const example of EXAMPLES) {
      const built = formToExchange(example.form);
      if (!built.ok) throw new Error(`${example.name}: ${JSON.stringify(built.problems)}`);
      expect(
        [firstError(built.exchange, 'chrome'), firstError(built.exchange, 'firefox')],
        example.name,
      ).toEqual(expected[example.name]);
      expect(checkVaryOrigin(built.exchange).length > 0, example.name).toBe(
        example.name === 'no-vary',
      );
    }
  });
});

describe('exchangeSecrets', () => {
  it('finds cookie values and credentials, so a quoted Set-Cookie line is redacted', () => {
    const jwt = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
    const exchange: Exchange = {
      page: 'https://app.example.com/',
      steps: [
        {
          request: {
            url: 'https://api.example.net/login',
            method: 'POST',
            headers: { authorization: 'Bearer tok-123456789' },
            credentials: 'include',
          },
          responses: {
            preflight: {
              status: 204,
              headers: {
                'access-control-allow-origin': 'https://app.example.com',
                'access-control-allow-credentials': 'true',
                'access-control-allow-headers': 'authorization',
                'set-cookie': ['pre=preflight-secret'],
              },
            },
            actual: {
              status: 200,
              headers: [
                ['access-control-allow-origin', 'https://app.example.com'],
                ['access-control-allow-credentials', 'true'],
                ['set-cookie', `sid=${jwt}; Secure; HttpOnly; SameSite=None`],
                ['set-cookie', 'short=1'],
              ],
            },
          },
        },
      ],
    };
    expect(exchangeSecrets(exchange).sort()).toEqual([jwt, 'preflight-secret', 'tok-123456789']);
    // Firefox blocking third-party cookies quotes the whole line in its console message.
    const result = evaluate(exchange, ['firefox-strict']);
    expect(JSON.stringify(result)).toContain(jwt);
    expect(JSON.stringify(redactDeep(result, exchangeSecrets(exchange)))).not.toContain(jwt);
  });
});
