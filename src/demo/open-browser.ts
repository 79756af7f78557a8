/**
 * `corset demo --open`: Debian's Chromium, in a throwaway profile, with the demo's host
 * names mapped to loopback and exactly the demo CA trusted, on the app page. Nothing in
 * the system changes: no hosts file, no CA store.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningDemo } from './start.js';

/** The Chromium to start: `CORSET_CHROMIUM`, else `chromium` on the PATH. */
export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string {
  return env.CORSET_CHROMIUM || 'chromium';
}

/**
 * Chromium's command line for `demo`, with the profile folder `profileDir`:
 * - `--host-resolver-rules`: each demo name to 127.0.0.1 (the port is kept);
 * - `--ignore-certificate-errors-spki-list`: the demo CA's key hash; Chromium honours it
 *   only with an explicit `--user-data-dir`, and matches it against the chain the
 *   server presents (the demo serves leaf and CA);
 * - `--no-sandbox` only when running as root, where Chromium refuses to start otherwise.
 */
export function chromiumArgs(
  demo: Pick<RunningDemo, 'appUrl' | 'hostNames' | 'certificates'>,
  profileDir: string,
  isRoot: boolean,
): string[] {
  const args = [`--user-data-dir=${profileDir}`, '--no-first-run', '--no-default-browser-check'];
  if (isRoot) args.push('--no-sandbox');
  if (demo.hostNames.length > 0) {
    args.push(
      `--host-resolver-rules=${demo.hostNames.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`,
    );
  }
  if (demo.certificates !== undefined) {
    args.push(`--ignore-certificate-errors-spki-list=${demo.certificates.caSpkiSha256Base64}`);
  }
  args.push(demo.appUrl);
  return args;
}

/** A browser `--open` started; `close()` ends it and removes its profile. */
export interface OpenedBrowser {
  readonly command: readonly string[];
  close(): Promise<void>;
}

/** Starts Chromium on the demo (see {@link chromiumArgs}). Rejects when it cannot start. */
export async function openChromium(demo: RunningDemo): Promise<OpenedBrowser> {
  const profileDir = await mkdtemp(join(tmpdir(), 'corset-demo-chromium-'));
  const executable = chromiumExecutable();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const args = chromiumArgs(demo, profileDir, isRoot);
  const child: ChildProcess = spawn(executable, args, { stdio: 'ignore' });
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new Error(
            error.code === 'ENOENT'
              ? `${executable} not found: install it (apt-get install chromium) or set CORSET_CHROMIUM to a Chromium binary.`
              : `cannot start ${executable}: ${error.message}`,
          ),
        ),
      );
    });
  } catch (error) {
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let closing: Promise<void> | undefined;
  return {
    command: [executable, ...args],
    close() {
      closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await rm(profileDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
