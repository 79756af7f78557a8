/**
 * Process and timing helpers shared by the engine launchers: every wait has a deadline,
 * and every process group we start is killed when the test process exits, however it
 * exits, so a failed, timed-out or killed test run leaves no browser behind.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Rejects with `label timed out after …` when `promise` takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` every 50 ms until it resolves truthy or `ms` passes. */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  ms: number,
  label: string,
): Promise<T> {
  const deadline = Date.now() + ms;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`${label} not ready after ${ms} ms${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Parent-death guard for the process group `pgid`: a detached `sh` that ignores the usual
 * signals and blocks reading a pipe from this process; when the pipe closes (this process
 * died in any way, SIGKILL included, which no `exit` or signal handler survives) it
 * SIGKILLs the group. Returns the disarm function: call it once the group is stopped.
 */
export function guardGroup(pgid: number): () => void {
  const guard = spawn('sh', ['-c', `trap '' INT TERM HUP; read -r _; kill -KILL -${pgid}`], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  // Neither the guard nor its pipe may keep the test process alive.
  guard.unref();
  (guard.stdin as unknown as { unref(): void } | null)?.unref();
  guard.on('error', () => undefined);
  return () => {
    guard.kill('SIGKILL');
  };
}

const groups = new Map<number, () => void>();
let exitHookInstalled = false;

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Remembers a child started with `detached: true` (so it leads its own process group):
 * the whole group is SIGKILLed when the test process exits before {@link killGroup},
 * by an `exit` hook or, if the process is killed outright, by a {@link guardGroup}.
 */
export function trackGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  groups.set(child.pid, guardGroup(child.pid));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const pgid of groups.keys()) signalGroup(pgid, 'SIGKILL');
    });
  }
}

/**
 * Stops a tracked child's process group: SIGTERM, then SIGKILL after `graceMs` if the
 * leader has not exited. Resolves once the leader has exited.
 */
export async function killGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(pgid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(pgid, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Descendants that ignored SIGTERM (or were reparented) still share the group.
  signalGroup(pgid, 'SIGKILL');
  groups.get(pgid)?.();
  groups.delete(pgid);
}
