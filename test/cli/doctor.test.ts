/**
 * `corset doctor` as a person runs it: exit status (0 every browser ok, 1 one fails or
 * the server cannot be reached, 2 usage), `--json` valid against the v1 schema, `--html`,
 * `--flow`, and one clear line for a bad URL, an unreachable host and a timeout.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/cli/commands/doctor.js';
import { UsageError } from '../../src/cli/usage-error.js';
import type { RunningDemo } from '../../src/demo/start.js';
import type { DoctorReport } from '../../src/doctor/report/index.js';
import { resolveArgs, startTestDemo } from '../doctor/live/demo-harness.js';
import { validate } from '../helpers/json-schema.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SCHEMA = JSON.parse(
  readFileSync(join(ROOT, 'docs/schemas/doctor-report.v1.json'), 'utf8'),
) as Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'corset-doctor-'));

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command in-process, handling a usage error as `main` does. */
async function doctor(...argv: string[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (t: string) => {
      stdout += t;
    },
    stderr: (t: string) => {
      stderr += t;
    },
    readFile: (p: string) => readFileSync(p, 'utf8'),
    writeFile: (p: string, t: string) => writeFileSync(p, t),
    now: Date.UTC(2026, 5, 1),
  };
  try {
    return { code: await runDoctor(argv, io), stdout, stderr };
  } catch (error) {
    if (error instanceof UsageError)
      return { code: 2, stdout, stderr: `corset: ${error.message}\n` };
    throw error;
  }
}

function loginArgs(demo: RunningDemo): string[] {
  return [
    `${demo.apiUrl}/auth/login`,
    '--origin',
    new URL(demo.appUrl).origin,
    '-X',
    'POST',
    '-H',
    'Content-Type: application/json',
    '-d',
    JSON.stringify({ username: 'alice', password: demo.password }),
    '--then',
    `${demo.apiUrl}/me`,
  ];
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('corset doctor against the demo', () => {
  let ports: RunningDemo;
  let wildcard: RunningDemo;
  let subdomains: RunningDemo;
  beforeAll(async () => {
    [ports, wildcard, subdomains] = await Promise.all([
      startTestDemo('ports'),
      startTestDemo('ports', 'wildcard-origin'),
      startTestDemo('subdomains'),
    ]);
  });
  afterAll(async () => {
    await Promise.all([ports.stop(), wildcard.stop(), subdomains.stop()]);
  });

  it('exit 0 when every browser succeeds; text says what each did', async () => {
    const out = await doctor(...loginArgs(ports), '--browser', 'chrome,firefox,webkitgtk');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('chrome: ok');
    expect(out.stdout).toContain('sends session');
    expect(out.stdout).toContain('all 3 browsers ok');
    expect(out.stderr).toBe('');
  });

  it('--expect-cookie: a --then step without the session cookie fails', async () => {
    const ok = await doctor(
      ...loginArgs(ports),
      '--expect-cookie',
      'session',
      '--browser',
      'chrome',
    );
    expect(ok.code).toBe(0);
    const missing = await doctor(
      ...loginArgs(ports),
      '--expect-cookie',
      'sid',
      '--browser',
      'chrome',
    );
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('2. GET');
    expect(missing.stdout).toContain('FAILED at cookie-not-sent');
    expect(missing.stdout).toContain('CookieNotInJar');
  });

  it('exit 1 when a browser fails, naming the reason and the fix', async () => {
    const out = await doctor(...loginArgs(wildcard), '--browser', 'firefox');
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('FAILED at preflight');
    expect(out.stdout).toContain('CORSNotSupportingCredentials');
    expect(out.stdout).toMatch(/fix: /);
  });

  it('--json prints a report valid against docs/schemas/doctor-report.v1.json', async () => {
    const out = await doctor(...loginArgs(ports), '--json');
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as DoctorReport;
    expect(validate(SCHEMA, report)).toEqual([]);
    expect(report.browsers.map((b) => b.browser)).toEqual([
      'chrome',
      'chrome-incognito',
      'firefox',
      'firefox-strict',
      'safari',
      'webkitgtk',
      'webkitgtk-3p',
    ]);
    expect(report.browsers[0]?.steps[1]).toMatchObject({ cookiesSent: ['session'], ok: true });
    const failing = JSON.parse((await doctor(...loginArgs(wildcard), '--json')).stdout);
    expect(validate(SCHEMA, failing)).toEqual([]);
    expect(failing.ok).toBe(false);
  });

  it('--html writes one self-contained page with a diagram per browser', async () => {
    const file = join(dir, 'report.html');
    const out = await doctor(
      ...loginArgs(wildcard),
      '--browser',
      'chrome,webkitgtk',
      '--html',
      file,
    );
    expect(out.code).toBe(1);
    const html = readFileSync(file, 'utf8');
    expect(html.match(/<svg /g)?.length).toBe(2);
    expect(html).toContain('broke here (preflight)');
    expect(html).not.toMatch(/<script|\bsrc=|\bhref=/);
  });

  it('--flow runs the steps of a file, sharing the jar', async () => {
    const file = join(dir, 'flow.json');
    writeFileSync(
      file,
      JSON.stringify({
        page: ports.appUrl,
        steps: [
          {
            label: 'login',
            url: `${ports.apiUrl}/auth/login`,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: { username: 'bob', password: ports.password },
          },
          { label: 'me', url: `${ports.apiUrl}/me`, expect: { cookies: ['session'] } },
        ],
      }),
    );
    const out = await doctor('--flow', file, '--browser', 'chrome', '--json');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).browsers[0].steps.map((s: { label: string }) => s.label)).toEqual(
      ['login', 'me'],
    );
  });

  it('HTTPS names through --resolve and the demo CA through --ca; without --ca one TLS line', async () => {
    const resolve = resolveArgs(subdomains).flatMap((r) => ['--resolve', r]);
    const ca = subdomains.certificates?.caCertPath ?? '';
    const good = await doctor(
      ...loginArgs(subdomains),
      ...resolve,
      '--ca',
      ca,
      '--browser',
      'chrome',
    );
    expect(good.code).toBe(0);
    const insecure = await doctor(
      ...loginArgs(subdomains),
      ...resolve,
      '-k',
      '--browser',
      'chrome',
    );
    expect(insecure.code).toBe(0);
    const bad = await doctor(...loginArgs(subdomains), ...resolve, '--browser', 'chrome');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(
      /^corset: doctor: OPTIONS https:\/\/api\.example\.com:\d+\/auth\/login: TLS to api\.example\.com:\d+ failed: .* \(trust its CA with --ca <file>, or skip the check with --insecure\)\n$/,
    );
  });
});

