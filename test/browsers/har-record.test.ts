/**
 * `corset check` on HAR files recorded at test time from real engines against the demo
 * (a working topology and three `--misconfigure` mistakes): the person signs in on the
 * page while the HAR is recorded, then the HAR is fed to `check`, whose verdict for each
 * request must be what the browser did: a TypeError in the page is a predicted network
 * error at the right stage, a readable answer a readable answer, a dropped cookie a
 * refused Set-Cookie.
 * - Chromium: twice, DevTools-style over CDP (`har-from-cdp.ts`: preflights, raw headers,
 *   `_error`) and with Playwright's `recordHar` (no preflights, no headers of refused
 *   answers: `check` infers or says so).
 * - Firefox ESR: from WebDriver BiDi events through puppeteer (`har-from-bidi.ts`), in
 *   the shape of Firefox DevTools' HAR.
 * - WebKitGTK: not recorded. Its classic WebDriver reports no network events, and with its
 *   remote inspector on (`WEBKIT_INSPECTOR_HTTP_SERVER`) session creation hung when tried.
 * HARs go to test-artifacts/har/ (not committed).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page as PwPage } from 'playwright-core';
import puppeteer, { type Browser as FirefoxBrowser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/commands/check.js';
import { ensureDemoCertificates } from '../../src/demo/certs.js';
import type { MistakeName } from '../../src/demo/mistakes.js';
import { type RunningDemo, startDemo } from '../../src/demo/start.js';
import type { DemoTopologyName } from '../../src/demo/topologies.js';
import type { DoctorReport, ReportStep } from '../../src/doctor/report/index.js';
import {
  ARTIFACTS,
  CACHE_DIR,
  DEMO_HOSTS,
  FETCH_SCRIPT,
  type FetchOutcome,
  type PageState,
  pageStep,
} from './demo-page.js';
import { BidiHarRecorder } from './har-from-bidi.js';
import { CdpHarRecorder } from './har-from-cdp.js';
import { launchPlainChromium } from './harness/chromium.js';
import { firefoxPrefs } from './harness/firefox.js';
import { evaluationExpression, parseEvaluation } from './harness/page-script.js';
import { guardGroup } from './harness/processes.js';
import { type HostMapProxy, startHostMapProxy } from './harness/proxy.js';
import type { Page } from './harness/types.js';

const HAR_DIR = join(ARTIFACTS, 'har');

interface Recorded<T = PageState> {
  readonly state: T;
  readonly devtools: string;
  readonly playwright: string;
}

/** What the person does on the page while the HAR is recorded. */
type Flow<T> = (page: Page, demo: RunningDemo) => Promise<T>;

const LOGIN: Flow<PageState> = (page) =>
  pageStep(page, { step: 'login', username: 'alice', password: 'corset-demo' });

/** The harness's page interface over a Playwright page (only `evaluate` is used). */
function asHarnessPage(page: PwPage): Page {
  return {
    goto: async (url) => {
      await page.goto(url);
    },
    url: async () => page.url(),
    evaluate: async <T>(fnSource: string, arg?: unknown) =>
      parseEvaluation<T>(await page.evaluate(evaluationExpression(fnSource, arg))),
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    close: () => page.close(),
  };
}

let browser: Browser | undefined;

beforeAll(async () => {
  await ensureDemoCertificates({ names: DEMO_HOSTS, cacheDir: CACHE_DIR });
  await mkdir(HAR_DIR, { recursive: true });
});

/** Starts the demo, runs `flow` on the page while recording both HARs, stops the demo. */
async function record<T>(
  name: string,
  topology: DemoTopologyName,
  mistake: MistakeName | undefined,
  flow: Flow<T>,
  useCache = false,
): Promise<Recorded<T>> {
  if (!browser) throw new Error('chromium did not launch');
  const demo = await startDemo({
    topology,
    ...(mistake === undefined ? {} : { mistake }),
    appPort: 0,
    apiPort: 0,
    cacheDir: CACHE_DIR,
  });
  const playwright = join(HAR_DIR, `${name}.playwright.har`);
  const devtools = join(HAR_DIR, `${name}.devtools.har`);
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    recordHar: { path: playwright, content: 'omit' },
  });
  try {
    const page = await context.newPage();
    const recorder = await CdpHarRecorder.start(await context.newCDPSession(page), useCache);
    await page.goto(demo.appUrl);
    const state = await flow(asHarnessPage(page), demo);
    await recorder.settle();
    await writeFile(devtools, JSON.stringify(recorder.har(demo.appUrl), null, 1));
    return { state, devtools, playwright };
  } finally {
    await context.close(); // writes the Playwright HAR
    await demo.stop();
  }
}

