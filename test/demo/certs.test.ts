import { X509Certificate } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureDemoCertificates,
  LEAF_VALIDITY_DAYS,
  resolveCacheDir,
  spkiSha256Base64,
} from '../../src/demo/certs.js';
import { ConfigError } from '../../src/internal/problems.js';

const NAMES = ['app.example.com', 'api.example.com'];
const DAY_MS = 86_400_000;
let cacheDir: string;

beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'corset-certs-'));
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

/** TLS handshake to 127.0.0.1:port as `servername`, trusting only `ca`. */
function handshake(port: number, servername: string, ca: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, servername, ca }, () => {
      resolve(socket.authorized ? 'authorized' : String(socket.authorizationError));
      socket.end();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('ensureDemoCertificates', () => {
  // A CA from another cache folder: must not vouch for this folder's leaves.
  let otherCaPem = '';
  beforeAll(async () => {
    const other = await mkdtemp(join(tmpdir(), 'corset-certs-other-'));
    otherCaPem = (await ensureDemoCertificates({ names: NAMES, cacheDir: other })).caCertPem;
    await rm(other, { recursive: true, force: true });
  });

  it('serves a leaf that a client trusting only the CA verifies for each name', async () => {
    const certs = await ensureDemoCertificates({ names: NAMES, cacheDir });
    const server = createServer({ cert: certs.certPem, key: certs.keyPem }, (_req, res) =>
      res.end('ok'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await handshake(port, 'api.example.com', certs.caCertPem)).toBe('authorized');
      expect(await handshake(port, 'app.example.com', certs.caCertPem)).toBe('authorized');
      // Not in the SAN list: hostname check fails although the chain is trusted.
      expect(await handshake(port, 'api.example.net', certs.caCertPem)).toBe(
        'ERR_TLS_CERT_ALTNAME_INVALID',
      );
      expect(await handshake(port, 'api.example.com', otherCaPem)).not.toBe('authorized');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('issues a CA and a serverAuth leaf valid at most 397 days', async () => {
    const certs = await ensureDemoCertificates({ names: NAMES, cacheDir });
    const ca = new X509Certificate(certs.caCertPem);
    const leaf = new X509Certificate(certs.certPem);
    expect(ca.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(leaf.subjectAltName).toBe('DNS:api.example.com, DNS:app.example.com');
    const days = (Date.parse(leaf.validTo) - Date.parse(leaf.validFrom)) / DAY_MS;
    expect(days).toBeLessThanOrEqual(LEAF_VALIDITY_DAYS);
    expect(certs.validTo.getTime()).toBe(Date.parse(leaf.validTo));
    expect(certs.chainPem).toBe(certs.certPem + certs.caCertPem);
    expect(certs.spkiSha256Base64).toBe(spkiSha256Base64(certs.certPem));
    expect(certs.caSpkiSha256Base64).not.toBe(certs.spkiSha256Base64);
    expect(certs.spkiSha256Base64).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect((await stat(certs.keyPath)).mode & 0o077).toBe(0);
  });

  it('reuses the cached CA and leaf, whatever the order of the names', async () => {
    const first = await ensureDemoCertificates({ names: NAMES, cacheDir });
    const again = await ensureDemoCertificates({ names: [...NAMES].reverse(), cacheDir });
    expect(again.generated).toEqual({ ca: false, leaf: false });
    expect(again.certPem).toBe(first.certPem);
    expect(again.keyPem).toBe(first.keyPem);
  });

  it('signs a new leaf with the same CA for other names', async () => {
    const first = await ensureDemoCertificates({ names: NAMES, cacheDir });
    const other = await ensureDemoCertificates({
      names: ['app.example.com', 'api.example.net', '127.0.0.1'],
      cacheDir,
    });
    expect(other.generated).toEqual({ ca: false, leaf: true });
    expect(other.caCertPem).toBe(first.caCertPem);
    expect(new X509Certificate(other.certPem).subjectAltName).toBe(
      'IP Address:127.0.0.1, DNS:api.example.net, DNS:app.example.com',
    );
  });

  it('renews a leaf close to expiry, and the CA before a new leaf would outlive it', async () => {
    const current = await ensureDemoCertificates({ names: NAMES, cacheDir });
    const nearLeafExpiry = new Date(current.validTo.getTime() - 2 * DAY_MS);
    const renewed = await ensureDemoCertificates({ names: NAMES, cacheDir, now: nearLeafExpiry });
    expect(renewed.generated).toEqual({ ca: false, leaf: true });
    expect(renewed.caCertPem).toBe(current.caCertPem);
    const inTenYears = new Date(Date.now() + 3650 * DAY_MS);
    const newCa = await ensureDemoCertificates({ names: NAMES, cacheDir, now: inTenYears });
    expect(newCa.generated).toEqual({ ca: true, leaf: true });
    expect(newCa.caCertPem).not.toBe(current.caCertPem);
  });

  it('replaces a damaged cache entry instead of failing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corset-certs-damaged-'));
    try {
      const first = await ensureDemoCertificates({ names: NAMES, cacheDir: dir });
      await writeFile(first.certPath, 'not a certificate');
      const again = await ensureDemoCertificates({ names: NAMES, cacheDir: dir });
      expect(again.generated).toEqual({ ca: false, leaf: true });
      expect(
        new X509Certificate(again.certPem).checkIssued(new X509Certificate(first.caCertPem)),
      ).toBe(true);
      expect((await readdir(join(dir, 'certs'))).sort()).toEqual([
        'ca.crt',
        'ca.key',
        expect.stringMatching(/^leaf-.*\.crt$/),
        expect.stringMatching(/^leaf-.*\.key$/),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serialises concurrent first runs onto one CA', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corset-certs-race-'));
    try {
      const [a, b] = await Promise.all([
        ensureDemoCertificates({ names: NAMES, cacheDir: dir }),
        ensureDemoCertificates({ names: ['api.example.net'], cacheDir: dir }),
      ]);
      expect(a.caCertPem).toBe(b.caCertPem);
      expect(
        new X509Certificate(b.certPem).verify(new X509Certificate(a.caCertPem).publicKey),
      ).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports every bad name at once', async () => {
    const attempt = ensureDemoCertificates({
      names: ['*.example.com', 'API.example.com', 'ok.example.com', 'a..b'],
      cacheDir,
    });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    const error = (await attempt.catch((e: unknown) => e)) as ConfigError;
    expect(error.problems.map((p) => [p.code, p.field])).toEqual([
      ['certs/invalid-name', 'names[0]'],
      ['certs/invalid-name', 'names[1]'],
      ['certs/invalid-name', 'names[3]'],
    ]);
    await expect(ensureDemoCertificates({ names: [], cacheDir })).rejects.toThrow(
      /certs\/no-names/,
    );
  });
});

describe('resolveCacheDir', () => {
  it('prefers CORSET_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(resolveCacheDir({ CORSET_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' })).toBe('/c');
    expect(resolveCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/corset');
    expect(resolveCacheDir({})).toMatch(/\/\.cache\/corset$/);
  });
});
