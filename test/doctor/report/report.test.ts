/**
 * Reports: `buildReport` from a model result, the schema (docs/schemas/doctor-report.v1.json)
 * checked by a small validator, the text and the self-contained HTML renderings, and
 * `src/doctor/report` staying browser-safe (the web checker page uses it).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Exchange, evaluate } from '../../../src/browser/index.js';
import {
  buildReport,
  type DoctorReport,
  escapeHtml,
  renderReportHtml,
  renderReportText,
} from '../../../src/doctor/report/index.js';
import { validate } from '../../helpers/json-schema.js';

const root = join(import.meta.dirname, '../../..');
const SCHEMA = JSON.parse(
  readFileSync(join(root, 'docs/schemas/doctor-report.v1.json'), 'utf8'),
) as Record<string, unknown>;

const APP = 'https://app.example.com';
const API = 'https://api.example.com';
const GOOD_PREFLIGHT = {
  status: 204,
  headers: {
    'access-control-allow-origin': APP,
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': 'content-type',
  },
};

/** Login then /me; `loginAcac` toggles the login answer's ACAC. */
function exchange(loginAcac: boolean): Exchange {
  return {
    page: `${APP}/`,
    now: Date.UTC(2026, 0, 1),
    steps: [
      {
        label: 'login',
        request: {
          url: `${API}/login`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'include',
        },
        responses: {
          preflight: GOOD_PREFLIGHT,
          actual: {
            status: 200,
            headers: [
              ['access-control-allow-origin', APP],
              ...(loginAcac ? ([['access-control-allow-credentials', 'true']] as const) : []),
              ['set-cookie', 'sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax'],
            ],
          },
        },
      },
      {
        label: 'me',
        request: { url: `${API}/me`, credentials: 'include' },
        responses: {
          actual: {
            status: 200,
            headers: {
              'access-control-allow-origin': APP,
              'access-control-allow-credentials': 'true',
              'content-type': 'application/json',
              'x-private': '1',
            },
          },
        },
        expect: { cookies: ['sid'] },
      },
    ],
  };
}

function report(loginAcac: boolean): DoctorReport {
  return buildReport({
    tool: 'check',
    result: evaluate(exchange(loginAcac), ['chrome', 'firefox', 'webkitgtk']),
    generatedAt: '2026-01-01T00:00:00.000Z',
  });
}

describe('buildReport', () => {
  it('keeps the fields issue 6 asks for, per browser and step', () => {
    const r = report(true);
    expect(r).toMatchObject({ schema: 'corset.doctor.report', version: 1, ok: true });
    expect(r.summary).toEqual({ browsers: 3, ok: 3, failing: [] });
    const login = r.browsers[0]?.steps[0];
    expect(login).toMatchObject({
      label: 'login',
      url: `${API}/login`,
      ok: true,
      preflight: {
        needed: true,
        sent: true,
        passed: true,
        method: 'POST',
        headers: ['content-type'],
      },
      cookiesSent: [],
      setCookies: [{ name: 'sid', stored: true, partitioned: false }],
    });
    expect(r.browsers[0]?.steps[1]?.cookiesSent).toEqual(['sid']);
    expect(r.browsers[0]?.steps[1]?.readableHeaders).toContain('content-type');
    expect(r.browsers[0]?.steps[1]?.readableHeaders).not.toContain('x-private');
  });

  it('marks the failing step and puts the error reason first', () => {
    const r = report(false);
    expect(r.ok).toBe(false);
    expect(r.summary.failing).toEqual(['chrome', 'firefox', 'webkitgtk']);
    for (const b of r.browsers) {
      expect(b.failedStep).toBe(0);
      expect(b.steps[0]?.verdict).toBe('cors-check');
      expect(b.steps[0]?.reasons[0]).toMatchObject({
        code: 'CORSMissingAllowCredentials',
        severity: 'error',
      });
    }
  });

  it('an error note makes the report fail even when every browser is ok', () => {
    const r = buildReport({
      tool: 'doctor',
      result: evaluate(exchange(true), ['chrome']),
      notes: [{ code: 'X', severity: 'error', message: 'm' }],
    });
    expect(r.ok).toBe(false);
  });
});

