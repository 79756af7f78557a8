/**
 * Each `corset demo --misconfigure` mistake in each engine (default profile): the failure
 * the articles describe must really happen, seen in the page (what the person sees) and
 * at the server (what reached it, with which cookie). The correct demo is the control:
 * `demo-topologies.test.ts` runs the same login and notes flow there, and `no-vary` has
 * its own control below.
 *
 * Where an engine does not fail, the table says so (`works`) rather than forcing it:
 * WebKitGTK (libsoup) stores `SameSite=None` without `Secure`, and revalidates a cached
 * answer whose `Access-Control-Allow-Origin` does not fit instead of failing.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRequestRecord } from '../../src/demo/api-server.js';
import { ensureDemoCertificates } from '../../src/demo/certs.js';
import type { MistakeName } from '../../src/demo/mistakes.js';
import { MISTAKES } from '../../src/demo/mistakes.js';
import { type RunningDemo, startDemo } from '../../src/demo/start.js';
import {
  ARTIFACTS,
  CACHE_DIR,
  DEMO_HOSTS,
  FETCH_SCRIPT,
  type FetchOutcome,
  pageStep,
} from './demo-page.js';
import { ENGINES, type Engine, type EngineName, launchEngine, type Page } from './harness/index.js';

/** What a person and the server see: a failure of one kind, or none. */
type Outcome = 'response-unreadable' | 'cookie-not-stored' | 'cookie-not-sent' | 'works';

const ALL_FAIL = (outcome: Outcome): Readonly<Record<EngineName, Outcome>> => ({
  chromium: outcome,
  firefox: outcome,
  webkit: outcome,
});

const EXPECTED: Readonly<Record<MistakeName, Readonly<Record<EngineName, Outcome>>>> = {
  'wildcard-origin': ALL_FAIL('response-unreadable'),
  'no-allow-credentials': ALL_FAIL('response-unreadable'),
  'samesite-lax-cross-site': ALL_FAIL('cookie-not-stored'),
  // Chrome 80+ and Firefox 131+ reject None without Secure; libsoup does not.
  'none-without-secure': {
    chromium: 'cookie-not-stored',
    firefox: 'cookie-not-stored',
    webkit: 'works',
  },
  'cookie-domain-api-host': ALL_FAIL('cookie-not-sent'),
  'auth-before-preflight': ALL_FAIL('response-unreadable'),
  'missing-allow-headers': ALL_FAIL('response-unreadable'),
  // WebKit revalidates instead of reusing the cached answer for another Origin.
  'no-vary': { chromium: 'response-unreadable', firefox: 'response-unreadable', webkit: 'works' },
};

const observed: {
  engine: string;
  mistake: string;
  outcome: Outcome;
  detail: string;
  ms: number;
}[] = [];

afterAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(join(ARTIFACTS, 'demo-mistakes.json'), JSON.stringify(observed, null, 2));
  for (const o of observed)
    console.log(`${o.engine} ${o.mistake}: ${o.outcome} (${o.detail}), ${o.ms} ms`);
});

interface Run {
  readonly demo: RunningDemo;
  readonly page: Page;
  readonly records: ApiRequestRecord[];
}

const sent = (records: readonly ApiRequestRecord[], method: string, path: string) =>
  records.filter((r) => r.method === method && r.path === path && !r.preflight);
const preflights = (records: readonly ApiRequestRecord[], path: string) =>
  records.filter((r) => r.path === path && r.preflight);

/** Whether the session cookie reaches the API on a first-party visit: was it stored at all? */
async function storedProbe({ demo, page, records }: Run): Promise<boolean> {
  await page.goto(`${demo.apiUrl}/health`);
  return sent(records, 'GET', '/health').at(-1)?.sessionCookieSent ?? false;
}

/** Sign in on the page; classify what went wrong, checking page and server agree. */
async function loginScenario(run: Run): Promise<{ outcome: Outcome; detail: string }> {
  const { records } = run;
  const state = await pageStep(run.page, {
    step: 'login',
    username: 'alice',
    password: 'corset-demo',
  });
  const login = state.requests.find((r) => r.path === '/auth/login');
  if (login?.error === 'TypeError') {
    expect(state.signedIn).toBe(false);
    expect(state.message).toMatch(/network-error/);
    // The preflight failed, so the login itself was never sent: no cookie either.
    expect(preflights(records, '/auth/login').length).toBeGreaterThan(0);
    expect(sent(records, 'POST', '/auth/login')).toEqual([]);
    return {
      outcome: 'response-unreadable',
      detail: 'preflight refused by the browser, login never sent',
    };
  }
  if (state.signedIn) {
    expect(sent(records, 'GET', '/me').at(-1)?.sessionCookieSent).toBe(true);
    return { outcome: 'works', detail: 'cookie stored and sent' };
  }
  // The login answer was readable, but its cookie did not come back on /me.
  expect(sent(records, 'POST', '/auth/login')[0]?.status).toBe(200);
  expect(sent(records, 'GET', '/me').at(-1)).toMatchObject({
    status: 401,
    sessionCookieSent: false,
  });
  // corset/client then retries the login asking for the Bearer fallback, which this
  // server does not offer: the retry passes its preflight (the entry point always allows
  // `corset-transport`), the server answers with the cookie transport, and the page says
  // the fallback is unavailable.
  expect(state.message).toMatch(/^Sign-in failed: header-transport-unavailable/);
  expect(sent(records, 'POST', '/auth/login').at(-1)?.status).toBe(200);
  const stored = await storedProbe(run);
  return stored
    ? { outcome: 'cookie-not-sent', detail: 'login 200, cookie kept but not sent on the API fetch' }
    : {
        outcome: 'cookie-not-stored',
        detail: 'login 200, cookie dropped (not sent even first-party)',
      };
}

