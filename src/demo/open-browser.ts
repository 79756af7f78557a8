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

/** Sends `signal` to the process group `child` leads (ignored when it is gone). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: every process of the group has exited already.
  }
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
  // Its own process group, so that close() ends Chromium's helpers (zygote, renderers,
  // crashpad) with it: they otherwise keep writing into the profile being removed.
  const child: ChildProcess = spawn(executable, args, { stdio: 'ignore', detached: true });
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
        signalGroup(child, 'SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        signalGroup(child, 'SIGKILL');
        // A helper that outlived the group signal may still be flushing a file: retry,
        // and leave a temporary folder behind rather than fail the demo's clean stop.
        await rm(profileDir, {
          recursive: true,
          force: true,
          maxRetries: 5,
          retryDelay: 200,
        }).catch((error: unknown) => {
          process.stderr.write(
            `corset demo: could not remove the browser profile ${profileDir}: ${error instanceof Error ? error.message : String(error)}\n`,
          );
        });
      })();
      return closing;
    },
  };
}
