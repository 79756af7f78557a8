/**
 * The web checker page in real Chromium: built from the sources (one self-contained
 * file), opened from disk and through `corset check --serve`'s server. Each classic
 * mistake of `corset demo --misconfigure` is served by the real demo, its answers are
 * captured over a socket as a person copies them from DevTools, pasted into the form,
 * and the page must name the right reason per browser, in the Chrome and Firefox
 * consoles' words. The correct demo is the control. The page must make no request at all.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckServer, startCheckServer } from '../../src/cli/commands/check-serve.js';
import type { MistakeName } from '../../src/demo/mistakes.js';
import { type RunningDemo, startDemo } from '../../src/demo/start.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/demo/users.js';
import { type Answer, send } from '../demo/http.js';
import { ARTIFACTS, CACHE_DIR, DEMO_HOSTS } from './demo-page.js';
import { launchPlainChromium } from './harness/chromium.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** One request as typed into the form. */
interface FormStep {
  readonly label: string;
  readonly method: string;
  readonly url: string;
  readonly credentials?: 'include' | 'same-origin';
  readonly requestHeaders?: string;
  readonly preflight?: string;
  readonly actual: string;
  readonly expectCookies?: string;
}

/** A mistake as the page gets it, and what the demo's real Chromium printed. */
interface Scenario {
  readonly page: string;
  readonly steps: readonly FormStep[];
  /** The console line real Chromium printed for the failing fetch (CORS mistakes). */
  readonly realChromeLine?: string;
}

/** What the page shows, read back from its `data-*` attributes. */
interface Shown {
  readonly verdicts: Readonly<Record<string, { ok: boolean; codes: string[] }>>;
  readonly consoles: Readonly<
    Record<string, { code: string; place: string; severity: string; message: string }[]>
  >;
  readonly noteCodes: readonly string[];
  readonly problems: readonly string[];
}

let dir: string;
let browser: Browser;
let server: CheckServer;
let fileUrl: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corset-web-'));
  await build({
    configFile: join(ROOT, 'web', 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: dir, emptyOutDir: true },
  });
  fileUrl = pathToFileURL(join(dir, 'index.html')).href;
  server = await startCheckServer({ root: dir });
  browser = await launchPlainChromium(DEMO_HOSTS);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

function raw(answer: Answer): string {
  return [
    `HTTP/1.1 ${answer.status}`,
    ...Object.entries(answer.headers).map(([name, value]) => `${name}: ${value}`),
    ...answer.setCookies.map((line) => `set-cookie: ${line}`),
  ].join('\n');
}

function cookieName(answer: Answer): string {
  const [line = ''] = answer.setCookies;
  return line.slice(0, line.indexOf('='));
}

/** The demo serving `mistake` (or none), with socket helpers speaking as the page would. */
async function withDemo<T>(
  mistake: MistakeName | undefined,
  use: (demo: RunningDemo, io: ReturnType<typeof demoIo>) => Promise<T>,
): Promise<T> {
  const demo = await startDemo({
    ...(mistake === undefined ? {} : { mistake }),
    appPort: 0,
    apiPort: 0,
    cacheDir: CACHE_DIR,
  });
  try {
    return await use(demo, demoIo(demo));
  } finally {
    await demo.stop();
  }
}

function demoIo(demo: RunningDemo) {
  const ca = demo.certificates?.caCertPem;
  const tls = ca === undefined ? {} : { ca };
  const origin = new URL(demo.appUrl).origin;
  const json = { origin, 'content-type': 'application/json' };
  return {
    origin,
    preflight: (path: string, method = 'POST') =>
      send(`${demo.apiUrl}${path}`, {
        method: 'OPTIONS',
        ...tls,
        headers: {
          origin,
          'access-control-request-method': method,
          'access-control-request-headers': 'content-type',
        },
      }),
    login: () =>
      send(`${demo.apiUrl}/auth/login`, {
        method: 'POST',
        ...tls,
        headers: json,
        body: JSON.stringify({ username: DEMO_USERS[0]?.id, password: DEMO_PASSWORD }),
      }),
    get: (url: string, headers: Record<string, string> = { origin }) =>
      send(url, { ...tls, headers }),
  };
}

