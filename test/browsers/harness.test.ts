/**
 * The harness's own promises, checked before other tests rely on them: the servers record
 * what arrives, the proxy forwards test names to loopback and refuses the rest, and each
 * engine gives fresh cookie jars, reaches only mapped names, and evaluates the same way.
 */
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoCertificates } from '../../src/demo/certs.js';
import { ensureDemoCertificates } from '../../src/demo/certs.js';
import type { Engine, ThirdPartyCookies } from './harness/index.js';
import { ENGINES, launchEngine, startHostMapProxy } from './harness/index.js';
import type { TestServer } from './harness/servers.js';
import { corsHeaders, html, json, startServer } from './harness/servers.js';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const HOSTS = ['app.example.com', 'api.example.com', 'api.example.net'];

let certs: DemoCertificates;
let app: TestServer;
let api: TestServer;

beforeAll(async () => {
  certs = await ensureDemoCertificates({
    names: HOSTS,
    cacheDir:
      process.env.CORSET_CACHE_DIR ?? join(import.meta.dirname, '..', '..', '.corset-cache'),
  });
  const tls = { certPem: certs.certPem, keyPem: certs.keyPem, caCertPem: certs.caCertPem };
  app = await startServer({ tls, routes: { 'GET /': html('<!doctype html><p>app</p>') } });
  api = await startServer({
    tls,
    routes: {
      'GET /set': (r) => ({
        headers: {
          ...corsHeaders(r, { allowOrigin: 'echo', credentials: true }),
          'set-cookie': [
            'plain=1; SameSite=None; Secure; Path=/',
            'chips=1; SameSite=None; Secure; Partitioned; Path=/',
          ],
        },
      }),
      'GET /check': (r) =>
        json(
          { cookie: r.cookie ?? null },
          corsHeaders(r, { allowOrigin: 'echo', credentials: true }),
        ),
    },
  });
});

afterAll(async () => {
  await Promise.all([app?.close(), api?.close()]);
});

