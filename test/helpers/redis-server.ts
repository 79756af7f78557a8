/**
 * A throwaway `redis-server` for tests: loopback only, a free port, no persistence
 * (`--save '' --appendonly no`), its own temporary directory. It can be stopped and
 * started again on the same port to simulate an outage.
 *
 * When no `redis-server` binary exists, `startRedisServer` throws a message saying how
 * to install it or skip (`CORSET_SKIP_REDIS=1`): a missing server must not pass silently.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** True when the environment asks to skip Redis-backed tests. */
export const SKIP_REDIS = process.env.CORSET_SKIP_REDIS === '1';

/** A running (or stopped) test server. */
export interface RedisTestServer {
  readonly port: number;
  readonly url: string;
  /** Stops the process (SIGTERM, then SIGKILL after 3 s); the port stays reserved for `start`. */
  stop(): Promise<void>;
  /** Starts a fresh process on the same port (empty: nothing is persisted). */
  start(): Promise<void>;
  /** Freezes (SIGSTOP) or thaws (SIGCONT) the process: a server that accepts but never answers. */
  freeze(): void;
  thaw(): void;
  /** Stops the server and removes its directory. */
  dispose(): Promise<void>;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The `redis-server` to run: `$CORSET_REDIS_SERVER`, Debian's `/usr/bin/redis-server`, or
 * one on `PATH`. Throws the explanation when there is none.
 */
export function findRedisServer(
  env: NodeJS.ProcessEnv = process.env,
  fixed: readonly string[] = ['/usr/bin/redis-server'],
): string {
  const candidates = [
    ...(env.CORSET_REDIS_SERVER === undefined ? [] : [env.CORSET_REDIS_SERVER]),
    ...fixed,
    ...(env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'redis-server')),
  ];
  const found = candidates.find(executable);
  if (found !== undefined) return found;
  throw new Error(
    'redis-server not found (looked at $CORSET_REDIS_SERVER, /usr/bin/redis-server and PATH): ' +
      'the Redis session store tests need it. Install it (Debian: apt-get install redis-server; ' +
      '.ci/run does) or set CORSET_SKIP_REDIS=1 to skip these tests knowingly.',
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves when the server answers PING with +PONG. */
function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

async function waitForPong(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`redis-server exited with code ${child.exitCode}: ${output()}`);
    }
    if (await pingOnce(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not answer PING on 127.0.0.1:${port} within 10 s: ${output()}`);
}

/** Starts a server on a free loopback port. */
export async function startRedisServer(): Promise<RedisTestServer> {
  const binary = findRedisServer();
  const dir = mkdtempSync(join(tmpdir(), 'corset-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  async function start(): Promise<void> {
    let output = '';
    const proc = spawn(
      binary,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--daemonize',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-2000);
    };
    proc.stdout?.on('data', collect);
    proc.stderr?.on('data', collect);
    child = proc;
    await waitForPong(port, proc, () => output);
  }

  async function stop(): Promise<void> {
    const proc = child;
    child = undefined;
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGCONT'); // a frozen server cannot handle SIGTERM
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    freeze: () => child?.kill('SIGSTOP'),
    thaw: () => child?.kill('SIGCONT'),
    async dispose() {
      await stop();
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