/**
 * The console error real Chromium prints for a credentialed fetch from the demo app: a
 * JSON POST, or (`get`) a plain GET after the user opened the URL in the tab first (what
 * fills the HTTP cache in the `no-vary` mistake).
 */
async function realChromeLine(
  demo: RunningDemo,
  path: string,
  kind: 'json-post' | 'get-after-visit',
): Promise<string> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    const page = await context.newPage();
    const url = `${demo.apiUrl}${path}`;
    if (kind === 'get-after-visit') await page.goto(url);
    // Any document of the app's origin will do; /session is a small JSON one (no script).
    await page.goto(new URL('/session', demo.appUrl).href);
    const lines: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && m.text().startsWith(`Access to fetch at '${url}'`))
        lines.push(m.text());
    });
    await page.evaluate(
      ({ url, post }) =>
        fetch(
          url,
          post
            ? {
                method: 'POST',
                credentials: 'include',
                headers: { 'content-type': 'application/json' },
                body: '{}',
              }
            : { credentials: 'include' },
        ).catch(() => undefined),
      { url, post: kind === 'json-post' },
    );
    await expect.poll(() => lines.length, { timeout: 10_000 }).toBeGreaterThan(0);
    return lines[0] ?? '';
  } finally {
    await context.close();
  }
}

const JSON_HEADERS = 'Content-Type: application/json';

/** The login step as a person would paste it: its preflight, then the login's answer. */
async function loginStep(demo: RunningDemo, io: ReturnType<typeof demoIo>, login: Answer) {
  return {
    label: 'login',
    method: 'POST',
    url: `${demo.apiUrl}/auth/login`,
    requestHeaders: JSON_HEADERS,
    preflight: raw(await io.preflight('/auth/login')),
    actual: raw(login),
  };
}

/** A mistake that fails the login's preflight: the login, and what real Chromium printed. */
function loginRefused(mistake: MistakeName): Promise<Scenario> {
  return withDemo(mistake, async (demo, io) => ({
    page: io.origin,
    steps: [await loginStep(demo, io, await io.login())],
    realChromeLine: await realChromeLine(demo, '/auth/login', 'json-post'),
  }));
}

/** A mistake whose login cookie is refused: the login, then `/me`, which needs it. */
function cookieDropped(mistake: MistakeName): Promise<Scenario> {
  return withDemo(mistake, async (demo, io) => {
    const login = await io.login();
    return {
      page: io.origin,
      steps: [
        await loginStep(demo, io, login),
        {
          label: 'me',
          method: 'GET',
          url: `${demo.apiUrl}/me`,
          actual: raw(await io.get(`${demo.apiUrl}/me`)),
          expectCookies: cookieName(login),
        },
      ],
    };
  });
}

/** Captures, per mistake, what a person would paste (the demo's real answers). */
const CAPTURE: Readonly<Record<MistakeName | 'none', () => Promise<Scenario>>> = {
  none: () =>
    withDemo(undefined, async (demo, io) => {
      const login = await io.login();
      const name = cookieName(login);
      const cookie = login.setCookies.map((l) => l.split(';')[0]).join('; ');
      return {
        page: io.origin,
        steps: [
          await loginStep(demo, io, login),
          {
            label: 'me',
            method: 'GET',
            url: `${demo.apiUrl}/me`,
            actual: raw(await io.get(`${demo.apiUrl}/me`, { origin: io.origin, cookie })),
            expectCookies: name,
          },
        ],
      };
    }),
  'wildcard-origin': () => loginRefused('wildcard-origin'),
  'no-allow-credentials': () => loginRefused('no-allow-credentials'),
  'missing-allow-headers': () => loginRefused('missing-allow-headers'),
  'auth-before-preflight': () =>
    withDemo('auth-before-preflight', async (demo, io) => ({
      page: io.origin,
      steps: [
        {
          label: 'add-note',
          method: 'POST',
          url: `${demo.apiUrl}/notes`,
          requestHeaders: JSON_HEADERS,
          preflight: raw(await io.preflight('/notes')),
          // The browser never sends it: nothing to paste.
          actual: '',
        },
      ],
      realChromeLine: await realChromeLine(demo, '/notes', 'json-post'),
    })),
  'samesite-lax-cross-site': () => cookieDropped('samesite-lax-cross-site'),
  'none-without-secure': () => cookieDropped('none-without-secure'),
  'cookie-domain-api-host': () =>
    withDemo('cookie-domain-api-host', async (demo, io) => {
      const login = await io.login();
      return {
        page: io.origin,
        steps: [
          await loginStep(demo, io, login),
          {
            label: 'session',
            method: 'GET',
            url: '/session',
            credentials: 'same-origin',
            actual: raw(await io.get(new URL('/session', demo.appUrl).href, {})),
            expectCookies: cookieName(login),
          },
        ],
      };
    }),
  // The answer the cache replays: GET /about as a tab got it (no Origin).
  'no-vary': () =>
    withDemo('no-vary', async (demo, io) => ({
      page: io.origin,
      steps: [
        {
          label: 'about',
          method: 'GET',
          url: `${demo.apiUrl}/about`,
          actual: raw(await io.get(`${demo.apiUrl}/about`, {})),
        },
      ],
      realChromeLine: await realChromeLine(demo, '/about', 'get-after-visit'),
    })),
};

