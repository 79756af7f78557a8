import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AuditIo, runAudit } from '../../src/cli/commands/audit.js';
import { main } from '../../src/cli/main.js';
import { AUDIT_CLASSES, SARIF_SCHEMA } from '../../src/doctor/audit/index.js';
import { MISCONFIGURED, type RunningServer, TRUSTED } from '../doctor/audit/servers.js';
import { validate } from '../helpers/json-schema.js';

const SCHEMA = JSON.parse(
  readFileSync(new URL('../../docs/schemas/audit-report.v1.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

function server(name: string) {
  const found = MISCONFIGURED.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no server ${name}`);
  return found;
}

let reflecting: RunningServer;
let substring: RunningServer;
let wildcard: RunningServer;

beforeAll(async () => {
  reflecting = await server('reflects any origin, with credentials').start();
  substring = await server('trusted.includes(origin), without credentials').start();
  wildcard = await server('Access-Control-Allow-Origin: *').start();
});
afterAll(async () => {
  await Promise.all([reflecting.close(), substring.close(), wildcard.close()]);
});

interface Captured {
  readonly code: number;
  readonly out: string;
}

async function run(argv: string[], io: Partial<AuditIo> = {}): Promise<Captured> {
  let out = '';
  const code = await runAudit(argv, {
    stdout: (text) => {
      out += text;
    },
    progress: { write: () => true },
    readFile: (path) => readFileSync(path, 'utf8'),
    readStdin: async () => '',
    color: false,
    ...io,
  });
  return { code, out };
}

/** Runs through `main` to see what a usage error prints on stderr. */
async function runMain(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main(['audit', ...argv]), stderr };
  } finally {
    spy.mockRestore();
  }
}

const T = ['--trusted-origin', TRUSTED];

describe('corset audit: exit status and --fail-on', () => {
  it('exits 1 with a high finding, and the text names class, probe, evidence and fix', async () => {
    const { code, out } = await run([...T, reflecting.url]);
    expect(code).toBe(1);
    expect(out).toContain('HIGH   Arbitrary origin reflected [origin-reflected]');
    expect(out).toContain('probe:    GET Origin: https://evil.test');
    expect(out).toContain('access-control-allow-credentials: true');
    expect(out).toContain('fix: Compare the Origin header byte-for-byte');
    expect(out).toMatch(/1 URL audited: 1 finding \(1 high\) — fails \(--fail-on medium\)\n$/);
  });

  it('compares with --fail-on: a medium finding passes --fail-on high, fails at medium', async () => {
    expect((await run([...T, '--fail-on', 'high', substring.url])).code).toBe(0);
    expect((await run([...T, substring.url])).code).toBe(1);
  });

  it('a low finding passes the default, fails --fail-on low; none never fails', async () => {
    expect((await run([...T, wildcard.url])).code).toBe(0);
    expect((await run([...T, '--fail-on', 'low', wildcard.url])).code).toBe(1);
    expect((await run([...T, '--fail-on', 'none', reflecting.url])).code).toBe(0);
  });
});

describe('corset audit: outputs', () => {
  it('--json follows docs/schemas/audit-report.v1.json', async () => {
    const { code, out } = await run([...T, '--json', reflecting.url, substring.url, wildcard.url]);
    expect(code).toBe(1);
    const report = JSON.parse(out) as { summary: Record<string, unknown>; targets: unknown[] };
    expect(validate(SCHEMA, report)).toEqual([]);
    expect(report.summary).toMatchObject({
      targets: 3,
      findings: 3,
      bySeverity: { high: 1, medium: 1, low: 1, info: 0 },
      failed: true,
    });
  });

  it('the schema rejects a report that breaks it (the validator is not blind)', () => {
    const broken = { schema: 'corset.audit.report', version: 2, targets: [{ url: 'x' }] };
    expect(validate(SCHEMA, broken).length).toBeGreaterThan(3);
  });

  it('--sarif is a SARIF 2.1.0 log: one rule per class, one located result per finding', async () => {
    const { code, out } = await run([...T, '--sarif', reflecting.url, wildcard.url]);
    expect(code).toBe(1);
    const log = JSON.parse(out);
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const [run0] = log.runs;
    const rules = run0.tool.driver.rules as { id: string }[];
    expect(rules.map((r) => r.id)).toEqual(AUDIT_CLASSES.map((c) => c.id));
    const results = run0.results as {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }[];
    expect(
      results.map((r) => [
        r.ruleId,
        r.level,
        r.locations[0]?.physicalLocation.artifactLocation.uri,
      ]),
    ).toEqual([
      ['origin-reflected', 'error', reflecting.url],
      ['wildcard', 'note', wildcard.url],
    ]);
    for (const r of results) {
      expect(rules[r.ruleIndex]?.id).toBe(r.ruleId);
      expect(r.message.text.length).toBeGreaterThan(20);
    }
    expect(run0.invocations[0].executionSuccessful).toBe(true);
  });

  it('--dry-run prints every request and sends nothing', async () => {
    const before = reflecting.hits();
    const { code, out } = await run([...T, '--dry-run', reflecting.url]);
    expect(code).toBe(0);
    expect(reflecting.hits()).toBe(before);
    expect(out).toContain(`GET ${reflecting.url}  (no Origin)`);
    expect(out).toContain('Origin: null');
    expect(out).toContain('OPTIONS');
    expect(out).toContain('access-control-request-method: DELETE');
    expect(out).toContain(
      'Origin: "https://app.example.com\\rx-corset-injected: cr"  (raw socket)',
    );
    expect(out).toMatch(/Dry run: nothing sent \(1 URL, \d+ requests\)\.\n$/);
  });

  it('--dry-run --json lists the planned probes', async () => {
    const { out } = await run([...T, '--dry-run', '--json', reflecting.url]);
    const plan = JSON.parse(out) as { schema: string; targets: { probes: { class: string }[] }[] };
    expect(plan.schema).toBe('corset.audit.plan');
    const classes = new Set(plan.targets[0]?.probes.map((p) => p.class));
    // Every class that has probes of its own (the others are read from all responses).
    for (const c of [
      'origin-reflected',
      'null-origin',
      'prefix-match',
      'suffix-match',
      'substring-match',
      'unescaped-dot',
      'special-characters',
      'any-subdomain',
      'insecure-origin',
      'third-party-origin',
      'crlf-reflected',
      'preflight-permissive',
    ]) {
      expect(classes.has(c)).toBe(true);
    }
  });
});

describe('corset audit: URL lists', () => {
  it('reads URLs from a file and from stdin, skipping blanks and comments', async () => {
    const { code, out } = await run([...T, '--json', '--input', '-', '--fail-on', 'none'], {
      readStdin: async () => `# APIs\n${reflecting.url}\n\n${wildcard.url}\n`,
    });
    expect(code).toBe(0);
    const report = JSON.parse(out) as { targets: { url: string }[] };
    expect(report.targets.map((t) => t.url)).toEqual([reflecting.url, wildcard.url]);
  });

  it('draws progress only on a TTY', async () => {
    let drawn = '';
    await run([...T, '--fail-on', 'none', wildcard.url], {
      progress: {
        isTTY: true,
        columns: 100,
        write: (t: string) => {
          drawn += t;
          return true;
        },
      },
    });
    expect(drawn).toContain('auditing [##############################] 1/1');
  });
});

