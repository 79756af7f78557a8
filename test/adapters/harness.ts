/**
 * What the adapter tests share: one config, a loopback listener, raw requests over a real
 * socket (undici.request sends `Origin` and the preflight headers exactly as given, as a
 * browser would), and readers for the response headers.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import type { CorsConfig } from '../../src/cors/index.js';

export const ALLOWED = 'https://app.example.com';
export const ALLOWED_SUBDOMAIN = 'https://a.b.example.com';
export const DISALLOWED = 'https://app.example.com.evil.com';

/** The config every adapter is tested with. */
export const CONFIG: CorsConfig = {
  origins: [ALLOWED, 'https://*.example.com'],
  credentials: true,
  methods: ['PUT', 'DELETE'],
  allowedHeaders: ['content-type', 'authorization'],
  exposedHeaders: ['x-request-id'],
  maxAge: 600,
};

/** A running test server. `log` records what the app saw: `auth <path>` and `<METHOD> <path>`. */
export interface TestServer {
  readonly url: string;
  readonly log: string[];
  close(): Promise<void>;
}

/** Listens on 127.0.0.1, on a free port. */
export async function listen(server: Server, log: string[]): Promise<TestServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** Sends one request and reads the whole answer. */
export async function send(
  url: string,
  method: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const { statusCode, headers: received, body } = await request(url, { method, headers });
  return { status: statusCode, headers: received, body: await body.text() };
}

/** A preflight from `origin` asking for `method` and, optionally, request `headers`. */
export function preflight(url: string, origin: string, method: string, headers?: string) {
  return send(url, 'OPTIONS', {
    origin,
    'access-control-request-method': method,
    ...(headers === undefined ? {} : { 'access-control-request-headers': headers }),
  });
}

/** The names of the `Access-Control-*` headers of an answer. */
export function corsHeaderNames(answer: Answer): string[] {
  return Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'));
}

/** The `Vary` elements of an answer, lower-cased, in order, duplicates kept. */
export function varyTokens(answer: Answer): string[] {
  const value = answer.headers.vary;
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '');
}
