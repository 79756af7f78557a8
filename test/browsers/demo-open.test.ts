/**
 * `corset demo --open` as a person runs it: the CLI process starts Debian's Chromium
 * (headful, on its own Xvfb display here) with the demo's names mapped to loopback and
 * only the demo CA trusted. The proof that the page loaded over HTTPS and its module ran
 * is the API's own request log: the page's first `GET /me`, from the app's origin. On
 * SIGTERM the CLI closes Chromium and exits 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DemoStartInfo } from '../../src/demo/banner.js';
import { CACHE_DIR } from './demo-page.js';

const ROOT = join(import.meta.dirname, '..', '..');
let xvfb: ChildProcess | undefined;
let display = '';

beforeAll(async () => {
  // -displayfd: the X server picks a free display itself and writes its number to fd 3.
  xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const fd = xvfb.stdio[3] as NodeJS.ReadableStream;
  display = await new Promise<string>((resolve, reject) => {
    let text = '';
    fd.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
    xvfb?.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
});

afterAll(() => {
  xvfb?.kill('SIGTERM');
});

/** Command lines of running processes that mention `needle`. */
async function processesWith(needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(needle)) found.push(cmdline.replaceAll('\0', ' '));
  }
  return found;
}

it('--open starts Chromium on the app page, which loads and calls the API; SIGTERM closes both', async () => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      "import { demoCommand } from './src/cli/commands/demo.ts'; process.exitCode = await demoCommand.run(process.argv.slice(1));",
      '--',
      '--topology',
      'subdomains',
      '--app-port',
      '0',
      '--api-port',
      '0',
      '--json',
      '--open',
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, DISPLAY: display, CORSET_CACHE_DIR: CACHE_DIR },
    },
  );
  try {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    let info: DemoStartInfo | undefined;
    let pageCall: { origin?: string; path: string; status: number } | undefined;
    const timer = setTimeout(() => lines.close(), 60_000);
    for await (const line of lines) {
      const parsed = JSON.parse(line) as DemoStartInfo | { request: typeof pageCall };
      if ('request' in parsed) {
        if (parsed.request?.path === '/me') {
          pageCall = parsed.request;
          break;
        }
      } else info = parsed;
    }
    clearTimeout(timer);
    expect(info?.appUrl).toMatch(/^https:\/\/app\.example\.com:\d+\/$/);
    // Chromium resolved app.example.com, accepted the demo CA, ran the page's module.
    expect(pageCall).toMatchObject({ path: '/me', status: 401 });
    expect(pageCall?.origin).toBe(info?.appUrl.slice(0, -1));
    const browser = await processesWith(`--host-resolver-rules=MAP app.example.com`);
    expect(browser.some((cmd) => cmd.includes(info?.appUrl ?? '?'))).toBe(true);

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(await processesWith(info?.appUrl ?? '?')).toEqual([]);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