/** Fills the form with `scenario`, checks every profile, and reads back what it shows. */
async function check(page: Page, scenario: Scenario): Promise<Shown> {
  await page.fill('#page', scenario.page);
  for (const name of ['chrome', 'firefox', 'safari', 'webkitgtk'])
    await page.check(`#profile-${name}`);
  for (let i = 1; i < scenario.steps.length; i++) await page.click('#add-step');
  for (const [i, step] of scenario.steps.entries()) {
    const box = page.locator('fieldset.step').nth(i);
    // A fresh form: only what differs from an empty field (or from `include`) is typed.
    const typed: [string, string | undefined][] = [
      ['label', step.label],
      ['method', step.method],
      ['url', step.url],
      ['requestHeaders', step.requestHeaders],
      ['preflightHeaders', step.preflight],
      ['actualHeaders', step.actual],
      ['expectCookies', step.expectCookies],
    ];
    for (const [field, value] of typed)
      if (value !== undefined && value !== '')
        await box.locator(`[data-field=${field}]`).fill(value);
    if (step.credentials !== undefined && step.credentials !== 'include')
      await box.locator('[data-field=credentials]').selectOption(step.credentials);
  }
  await page.click('#check');
  return readShown(page);
}

/** Pastes `text` (a HAR or header text) into the paste tab and checks it. */
async function paste(page: Page, text: string): Promise<Shown> {
  await page.click('#tab-paste');
  for (const name of ['chrome', 'firefox', 'safari', 'webkitgtk'])
    await page.check(`#profile-${name}`);
  await page.fill('#paste', text);
  await page.click('#check-paste');
  return readShown(page);
}

function readShown(page: Page): Promise<Shown> {
  return page.evaluate(() => {
    const all = (root: ParentNode, selector: string) => [...root.querySelectorAll(selector)];
    const verdicts: Record<string, { ok: boolean; codes: string[] }> = {};
    for (const article of all(document, 'article.browser')) {
      verdicts[article.getAttribute('data-browser') ?? ''] = {
        ok: article.classList.contains('ok'),
        codes: all(article, '.reason.error, .reason.warning').map(
          (r) => r.getAttribute('data-code') ?? '',
        ),
      };
    }
    const consoles: Record<
      string,
      { code: string; place: string; severity: string; message: string }[]
    > = {};
    for (const column of all(document, '.console')) {
      consoles[column.getAttribute('data-engine') ?? ''] = all(column, '.console-line').map(
        (line) => ({
          code: line.getAttribute('data-code') ?? '',
          place: line.classList.contains('network-cookies')
            ? 'network-cookies'
            : line.classList.contains('silent')
              ? 'silent'
              : 'console',
          severity: line.classList.contains('error') ? 'error' : 'warning',
          message: line.querySelector('.message')?.textContent ?? '',
        }),
      );
    }
    return {
      verdicts,
      consoles,
      noteCodes: all(document, '#notes [data-code]').map((r) => r.getAttribute('data-code') ?? ''),
      problems: all(document, '#problems li').map((li) => li.textContent ?? ''),
    };
  });
}