describe('the v1 JSON schema', () => {
  it.each([true, false])('accepts the report (login ACAC %s)', (acac) => {
    expect(validate(SCHEMA, JSON.parse(JSON.stringify(report(acac))))).toEqual([]);
  });

  it('rejects a report missing a required field, with a wrong type or an extra field', () => {
    const good = JSON.parse(JSON.stringify(report(true))) as Record<string, unknown>;
    const browsers = good.browsers as { steps: Record<string, unknown>[] }[];
    const step = browsers[0]?.steps[0] ?? {};
    delete step.cookiesSent;
    step.ok = 'yes';
    good.extra = 1;
    good.version = 2;
    expect(validate(SCHEMA, good)).toEqual([
      '$.version: expected 1, got 2',
      '$.browsers[0].steps[0]: missing cookiesSent',
      '$.browsers[0].steps[0].ok: expected boolean, got string',
      '$: unexpected property extra',
    ]);
  });

  it('describes every field the types produce (no field outside the schema)', () => {
    const withHttp = buildReport({
      tool: 'doctor',
      result: evaluate(exchange(true), ['chrome']),
      http: [
        [
          {
            preflight: {
              method: 'OPTIONS',
              url: `${API}/login`,
              requestHeaders: [['origin', APP]],
              status: 204,
              responseHeaders: [],
              elapsedMs: 3,
            },
            redirects: [],
            actual: {
              method: 'POST',
              url: `${API}/login`,
              requestHeaders: [],
              responseHeaders: [],
              error: 'timeout',
              fromCache: false,
            },
          },
        ],
      ],
      notes: [
        {
          code: 'RedirectToOtherHost',
          severity: 'warning',
          message: 'm',
          step: 0,
          browsers: ['chrome'],
        },
      ],
    });
    expect(validate(SCHEMA, JSON.parse(JSON.stringify(withHttp)))).toEqual([]);
  });
});

describe('renderReportText', () => {
  it('says per browser the verdict, the steps, the reasons and the fixes', () => {
    const text = renderReportText(report(false));
    expect(text).toContain('chrome: FAILS');
    expect(text).toContain('1. login: POST https://api.example.com/login — FAILED at cors-check');
    expect(text).toContain('✗ CORSMissingAllowCredentials:');
    expect(text).toMatch(/fix: .*Access-Control-Allow-Credentials/);
    expect(text).toContain('3 of 3 browsers fail: chrome, firefox, webkitgtk');
  });

  it('says a reason shared by several Set-Cookie lines once, naming the cookies', () => {
    const crossSite = buildReport({
      tool: 'check',
      result: evaluate(
        {
          page: 'https://app.example.net/',
          now: Date.UTC(2026, 0, 1),
          steps: [
            {
              request: { url: `${API}/login`, method: 'POST', credentials: 'include' },
              responses: {
                actual: {
                  status: 200,
                  headers: [
                    ['access-control-allow-origin', 'https://app.example.net'],
                    ['access-control-allow-credentials', 'true'],
                    ['set-cookie', 'a=1; Path=/; Secure; SameSite=Lax'],
                    ['set-cookie', 'b=1; Path=/; Secure; SameSite=Lax'],
                  ],
                },
              },
            },
          ],
        },
        ['chrome'],
      ),
    });
    const text = renderReportText(crossSite);
    expect(text.match(/ExcludeSameSiteLax/g)).toHaveLength(1);
    expect(text).toContain('✗ ExcludeSameSiteLax (Set-Cookie a, b):');
    expect(renderReportHtml(crossSite).match(/<tr class="error">/g)).toHaveLength(1);
  });

  it('uses the styles it is given', () => {
    const mark = (t: string) => `<${t}>`;
    const text = renderReportText(report(true), {
      styles: { ok: mark, fail: mark, warn: mark, dim: mark, bold: mark },
    });
    expect(text).toContain('<chrome>: <ok>');
    expect(text).toContain('<all 3 browsers ok>');
  });
});

describe('renderReportHtml', () => {
  const html = renderReportHtml(report(false));

  it('is one self-contained page: no script, no external resource', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(/i);
  });

  it('draws one sequence diagram per browser and marks where it broke', () => {
    expect(html.match(/<svg /g)?.length).toBe(3);
    expect(html).toContain('1. login — broke here (cors-check)');
    expect(html).toContain('OPTIONS /login (POST, content-type)');
    expect(html).toContain('✗ CORSMissingAllowCredentials');
    expect(html).toContain('Set-Cookie sid: stored');
  });

  it('escapes what the server sent', () => {
    expect(escapeHtml(`<img src=x onerror="a">&'`)).toBe(
      '&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;',
    );
    const hostile = buildReport({
      tool: 'check',
      result: {
        page: 'https://app.example.com/',
        browsers: [{ browser: '<b>x</b>', ok: true, steps: [] }],
      },
    });
    expect(renderReportHtml(hostile)).not.toContain('<b>x</b>');
  });
});

describe('src/doctor/report is browser-safe', () => {
  const dir = join(root, 'src/doctor/report');
  const files = [
    'index.ts',
    'build.ts',
    'types.ts',
    'group-reasons.ts',
    'render-text.ts',
    'render-html.ts',
  ];

  it.each(files)('%s imports only relative modules inside report/ or the browser model', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const specifiers = [...source.matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1] ?? '');
    for (const specifier of specifiers) {
      expect(specifier, file).toMatch(/^\.\.?\/.*\.js$/);
      const target = relative(root, join(dirname(join(dir, file)), specifier));
      expect(target, file).toMatch(/^src\/(doctor\/report|browser)\//);
    }
    expect(source).not.toMatch(/\b(process|Buffer|require|__dirname)\b[.(]/);
  });
});
