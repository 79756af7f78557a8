/**
 * `corset demo` in each engine (default profile) × each topology: a person's session on
 * the app page (log in, who am I, add a note, reload the notes with XHR, delete the
 * note, refresh, log out), with the API recording what carried each request's session.
 *
 * Expected transports (shared/docs/real-browsers.md, "What was observed"): ports and
 * subdomains keep a first-party cookie everywhere; cross-site, Chromium and Firefox keep
 * the `Partitioned` cookie (checked: a first-party visit to the API does not get it),
 * and WebKitGTK drops it, so corset/client falls back to the Bearer header.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRequestRecord } from '../../src/demo/api-server.js';
import { ensureDemoCertificates } from '../../src/demo/certs.js';
import { startDemo } from '../../src/demo/start.js';
import type { DemoTopologyName } from '../../src/demo/topologies.js';
import {
  ARTIFACTS,
  CACHE_DIR,
  DEMO_HOSTS,
  FETCH_SCRIPT,
  type FetchOutcome,
  type PageState,
  pageStep,
} from './demo-page.js';
import { ENGINES, type Engine, type EngineName, launchEngine } from './harness/index.js';

type Carrier = 'cookie' | 'bearer';

const TOPOLOGIES: readonly DemoTopologyName[] = ['ports', 'subdomains', 'cross-site'];

const EXPECTED: Readonly<Record<EngineName, Readonly<Record<DemoTopologyName, Carrier>>>> = {
  chromium: { ports: 'cookie', subdomains: 'cookie', 'cross-site': 'cookie' },
  firefox: { ports: 'cookie', subdomains: 'cookie', 'cross-site': 'cookie' },
  webkit: { ports: 'cookie', subdomains: 'cookie', 'cross-site': 'bearer' },
};

/** One observed cell of the engine × topology table. */
interface Observed {
  readonly engine: string;
  readonly version: string;
  readonly topology: DemoTopologyName;
  readonly carrier: Carrier;
  /** Cross-site with a cookie: whether a first-party visit to the API got it (false: partitioned). */
  readonly cookieFirstParty: boolean | null;
  readonly appServerSawSession: boolean;
  readonly ms: number;
}
const observed: Observed[] = [];
const launches: { engine: string; ms: number }[] = [];

afterAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(
    join(ARTIFACTS, 'demo-topologies.json'),
    JSON.stringify({ launches, observed }, null, 2),
  );
  for (const o of observed) {
    const partition =
      o.cookieFirstParty === null
        ? ''
        : o.cookieFirstParty
          ? ' (not partitioned)'
          : ' (partitioned)';
    console.log(`${o.engine} ${o.version} ${o.topology}: ${o.carrier}${partition}, ${o.ms} ms`);
  }
});

/** The app's protected requests that reached the API and were answered. */
function appRequests(records: readonly ApiRequestRecord[]): ApiRequestRecord[] {
  return records.filter(
    (r) => !r.preflight && (r.path === '/me' || r.path.startsWith('/notes')) && r.status < 400,
  );
}

