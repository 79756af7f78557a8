import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCors } from '../../../src/adapters/node.js';
import { authenticateNode, withSession } from '../../../src/adapters/node-session.js';
import { createCorsPolicy } from '../../../src/cors/index.js';
import {
  auditTargets,
  createProbeSender,
  type TargetResult,
} from '../../../src/doctor/audit/index.js';
import { type ConnectionSettings, DEFAULT_CONNECTION } from '../../../src/doctor/net/index.js';
import { type Corset, createCorset } from '../../../src/session/index.js';
import { httpServer, MISCONFIGURED, type RunningServer, TRUSTED } from './servers.js';

const SETTINGS: ConnectionSettings = { ...DEFAULT_CONNECTION, timeoutMs: 5000 };
const closers: (() => Promise<void>)[] = [];
let corset: Corset;

function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  closers.push(
    () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  );
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

async function audit(
  urls: string[],
  trustedOrigins: string[],
  settings = SETTINGS,
): Promise<TargetResult[]> {
  const sender = createProbeSender(settings, 'corset-test');
  try {
    return await auditTargets(urls, { trustedOrigins, concurrency: 8 }, sender.send);
  } finally {
    await sender.close();
  }
}

let policyApi: string;
let sessionApi: string;

beforeAll(async () => {
  const policy = createCorsPolicy({
    origins: [TRUSTED],
    credentials: true,
    methods: ['PUT', 'DELETE'],
    allowedHeaders: ['content-type'],
  });
  policyApi = `${await serve(
    withCors(policy, (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"data":1}');
    }),
  )}/api/data`;

  corset = await createCorset({
    appOrigins: [TRUSTED],
    apiOrigin: 'https://api.example.com',
    session: { secret: new Uint8Array(32).fill(7) },
  });
  const api = await serve(
    withSession(corset, { verifyCredentials: async () => undefined }, async (req, res) => {
      const session = await authenticateNode(corset, req, res);
      if (session === undefined) return;
      res.end('{}');
    }),
  );
  sessionApi = `${api}/api/me`;
});

afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
  await corset.close();
});

describe('audit of APIs protected by corset', () => {
  it('finds nothing with the trusted origin given', async () => {
    const results = await audit([policyApi, sessionApi], [TRUSTED]);
    expect(results.map((r) => r.status)).toEqual(['audited', 'audited']);
    expect(results.flatMap((r) => (r.status === 'audited' ? r.findings : []))).toEqual([]);
    expect(results.flatMap((r) => (r.status === 'audited' ? r.failedProbes : []))).toEqual([]);
  });

  it('finds nothing with probes derived from the target host', async () => {
    const results = await audit([policyApi, sessionApi], []);
    expect(results.flatMap((r) => (r.status === 'audited' ? r.findings : []))).toEqual([]);
  });
});

describe('probes derived from the target host (no --trusted-origin)', () => {
  let servers: RunningServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('finds a reflecting server and a suffix check, reached by name through --resolve', async () => {
    const reflecting = MISCONFIGURED[0];
    if (reflecting === undefined) throw new Error('no reflecting server');
    // A check on the parsed host name, as a server behind api.example.com would write it.
    const suffix = httpServer((origin) => {
      let host = '';
      try {
        host = new URL(origin ?? '').hostname;
      } catch {}
      return host.endsWith('example.com')
        ? { 'access-control-allow-origin': origin ?? '', vary: 'Origin' }
        : { vary: 'Origin' };
    });
    servers = [await reflecting.start(), await suffix()];
    const port = Number(new URL(servers[1]?.url ?? '').port);
    const named = `http://api.example.com:${port}/v1/items`;
    const results = await audit([servers[0]?.url ?? '', named], [], {
      ...SETTINGS,
      resolve: [{ host: 'api.example.com', port, address: '127.0.0.1' }],
    });
    const classes = results.map((r) =>
      r.status === 'audited' ? r.findings.map((f) => [f.class, f.severity, f.probe.origin]) : r,
    );
    expect(classes).toEqual([
      [['origin-reflected', 'high', 'https://evil.test']],
      [['suffix-match', 'medium', `http://evilexample.com:${port}`]],
    ]);
  });
});
