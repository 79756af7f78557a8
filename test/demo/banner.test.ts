import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBanner, renderRequest, startInfo } from '../../src/demo/banner.js';
import { chromiumArgs, chromiumExecutable } from '../../src/demo/open-browser.js';
import { type RunningDemo, startDemo } from '../../src/demo/start.js';

const CACHE =
  process.env.CORSET_CACHE_DIR ?? join(import.meta.dirname, '..', '..', '.corset-cache');
// Colours off: assertions read the plain text.
const strip = stripVTControlCharacters;

let ports: RunningDemo;
let subdomains: RunningDemo;
beforeAll(async () => {
  ports = await startDemo({ appPort: 0, apiPort: 0, mistake: 'wildcard-origin' });
  subdomains = await startDemo({ topology: 'subdomains', appPort: 0, apiPort: 0, cacheDir: CACHE });
});
afterAll(async () => {
  await Promise.all([ports?.stop(), subdomains?.stop()]);
});

describe('banner', () => {
  it('prints both URLs, the users and password, the decision and the mistake', () => {
    const text = strip(renderBanner(ports));
    expect(text).toContain(`App  ${ports.appUrl}`);
    expect(text).toContain(`API  ${ports.apiUrl}`);
    expect(text).toContain('Users alice, bob; password corset-demo');
    expect(text).toContain('session cookie: session=…; Path=/; HttpOnly; SameSite=Lax');
    expect(text).toContain('MISCONFIGURED ON PURPOSE: wildcard-origin');
    expect(text).not.toContain('demo CA');
  });

  it('prints the CA and a Chromium command line for the HTTPS topologies', () => {
    const text = strip(renderBanner(subdomains));
    expect(text).toContain(`HTTPS with the local demo CA: ${subdomains.certificates?.caCertPath}`);
    expect(text).toContain('resolve app.example.com and api.example.com to 127.0.0.1');
    expect(text).toContain(
      "'--host-resolver-rules=MAP app.example.com 127.0.0.1, MAP api.example.com 127.0.0.1'",
    );
    expect(text).toContain('Domain=example.com');
  });

  it('prints each warning once (the entry point repeats the topology warnings)', async () => {
    const crossSite = await startDemo({
      topology: 'cross-site',
      appPort: 0,
      apiPort: 0,
      cacheDir: CACHE,
    });
    try {
      const text = strip(renderBanner(crossSite));
      expect(text.split('[topology/third-party-cookies]')).toHaveLength(2);
      const codes = startInfo(crossSite).session.warnings.map((w) => w.code);
      expect(codes.filter((c) => c === 'topology/third-party-cookies')).toHaveLength(1);
    } finally {
      await crossSite.stop();
    }
  });

  it('start info is plain data', () => {
    const info = startInfo(subdomains);
    expect(JSON.parse(JSON.stringify(info))).toEqual(info);
    expect(info).toMatchObject({
      topology: 'subdomains',
      hostNames: ['app.example.com', 'api.example.com'],
      caSpkiSha256Base64: subdomains.certificates?.caSpkiSha256Base64,
      session: { relation: 'same-site', transport: 'cookie', bearer: false },
    });
    expect(info.session.cookie).toBe(
      '__Secure-session=…; Domain=example.com; Path=/; Secure; HttpOnly; SameSite=Lax',
    );
  });

  it('logs one line per request', () => {
    const line = strip(
      renderRequest({
        at: Date.UTC(2030, 0, 1, 12, 0, 5),
        method: 'POST',
        path: '/notes',
        origin: 'https://evil.example.org',
        secFetchSite: 'cross-site',
        preflight: false,
        status: 403,
        auth: 'none',
        sessionCookieSent: true,
        refreshCookieSent: false,
        user: undefined,
        error: 'csrf/cross-site-untrusted-origin',
      }),
    );
    expect(line).toBe(
      '12:00:05 POST    /notes 403 csrf/cross-site-untrusted-origin, from https://evil.example.org',
    );
  });
});

describe('--open command line', () => {
  it('maps the names, trusts the demo CA in a throwaway profile, opens the app', () => {
    const args = chromiumArgs(subdomains, '/tmp/profile', false);
    expect(args).toEqual([
      '--user-data-dir=/tmp/profile',
      '--no-first-run',
      '--no-default-browser-check',
      '--host-resolver-rules=MAP app.example.com 127.0.0.1, MAP api.example.com 127.0.0.1',
      `--ignore-certificate-errors-spki-list=${subdomains.certificates?.caSpkiSha256Base64}`,
      subdomains.appUrl,
    ]);
  });

  it('needs neither for the ports topology; adds --no-sandbox for root only', () => {
    expect(chromiumArgs(ports, '/p', true)).toEqual([
      '--user-data-dir=/p',
      '--no-first-run',
      '--no-default-browser-check',
      '--no-sandbox',
      ports.appUrl,
    ]);
    expect(chromiumExecutable({})).toBe('chromium');
    expect(chromiumExecutable({ CORSET_CHROMIUM: '/opt/chromium' })).toBe('/opt/chromium');
  });
});