async function runSession(engine: Engine, topology: DemoTopologyName): Promise<Observed> {
  const started = Date.now();
  const records: ApiRequestRecord[] = [];
  const demo = await startDemo({
    topology,
    appPort: 0,
    apiPort: 0,
    cacheDir: CACHE_DIR,
    onRequest: (r) => records.push(r),
  });
  const page = await engine.newPage();
  try {
    await page.goto(demo.appUrl);
    let state: PageState = await pageStep(page, {
      step: 'login',
      username: 'alice',
      password: 'corset-demo',
    });
    expect(state.signedIn, state.message).toBe(true);
    expect(state.whoami).toBe('Alice (alice)');
    const carrier: Carrier = state.transport === 'header' ? 'bearer' : 'cookie';
    if (carrier === 'bearer') {
      // The fallback was earned: the cookie login's answer came, its cookie did not come back.
      const login = records.findIndex((r) => r.path === '/auth/login' && !r.preflight);
      expect(records[login]).toMatchObject({ status: 200, auth: 'cookie' });
      const check = records.slice(login).find((r) => r.path === '/me' && !r.preflight);
      expect(check).toMatchObject({ status: 401, sessionCookieSent: false });
      expect(state.transportNote).toMatch(/fell back to the Bearer header/);
    }

    state = await pageStep(page, { step: 'add-note', text: `written in ${engine.name}` });
    expect(state.notes.map((n) => n.text)).toEqual([`written in ${engine.name}`]);
    expect(demo.notes.count()).toBe(1);
    await page.screenshot(join(ARTIFACTS, `demo-${engine.name}-${topology}.png`));

    state = await pageStep(page, { step: 'xhr-notes' });
    expect(state.requests.at(-1)).toMatchObject({
      via: 'xhr',
      path: '/notes',
      status: 200,
      auth: carrier,
    });

    const noteId = state.notes[0]?.id ?? '';
    state = await pageStep(page, { step: 'delete-note', id: noteId });
    expect(state.notes).toEqual([]);
    expect(demo.notes.count()).toBe(0);

    // Partitioned or not: a top-level visit to the API is first-party; a partitioned
    // cookie belongs to the app's site and stays home.
    let cookieFirstParty: boolean | null = null;
    if (topology === 'cross-site' && carrier === 'cookie') {
      await page.goto(`${demo.apiUrl}/health`);
      cookieFirstParty =
        records.filter((r) => r.path === '/health').at(-1)?.sessionCookieSent ?? null;
      await page.goto(demo.appUrl);
      state = await pageStep(page, { step: 'state' });
      expect(state.signedIn).toBe(true);
    }

    state = await pageStep(page, { step: 'refresh' });
    expect(state.message).toMatch(/Session refreshed/);
    const refresh = records.filter((r) => r.path === '/auth/refresh' && !r.preflight).at(-1);
    expect(refresh).toMatchObject({ status: 200, auth: carrier });
    const appServerSawSession = state.appServerUser === 'alice';

    state = await pageStep(page, { step: 'logout' });
    expect(state.signedIn).toBe(false);
    expect(records.filter((r) => r.path === '/auth/logout' && !r.preflight).at(-1)?.status).toBe(
      204,
    );
    const after = await page.evaluate<FetchOutcome>(FETCH_SCRIPT, { url: `${demo.apiUrl}/me` });
    expect(after).toEqual({ status: 401 });
    expect(records.at(-1)).toMatchObject({ path: '/me', status: 401, sessionCookieSent: false });

    // At the API: every answered app request was carried by the same transport.
    const answered = appRequests(records);
    expect(answered.length).toBeGreaterThanOrEqual(6);
    expect(new Set(answered.map((r) => r.auth))).toEqual(new Set([carrier]));
    if (carrier === 'cookie') expect(answered.every((r) => r.sessionCookieSent)).toBe(true);
    else expect(answered.some((r) => r.sessionCookieSent)).toBe(false);

    return {
      engine: engine.name,
      version: engine.version,
      topology,
      carrier,
      cookieFirstParty,
      appServerSawSession,
      ms: Date.now() - started,
    };
  } finally {
    await page.close();
    await demo.stop();
  }
}

let caCertPath: string;
beforeAll(async () => {
  // The CA the demo's servers will use, created now if this is a clean cache.
  caCertPath = (await ensureDemoCertificates({ names: DEMO_HOSTS, cacheDir: CACHE_DIR }))
    .caCertPath;
});

describe.each(ENGINES)('%s, default profile', (engineName) => {
  let engine: Engine | undefined;
  beforeAll(async () => {
    engine = await launchEngine(engineName, { hostMap: DEMO_HOSTS, caCertPath });
    launches.push({ engine: engineName, ms: engine.launchMs });
  });
  afterAll(async () => {
    await engine?.close();
  });

  it.each(TOPOLOGIES)(
    '%s: the whole session works, on the expected transport',
    async (topology) => {
      if (!engine) throw new Error(`${engineName} did not launch`);
      const result = await runSession(engine, topology);
      observed.push(result);
      expect(result.carrier).toBe(EXPECTED[engineName][topology]);
      // The app's own server sees the session where the cookie's Domain covers its host.
      expect(result.appServerSawSession).toBe(topology !== 'cross-site');
      if (result.cookieFirstParty !== null) expect(result.cookieFirstParty).toBe(false);
    },
  );
});
