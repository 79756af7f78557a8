/**
 * `corset check --serve`: serves the web checker page (built by `npm run build` into
 * `dist/web/`) on loopback, so a person can paste a HAR or headers into it. The page
 * computes everything itself and sends nothing; this server only hands out its files.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../usage-error.js';

/** Options of {@link startCheckServer}. */
export interface CheckServeOptions {
  /** Port on 127.0.0.1 (default 0: any free port). */
  readonly port?: number;
  /** The folder holding the built page (default {@link defaultWebRoot}). */
  readonly root?: string;
}

/** A running checker server. */
export interface CheckServer {
  /** The page's URL, e.g. `http://127.0.0.1:4173/`. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

// The page's own CSP is a meta tag (it must also hold when the file is opened from disk);
// a meta tag cannot say `frame-ancestors`, so the server adds that one (policies combine).
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * `dist/web/` of this package: next to the compiled CLI (`dist/cli/commands/` → `dist/web/`),
 * or, when running from the sources, the build output beside `src/`.
 */
export function defaultWebRoot(): string {
  const besideDist = fileURLToPath(new URL('../../web/', import.meta.url));
  if (existsSync(join(besideDist, 'index.html'))) return besideDist;
  return fileURLToPath(new URL('../../../dist/web/', import.meta.url));
}

/**
 * Parses `--port`: an integer from 0 (any free port) to 65535; anything else is a
 * usage error naming the value.
 */
export function parseServePort(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    throw new UsageError(
      `check: --port must be an integer from 0 to 65535, got '${value}' (0 picks a free port)`,
    );
  return Number(value);
}

/** The file under `root` a request path names, or undefined when it leaves `root`. */
function fileFor(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const full = normalize(join(root, relative));
  const base = root.endsWith(sep) ? root : `${root}${sep}`;
  return full.startsWith(base) ? full : undefined;
}

/**
 * Only the loopback names of this server are served: a page on another site whose name
 * was rebound to 127.0.0.1 (DNS rebinding) gets a 421 instead of the checker.
 */
function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function answer(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type });
  res.end(body);
}

async function handle(
  root: string,
  port: () => number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!hostAllowed(req.headers.host, port())) {
    answer(res, 421, 'text/plain; charset=utf-8', 'Misdirected request\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    answer(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    return;
  }
  const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const file = fileFor(root, pathname);
  const type = file === undefined ? undefined : CONTENT_TYPES[extname(file)];
  const body =
    file === undefined || type === undefined ? undefined : await readFile(file).catch(() => null);
  if (body === undefined || body === null || type === undefined) {
    answer(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
    return;
  }
  answer(res, 200, type, req.method === 'HEAD' ? '' : body);
}

/**
 * Serves the built web checker from `root` on 127.0.0.1. Rejects when the page has not
 * been built (`npm run build`) or the port is taken, with a message that says so.
 */
export async function startCheckServer(options: CheckServeOptions = {}): Promise<CheckServer> {
  const root = options.root ?? defaultWebRoot();
  if (!existsSync(join(root, 'index.html')))
    throw new Error(
      `check --serve: the web checker is not built (no ${join(root, 'index.html')}); run npm run build`,
    );
  let bound = 0;
  const server = createServer((req, res) => {
    handle(root, () => bound, req, res).catch(() => {
      if (!res.headersSent) answer(res, 500, 'text/plain; charset=utf-8', 'Internal error\n');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new UsageError(`check: port ${options.port} is in use (try --port 0)`)
          : error,
      ),
    );
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  bound = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${bound}/`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Where `corset check --serve` writes, and what stops it. */
export interface CheckServeIo {
  readonly stdout: (text: string) => void;
  /** Resolves, with its name, when the server must stop (the CLI: SIGINT or SIGTERM). */
  waitForStop(): Promise<string>;
  /** Called with the server once it listens (tests). */
  readonly onStarted?: (server: CheckServer) => void;
}

/**
 * `corset check --serve [--port <n>]`: serves the page, prints its URL, and stops on
 * `io.waitForStop()`. Resolves to the exit status (0).
 */
export async function runCheckServe(
  options: CheckServeOptions & { readonly json?: boolean },
  io: CheckServeIo,
): Promise<number> {
  const server = await startCheckServer(options);
  try {
    io.stdout(
      options.json === true
        ? `${JSON.stringify({ url: server.url })}\n`
        : `Web checker: ${server.url}\nEverything is computed in the page; nothing is uploaded. Ctrl-C stops.\n`,
    );
    io.onStarted?.(server);
    await io.waitForStop();
  } finally {
    await server.close();
  }
  return 0;
}
