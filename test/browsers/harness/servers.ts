/**
 * Throwaway http/https servers on 127.0.0.1 for real-browser tests. A test declares its
 * routes in a few lines and reads back what reached the server (method, path, Cookie,
 * Origin, Sec-Fetch-*, preflight or not): cookies and preflights are observed at the
 * server, never through a driver's cookie API (which hides partitions).
 *
 * Every answer carries `Cache-Control: no-store` unless the route sets its own, so the
 * HTTP cache never hides a request from one scenario to the next. `/favicon.ico` answers
 * 404 and is not recorded unless a route defines it (browsers fetch it on their own).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';

/** One request as the server saw it. */
export interface RecordedRequest {
  /** `http` or `https`. */
  readonly scheme: 'http' | 'https';
  readonly method: string;
  /** Path and query, as sent. */
  readonly path: string;
  /** Path without the query. */
  readonly pathname: string;
  /** The Host header (name and port the browser used). */
  readonly host: string;
  readonly origin: string | undefined;
  /** The Cookie header, or undefined when none was sent. */
  readonly cookie: string | undefined;
  readonly secFetchSite: string | undefined;
  readonly secFetchMode: string | undefined;
  readonly secFetchDest: string | undefined;
  /** A CORS preflight: OPTIONS with `Access-Control-Request-Method` (Fetch §4.8). */
  readonly isPreflight: boolean;
  /** All headers, lower-case names; repeated fields joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** `Date.now()` on arrival. */
  readonly at: number;
}

/** What a route answers. Header values may repeat (several `Set-Cookie`). */
export interface Reply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string;
}

/** A fixed reply, or a function of the request. */
export type Route = Reply | ((request: RecordedRequest) => Reply | Promise<Reply>);

/** Options of {@link startServer}. */
export interface ServerOptions {
  /**
   * TLS material (`src/demo/certs.ts`): the leaf, its key, and the CA, which is appended
   * to the served chain so Chromium's SPKI allow-list can match it. Absent: plain http.
   */
  readonly tls?: { readonly certPem: string; readonly keyPem: string; readonly caCertPem?: string };
  /** Default 0 (the OS picks). */
  readonly port?: number;
  /** `'GET /api'` (one method) or `'/api'` (any method, preflights included) → route. */
  readonly routes?: Readonly<Record<string, Route>>;
}

/** A running {@link startServer}. */
export interface TestServer {
  readonly scheme: 'http' | 'https';
  readonly port: number;
  /** `scheme://host:port` (default host `127.0.0.1`). */
  origin(host?: string): string;
  /** `scheme://host:port/path`. */
  url(host: string, path: string): string;
  /** Adds or replaces a route (same keys as {@link ServerOptions.routes}). */
  route(key: string, route: Route): void;
  /** Every recorded request, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** The recorded requests for `pathname`, optionally one method only. */
  requestsTo(pathname: string, method?: string): RecordedRequest[];
  /** Forgets the recorded requests. */
  clear(): void;
  close(): Promise<void>;
}

/** An HTML page. */
export function html(body: string, headers: Reply['headers'] = {}): Reply {
  return { headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

/** A JSON body. */
export function json(value: unknown, headers: Reply['headers'] = {}, status = 200): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(value),
  };
}

/** Options of {@link corsHeaders}; absent fields are not sent. */
export interface CorsReplyOptions {
  /** `echo` sends back the request's Origin (with `Vary: Origin`); a string is sent as is. */
  readonly allowOrigin?: 'echo' | string;
  /** Sends `Access-Control-Allow-Credentials: true`. */
  readonly credentials?: boolean;
  readonly allowMethods?: string;
  readonly allowHeaders?: string;
  readonly exposeHeaders?: string;
  readonly maxAge?: number;
}

/** CORS response headers for a test route (a deliberately literal, unvalidated helper). */
export function corsHeaders(
  request: RecordedRequest,
  options: CorsReplyOptions,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.allowOrigin === 'echo') {
    if (request.origin !== undefined) headers['access-control-allow-origin'] = request.origin;
    headers.vary = 'Origin';
  } else if (options.allowOrigin !== undefined) {
    headers['access-control-allow-origin'] = options.allowOrigin;
  }
  if (options.credentials) headers['access-control-allow-credentials'] = 'true';
  if (options.allowMethods) headers['access-control-allow-methods'] = options.allowMethods;
  if (options.allowHeaders) headers['access-control-allow-headers'] = options.allowHeaders;
  if (options.exposeHeaders) headers['access-control-expose-headers'] = options.exposeHeaders;
  if (options.maxAge !== undefined) headers['access-control-max-age'] = String(options.maxAge);
  return headers;
}

const MAX_BODY = 1 << 20;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headerMap(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Starts a server on 127.0.0.1. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const scheme = options.tls ? 'https' : 'http';
  const routes = new Map<string, Route>(Object.entries(options.routes ?? {}));
  const requests: RecordedRequest[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const pathname = path.split('?', 1)[0] ?? '/';
    const method = req.method ?? 'GET';
    const route = routes.get(`${method} ${pathname}`) ?? routes.get(pathname);
    if (route === undefined && pathname === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    const headers = headerMap(req);
    const recorded: RecordedRequest = {
      scheme,
      method,
      path,
      pathname,
      host: headers.host ?? '',
      origin: headers.origin,
      cookie: headers.cookie,
      secFetchSite: headers['sec-fetch-site'],
      secFetchMode: headers['sec-fetch-mode'],
      secFetchDest: headers['sec-fetch-dest'],
      isPreflight: method === 'OPTIONS' && headers['access-control-request-method'] !== undefined,
      headers,
      body: await readBody(req),
      at: Date.now(),
    };
    requests.push(recorded);
    let reply: Reply;
    try {
      reply =
        route === undefined
          ? { status: 404, body: `no route for ${method} ${pathname}\n` }
          : typeof route === 'function'
            ? await route(recorded)
            : route;
    } catch (error) {
      reply = { status: 500, body: `route threw: ${String(error)}\n` };
    }
    const out: Record<string, string | string[]> = { 'cache-control': 'no-store' };
    for (const [name, value] of Object.entries(reply.headers ?? {})) {
      out[name.toLowerCase()] = typeof value === 'string' ? value : [...value];
    }
    res.writeHead(reply.status ?? 200, out).end(reply.body ?? '');
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  };
  const server = options.tls
    ? createHttpsServer(
        { cert: options.tls.certPem + (options.tls.caCertPem ?? ''), key: options.tls.keyPem },
        listener,
      )
    : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    scheme,
    port,
    origin: (host = '127.0.0.1') => `${scheme}://${host}:${port}`,
    url: (host, path) => `${scheme}://${host}:${port}${path}`,
    route(key, route) {
      routes.set(key, route);
    },
    requests,
    requestsTo: (pathname, method) =>
      requests.filter(
        (r) => r.pathname === pathname && (method === undefined || r.method === method),
      ),
    clear() {
      requests.length = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
