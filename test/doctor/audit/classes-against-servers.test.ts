import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_CLASSES,
  auditTargets,
  createProbeSender,
  type TargetResult,
} from '../../../src/doctor/audit/index.js';
import { DEFAULT_CONNECTION } from '../../../src/doctor/net/index.js';
import { MISCONFIGURED, type RunningServer, TRUSTED } from './servers.js';

const running: RunningServer[] = [];
let results: TargetResult[] = [];

beforeAll(async () => {
  for (const s of MISCONFIGURED) running.push(await s.start());
  const sender = createProbeSender({ ...DEFAULT_CONNECTION, timeoutMs: 5000 }, 'corset-test');
  try {
    results = await auditTargets(
      running.map((r) => r.url),
      { trustedOrigins: [TRUSTED], concurrency: 16 },
      sender.send,
    );
  } finally {
    await sender.close();
  }
});

afterAll(async () => {
  await Promise.all(running.map((r) => r.close()));
});

describe('audit against one server per misconfiguration class', () => {
  it('covers every class with at least one server', () => {
    const covered = new Set(MISCONFIGURED.map((s) => s.expected?.class));
    expect(AUDIT_CLASSES.map((c) => c.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  MISCONFIGURED.forEach((server, i) => {
    it(`${server.name}: exactly ${server.expected?.class} (${server.expected?.severity})`, () => {
      const result = results[i];
      expect(result?.status).toBe('audited');
      if (result?.status !== 'audited') return;
      expect(result.failedProbes).toEqual([]);
      expect(result.findings.map((f) => [f.class, f.severity])).toEqual([
        [server.expected?.class, server.expected?.severity],
      ]);
      const [finding] = result.findings;
      expect(finding?.evidence.status).toBeGreaterThan(0);
      expect(finding?.fix.length).toBeGreaterThan(20);
      // High because of credentials everywhere except CR/LF, which is high by itself.
      expect(finding?.credentials).toBe(
        server.expected?.class !== 'crlf-reflected' && server.expected?.severity === 'high',
      );
    });
  });
});
