/**
 * Process and timing helpers shared by the engine launchers: every wait has a deadline,
 * and every process group we start is killed when the test process exits, so a failed or
 * timed-out test leaves no browser behind.
 */
import type { ChildProcess } from 'node:child_process';
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

const groups = new Set<number>();
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
 * the whole group is SIGKILLed if the test process exits before {@link killGroup}.
 */
export function trackGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  groups.add(child.pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const pgid of groups) signalGroup(pgid, 'SIGKILL');
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
  groups.delete(pgid);
}