describe('servers', () => {
  it('routes by method then path, records requests, flags preflights', async () => {
    const server = await startServer({
      routes: {
        'OPTIONS /data': (r) => ({
          status: 204,
          headers: corsHeaders(r, { allowOrigin: 'echo', credentials: true, maxAge: 5 }),
        }),
        '/data': (r) =>
          json({ method: r.method, body: r.body }, corsHeaders(r, { allowOrigin: '*' })),
      },
    });
    try {
      const url = server.url('127.0.0.1', '/data?x=1');
      const origin = 'https://app.example.com';
      const preflight = await nodeRequest(url, 'OPTIONS', {
        origin,
        'access-control-request-method': 'PUT',
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(origin);
      expect(preflight.headers['access-control-max-age']).toBe('5');
      expect(preflight.headers.vary).toBe('Origin');
      const put = await nodeRequest(url, 'PUT', { origin, cookie: 'a=1' }, undefined, 'hello');
      expect(put.body).toBe('{"method":"PUT","body":"hello"}');
      expect(put.headers['access-control-allow-origin']).toBe('*');
      expect(put.headers['cache-control']).toBe('no-store');
      const plainOptions = await nodeRequest(url, 'OPTIONS', { origin });
      expect(plainOptions.status).toBe(204);
      expect((await nodeRequest(server.url('127.0.0.1', '/nope'), 'GET', {})).status).toBe(404);
      expect((await nodeRequest(server.url('127.0.0.1', '/favicon.ico'), 'GET', {})).status).toBe(
        404,
      );
      expect(
        server.requests.map((r) => [r.method, r.path, r.isPreflight, r.cookie, r.origin]),
      ).toEqual([
        ['OPTIONS', '/data?x=1', true, undefined, origin],
        ['PUT', '/data?x=1', false, 'a=1', origin],
        ['OPTIONS', '/data?x=1', false, undefined, origin],
        ['GET', '/nope', false, undefined, undefined],
      ]);
      expect(server.requestsTo('/data', 'PUT')).toHaveLength(1);
      server.clear();
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});

describe('host-map proxy', () => {
  it('forwards absolute-form http to 127.0.0.1 on the same port, keeping Host and repeated headers', async () => {
    const plain = await startServer({
      routes: { '/p': (r) => ({ headers: { 'set-cookie': ['a=1', 'b=2'] }, body: r.host }) },
    });
    const proxy = await startHostMapProxy({ hosts: ['api.example.com'] });
    try {
      const answer = await nodeRequest(
        `${proxy.url}`,
        'GET',
        {},
        `http://api.example.com:${plain.port}/p`,
      );
      expect(answer.body).toBe(`api.example.com:${plain.port}`);
      expect(answer.headers['set-cookie']).toEqual(['a=1', 'b=2']);
      const refused = await nodeRequest(proxy.url, 'GET', {}, `http://example.org:${plain.port}/p`);
      expect(refused.status).toBe(403);
      expect(proxy.refused).toEqual([`example.org:${plain.port}`]);
      expect(plain.requests).toHaveLength(1);
    } finally {
      await Promise.all([proxy.close(), plain.close()]);
    }
  });

  it('tunnels CONNECT end to end (TLS verified against the CA) and refuses other hosts', async () => {
    const proxy = await startHostMapProxy({ hosts: ['api.example.com'] });
    try {
      const tunnel = await openTunnel(proxy.port, `api.example.com:${api.port}`);
      expect(tunnel.status).toBe(200);
      const verified = await new Promise<boolean>((resolve, reject) => {
        const tls = connect(
          { socket: tunnel.socket as Socket, servername: 'api.example.com', ca: certs.caCertPem },
          () => {
            resolve(tls.authorized);
            tls.end();
          },
        );
        tls.on('error', reject);
      });
      expect(verified).toBe(true);
      const other = await openTunnel(proxy.port, `www.example.org:443`);
      expect(other.status).toBe(403);
      other.socket?.destroy();
      expect(proxy.refused).toEqual(['www.example.org:443']);
    } finally {
      await proxy.close();
    }
  });
});

// A fetch that fails for every engine when names do not resolve to loopback.
const FETCH_SCRIPT = `async ({ url }) => {
  try {
    const r = await fetch(url, { credentials: 'include' });
    return { ok: true, body: await r.text() };
  } catch (e) {
    return { ok: false, error: e.constructor.name };
  }
}`;

const PROFILES: readonly { engine: (typeof ENGINES)[number]; profile: ThirdPartyCookies }[] = [
  ...ENGINES.map((engine) => ({ engine, profile: 'default' as const })),
  // The one profile whose pages share a browser context: check the clearing.
  { engine: 'chromium', profile: 'allow' },
];

describe.each(PROFILES)('$engine ($profile)', ({ engine: name, profile }) => {
  let engine: Engine | undefined;
  beforeAll(async () => {
    engine = await launchEngine(name, {
      hostMap: HOSTS,
      thirdPartyCookies: profile,
      caCertPath: certs.caCertPath,
    });
  });
  afterAll(async () => {
    await engine?.close();
  });
  const ready = () => {
    if (!engine) throw new Error(`${name} did not launch`);
    return engine;
  };

  it('reports its version and isolation', () => {
    expect(ready().version).toMatch(/^\d+\.\d+/);
    expect(ready().isolation).toBe(
      name === 'webkit' ? 'new-session' : profile === 'allow' ? 'cleared-profile' : 'new-context',
    );
  });

  it('gives each page a fresh cookie jar, partitioned cookies included', async () => {
    const appOrigin = app.origin('app.example.com');
    const cookiesSeen: (string | null)[] = [];
    for (const setFirst of [true, false]) {
      const page = await ready().newPage();
      try {
        await page.goto(`${appOrigin}/`);
        const check = api.url('api.example.net', '/check');
        if (setFirst)
          await page.evaluate(FETCH_SCRIPT, { url: api.url('api.example.net', '/set') });
        const seen = await page.evaluate<{ body: string }>(FETCH_SCRIPT, { url: check });
        cookiesSeen.push((JSON.parse(seen.body) as { cookie: string | null }).cookie);
      } finally {
        await page.close();
      }
    }
    // First page: whatever this profile keeps (CHIPS at least, except WebKit which blocks
    // third-party cookies); second page: nothing carried over.
    expect(cookiesSeen[0] === null).toBe(name === 'webkit');
    expect(cookiesSeen[1]).toBeNull();
  });

  it('reaches only mapped names, evaluates with JSON semantics, propagates throws, screenshots', async () => {
    const page = await ready().newPage();
    try {
      await page.goto(`${app.origin('app.example.com')}/`);
      expect(await page.url()).toBe(`${app.origin('app.example.com')}/`);
      api.clear();
      const unmapped = await page.evaluate(FETCH_SCRIPT, {
        url: api.url('unmapped.example.org', '/check'),
      });
      expect(unmapped).toEqual({ ok: false, error: 'TypeError' });
      expect(api.requests).toHaveLength(0);
      expect(
        await page.evaluate('async (a) => ({ a, u: undefined, n: [1, "x", null] })', { k: 1 }),
      ).toEqual({ a: { k: 1 }, n: [1, 'x', null] });
      expect(await page.evaluate('() => undefined')).toBeNull();
      await expect(page.evaluate('async () => { throw new Error("boom-42"); }')).rejects.toThrow(
        /boom-42/,
      );
      const path = join(ARTIFACTS, `harness-${name}-${profile}.png`);
      await page.screenshot(path);
      expect((await readFile(path)).subarray(1, 4).toString()).toBe('PNG');
    } finally {
      await page.close();
    }
  });

  if (name !== 'chromium') return;
  it('runs without Playwright disabling ThirdPartyStoragePartitioning, other defaults kept', async () => {
    const page = await ready().newPage();
    try {
      await page.goto('chrome://version');
      const line = await page.evaluate<string>(
        '() => document.getElementById("command_line").textContent',
      );
      const disabled = /--disable-features=(\S+)/.exec(line)?.[1]?.split(',') ?? [];
      expect(disabled).toContain('HttpsUpgrades');
      expect(disabled).not.toContain('ThirdPartyStoragePartitioning');
      expect(line.match(/--disable-features=/g)).toHaveLength(1);
    } finally {
      await page.close();
    }
  });
});

interface NodeAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One plain-http request from Node (to a server, or to the proxy with an absolute `path`). */
function nodeRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  path?: string,
  body?: string,
): Promise<NodeAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        method,
        path: path ?? `${target.pathname}${target.search}`,
        headers,
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function openTunnel(
  proxyPort: number,
  authority: string,
): Promise<{ status: number; socket: Socket | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: proxyPort, method: 'CONNECT', path: authority });
    req.on('connect', (res, socket) => resolve({ status: res.statusCode ?? 0, socket }));
    req.on('response', (res) => resolve({ status: res.statusCode ?? 0, socket: undefined }));
    req.on('error', reject);
    req.end();
  });
}
