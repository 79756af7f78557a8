/**
 * The `corset check --serve` static server: serves the built page from its folder on
 * loopback only, nothing outside it, only to its own host names, and stops cleanly.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CheckServer,
  parseServePort,
  runCheckServe,
  startCheckServer,
} from '../../../src/cli/commands/check-serve.js';
import { UsageError } from '../../../src/cli/usage-error.js';

let dir: string;
let root: string;
let server: CheckServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corset-serve-'));
  root = join(dir, 'web');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>checker</title>');
  await writeFile(join(root, 'assets', 'a.js'), 'export {};');
  await writeFile(join(dir, 'secret.txt'), 'outside the root');
  server = await startCheckServer({ root });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function get(path: string, host = `127.0.0.1:${server.port}`, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path, method, headers: { host } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => {
            body += c.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

describe('startCheckServer', () => {
  it('listens on 127.0.0.1 and serves index.html at / with its type and security headers', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>checker</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const script = await get('/assets/a.js', `localhost:${server.port}`);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('refuses paths outside the root, unknown files and other methods', async () => {
    expect((await get('/../secret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('/assets/%2e%2e%2f..%2fsecret.txt')).status).toBe(404);
    expect((await get('/missing.html')).status).toBe(404);
    expect((await get('/%E0%A4%A')).status).toBe(404);
    const post = await get('/', undefined, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('answers only to its own loopback host names (DNS rebinding)', async () => {
    expect((await get('/', `evil.example:${server.port}`)).status).toBe(421);
    expect((await get('/', '127.0.0.1:1')).status).toBe(421);
  });

  it('says how to build the page when it is missing', async () => {
    await expect(startCheckServer({ root: join(dir, 'nothing') })).rejects.toThrow(
      /not built .*npm run build/,
    );
  });
});

describe('runCheckServe', () => {
  it('prints the URL, serves until stopped, then closes', async () => {
    let out = '';
    let stop: (s: string) => void = () => {};
    let started: CheckServer | undefined;
    const done = runCheckServe(
      { root },
      {
        stdout: (t) => {
          out += t;
        },
        waitForStop: () => new Promise((resolve) => (stop = resolve)),
        onStarted: (s) => {
          started = s;
        },
      },
    );
    await expect.poll(() => started).toBeDefined();
    expect(out).toContain(`Web checker: ${started?.url}`);
    expect(out).toContain('nothing is uploaded');
    stop('SIGINT');
    expect(await done).toBe(0);
  });

  it('--json prints one line with the URL', async () => {
    let out = '';
    const status = await runCheckServe(
      { root, json: true },
      {
        stdout: (t) => {
          out += t;
        },
        waitForStop: async () => 'test',
      },
    );
    expect(status).toBe(0);
    expect(JSON.parse(out)).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/),
    });
  });
});

describe('parseServePort', () => {
  it('accepts 0 to 65535 and refuses the rest as a usage error', () => {
    expect(parseServePort(undefined)).toBe(0);
    expect(parseServePort('8080')).toBe(8080);
    for (const bad of ['65536', '-1', 'http', '80.5', ''])
      expect(() => parseServePort(bad)).toThrow(UsageError);
  });
});
