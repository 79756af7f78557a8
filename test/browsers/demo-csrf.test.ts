/**
 * CSRF against `corset demo` in real browsers: the victim signs in on the app page, then
 * the same tab opens an attacker's page on an origin the API does not trust, which tries
 * to create a note three ways: an auto-submitted HTML form (the classic), a `no-cors`
 * fetch with credentials (a "simple" request, sent without preflight), and a JSON fetch
 * (needs a preflight). No note may be created.
 *
 * The attacker is where the victim's cookie still flows whenever it can: same site on
 * another port (ports), a sibling subdomain (subdomains: `Lax; Domain=example.com` is
 * sent to it), or another site (cross-site). The first two get the cookie sent by the
 * browser, so only the server's CSRF check (Fetch Metadata and Origin) stands in the way.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRequestRecord } from '../../src/demo/api-server.js';
import { type DemoCertificates, ensureDemoCertificates } from '../../src/demo/certs.js';
import { startDemo } from '../../src/demo/start.js';
import type { DemoTopologyName } from '../../src/demo/topologies.js';
import { ARTIFACTS, CACHE_DIR, DEMO_HOSTS, pageStep } from './demo-page.js';
import { ENGINES, type Engine, launchEngine } from './harness/index.js';
import { html, startServer, type TestServer } from './harness/servers.js';

const ATTACKER_HOST: Readonly<Record<DemoTopologyName, string>> = {
  ports: 'localhost',
  subdomains: 'evil.example.com',
  'cross-site': 'evil.example.org',
};

/** Whether the browser sends the victim's cookie to the API from the attacker's page. */
const COOKIE_FLOWS: Readonly<Record<DemoTopologyName, boolean>> = {
  ports: true, // same site: Lax cookies go with same-site requests
  subdomains: true, // same site, and Domain=example.com covers the API
  'cross-site': false, // partitioned (or, in WebKitGTK, no cookie at all: Bearer)
};

// Runs in the attacker's page.
const ATTACK_SCRIPT = `async ({ api }) => {
  const sink = document.createElement('iframe');
  sink.name = 'sink';
  document.body.append(sink);
  const form = document.createElement('form');
  form.method = 'POST';
  form.action = api + '/notes';
  form.target = 'sink';
  const input = document.createElement('input');
  input.name = 'text';
  input.value = 'forged by a form';
  form.append(input);
  document.body.append(form);
  const loaded = new Promise((resolve) => { sink.onload = resolve; setTimeout(resolve, 5000); });
  form.submit();
  await loaded;
  const outcome = {};
  try {
    const r = await fetch(api + '/notes', {
      method: 'POST', mode: 'no-cors', credentials: 'include',
      headers: { 'content-type': 'text/plain' }, body: '{"text":"forged by a no-cors fetch"}',
    });
    outcome.noCors = r.type;
  } catch (error) { outcome.noCors = error.constructor.name; }
  try {
    const r = await fetch(api + '/notes', {
      method: 'POST', credentials: 'include',
      headers: { 'content-type': 'application/json' }, body: '{"text":"forged by a JSON fetch"}',
    });
    outcome.json = r.status;
  } catch (error) { outcome.json = error.constructor.name; }
  return outcome;
}`;

interface Observed {
  readonly engine: string;
  readonly topology: DemoTopologyName;
  readonly page: { noCors: string; json: string | number };
  /** Each forged POST that reached the API: status, error code, cookie sent. */
  readonly posts: readonly { status: number; error: string | undefined; cookie: boolean }[];
  readonly jsonPreflight: number | undefined;
  /** Notes the API holds after the attack. */
  readonly notes: number;
}
const observed: Observed[] = [];

let attackerCerts: DemoCertificates;
let caCertPath: string;
const attackers: Partial<Record<'http' | 'https', TestServer>> = {};

