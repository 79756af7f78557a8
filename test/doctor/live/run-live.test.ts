/**
 * The live doctor on a scripted loopback server: what goes over the wire is what the
 * model says a browser sends (preflight only when needed, the request itself only after
 * a passing preflight, Origin, Sec-Fetch-*, the Cookie of the simulated jar per
 * profile), redirects are followed as the browser would and another host is said.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileName } from '../../../src/browser/index.js';
import { runLive, secFetchSite } from '../../../src/doctor/live/index.js';
import { createHttpClient, DEFAULT_CONNECTION } from '../../../src/doctor/net/index.js';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

const PAGE = 'http://localhost:9/';
const ORIGIN = 'http://localhost:9';
let seen: Seen[] = [];
let server: Server;
let base: string;
let other: string;

function cors(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'access-control-allow-origin': ORIGIN,
    'access-control-allow-credentials': 'true',
    ...extra,
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const path = req.url ?? '';
    if (req.method === 'OPTIONS') {
      const allow = path !== '/refuse';
      res.writeHead(
        204,
        allow
          ? cors({
              'access-control-allow-methods': 'POST, PUT',
              'access-control-allow-headers': 'content-type',
            })
          : {},
      );
      res.end();
      return;
    }
    if (path === '/login') {
      res.writeHead(200, { ...cors(), 'set-cookie': 'sid=s3cret; Path=/; HttpOnly; SameSite=Lax' });
      res.end('{}');
      return;
    }
    if (path === '/login-none') {
      res.writeHead(200, { ...cors(), 'set-cookie': 'sid=none; Path=/; SameSite=None' });
      res.end('{}');
      return;
    }
    if (path === '/hop-put' || path === '/hop-refused') {
      res.writeHead(307, { ...cors(), location: path === '/hop-put' ? '/me' : '/refuse' });
      res.end();
      return;
    }
    if (path === '/hop') {
      res.writeHead(307, { ...cors(), location: '/me' });
      res.end();
      return;
    }
    if (path === '/away') {
      res.writeHead(302, { ...cors(), location: `${other}/me` });
      res.end();
      return;
    }
    res.writeHead(200, cors({ 'content-type': 'application/json' }));
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  // Same server, two host names: localhost (same site as the page) and 127.0.0.1.
  base = `http://localhost:${port}`;
  other = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function run(
  steps: Parameters<typeof runLive>[0]['steps'],
  profiles: readonly ProfileName[] = ['chrome'],
) {
  seen = [];
  const client = createHttpClient(DEFAULT_CONNECTION);
  try {
    const out = await runLive({ page: PAGE, steps }, { profiles: [...profiles], client });
    if (!out.ok) throw new Error(out.error.message);
    return out;
  } finally {
    await client.close();
  }
}

describe('runLive', () => {
  it('sends the preflight, then the request with Origin and Sec-Fetch-*, then the jar cookie', async () => {
    const out = await run([
      {
        label: 'login',
        url: `${base}/login`,
        method: 'POST',
        headers: [['Content-Type', 'application/json']],
        body: '{"u":1}',
      },
      { label: 'me', url: `${base}/me` },
    ]);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'OPTIONS /login',
      'POST /login',
      'GET /me',
    ]);
    expect(seen[0]?.headers).toMatchObject({
      origin: ORIGIN,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
      'sec-fetch-mode': 'cors',
      'sec-fetch-site': 'same-site',
    });
    expect(seen[0]?.headers.cookie).toBeUndefined();
    expect(seen[1]?.headers).toMatchObject({ origin: ORIGIN, 'content-type': 'application/json' });
    expect(seen[2]?.headers).toMatchObject({ origin: ORIGIN, cookie: 'sid=s3cret' });
    expect(out.result.browsers[0]?.ok).toBe(true);
    expect(out.http[0]?.[0]?.preflight?.status).toBe(204);
    expect(out.http[0]?.[1]?.actual?.requestHeaders).toContainEqual(['cookie', 'sid=s3cret']);
  });

  it('each profile has its own jar: a cookie one browser rejects is not sent by it', async () => {
    // SameSite=None without Secure: Chrome refuses it, libsoup (WebKitGTK) stores it.
    const out = await run(
      [{ url: `${base}/login-none`, method: 'POST' }, { url: `${base}/me` }],
      ['chrome', 'webkitgtk'],
    );
    const me = seen.filter((s) => s.url === '/me').map((s) => s.headers.cookie ?? null);
    expect(me).toEqual([null, 'sid=none']);
    expect(out.result.browsers.map((b) => [b.browser, b.steps[0]?.setCookies[0]?.stored])).toEqual([
      ['chrome', false],
      ['webkitgtk', true],
    ]);
  });

  it('drops the headers a script cannot set (Cookie, Origin, Sec-*), as the browser does', async () => {
    const out = await run([
      {
        url: `${base}/me`,
        headers: [
          ['Cookie', 'forged=1'],
          ['Origin', 'https://evil.example'],
          ['Sec-Fetch-Site', 'same-origin'],
          ['Accept-Language', 'fr'],
        ],
      },
    ]);
    expect(seen[0]?.headers).toMatchObject({
      origin: ORIGIN,
      'sec-fetch-site': 'same-site',
      'accept-language': 'fr',
    });
    expect(seen[0]?.headers.cookie).toBeUndefined();
    expect(out.result.browsers[0]?.steps[0]?.reasons.map((r) => r.code)).toContain(
      'ForbiddenRequestHeader',
    );
  });

  it("a step's own page is where its request comes from", async () => {
    await run([{ url: `${base}/me`, page: 'https://elsewhere.example/' }]);
    expect(seen[0]?.headers).toMatchObject({
      origin: 'https://elsewhere.example',
      'sec-fetch-site': 'cross-site',
    });
  });

  it('a string body without a type goes as text/plain, a simple request: no preflight', async () => {
    await run([{ url: `${base}/me`, method: 'POST', body: 'hello' }]);
    expect(seen.map((s) => s.method)).toEqual(['POST']);
    expect(seen[0]?.headers['content-type']).toBe('text/plain;charset=UTF-8');
  });

  it('stops after a refused preflight: the request itself never leaves', async () => {
    const out = await run([
      { url: `${base}/refuse`, method: 'PUT', headers: [['content-type', 'application/json']] },
    ]);
    expect(seen.map((s) => s.method)).toEqual(['OPTIONS']);
    const step = out.result.browsers[0]?.steps[0];
    expect(step?.verdict).toBe('preflight');
    expect(out.http[0]?.[0]?.actual).toBeUndefined();
  });

  it('follows a same-host redirect as the browser does, silently', async () => {
    const out = await run([{ url: `${base}/hop` }]);
    expect(seen.map((s) => s.url)).toEqual(['/hop', '/me']);
    expect(out.http[0]?.[0]?.redirects?.map((r) => r.status)).toEqual([307]);
    expect(out.notes).toEqual([]);
  });

  it('sends the preflight a redirect hop needs, and stops when that one is refused', async () => {
    const put = { method: 'PUT', headers: [['content-type', 'application/json']] as const };
    const ok = await run([{ url: `${base}/hop-put`, ...put }]);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'OPTIONS /hop-put',
      'PUT /hop-put',
      'OPTIONS /me',
      'PUT /me',
    ]);
    expect(seen[2]?.headers).toMatchObject({
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type',
    });
    expect(ok.result.browsers[0]?.steps[0]?.ok).toBe(true);
    const refused = await run([{ url: `${base}/hop-refused`, ...put }]);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'OPTIONS /hop-refused',
      'PUT /hop-refused',
      'OPTIONS /refuse',
    ]);
    expect(refused.result.browsers[0]?.steps[0]?.verdict).toBe('preflight');
  });

  it('says so when a redirect goes to another host, once for every browser', async () => {
    const out = await run([{ url: `${base}/away` }], ['chrome', 'firefox']);
    expect(seen.map((s) => `${s.headers.host} ${s.url}`)).toEqual([
      expect.stringMatching(/^localhost:\d+ \/away$/),
      expect.stringMatching(/^127\.0\.0\.1:\d+ \/me$/),
      expect.stringMatching(/^localhost:\d+ \/away$/),
      expect.stringMatching(/^127\.0\.0\.1:\d+ \/me$/),
    ]);
    expect(out.notes).toEqual([
      expect.objectContaining({
        code: 'RedirectToOtherHost',
        severity: 'warning',
        step: 0,
        browsers: ['chrome', 'firefox'],
      }),
    ]);
  });
});

describe('secFetchSite', () => {
  it('is schemeful same-origin / same-site / cross-site', () => {
    const page = new URL('https://app.example.com/');
    expect(secFetchSite(page, new URL('https://app.example.com/x'))).toBe('same-origin');
    expect(secFetchSite(page, new URL('https://api.example.com/x'))).toBe('same-site');
    expect(secFetchSite(page, new URL('http://api.example.com/x'))).toBe('cross-site');
    expect(secFetchSite(page, new URL('https://api.example.net/x'))).toBe('cross-site');
  });
});