describe('unreachable hosts and timeouts: one line, exit 1', () => {
  let silent: Server;
  let silentPort: number;
  let closedPort: number;
  beforeAll(async () => {
    silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    silentPort = (silent.address() as AddressInfo).port;
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((r) => silent.close(r));
  });

  it('connection refused', async () => {
    const out = await doctor(`http://127.0.0.1:${closedPort}/me`, '--origin', 'http://localhost:1');
    expect(out).toEqual({
      code: 1,
      stdout: '',
      stderr: `corset: doctor: GET http://127.0.0.1:${closedPort}/me: connection refused by 127.0.0.1:${closedPort}: nothing listens there (is the server running, on that port?)\n`,
    });
  });

  it('--timeout', async () => {
    const started = Date.now();
    const out = await doctor(
      `http://127.0.0.1:${silentPort}/me`,
      '--origin',
      'http://localhost:1',
      '--timeout',
      '300ms',
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(out).toEqual({
      code: 1,
      stdout: '',
      stderr: `corset: doctor: GET http://127.0.0.1:${silentPort}/me: 127.0.0.1:${silentPort} did not answer within 300 ms (raise --timeout, or check the server is up)\n`,
    });
  });
});

describe('usage errors: one line, exit 2, nothing sent', () => {
  it.each([
    [['not a url', '--origin', 'https://a.example'], /URL 'not a url' is not an absolute URL/],
    [['ftp://x.example/', '--origin', 'https://a.example'], /must be an http: or https: URL/],
    [['https://x.example/'], /--origin is required/],
    [
      ['https://x.example/', '--origin', 'app.example'],
      /--origin 'app.example' is not an absolute URL/,
    ],
    [[], /give the URL to check/],
    [
      ['https://x.example/', 'https://y.example/', '--origin', 'https://a.example'],
      /one URL at a time/,
    ],
    [
      ['https://x.example/', '--origin', 'https://a.example', '--browser', 'netscape'],
      /unknown netscape/,
    ],
    [
      ['https://x.example/', '--origin', 'https://a.example', '--credentials', 'yes'],
      /--credentials 'yes'/,
    ],
    [
      ['https://x.example/', '--origin', 'https://a.example', '-H', 'no colon'],
      /is not 'Name: value'/,
    ],
    [
      ['https://x.example/', '--origin', 'https://a.example', '--resolve', 'x.example'],
      /--resolve 'x.example'/,
    ],
    [
      ['https://x.example/', '--origin', 'https://a.example', '--timeout', 'soon'],
      /--timeout 'soon'/,
    ],
    [['https://x.example/', '--origin', 'https://a.example', '--nope'], /Unknown option '--nope'/],
    [['--flow', '/no/such/flow.json'], /--flow '\/no\/such\/flow.json'/],
    [
      ['https://x.example/', '--origin', 'https://a.example', '--expect-cookie', 'sid'],
      /--expect-cookie applies to the --then steps/,
    ],
  ])('%j', async (argv, message) => {
    const out = await doctor(...argv);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(message);
    expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a flow file with several problems lists them all', async () => {
    const file = join(dir, 'bad-flow.json');
    writeFileSync(file, JSON.stringify({ steps: [{ url: 'x', method: 'GET POST', colour: 1 }] }));
    const out = await doctor('--flow', file);
    expect(out.code).toBe(2);
    for (const part of [
      'steps[0].colour is not a step field',
      'steps[0].url = "x"',
      'steps[0].method',
      'no page',
    ])
      expect(out.stderr).toContain(part);
  });

  it('--help exits 0, and docs/doctor.md documents every option it lists', async () => {
    const out = await doctor('--help');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Usage: corset doctor <url> --origin <page-origin>');
    const doc = readFileSync(join(ROOT, 'docs/doctor.md'), 'utf8');
    const start = doc.indexOf('## `corset doctor`');
    const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
    const options = [...new Set(out.stdout.match(/--[a-z][a-z-]+/g) ?? [])].filter(
      (o) => o !== '--help',
    );
    expect(options.length).toBeGreaterThan(15);
    for (const option of options)
      expect(section, option).toMatch(new RegExp(`[\`/]${option}(?![a-z-])`));
  });
});

describe('corset doctor as a process', () => {
  it('a bad URL: one line on stderr, no stack, exit 2', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "import { main } from './src/cli/main.ts'; process.exitCode = await main(process.argv.slice(1));",
        '--',
        'doctor',
        'http//missing-colon',
        '--origin',
        'https://app.example',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    );
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    const code = await new Promise((r) => child.on('close', r));
    expect({ code, stdout, stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "corset: doctor: URL 'http//missing-colon' is not an absolute URL (write it as https://host[:port]/path)\n",
    });
  });
});
