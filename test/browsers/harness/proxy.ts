/**
 * A forward proxy on loopback that stands in for DNS where a browser has no host-mapping
 * knob (WebKitGTK's MiniBrowser: `--proxy=http://127.0.0.1:PORT`). It forwards requests
 * for the allowed test names to 127.0.0.1 on the same port and REFUSES every other host,
 * so nothing a test does can leave the machine.
 *
 * http: absolute-form requests (RFC 9112 §3.2.2) are replayed to 127.0.0.1 with the
 * request-target's authority as Host. https: CONNECT (RFC 9110 §9.3.6) opens a blind tunnel to
 * 127.0.0.1:port, so TLS, SNI and certificates are end to end between browser and server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, request } from 'node:http';
import type { Socket } from 'node:net';
import { connect } from 'node:net';

/** A running {@link startHostMapProxy}. */
export interface HostMapProxy {
  readonly port: number;
  /** `http://127.0.0.1:PORT`, for MiniBrowser's `--proxy`. */
  readonly url: string;
  /** `host:port` of every refused request, in order (a test may assert it stays empty). */
  readonly refused: readonly string[];
  close(): Promise<void>;
}

/** Hosts always forwarded besides the test names. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

// Hop-by-hop fields (RFC 9110 §7.6.1) are the proxy's own business, never forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Raw header pairs without hop-by-hop fields and without `also` (lower-case names). */
function forwardableRawHeaders(raw: readonly string[], also: readonly string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (!HOP_BY_HOP.has(name) && !also.includes(name))
      out.push(raw[i] as string, raw[i + 1] as string);
  }
  return out;
}

/** Starts the proxy on 127.0.0.1 (port 0: the OS picks one). */
export async function startHostMapProxy(options: {
  readonly hosts: readonly string[];
  readonly port?: number;
}): Promise<HostMapProxy> {
  const allowed = new Set([...options.hosts, ...LOOPBACK_NAMES].map((h) => h.toLowerCase()));
  const refused: string[] = [];
  const sockets = new Set<Socket>();

  function refuse(target: string): void {
    refused.push(target);
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('absolute-form request expected\n');
      return;
    }
    if (target.protocol !== 'http:' || !allowed.has(target.hostname)) {
      refuse(target.host);
      res.writeHead(403, { 'content-type': 'text/plain' }).end(`refused: ${target.host}\n`);
      return;
    }
    const upstream = request(
      {
        host: '127.0.0.1',
        port: target.port === '' ? 80 : Number(target.port),
        method: req.method,
        path: `${target.pathname}${target.search}`,
        // RFC 9112 §3.2.2: a proxy replaces Host with the request-target's authority.
        headers: ['Host', target.host, ...forwardableRawHeaders(req.rawHeaders, ['host'])],
        agent: false,
      },
      (answer) => {
        // Raw headers keep repeated fields (several Set-Cookie) and their order.
        res.writeHead(
          answer.statusCode ?? 502,
          answer.statusMessage,
          forwardableRawHeaders(answer.rawHeaders),
        );
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`upstream error: ${error.message}\n`);
    });
    req.pipe(upstream);
  }

  function onConnect(req: IncomingMessage, client: Socket, head: Buffer): void {
    const authority = req.url ?? '';
    const match = /^\[?([^\]]*?)\]?:(\d+)$/.exec(authority);
    const host = match?.[1]?.toLowerCase();
    if (!match || host === undefined || !allowed.has(host)) {
      refuse(authority);
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(Number(match[2]), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  }

  const server = createServer(onRequest);
  server.on('connect', onConnect);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    refused,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