/** Runs `corset check` with `argv`: exit status and stdout. */
async function runCli(argv: readonly string[]) {
  let out = '';
  const code = await runCheck(argv, {
    stdout: (text) => {
      out += text;
    },
    readStdin: async () => '',
    color: false,
    waitForStop: () => new Promise(() => undefined),
  });
  return { code, out };
}

/** Cookie values in the HAR's Cookie and Set-Cookie headers (the live session's secrets). */
async function cookieValues(file: string): Promise<string[]> {
  const har = JSON.parse(await readFile(file, 'utf8')) as {
    log: {
      entries: {
        request: { headers: { name: string; value: string }[] };
        response: { headers: { name: string; value: string }[] };
      }[];
    };
  };
  const values: string[] = [];
  for (const e of har.log.entries)
    for (const h of [...e.request.headers, ...e.response.headers]) {
      const name = h.name.toLowerCase();
      const pairs =
        name === 'cookie'
          ? h.value.split(';')
          : name === 'set-cookie'
            ? [h.value.split(';')[0] ?? '']
            : [];
      for (const pair of pairs) values.push(pair.slice(pair.indexOf('=') + 1).trim());
    }
  return values.filter((v) => v.length >= 6);
}

/**
 * `corset check <file> --json --browser ...`: the exit status and the report; the text
 * and JSON outputs never show a cookie value of the recorded session.
 */
async function check(file: string, browsers = 'chrome,chrome-incognito') {
  const json = await runCli([file, '--json', '--browser', browsers]);
  const text = await runCli([file, '--verbose', '--browser', browsers]);
  expect(text.code).toBe(json.code);
  const secrets = await cookieValues(file);
  for (const secret of secrets) {
    expect(json.out).not.toContain(secret);
    expect(text.out).not.toContain(secret);
  }
  return { code: json.code, report: JSON.parse(json.out) as DoctorReport, secrets };
}

const pathOf = (url: string) => new URL(url).pathname;

/**
 * Each checked request against the page's own log of the same request (method, path, in
 * order): the page saw a TypeError exactly when the model predicts a network error.
 */
function expectSameOutcomes(steps: readonly ReportStep[], state: PageState): void {
  const pageLog = state.requests.filter((r) => r.via === 'fetch' || r.via === 'xhr');
  const used = new Set<number>();
  for (const step of steps) {
    const index = pageLog.findIndex(
      (r, i) => !used.has(i) && r.method === step.method && r.path === pathOf(step.url),
    );
    if (index < 0) continue; // e.g. the client's Bearer retry of a refused cookie
    used.add(index);
    const seen = pageLog[index];
    expect({
      step: `${step.method} ${step.url}`,
      networkError: step.fetch === 'network-error',
    }).toEqual({ step: `${step.method} ${step.url}`, networkError: seen?.error === 'TypeError' });
  }
  expect(used.size).toBeGreaterThan(0);
}

const login = (report: DoctorReport, browserName: string) =>
  report.browsers
    .find((b) => b.browser === browserName)
    ?.steps.find((s) => s.method === 'POST' && pathOf(s.url) === '/auth/login');

