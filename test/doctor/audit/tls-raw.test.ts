/**
 * The CR/LF probe goes through a raw TLS socket: it must honour the same connection
 * options as the undici client (--resolve keeps the name for SNI and the certificate
 * check, --ca, --insecure).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoCertificates, ensureDemoCertificates } from '../../../src/demo/certs.js';
import {
  auditTargets,
  createProbeSender,
  type TargetResult,
} from '../../../src/doctor/audit/index.js';
import { type ConnectionSettings, DEFAULT_CONNECTION } from '../../../src/doctor/net/index.js';
import { type RunningServer, rawReflectingServer, TRUSTED } from './servers.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'corset-audit-tls-'));
let certs: DemoCertificates;
let server: RunningServer;
let port: number;

beforeAll(async () => {
  certs = await ensureDemoCertificates({ names: ['api.example.com'], cacheDir });
  server = await rawReflectingServer({ cert: certs.chainPem, key: certs.keyPem });
  port = Number(new URL(server.url).port);
  // openssl generates a CA and a leaf: seconds on a loaded machine.
}, 60_000);

afterAll(async () => {
  await server.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

async function audit(settings: Partial<ConnectionSettings>): Promise<TargetResult | undefined> {
  const sender = createProbeSender(
    {
      ...DEFAULT_CONNECTION,
      timeoutMs: 5000,
      resolve: [{ host: 'api.example.com', port, address: '127.0.0.1' }],
      ...settings,
    },
    'corset-test',
  );
  try {
    const [result] = await auditTargets(
      [`https://api.example.com:${port}/api/data`],
      { trustedOrigins: [TRUSTED], concurrency: 8 },
      sender.send,
    );
    return result;
  } finally {
    await sender.close();
  }
}

describe('CR/LF probes over TLS', () => {
  it('with --resolve and --ca: found, through the name (SNI, certificate check)', async () => {
    const result = await audit({ ca: certs.caCertPem });
    expect(result?.status).toBe('audited');
    if (result?.status !== 'audited') return;
    expect(result.failedProbes).toEqual([]);
    expect(result.findings.map((f) => f.class)).toEqual(['crlf-reflected']);
    expect(result.findings[0]?.evidence.headers['access-control-allow-origin']).toBe(
      `${TRUSTED}\rx-corset-injected: cr`,
    );
  });

  it('with --insecure: found too', async () => {
    const result = await audit({ insecure: true });
    expect(result?.status === 'audited' && result.findings.map((f) => f.class)).toEqual([
      'crlf-reflected',
    ]);
  });

  it('without trusting the CA: unreachable, with the TLS fix in one line', async () => {
    const result = await audit({});
    expect(result?.status).toBe('unreachable');
    if (result?.status !== 'unreachable') return;
    expect(result.error).toMatch(/^TLS to api\.example\.com:\d+ failed: .*--ca <file>.*--insecure/);
  });
});