beforeAll(async () => {
  caCertPath = (await ensureDemoCertificates({ names: DEMO_HOSTS, cacheDir: CACHE_DIR }))
    .caCertPath;
  attackerCerts = await ensureDemoCertificates({
    names: ['evil.example.com', 'evil.example.org'],
    cacheDir: CACHE_DIR,
  });
  const page = html('<!doctype html><title>Win a prize</title><h1>You won!</h1>');
  attackers.http = await startServer({ routes: { 'GET /': page } });
  attackers.https = await startServer({
    tls: {
      certPem: attackerCerts.certPem,
      keyPem: attackerCerts.keyPem,
      caCertPem: attackerCerts.caCertPem,
    },
    routes: { 'GET /': page },
  });
});

afterAll(async () => {
  await Promise.all(Object.values(attackers).map((s) => s.close()));
  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(join(ARTIFACTS, 'demo-csrf.json'), JSON.stringify(observed, null, 2));
  for (const o of observed) {
    const posts = o.posts.map(
      (p) => `${p.status} ${p.error ?? ''}${p.cookie ? ' (cookie sent)' : ''}`,
    );
    console.log(
      `${o.engine} ${o.topology}: ${posts.join('; ')}; JSON preflight ${o.jsonPreflight}`,
    );
  }
});

async function attack(engine: Engine, topology: DemoTopologyName): Promise<Observed> {
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
    const victim = await pageStep(page, {
      step: 'login',
      username: 'alice',
      password: 'corset-demo',
    });
    expect(victim.signedIn, victim.message).toBe(true);

    const attacker = topology === 'ports' ? attackers.http : attackers.https;
    if (!attacker) throw new Error('attacker server missing');
    await page.goto(attacker.url(ATTACKER_HOST[topology], '/'));
    const result = await page.evaluate<Observed['page']>(ATTACK_SCRIPT, { api: demo.apiUrl });

    // The form POST and the no-cors fetch are sent without preflight; wait for both.
    const deadline = Date.now() + 5_000;
    const forged = () => records.filter((r) => r.method === 'POST' && r.path === '/notes');
    while (forged().length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The victim's own page may have sent preflights too (Bearer requests): the attacker's only.
    const attackerOrigin = attacker.origin(ATTACKER_HOST[topology]);
    const jsonPreflight = records.find(
      (r) => r.path === '/notes' && r.preflight && r.origin === attackerOrigin,
    );
    return {
      engine: engine.name,
      topology,
      page: result,
      posts: forged().map((r) => ({
        status: r.status,
        error: r.error,
        cookie: r.sessionCookieSent,
      })),
      jsonPreflight: jsonPreflight?.status,
      notes: demo.notes.count(),
    };
  } finally {
    await page.close();
    await demo.stop();
  }
}

describe.each(ENGINES)('%s, default profile', (engineName) => {
  let engine: Engine | undefined;
  beforeAll(async () => {
    engine = await launchEngine(engineName, { hostMap: DEMO_HOSTS, caCertPath });
  });
  afterAll(async () => {
    await engine?.close();
  });

  it.each(['ports', 'subdomains', 'cross-site'] as const)(
    '%s: forged writes from an untrusted origin create no note',
    async (topology) => {
      if (!engine) throw new Error(`${engineName} did not launch`);
      const result = await attack(engine, topology);
      observed.push(result);
      expect(result.notes).toBe(0);
      // The form and the no-cors fetch reached the API and were refused by the CSRF check.
      expect(result.posts).toHaveLength(2);
      for (const post of result.posts) {
        expect(post.status).toBe(403);
        expect(post.error).toMatch(/^csrf\//);
        expect(post.cookie).toBe(COOKIE_FLOWS[topology]);
      }
      // The JSON fetch needed a preflight, which the CORS policy refused: never sent.
      expect(result.jsonPreflight).toBe(403);
      expect(result.page.json).toBe('TypeError');
      expect(result.page.noCors).toBe('opaque');
    },
  );
});