describe('corset audit: errors, one line each', () => {
  it('a bad URL is a usage error: exit 2, one line, nothing sent', async () => {
    const { code, stderr } = await runMain(['not a url']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "corset: audit: 'not a url' is not an absolute URL (write it as https://host[:port]/path)\n",
    );
    const ftp = await runMain(['ftp://example.com/']);
    expect(ftp.code).toBe(2);
    expect(ftp.stderr.split('\n')).toHaveLength(2);
    expect(ftp.stderr).toContain('not an http(s) URL');
  });

  it('a bad line in a URL list names the file and line', async () => {
    const { code, stderr } = await runMain(['--input', '/dev/stdin', '--trusted-origin', 'nope']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "corset: audit: --trusted-origin 'nope' is not an origin (write scheme://host[:port], no path, e.g. https://app.example.com)\n",
    );
    const listed = await run(['--input', 'urls.txt'], {
      readFile: () => `${reflecting.url}\nhttp//missing-colon\n`,
    }).catch((e: unknown) => e);
    expect(String(listed)).toContain("urls.txt:2: 'http//missing-colon' is not an absolute URL");
  });

  it('no URL, bad --concurrency, --json with --sarif: usage errors', async () => {
    expect((await runMain([])).stderr).toContain('no URL given');
    expect((await runMain(['--concurrency', '0', reflecting.url])).stderr).toContain(
      "--concurrency '0' is not a whole number from 1 to 1000",
    );
    expect((await runMain(['--json', '--sarif', reflecting.url])).code).toBe(2);
  });

  it('an unreachable host gives one line and exit 1', async () => {
    const closed = createNetServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const { code, out } = await run([...T, `http://127.0.0.1:${port}/`]);
    expect(code).toBe(1);
    const lines = out.split('\n').filter((l) => l.startsWith('  unreachable:'));
    expect(lines).toEqual([
      `  unreachable: connection refused by 127.0.0.1:${port}: nothing listens there (is the server running, on that port?)`,
    ]);
    expect(out).toContain('0 URLs audited, 1 unreachable: 0 findings');
  });

  it('a server that never answers times out after --timeout', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createNetServer((socket) => {
      sockets.push(socket);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as AddressInfo).port;
    try {
      const started = Date.now();
      const { code, out } = await run([...T, '--timeout', '300ms', `http://127.0.0.1:${port}/`]);
      expect(code).toBe(1);
      expect(Date.now() - started).toBeLessThan(5000); // far below the 10 s default
      expect(out).toContain(`unreachable: 127.0.0.1:${port} did not answer within 300 ms`);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });
});