async function cookieDomainScenario(run: Run): Promise<{ outcome: Outcome; detail: string }> {
  const state = await pageStep(run.page, {
    step: 'login',
    username: 'alice',
    password: 'corset-demo',
  });
  expect(state.signedIn, state.message).toBe(true);
  expect(sent(run.records, 'GET', '/me').at(-1)?.sessionCookieSent).toBe(true);
  // The app server's view, straight from its endpoint (same origin as the page).
  const seen = await run.page.evaluate<{ user: string | null; reason: string }>(
    "async () => (await fetch('/session')).json()",
  );
  expect(state.appServerUser).toBe(seen.user ?? '');
  return seen.user === null
    ? { outcome: 'cookie-not-sent', detail: `API works; app server: ${seen.reason}` }
    : { outcome: 'works', detail: 'app server received the cookie' };
}

async function writeScenario(run: Run): Promise<{ outcome: Outcome; detail: string }> {
  let state = await pageStep(run.page, {
    step: 'login',
    username: 'alice',
    password: 'corset-demo',
  });
  expect(state.signedIn, state.message).toBe(true);
  state = await pageStep(run.page, { step: 'add-note', text: 'never written' });
  const post = state.requests.find((r) => r.method === 'POST' && r.path === '/notes');
  if (post?.error === 'TypeError') {
    expect(preflights(run.records, '/notes')[0]?.status).toBe(401);
    expect(sent(run.records, 'POST', '/notes')).toEqual([]);
    expect(run.demo.notes.count()).toBe(0);
    return {
      outcome: 'response-unreadable',
      detail: 'GET /me 200; POST /notes preflight got 401, never sent',
    };
  }
  return { outcome: 'works', detail: `POST /notes ${post?.status}` };
}

/** The API opened in a tab (no Origin, cached a minute), then the app fetches the same URL. */
async function cacheScenario(run: Run): Promise<{ outcome: Outcome; detail: string }> {
  await run.page.goto(`${run.demo.apiUrl}/about`);
  await run.page.goto(run.demo.appUrl);
  const result = await run.page.evaluate<FetchOutcome>(FETCH_SCRIPT, {
    url: `${run.demo.apiUrl}/about`,
  });
  const reached = sent(run.records, 'GET', '/about');
  if ('error' in result) {
    // Served from the cache: the app's request never reached the API.
    expect(reached.map((r) => r.origin)).toEqual([undefined]);
    return {
      outcome: 'response-unreadable',
      detail: 'cached answer without ACAO replayed to the app',
    };
  }
  expect(reached.at(-1)?.origin).toBe(new URL(run.demo.appUrl).origin);
  return { outcome: 'works', detail: `fetched again from the API (${reached.length} requests)` };
}

const SCENARIO: Readonly<
  Record<MistakeName, (run: Run) => Promise<{ outcome: Outcome; detail: string }>>
> = {
  'wildcard-origin': loginScenario,
  'no-allow-credentials': loginScenario,
  'samesite-lax-cross-site': loginScenario,
  'none-without-secure': loginScenario,
  'cookie-domain-api-host': cookieDomainScenario,
  'auth-before-preflight': writeScenario,
  'missing-allow-headers': loginScenario,
  'no-vary': cacheScenario,
};

async function withDemo<T>(
  engine: Engine,
  mistake: MistakeName | undefined,
  body: (run: Run) => Promise<T>,
): Promise<T> {
  const records: ApiRequestRecord[] = [];
  const demo = await startDemo({
    ...(mistake === undefined ? {} : { mistake }),
    appPort: 0,
    apiPort: 0,
    cacheDir: CACHE_DIR,
    onRequest: (r) => records.push(r),
  });
  const page = await engine.newPage();
  try {
    await page.goto(demo.appUrl);
    await pageStep(page, { step: 'state' });
    return await body({ demo, page, records });
  } finally {
    await page.close();
    await demo.stop();
  }
}

let caCertPath: string;
beforeAll(async () => {
  caCertPath = (await ensureDemoCertificates({ names: DEMO_HOSTS, cacheDir: CACHE_DIR }))
    .caCertPath;
});

describe.each(ENGINES)('%s, default profile', (engineName) => {
  let engine: Engine | undefined;
  beforeAll(async () => {
    engine = await launchEngine(engineName, { hostMap: DEMO_HOSTS, caCertPath });
  });
  afterAll(async () => {
    await engine?.close();
  });

  it.each(MISTAKES.map((m) => m.name))('%s', async (mistake) => {
    if (!engine) throw new Error(`${engineName} did not launch`);
    const started = Date.now();
    const { outcome, detail } = await withDemo(engine, mistake, SCENARIO[mistake]);
    observed.push({ engine: engineName, mistake, outcome, detail, ms: Date.now() - started });
    expect(outcome).toBe(EXPECTED[mistake][engineName]);
  });

  it('no-vary control: the correct demo answers the same sequence', async () => {
    if (!engine) throw new Error(`${engineName} did not launch`);
    const { outcome } = await withDemo(engine, undefined, cacheScenario);
    expect(outcome).toBe('works');
  });
});
