/**
 * Small HTTP servers for the audit tests, one per misconfiguration class, each written
 * the way that mistake is written in real code. Loopback, ephemeral ports. The app they
 * were meant to trust is TRUSTED; each declares the one finding it must produce.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';
import type { AuditClassId, Severity } from '../../../src/doctor/audit/index.js';

export const TRUSTED = 'https://app.example.com';

type Headers = Record<string, string>;
/** CORS headers for a request; `undefined` origin when there is none. */
type Policy = (origin: string | undefined, req: IncomingMessage) => Headers;

export interface MisconfiguredServer {
  readonly name: string;
  /** The single finding the audit must report, or none (`undefined`). */
  readonly expected: { readonly class: AuditClassId; readonly severity: Severity } | undefined;
  readonly start: () => Promise<RunningServer>;
}

export interface RunningServer {
  readonly url: string;
  /** Requests received so far (connections, for the raw server). */
  readonly hits: () => number;
  close(): Promise<void>;
}

const CREDS: Headers = { 'access-control-allow-credentials': 'true' };

function reflect(origin: string | undefined, allowed: boolean, extra: Headers = CREDS): Headers {
  return allowed && origin !== undefined
    ? { 'access-control-allow-origin': origin, vary: 'Origin', ...extra }
    : { vary: 'Origin' };
}

