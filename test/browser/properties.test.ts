/**
 * Cross-cutting behaviour of evaluate(): the redirect chain and SameSite (Fetch
 * redirect-taint; Gecko CookieBlockedCrossSiteRedirect vs Chromium's
 * CookieSameSiteConsidersRedirectChain off), Lax+POST on navigations, and properties that
 * hold for any input (fast-check): it never throws, and a step's verdict is the first
 * stage, in browser order, that has an error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ExchangeStep, evaluate, type FailedStage } from '../../src/browser/index.js';

const NOW = Date.UTC(2026, 0, 1);
const app = 'https://app.example.com';

describe('SameSite across a cross-site redirect', () => {
  it('Firefox withholds a Lax cookie after a cross-site hop; Chrome sends it', () => {
    const result = evaluate(
      {
        page: `${app}/`,
        now: NOW,
        steps: [
          {
            request: { url: 'https://api.example.com/login', credentials: 'include' },
            responses: {
              actual: {
                status: 200,
                headers: {
                  'access-control-allow-origin': app,
                  'access-control-allow-credentials': 'true',
                  'set-cookie': 's=1; SameSite=Lax; Secure; Path=/',
                },
              },
            },
          },
          {
            request: { url: 'https://go.example.net/r', credentials: 'include' },
            responses: {
              redirects: [
                {
                  status: 302,
                  location: 'https://api.example.com/me',
                  headers: {
                    'access-control-allow-origin': app,
                    'access-control-allow-credentials': 'true',
                  },
                },
              ],
              actual: {
                status: 200,
                headers: {
                  'access-control-allow-origin': 'null',
                  'access-control-allow-credentials': 'true',
                },
              },
            },
          },
        ],
      },
      ['chrome', 'firefox'],
    );
    const [chrome, firefox] = result.browsers.map((b) => b.steps[1]);
    expect(chrome?.cookiesSent).toEqual(['s']);
    expect(firefox?.cookiesSent).toEqual([]);
    expect(firefox?.reasons.map((r) => r.code)).toContain('ExcludeCrossSiteRedirect');
    expect(firefox?.origin).toBe('null');
  });
});

describe('Chrome Lax+POST (top-level navigations only)', () => {
  it('sends a fresh unset-SameSite cookie on a cross-site POST navigation, with a warning', () => {
    const setStep: ExchangeStep = {
      page: 'https://api.example.net/',
      request: { url: 'https://api.example.net/', mode: 'navigate' },
      responses: { actual: { status: 200, headers: { 'set-cookie': 'sid=1; Secure; Path=/' } } },
    };
    const post = (afterSeconds: number): ExchangeStep => ({
      afterSeconds,
      request: { url: 'https://api.example.net/form', method: 'POST', mode: 'navigate' },
      responses: { actual: { status: 200 } },
    });
    const result = evaluate({ page: `${app}/`, now: NOW, steps: [setStep, post(60), post(120)] }, [
      'chrome',
    ]);
    const [, fresh, stale] = result.browsers[0]?.steps ?? [];
    expect(fresh?.cookiesSent).toEqual(['sid']);
    expect(fresh?.reasons.map((r) => r.code)).toEqual(['WarnSameSiteUnspecifiedLaxAllowUnsafe']);
    expect(stale?.cookiesSent).toEqual([]);
    expect(stale?.verdict).toBe('cookie-not-sent');
  });
});

const ORDER: readonly FailedStage[] = [
  'preflight',
  'cookie-not-sent',
  'set-cookie',
  'cors-check',
  'header-not-exposed',
];

const header = fc.tuple(
  fc.constantFrom(
    'access-control-allow-origin',
    'access-control-allow-credentials',
    'access-control-allow-methods',
    'access-control-allow-headers',
    'access-control-expose-headers',
    'access-control-max-age',
    'set-cookie',
    'x-a',
    'content-type',
  ),
  fc.oneof(
    fc.constantFrom(
      app,
      '*',
      'true',
      'null',
      'PUT, PATCH',
      'x-a',
      '600',
      'a=1; SameSite=None; Secure',
      'b=2; Domain=example.com',
      '__Host-c=3; Secure; Path=/',
    ),
    fc.string({ maxLength: 20 }),
  ),
);
const response = fc.record({
  status: fc.constantFrom(200, 204, 302, 403, 500),
  headers: fc.array(header, { maxLength: 6 }),
});
const step = fc.record({
  request: fc.record({
    url: fc.constantFrom(
      'https://api.example.com/x',
      'https://api.example.net/y',
      'http://localhost:3000/z',
      'http://app.example.com/',
      'not a url',
    ),
    method: fc.constantFrom('GET', 'POST', 'put', 'PATCH', 'TRACE'),
    headers: fc.array(
      fc.tuple(
        fc.constantFrom('content-type', 'x-csrf', 'authorization', 'cookie', 'accept'),
        fc.string({ maxLength: 10 }),
      ),
      { maxLength: 3 },
    ),
    credentials: fc.constantFrom('include' as const, 'same-origin' as const, 'omit' as const),
    mode: fc.constantFrom('cors' as const, 'no-cors' as const, 'navigate' as const),
  }),
  responses: fc.record({
    preflight: fc.option(response, { nil: undefined }),
    redirects: fc.array(
      fc.record({
        status: fc.constantFrom(301, 302, 303, 307),
        location: fc.constantFrom(
          'https://api.example.com/r',
          '/rel',
          'https://u:p@evil.example.org/',
        ),
        headers: fc.array(header, { maxLength: 3 }),
      }),
      { maxLength: 2 },
    ),
    actual: response,
  }),
  expect: fc.record({
    cookies: fc.constantFrom(['a'], [], ['__Host-c']),
    headers: fc.constantFrom(['x-a'], [], ['set-cookie']),
  }),
  afterSeconds: fc.nat(1000),
});

describe('properties', () => {
  it('never throws; ok iff no error; verdict = first failed stage in browser order', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(`${app}/`, 'http://app.example.com/', 'https://127.0.0.1/'),
        (steps, page) => {
          const result = evaluate({ page, now: NOW, steps: steps as ExchangeStep[] });
          for (const browser of result.browsers) {
            for (const verdict of browser.steps) {
              const errors = [
                ...verdict.reasons,
                ...verdict.setCookies.flatMap((s) => s.reasons),
              ].filter((r) => r.severity === 'error');
              expect(verdict.ok).toBe(errors.length === 0);
              const first = ORDER.find((stage) => errors.some((r) => r.stage === stage));
              expect(verdict.verdict).toBe(first ?? 'ok');
              expect(verdict.readableHeaders).not.toContain('set-cookie');
            }
            expect(browser.ok).toBe(browser.steps.every((s) => s.ok));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
