/**
 * `corset check` as a person runs it: exit codes, text and `--json`, redaction, stdin,
 * usage errors as one line, and `--serve` handing over to the web checker server.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CheckIo, runCheck } from '../../src/cli/commands/check.js';
import { main } from '../../src/cli/main.js';
import type { DoctorReport } from '../../src/doctor/report/index.js';
import { validate } from '../helpers/json-schema.js';

const SCHEMA = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../docs/schemas/doctor-report.v1.json'), 'utf8'),
) as Record<string, unknown>;

const JWT =
  'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MTc2NDAwMDAwMH0.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';

/** A login through a correct API, as pasted headers (preflight, login, /me). */
const WORKING = `OPTIONS https://api.example.com/login HTTP/1.1
Origin: https://app.example.com
Access-Control-Request-Method: POST
Access-Control-Request-Headers: content-type

HTTP/1.1 204 No Content
Access-Control-Allow-Origin: https://app.example.com
Access-Control-Allow-Credentials: true
Access-Control-Allow-Methods: POST
Access-Control-Allow-Headers: content-type

POST https://api.example.com/login HTTP/1.1
Origin: https://app.example.com
Content-Type: application/json

HTTP/1.1 200 OK
Access-Control-Allow-Origin: https://app.example.com
Access-Control-Allow-Credentials: true
Set-Cookie: __Secure-session=${JWT}; Domain=example.com; Path=/; Secure; HttpOnly; SameSite=Lax

GET https://api.example.com/me HTTP/1.1
Origin: https://app.example.com
Cookie: __Secure-session=${JWT}
Authorization: Bearer ${JWT}

HTTP/1.1 200 OK
Access-Control-Allow-Origin: https://app.example.com
Access-Control-Allow-Credentials: true
`;

/** `*` with credentials: every browser refuses to let the page read it. */
const WILDCARD = `GET https://api.example.com/me HTTP/1.1
Origin: https://app.example.com

HTTP/1.1 200 OK
Access-Control-Allow-Origin: *
Access-Control-Allow-Credentials: true
`;

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corset-check-'));
  await writeFile(file('working.txt'), WORKING);
  await writeFile(file('wildcard.txt'), WILDCARD);
  await writeFile(file('broken.har'), '{"log": {"entries": [');
  await writeFile(file('nothing.har'), JSON.stringify({ log: { entries: [] } }));
  // Playwright's HAR of a CORS failure: no preflight, no answer.
  await writeFile(
    file('unexplained.har'),
    JSON.stringify({
      log: {
        creator: { name: 'Playwright', version: '1.64.1' },
        browser: { name: 'chromium', version: '156' },
        entries: [
          {
            startedDateTime: '2026-11-29T04:00:00.000Z',
            _resourceType: 'fetch',
            request: {
              method: 'POST',
              url: 'https://api.example.com/login',
              headers: [{ name: 'Referer', value: 'https://app.example.com/' }],
            },
            response: { status: -1, headers: [], _failureText: 'net::ERR_FAILED' },
          },
        ],
      },
    }),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: readonly string[], stdin = '', extra: Partial<CheckIo> = {}) {
  let out = '';
  const code = await runCheck(argv, {
    stdout: (text) => {
      out += text;
    },
    readStdin: async () => stdin,
    color: false,
    waitForStop: () => new Promise(() => undefined),
    ...extra,
  });
  return { code, out };
}

/** Through `main`, as the binary runs it: exit status and stderr. */
async function cli(argv: readonly string[]) {
  const stderr: string[] = [];
  const spyErr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr.push(String(chunk));
    return true;
  });
  const spyOut = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return { code: await main(['check', ...argv]), stderr: stderr.join('') };
  } finally {
    spyErr.mockRestore();
    spyOut.mockRestore();
  }
}

