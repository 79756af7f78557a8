/**
 * Debian's WebKitGTK through WebKitWebDriver (classic W3C WebDriver over HTTP).
 *
 * This build has no headless mode and session creation hangs without a display, so the
 * driver runs against its own Xvfb. Xvfb is started directly with `-displayfd`, which
 * lets the X server pick a free display number itself: `xvfb-run -a` guesses one and
 * races when several test runs start at once. Each page is a new WebDriver session, i.e.
 * a new MiniBrowser process with an ephemeral data store (fresh cookie jar and caches).
 * Host names reach loopback through the refusing forward proxy of `proxy.ts`.
 */
import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { evaluationExpression, parseEvaluation } from './page-script.js';
import { freePort, killGroup, pollUntil, trackGroup, withTimeout } from './processes.js';
import type { HostMapProxy } from './proxy.js';
import { startHostMapProxy } from './proxy.js';
import type { Engine, LaunchOptions, Page } from './types.js';
import { webDriverCommand } from './webdriver.js';

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const execFileAsync = promisify(execFile);

/** Starts Xvfb on a display it picks; resolves to the process and `:N`. */
async function startXvfb(timeoutMs: number): Promise<{ child: ChildProcess; display: string }> {
  const child = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], detached: true },
  );
  trackGroup(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const displayFd = child.stdio[3] as NodeJS.ReadableStream;
  const display = new Promise<string>((resolve, reject) => {
    let text = '';
    displayFd.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${stderr.trim()}`)));
    child.once('error', reject);
  });
  try {
    return { child, display: await withTimeout(display, timeoutMs, 'Xvfb start') };
  } catch (error) {
    await killGroup(child);
    throw error;
  }
}

function startDriver(port: number, display: string): ChildProcess {
  const child = spawn('WebKitWebDriver', [`--port=${port}`], {
    env: { ...process.env, DISPLAY: display },
    stdio: ['ignore', 'ignore', 'ignore'],
    detached: true,
  });
  trackGroup(child);
  return child;
}

/** Launches WebKitWebDriver (sessions are created per page, ~0.5 s each). */
export async function launchWebkit(options: LaunchOptions): Promise<Engine> {
  const started = Date.now();
  const launchTimeoutMs = options.launchTimeoutMs ?? 60_000;
  const actionTimeoutMs = options.actionTimeoutMs ?? 30_000;
  const thirdPartyCookies = options.thirdPartyCookies ?? 'default';
  // Client deadline a little beyond the driver's own timeouts, so the driver's error wins.
  const clientTimeoutMs = actionTimeoutMs + 5_000;

  const owned: { proxy?: HostMapProxy; xvfb?: ChildProcess; driver?: ChildProcess } = {};
  async function stopAll(): Promise<void> {
    if (owned.driver) await killGroup(owned.driver);
    if (owned.xvfb) await killGroup(owned.xvfb);
    if (owned.proxy) await owned.proxy.close();
  }

  let base: string;
  let version: string;
  let proxy: HostMapProxy;
  try {
    proxy = await startHostMapProxy({ hosts: options.hostMap ?? [] });
    owned.proxy = proxy;
    const xvfb = await startXvfb(launchTimeoutMs);
    owned.xvfb = xvfb.child;
    const port = await freePort();
    owned.driver = startDriver(port, xvfb.display);
    base = `http://127.0.0.1:${port}`;
    const driverBase = base;
    await pollUntil(
      async () => {
        const status = await webDriverCommand<{ ready?: boolean }>(
          driverBase,
          'GET',
          '/status',
          undefined,
          2_000,
        );
        return status.ready ? true : undefined;
      },
      launchTimeoutMs,
      'WebKitWebDriver',
    );
    const { stdout } = await execFileAsync(MINIBROWSER, ['--version'], {
      env: { ...process.env, DISPLAY: xvfb.display },
      timeout: 10_000,
    });
    version = stdout.trim().replace(/^\D+/, '');
  } catch (error) {
    await stopAll();
    throw error;
  }

  // `--automation` must be repeated when args are given (real-browsers.md); the proxy
  // goes in the browser args: the W3C `proxy` capability breaks https here.
  const browserArgs = ['--automation', `--proxy=${proxy.url}`];
  if (thirdPartyCookies === 'allow') browserArgs.push('--cookies-policy=always');
  if (thirdPartyCookies === 'block') browserArgs.push('--cookies-policy=no-third-party');
  const capabilities = {
    capabilities: {
      alwaysMatch: {
        acceptInsecureCerts: true,
        timeouts: { script: actionTimeoutMs, pageLoad: actionTimeoutMs, implicit: 0 },
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: browserArgs },
      },
    },
  };

  const sessions = new Set<string>();
  async function deleteSession(id: string): Promise<void> {
    if (!sessions.delete(id)) return;
    await webDriverCommand(base, 'DELETE', `/session/${id}`, undefined, clientTimeoutMs);
  }
  let closed = false;

  return {
    name: 'webkit',
    version,
    thirdPartyCookies,
    isolation: 'new-session',
    launchMs: Date.now() - started,
    async newPage(): Promise<Page> {
      // WebKitWebDriver occasionally never answers a session request (about one in thirty
      // here) while a second request goes through: a session normally takes ~0.5 s, so
      // the first attempt gets 30 s, the retry the whole launch timeout.
      const createSession = (timeoutMs: number) =>
        webDriverCommand<{ sessionId: string }>(base, 'POST', '/session', capabilities, timeoutMs);
      const session = await createSession(Math.min(30_000, launchTimeoutMs)).catch(() =>
        createSession(launchTimeoutMs),
      );
      const id = session.sessionId;
      sessions.add(id);
      const command = <T>(method: 'GET' | 'POST', path: string, body?: unknown) =>
        webDriverCommand<T>(base, method, `/session/${id}${path}`, body, clientTimeoutMs);
      return {
        async goto(url) {
          await command('POST', '/url', { url });
        },
        url() {
          return command<string>('GET', '/url');
        },
        async evaluate<T>(fnSource: string, arg?: unknown) {
          const script =
            'const done = arguments[arguments.length - 1];' +
            `${evaluationExpression(fnSource, arg)}.then((json) => done({ json }),` +
            ' (e) => done({ threw: String((e && e.message) || e) }));';
          // Not `{ error }`: a WebDriver client reads that as the driver's own error.
          const answer = await command<{ json?: string; threw?: string }>(
            'POST',
            '/execute/async',
            { script, args: [] },
          );
          if (answer.threw !== undefined) throw new Error(answer.threw);
          return parseEvaluation<T>(answer.json);
        },
        async screenshot(path) {
          const png = await command<string>('GET', '/screenshot');
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, Buffer.from(png, 'base64'));
        },
        close() {
          return deleteSession(id);
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      // Closing sessions first lets MiniBrowser exit on its own; the group kill follows.
      await Promise.allSettled([...sessions].map((id) => deleteSession(id)));
      await stopAll();
    },
  };
}