function listen(
  server: Server | NetServer,
  hits: () => number,
  scheme = 'http',
): Promise<RunningServer> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `${scheme}://127.0.0.1:${port}/api/data`,
        hits,
        close: () =>
          new Promise<void>((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A JSON API whose CORS headers come from `policy` (actual requests and preflights). */
export function httpServer(
  policy: Policy,
  preflight: Policy = policy,
): () => Promise<RunningServer> {
  return () => {
    let count = 0;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      count++;
      const origin = req.headers.origin;
      const isPreflight =
        req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
      const headers = (isPreflight ? preflight : policy)(origin, req);
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      if (isPreflight) {
        res.statusCode = 204;
        res.end();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end('{"secret":"42"}');
    });
    return listen(server, () => count);
  };
}

/** The strict part most servers share: the trusted origin, reflected, with Vary. */
const strict: Policy = (origin) => reflect(origin, origin === TRUSTED);

/**
 * A raw TCP server that validates only the first line of Origin and copies the whole
 * value into its response head: the CR/LF class (Node's http module could do neither,
 * its parser and setHeader both refuse control characters).
 */
export function rawReflectingServer(tlsOptions?: TlsOptions): Promise<RunningServer> {
  let count = 0;
  const handle = (socket: Socket) => {
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      data += chunk;
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      count++;
      const line = data
        .slice(0, end)
        .split('\r\n')
        .find((l) => l.toLowerCase().startsWith('origin:'));
      const origin = line?.slice('origin:'.length).trim();
      const cors =
        origin !== undefined && origin.split(/[\r\n]/)[0] === TRUSTED
          ? `Access-Control-Allow-Origin: ${origin}\r\n`
          : '';
      socket.end(
        `HTTP/1.1 200 OK\r\n${cors}Vary: Origin\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
        'latin1',
      );
    });
    socket.on('error', () => {});
  };
  const server =
    tlsOptions === undefined ? createNetServer(handle) : createTlsServer(tlsOptions, handle);
  return listen(server, () => count, tlsOptions === undefined ? 'http' : 'https');
}

/** One server per class (two where severity differs with credentials). */
export const MISCONFIGURED: readonly MisconfiguredServer[] = [
  {
    name: 'reflects any origin, with credentials',
    expected: { class: 'origin-reflected', severity: 'high' },
    start: httpServer((origin) => reflect(origin, true)),
  },
  {
    name: 'reflects any origin, without credentials',
    expected: { class: 'origin-reflected', severity: 'medium' },
    start: httpServer((origin) => reflect(origin, true, {})),
  },
  {
    name: 'accepts "null"',
    expected: { class: 'null-origin', severity: 'high' },
    start: httpServer((origin) => reflect(origin, origin === TRUSTED || origin === 'null')),
  },
  {
    name: 'startsWith(trusted)',
    expected: { class: 'prefix-match', severity: 'high' },
    start: httpServer((origin) => reflect(origin, origin?.startsWith(TRUSTED) === true)),
  },
  {
    name: "endsWith('example.com')",
    expected: { class: 'suffix-match', severity: 'high' },
    start: httpServer((origin) => reflect(origin, origin?.endsWith('example.com') === true)),
  },
  {
    name: 'trusted.includes(origin), without credentials',
    expected: { class: 'substring-match', severity: 'medium' },
    start: httpServer((origin) =>
      reflect(origin, origin !== undefined && origin !== '' && TRUSTED.includes(origin), {}),
    ),
  },
  {
    name: '/^https:\\/\\/app.example.com$/ (dots unescaped)',
    expected: { class: 'unescaped-dot', severity: 'high' },
    start: httpServer((origin) =>
      reflect(origin, /^https:\/\/app.example.com$/.test(origin ?? '')),
    ),
  },
  {
    name: 'host read with /^https:\\/\\/([a-z0-9.-]+)/',
    expected: { class: 'special-characters', severity: 'high' },
    start: httpServer((origin) => {
      const host = /^https:\/\/([a-z0-9.-]+)/.exec(origin ?? '')?.[1];
      return reflect(origin, host === 'app.example.com');
    }),
  },
  {
    name: 'any subdomain of example.com',
    expected: { class: 'any-subdomain', severity: 'high' },
    start: httpServer((origin) =>
      reflect(
        origin,
        origin === TRUSTED || /^https:\/\/([a-z0-9-]+\.)+example\.com$/.test(origin ?? ''),
      ),
    ),
  },
  {
    name: 'trusts http://app.example.com, without credentials',
    expected: { class: 'insecure-origin', severity: 'low' },
    start: httpServer((origin) =>
      reflect(origin, origin === TRUSTED || origin === 'http://app.example.com', {}),
    ),
  },
  {
    name: 'trusts *.github.io and codepen',
    expected: { class: 'third-party-origin', severity: 'high' },
    start: httpServer((origin) =>
      reflect(
        origin,
        origin === TRUSTED ||
          origin === 'https://codepen.io' ||
          /^https:\/\/[a-z0-9-]+\.github\.io$/.test(origin ?? ''),
      ),
    ),
  },
  {
    name: 'Access-Control-Allow-Origin: *',
    expected: { class: 'wildcard', severity: 'low' },
    start: httpServer(() => ({ 'access-control-allow-origin': '*' })),
  },
  {
    name: 'Access-Control-Allow-Origin: * with credentials',
    expected: { class: 'wildcard', severity: 'high' },
    start: httpServer(() => ({ 'access-control-allow-origin': '*', ...CREDS })),
  },
  {
    name: 'Access-Control-Allow-Origin: https://*.example.com',
    expected: { class: 'invalid-allow-origin', severity: 'low' },
    start: httpServer(() => ({ 'access-control-allow-origin': 'https://*.example.com' })),
  },
  {
    name: 'reflects the trusted origin without Vary: Origin',
    expected: { class: 'missing-vary-origin', severity: 'high' },
    start: httpServer((origin) =>
      origin === TRUSTED ? { 'access-control-allow-origin': origin, ...CREDS } : {},
    ),
  },
  {
    name: 'copies Origin raw into the response head',
    expected: { class: 'crlf-reflected', severity: 'high' },
    start: rawReflectingServer,
  },
  {
    name: 'preflight echoes any origin, method and headers',
    expected: { class: 'preflight-permissive', severity: 'high' },
    start: httpServer(strict, (origin, req) => ({
      ...reflect(origin, true),
      'access-control-allow-methods': String(req.headers['access-control-request-method']),
      'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? ''),
    })),
  },
];