/** A fresh page on `url` that records every request it makes and every console error. */
async function openChecker(url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, requests, errors, close: () => context.close() };
}

function codes(shown: Shown, engine: 'chromium' | 'gecko') {
  return (shown.consoles[engine] ?? []).map((l) => l.code);
}

describe('web checker in Chromium', () => {
  it('is one self-contained file with a strict CSP', async () => {
    expect(await readdir(dir)).toEqual(['index.html']);
    const { page, close } = await openChecker(fileUrl);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/connect-src 'none'/);
    expect(csp).toMatch(/script-src 'sha256-[^']+'(;|$)/);
    // The policy is in force: a fetch from the page is refused before any request.
    const refused = await page.evaluate(() =>
      fetch('http://127.0.0.1:9/upload', { method: 'POST', body: 'x' }).then(
        () => 'sent',
        (e: unknown) => String(e),
      ),
    );
    expect(refused).toMatch(/TypeError/);
    await close();
  });

  it('names each classic mistake of corset demo --misconfigure, from a file', async () => {
    const scenarios = {} as Record<MistakeName | 'none', Scenario>;
    for (const [name, capture] of Object.entries(CAPTURE))
      scenarios[name as MistakeName | 'none'] = await capture();
    const { page, requests, errors, close } = await openChecker(fileUrl);
    const shown: Record<string, Shown> = {};
    for (const [name, scenario] of Object.entries(scenarios)) {
      await page.reload();
      shown[name] = await check(page, scenario);
      expect(shown[name]?.problems, name).toEqual([]);
    }
    // Nothing left the page: the only request is the page itself.
    expect(requests).toEqual([fileUrl, ...Object.keys(scenarios).map(() => fileUrl)]);
    expect(errors).toEqual([]);
    await close();

    const at = (name: MistakeName | 'none') => shown[name] as Shown;
    const api = (name: MistakeName) => new URL(scenarios[name].steps[0]?.url ?? '').href;

    // Control: the correct demo works everywhere, and the consoles stay quiet.
    for (const verdict of Object.values(at('none').verdicts))
      expect(verdict).toEqual({ ok: true, codes: [] });
    expect(at('none').consoles).toEqual({ chromium: [], gecko: [] });
    expect(at('none').noteCodes).toEqual([]);

    const failsEverywhere = (name: MistakeName, code: string) => {
      for (const [profile, verdict] of Object.entries(at(name).verdicts)) {
        expect(verdict.ok, `${name} ${profile}`).toBe(false);
        expect(verdict.codes, `${name} ${profile}`).toContain(code);
      }
      expect(codes(at(name), 'chromium')[0], name).toBe(code);
      expect(codes(at(name), 'gecko')[0], name).toBe(code);
    };

    failsEverywhere('wildcard-origin', 'CORSNotSupportingCredentials');
    expect(at('wildcard-origin').consoles.gecko?.[0]?.message).toBe(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${api('wildcard-origin')}. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
    );

    failsEverywhere('no-allow-credentials', 'CORSMissingAllowCredentials');
    expect(at('no-allow-credentials').consoles.gecko?.[0]?.message).toBe(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${api('no-allow-credentials')}. (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`,
    );

    failsEverywhere('missing-allow-headers', 'CORSMissingAllowHeaderFromPreflight');
    expect(at('missing-allow-headers').consoles.gecko?.[0]?.message).toBe(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${api('missing-allow-headers')}. (Reason: header ‘content-type’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
    );

    // Chromium checks access before status, Firefox the status first: each names its own.
    const auth = at('auth-before-preflight');
    expect(auth.verdicts.chrome?.codes[0]).toBe('CORSMissingAllowOrigin');
    expect(auth.verdicts.firefox?.codes[0]).toBe('CORSPreflightDidNotSucceed');
    expect(auth.consoles.gecko?.[0]?.message).toBe(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${api('auth-before-preflight')}. (Reason: CORS preflight response did not succeed). Status code: 401.`,
    );

    // The cookie mistakes: Chrome shows them in the Network panel, Firefox in the console.
    const lax = at('samesite-lax-cross-site');
    for (const profile of ['chrome', 'firefox'])
      expect(new Set(lax.verdicts[profile]?.codes), profile).toEqual(
        new Set(['ExcludeSameSiteLax', 'CookieNotInJar']),
      );
    expect(lax.consoles.chromium?.[0]).toMatchObject({
      code: 'ExcludeSameSiteLax',
      place: 'network-cookies',
      message:
        'This attempt to set a cookie via a `Set-Cookie` header was blocked because it had the "SameSite=Lax" attribute but came from a cross-site response which was not the response to a top-level navigation.',
    });
    const laxName = scenarios['samesite-lax-cross-site'].steps[1]?.expectCookies;
    expect(lax.consoles.gecko?.[0]).toMatchObject({
      code: 'ExcludeSameSiteLax',
      place: 'console',
      message: `Cookie “${laxName}” has been rejected because it is in a cross-site context and its “SameSite” is “Lax” or “Strict”.`,
    });

    // Refused where Chrome 80+ and Firefox 131+ require Secure; libsoup stores it.
    const none = at('none-without-secure');
    for (const profile of ['chrome', 'firefox'])
      expect(none.verdicts[profile]?.codes[0], profile).toBe('ExcludeSameSiteNoneInsecure');
    expect(none.verdicts.webkitgtk).toEqual({ ok: true, codes: [] });
    const noneName = scenarios['none-without-secure'].steps[1]?.expectCookies;
    expect(none.consoles.gecko?.[0]?.message).toBe(
      `Cookie “${noneName}” rejected because it has the “SameSite=None” attribute but is missing the “secure” attribute.`,
    );

    const domain = at('cookie-domain-api-host');
    for (const verdict of Object.values(domain.verdicts))
      expect(verdict.codes).toEqual(['ExcludeDomainMismatch']);
    expect(domain.consoles.chromium?.[0]).toMatchObject({
      code: 'ExcludeDomainMismatch',
      place: 'network-cookies',
    });
    // Firefox prints nothing for a cookie it does not send: the page says so.
    expect(domain.consoles.gecko?.[0]).toMatchObject({
      code: 'ExcludeDomainMismatch',
      place: 'silent',
    });

    // no-vary: the replayed answer fails the CORS check, and the headers say why.
    failsEverywhere('no-vary', 'CORSMissingAllowOrigin');
    expect(at('no-vary').noteCodes).toEqual(['VaryOriginMissing']);

    // The checker's Chrome line against what real Chromium printed for the same answers.
    // Chromium prefixes a preflight's access-check failure with "Response to preflight
    // request doesn't pass access control check: " and prints no "opaque response" hint.
    const compared = (
      [
        'wildcard-origin',
        'no-allow-credentials',
        'missing-allow-headers',
        'auth-before-preflight',
        'no-vary',
      ] as const
    ).map((name) => ({
      name,
      real: scenarios[name].realChromeLine ?? '',
      checker: at(name).consoles.chromium?.[0]?.message ?? '',
    }));
    await mkdir(ARTIFACTS, { recursive: true });
    await writeFile(
      join(ARTIFACTS, 'web-checker-chrome-lines.json'),
      JSON.stringify(compared, null, 2),
    );
    for (const { name, real } of compared) expect(real, name).toMatch(/^Access to fetch at '/);
    for (const { name, real, checker } of compared) expect(checker, name).toBe(real);
  });

  it('reads a pasted header transcript and a HAR as corset check does, and saves the report', async () => {
    const lax = await withDemo('samesite-lax-cross-site', async (demo, io) => {
      const api = new URL(demo.apiUrl);
      const request = (method: string, path: string, headers: string[]) =>
        [
          `${method} ${path} HTTP/1.1`,
          `Host: ${api.host}`,
          `Origin: ${io.origin}`,
          ...headers,
        ].join('\n');
      return [
        request('OPTIONS', '/auth/login', [
          'Access-Control-Request-Method: POST',
          'Access-Control-Request-Headers: content-type',
        ]),
        raw(await io.preflight('/auth/login')),
        request('POST', '/auth/login', [JSON_HEADERS]),
        raw(await io.login()),
        request('GET', '/me', []),
        raw(await io.get(`${demo.apiUrl}/me`)),
      ].join('\n\n');
    });
    const har = await withDemo('wildcard-origin', async (demo, io) => {
      const url = `${demo.apiUrl}/auth/login`;
      const headers = (answer: Answer) => [
        ...Object.entries(answer.headers).map(([name, value]) => ({ name, value })),
        ...answer.setCookies.map((value) => ({ name: 'set-cookie', value })),
      ];
      const entry = (
        type: string,
        method: string,
        sent: Record<string, string>,
        answer: Answer,
      ) => ({
        pageref: 'page_1',
        startedDateTime: new Date().toISOString(),
        _resourceType: type,
        request: {
          method,
          url,
          httpVersion: 'HTTP/1.1',
          headers: Object.entries(sent).map(([name, value]) => ({ name, value })),
        },
        response: { status: answer.status, statusText: '', headers: headers(answer) },
      });
      return JSON.stringify({
        log: {
          version: '1.2',
          creator: { name: 'WebInspector', version: '537.36' },
          pages: [{ id: 'page_1', title: demo.appUrl }],
          entries: [
            entry(
              'preflight',
              'OPTIONS',
              {
                Origin: io.origin,
                'Access-Control-Request-Method': 'POST',
                'Access-Control-Request-Headers': 'content-type',
              },
              await io.preflight('/auth/login'),
            ),
            entry(
              'fetch',
              'POST',
              { Origin: io.origin, 'Content-Type': 'application/json' },
              await io.login(),
            ),
          ],
        },
      });
    });
    const { page, requests, errors, close } = await openChecker(fileUrl);
    const fromText = await paste(page, lax);
    expect(fromText.problems).toEqual([]);
    for (const profile of ['chrome', 'firefox'])
      expect(fromText.verdicts[profile]?.codes, profile).toContain('ExcludeSameSiteLax');
    await page.reload();
    const fromHar = await paste(page, har);
    expect(fromHar.problems).toEqual([]);
    expect(fromHar.verdicts.chrome?.codes[0]).toBe('CORSNotSupportingCredentials');
    expect(fromHar.consoles.gecko?.[0]?.code).toBe('CORSNotSupportingCredentials');
    // The report is saved from the page itself (a blob: URL), as corset check --json prints it.
    const [saved] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-download="corset-report.json"]'),
    ]);
    const report = JSON.parse(await readFile((await saved.path()) ?? '', 'utf8'));
    expect(report).toMatchObject({
      schema: 'corset.doctor.report',
      version: 1,
      tool: 'web',
      ok: false,
    });
    expect(requests.filter((u) => !u.startsWith('blob:'))).toEqual([fileUrl, fileUrl]);
    expect(errors).toEqual([]);
    await close();
  });

  it('works the same through corset check --serve', async () => {
    const scenario = await CAPTURE['wildcard-origin']();
    const { page, requests, errors, close } = await openChecker(server.url);
    const shown = await check(page, scenario);
    expect(shown.verdicts.chrome?.codes[0]).toBe('CORSNotSupportingCredentials');
    expect(requests).toEqual([server.url]);
    expect(errors).toEqual([]);
    await close();
  });

  it('loads an example into the form and checks it', async () => {
    const { page, errors, close } = await openChecker(fileUrl);
    await page.selectOption('#example', 'none-without-secure');
    const shown = await readShown(page);
    expect(shown.verdicts.chrome?.codes[0]).toBe('ExcludeSameSiteNoneInsecure');
    expect(shown.verdicts.safari).toEqual({ ok: true, codes: [] });
    expect(await page.locator('fieldset.step').count()).toBe(2);
    expect(errors).toEqual([]);
    await close();
  });

  it('lists every problem of the form at once, next to its field', async () => {
    const { page, close } = await openChecker(fileUrl);
    const shown = await check(page, {
      page: 'app.example.com',
      steps: [
        { label: 'x', method: 'GET', url: 'ftp://api', actual: 'HTTP/1.1 200\nnot a header' },
      ],
    });
    expect(shown.problems).toEqual([
      'Page: "app.example.com" is not an http(s) origin or URL',
      'Request 1, URL: "ftp://api" is not an http(s) URL (absolute, or a path on the page\'s origin)',
      'Request 1, response headers: line 2: "not a header" is not a "Name: value" header',
    ]);
    expect(shown.verdicts).toEqual({});
    await close();
  });
});