describe('check on HAR recorded from Chromium against the demo', () => {
  beforeAll(async () => {
    // A direct launch as the harness does (its Engine hides the context recordHar needs).
    browser = await launchPlainChromium(DEMO_HOSTS);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('ports, working: every browser ok; the login cookie is stored and sent to /me', async () => {
    const run = await record('ports-working', 'ports', undefined, LOGIN);
    expect(run.state.signedIn).toBe(true);
    const { code, report, secrets } = await check(run.devtools);
    expect(secrets.length).toBeGreaterThan(0); // the session's cookies were recorded
    expect(report.notes.filter((n) => n.code === 'ModelDisagreesWithRecording')).toEqual([]);
    expect(code).toBe(0);
    for (const b of report.browsers) {
      expect(b.ok).toBe(true);
      expectSameOutcomes(b.steps, run.state);
      const step = login(report, b.browser);
      expect(step?.preflight).toMatchObject({ needed: true, sent: true, passed: true });
      expect(step?.setCookies.find((c) => c.name === 'session')?.stored).toBe(true);
      const me = b.steps.filter((s) => pathOf(s.url) === '/me').at(-1);
      expect(me?.cookiesSent).toContain('session');
    }
    // Playwright's HAR has no preflight: inferred from the request the browser sent.
    const fromPlaywright = await check(run.playwright);
    expect(fromPlaywright.code).toBe(0);
    expect(fromPlaywright.report.notes.map((n) => n.code)).toContain('PreflightNotRecorded');
  });

  it('wildcard-origin: the login preflight fails on `*` with credentials, as the page saw', async () => {
    const run = await record('wildcard-origin', 'ports', 'wildcard-origin', LOGIN);
    expect(run.state.signedIn).toBe(false);
    const { code, report } = await check(run.devtools);
    expect(code).toBe(1);
    expect(report.notes.filter((n) => n.code === 'ModelDisagreesWithRecording')).toEqual([]);
    for (const b of report.browsers) {
      expectSameOutcomes(b.steps, run.state);
      const step = login(report, b.browser);
      expect(step).toMatchObject({ ok: false, verdict: 'preflight', fetch: 'network-error' });
      expect(step?.reasons[0]?.code).toBe('CORSNotSupportingCredentials');
    }
    // Playwright's HAR keeps neither the preflight nor the refused answers: said, exit 1.
    const fromPlaywright = await check(run.playwright);
    expect(fromPlaywright.code).toBe(1);
    expect(fromPlaywright.report.notes.map((n) => n.code)).toContain('NoResponseRecorded');
  });

  it('missing-allow-headers: the preflight does not allow content-type', async () => {
    const run = await record('missing-allow-headers', 'ports', 'missing-allow-headers', LOGIN);
    expect(run.state.signedIn).toBe(false);
    const { code, report } = await check(run.devtools);
    expect(code).toBe(1);
    for (const b of report.browsers) {
      expectSameOutcomes(b.steps, run.state);
      const step = login(report, b.browser);
      expect(step).toMatchObject({ ok: false, verdict: 'preflight' });
      expect(step?.reasons[0]?.code).toBe('CORSMissingAllowHeaderFromPreflight');
    }
  });

  it('samesite-lax-cross-site: login readable, its Lax cookie refused cross-site', async () => {
    const run = await record(
      'samesite-lax-cross-site',
      'cross-site',
      'samesite-lax-cross-site',
      LOGIN,
    );
    expect(run.state.signedIn).toBe(false);
    for (const file of [run.devtools, run.playwright]) {
      const { code, report } = await check(file);
      expect(code).toBe(1);
      expect(report.notes.filter((n) => n.code === 'ModelDisagreesWithRecording')).toEqual([]);
      for (const b of report.browsers) {
        const step = login(report, b.browser);
        expect(step).toMatchObject({ ok: false, verdict: 'set-cookie', fetch: 'response' });
        const session = step?.setCookies.find((c) => c.name.endsWith('session'));
        expect(session?.stored).toBe(false);
        expect(session?.reasons.map((r) => r.code)).toContain('ExcludeSameSiteLax');
      }
    }
  });

  it('no-vary: the cached answer without ACAO replayed to the app, found in the recording', async () => {
    // The API opened in a tab first (no Origin, cacheable a minute), then the app fetches it.
    const run = await record<FetchOutcome>(
      'no-vary',
      'ports',
      'no-vary',
      async (page, demo) => {
        await page.goto(`${demo.apiUrl}/about`);
        await page.goto(demo.appUrl);
        return page.evaluate<FetchOutcome>(FETCH_SCRIPT, { url: `${demo.apiUrl}/about` });
      },
      true,
    );
    expect(run.state).toEqual({ error: 'TypeError' });
    const { code, report } = await check(run.devtools);
    expect(code).toBe(1);
    expect(report.notes.filter((n) => n.code === 'ModelDisagreesWithRecording')).toEqual([]);
    // Chromium records the replayed request as failed with no headers at all; the fresh
    // answer the tab got earlier (no ACAO, no Vary: Origin) is what the cache replayed.
    expect(report.notes.map((n) => n.code)).toContain('AnswerFromHttpCacheInferred');
    for (const b of report.browsers) {
      const about = b.steps.filter((s) => pathOf(s.url) === '/about').at(-1);
      expect(about?.http?.actual).toMatchObject({ error: 'net::ERR_FAILED', responseHeaders: [] });
      expect(about).toMatchObject({ ok: false, verdict: 'cors-check', fetch: 'network-error' });
      expect(about?.reasons[0]?.code).toBe('CORSMissingAllowOrigin');
    }
  });
});

let firefox: FirefoxBrowser | undefined;
let refusingProxy: HostMapProxy | undefined;
let disarm: () => void = () => undefined;

/** Signs in on the demo in Firefox while recording the HAR from BiDi events. */
async function recordFirefox(
  name: string,
  topology: DemoTopologyName,
  mistake: MistakeName | undefined,
): Promise<Recorded> {
  if (!firefox) throw new Error('firefox did not launch');
  const demo = await startDemo({
    topology,
    ...(mistake === undefined ? {} : { mistake }),
    appPort: 0,
    apiPort: 0,
    cacheDir: CACHE_DIR,
  });
  const context = await firefox.createBrowserContext();
  try {
    const page = await context.newPage();
    const recorder = new BidiHarRecorder(page);
    await page.goto(demo.appUrl, { waitUntil: 'load' });
    const harnessPage: Page = {
      goto: async (url) => {
        await page.goto(url);
      },
      url: async () => page.url(),
      evaluate: async <T>(fnSource: string, arg?: unknown) =>
        parseEvaluation<T>(await page.evaluate(evaluationExpression(fnSource, arg))),
      screenshot: async () => undefined,
      close: () => page.close(),
    };
    const state = await pageStep(harnessPage, {
      step: 'login',
      username: 'alice',
      password: 'corset-demo',
    });
    await recorder.settle();
    const devtools = join(HAR_DIR, `${name}.firefox.har`);
    const version = (await firefox.version()).replace(/^[^/]*\//, '');
    await writeFile(devtools, JSON.stringify(recorder.har(await page.title(), version), null, 1));
    return { state, devtools, playwright: '' };
  } finally {
    await context.close();
    await demo.stop();
  }
}

describe('check on HAR recorded from Firefox ESR (BiDi events) against the demo', () => {
  beforeAll(async () => {
    refusingProxy = await startHostMapProxy({ hosts: [] });
    firefox = await puppeteer.launch({
      browser: 'firefox',
      executablePath: '/usr/bin/firefox-esr',
      headless: true,
      acceptInsecureCerts: true,
      extraPrefsFirefox: firefoxPrefs({ hostMap: DEMO_HOSTS }, refusingProxy.port),
      timeout: 60_000,
    });
    const pid = firefox.process()?.pid;
    if (pid !== undefined) disarm = guardGroup(pid);
  });

  afterAll(async () => {
    await firefox?.close();
    disarm();
    await refusingProxy?.close();
  });

  const FIREFOX = 'firefox,firefox-strict';

  it('ports, working: ok in Firefox; the page is found from its document request', async () => {
    const run = await recordFirefox('ports-working', 'ports', undefined);
    expect(run.state.signedIn).toBe(true);
    const { code, report } = await check(run.devtools, FIREFOX);
    expect(report.notes.find((n) => n.code === 'PageInferred')?.message).toContain(
      "the page's document request",
    );
    expect(report.notes.filter((n) => n.code === 'ModelDisagreesWithRecording')).toEqual([]);
    expect(code).toBe(0);
    for (const b of report.browsers) {
      expectSameOutcomes(b.steps, run.state);
      expect(login(report, b.browser)?.preflight).toMatchObject({ sent: true, passed: true });
      const me = b.steps.filter((s) => pathOf(s.url) === '/me').at(-1);
      expect(me?.cookiesSent).toContain('session');
    }
  });

  it('wildcard-origin: the refused preflight and the refused /me answer, as the page saw', async () => {
    const run = await recordFirefox('wildcard-origin', 'ports', 'wildcard-origin');
    expect(run.state.signedIn).toBe(false);
    const { code, report } = await check(run.devtools, FIREFOX);
    expect(code).toBe(1);
    expect(report.notes.filter((n) => n.code === 'ModelDisagreesWithRecording')).toEqual([]);
    for (const b of report.browsers) {
      expectSameOutcomes(b.steps, run.state);
      const step = login(report, b.browser);
      expect(step).toMatchObject({ ok: false, verdict: 'preflight', fetch: 'network-error' });
      expect(step?.reasons[0]?.code).toBe('CORSNotSupportingCredentials');
      expect(step?.reasons[0]?.message).toMatch(/^Cross-Origin Request Blocked/);
    }
  });

  it('samesite-lax-cross-site: login readable, its Lax cookie refused', async () => {
    const run = await recordFirefox(
      'samesite-lax-cross-site',
      'cross-site',
      'samesite-lax-cross-site',
    );
    expect(run.state.signedIn).toBe(false);
    const { code, report } = await check(run.devtools, FIREFOX);
    expect(code).toBe(1);
    for (const b of report.browsers) {
      expectSameOutcomes(b.steps, run.state);
      const step = login(report, b.browser);
      expect(step).toMatchObject({ ok: false, verdict: 'set-cookie', fetch: 'response' });
      expect(step?.setCookies.find((c) => c.name.endsWith('session'))?.stored).toBe(false);
    }
  });
});
