/**
 * The audit against the reference demo (`corset demo`): corset's own API gives no
 * finding; of the classic mistakes (`--misconfigure`), the two that are CORS header
 * mistakes are found, and the cookie and preflight-breaking ones (which make the app
 * fail, not the API exploitable) give none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MISTAKES, type MistakeName } from '../../../src/demo/mistakes.js';
import { startDemo } from '../../../src/demo/start.js';
import { auditTargets, createProbeSender } from '../../../src/doctor/audit/index.js';
import { DEFAULT_CONNECTION } from '../../../src/doctor/net/index.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'corset-audit-demo-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const EXPECTED: Record<MistakeName | 'none', string[]> = {
  none: [],
  'wildcard-origin': ['wildcard:high'],
  'no-allow-credentials': [],
  'samesite-lax-cross-site': [],
  'none-without-secure': [],
  'cookie-domain-api-host': [],
  'auth-before-preflight': [],
  'missing-allow-headers': [],
  'no-vary': ['missing-vary-origin:high'],
};

async function auditDemo(mistake: MistakeName | undefined): Promise<string[] | string> {
  const demo = await startDemo({
    appPort: 0,
    apiPort: 0,
    cacheDir,
    ...(mistake === undefined ? {} : { mistake }),
  });
  const sender = createProbeSender(
    {
      ...DEFAULT_CONNECTION,
      timeoutMs: 5000,
      resolve: demo.hostNames.map((host) => ({ host, port: demo.apiPort, address: '127.0.0.1' })),
      ...(demo.certificates === undefined ? {} : { ca: demo.certificates.caCertPem }),
    },
    'corset-test',
  );
  try {
    const [result] = await auditTargets(
      [`${demo.apiUrl}/me`],
      { trustedOrigins: [new URL(demo.appUrl).origin], concurrency: 8 },
      sender.send,
    );
    if (result?.status !== 'audited')
      return String(result?.status === 'unreachable' && result.error);
    expect(result.failedProbes).toEqual([]);
    return result.findings.map((f) => `${f.class}:${f.severity}`);
  } finally {
    await sender.close();
    await demo.stop();
  }
}

describe('corset audit against corset demo', () => {
  it('lists every mistake of the demo', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(['none', ...MISTAKES.map((m) => m.name)].sort());
  });

  for (const name of Object.keys(EXPECTED) as (MistakeName | 'none')[]) {
    it(`${name === 'none' ? 'the demo as shipped' : `--misconfigure ${name}`}: ${EXPECTED[name].join(', ') || 'no finding'}`, async () => {
      expect(await auditDemo(name === 'none' ? undefined : name)).toEqual(EXPECTED[name]);
      // The first HTTPS topology generates the demo CA with openssl.
    }, 60_000);
  }
});