describe('corset check', () => {
  it('exit 0 when every browser can do it; the text names the steps and what each sends', async () => {
    const { code, out } = await run([file('working.txt'), '--browser', 'chrome,firefox']);
    expect(code).toBe(0);
    expect(out).toContain('pasted headers: 2 cross-origin requests checked');
    expect(out).toContain('POST https://api.example.com/login — ok');
    // Authorization needs a preflight the paste lacks: the request went out, so it passed.
    expect(out).toMatch(
      /GET https:\/\/api.example.com\/me — ok\n\s+preflight \(GET, authorization\) passed; sends __Secure-session/,
    );
    expect(out).toContain('PreflightNotRecorded (step 2)');
    expect(out).toContain('all 2 browsers ok');
  });

  it('exit 1 when a browser fails, with the reason in that browser’s words and the fix', async () => {
    const { code, out } = await run([file('wildcard.txt'), '--browser', 'firefox']);
    expect(code).toBe(1);
    expect(out).toContain('FAILED at cors-check');
    expect(out).toContain('CORSNotSupportingCredentials: Cross-Origin Request Blocked');
    expect(out).toContain(
      'fix: Server: send `Access-Control-Allow-Origin: https://app.example.com`',
    );
  });

  it('--credentials omit changes the verdict of the same recording', async () => {
    const { code } = await run([
      file('wildcard.txt'),
      '--credentials',
      'omit',
      '--browser',
      'chrome',
    ]);
    expect(code).toBe(0);
  });

  it('--json prints the doctor report (v1) with the recorded wire, redacted', async () => {
    const { code, out } = await run([file('working.txt'), '--json', '--browser', 'safari']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as DoctorReport;
    expect(report).toMatchObject({
      schema: 'corset.doctor.report',
      version: 1,
      tool: 'check',
      page: 'https://app.example.com/',
      ok: true,
      summary: { browsers: 1, ok: 1, failing: [] },
    });
    const [login, me] = report.browsers[0]?.steps ?? [];
    expect(login?.preflight).toMatchObject({
      needed: true,
      sent: true,
      passed: true,
      method: 'POST',
    });
    expect(login?.setCookies.map((c) => [c.name, c.stored])).toEqual([['__Secure-session', true]]);
    expect(login?.http?.preflight?.status).toBe(204);
    expect(me?.cookiesSent).toEqual(['__Secure-session']);
    expect(me?.http?.actual?.requestHeaders).toEqual([
      ['Origin', 'https://app.example.com'],
      ['Cookie', '__Secure-session=<redacted>'],
      ['Authorization', 'Bearer <redacted>'],
    ]);
    expect(out).not.toContain(JWT.slice(0, 30));
    expect(report.notes.map((n) => n.code)).toContain('PageInferred');
  });

  it.each([
    ['working.txt', 0],
    ['wildcard.txt', 1],
    ['unexplained.har', 1],
  ])(
    '--json of %s validates against docs/schemas/doctor-report.v1.json (exit %i)',
    async (name, exit) => {
      const { code, out } = await run([file(name), '--json']);
      expect(code).toBe(exit);
      expect(validate(SCHEMA, JSON.parse(out))).toEqual([]);
    },
  );

  it('--no-redact shows the values', async () => {
    const { out } = await run([
      file('working.txt'),
      '--json',
      '--no-redact',
      '--browser',
      'chrome',
    ]);
    expect(out).toContain(`__Secure-session=${JWT}`);
    const text = await run([file('working.txt'), '--browser', 'chrome']);
    expect(text.out).toContain('(cookie values and tokens redacted)');
  });

  it("reads stdin with '-' and takes --page", async () => {
    const { code, out } = await run(
      ['-', '--page', 'https://app.example.com/dashboard', '--json', '--browser', 'chrome'],
      WILDCARD,
    );
    expect(code).toBe(1);
    const report = JSON.parse(out) as DoctorReport;
    expect(report.page).toBe('https://app.example.com/dashboard');
    expect(report.summary.failing).toEqual(['chrome']);
  });

  it('a failure the recording cannot explain exits 1 and says why', async () => {
    const { code, out } = await run([file('unexplained.har'), '--browser', 'chrome']);
    expect(code).toBe(1);
    expect(out).toContain('NoResponseRecorded');
    expect(out).toContain('1 request failed in the recording without a recorded answer to explain');
  });

  it('a recording with no cross-origin request exits 0 and says so', async () => {
    const { code, out } = await run([file('nothing.har')]);
    expect(code).toBe(0);
    expect(out).toContain('NoCrossOriginRequests');
  });

  it('--help exits 0', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: corset check <file|->');
  });

  it.each([
    [[], "check: give a HAR or headers file, or '-' for stdin"],
    [['/nonexistent/x.har'], "check: cannot read '/nonexistent/x.har': no such file"],
    [['broken'], 'check: '],
    [['working.txt', '--browser', 'netscape'], "check: unknown browser 'netscape'"],
    [
      ['working.txt', '--credentials', 'yes'],
      'check: --credentials must be include, same-origin or omit',
    ],
    [['working.txt', '--page', 'app.example.com'], 'is not an http(s) URL'],
    [['working.txt', '--format', 'xml'], 'check: --format must be har or headers'],
    [['working.txt', '--port', '80'], 'check: --port goes with --serve'],
    [['working.txt', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['broken.har'], 'The HAR is not valid JSON'],
  ])('usage error %j: exit 2, one line on stderr', async (args, message) => {
    const argv = args.map((a) =>
      a.includes('.') && !a.startsWith('/') && !a.startsWith('app') ? file(a) : a,
    );
    if (args[0] === 'broken') argv[0] = dir; // a folder
    const { code, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('--serve serves the web checker page until stopped', async () => {
    const root = file('web');
    await import('node:fs/promises').then((fs) => fs.mkdir(root, { recursive: true }));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>checker</title>');
    let stop: (name: string) => void = () => undefined;
    let served = '';
    const { code, out } = await run(['--serve', '--port', '0'], '', {
      serveRoot: root,
      waitForStop: () =>
        new Promise((resolve) => {
          stop = resolve;
        }),
      onServing: async (server) => {
        served = await (await fetch(server.url)).text();
        stop('SIGTERM');
      },
    });
    expect(code).toBe(0);
    expect(out).toMatch(/^Web checker: http:\/\/127\.0\.0\.1:\d+\//);
    expect(served).toContain('<title>checker</title>');
    const withFile = await cli(['--serve', file('working.txt')]);
    expect(withFile.code).toBe(2);
  });
});
