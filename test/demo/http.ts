/**
 * A small HTTP(S) client for the demo's non-browser tests: connects to 127.0.0.1 whatever
 * the URL's host (the demo's names live on loopback), sends that host in `Host` and SNI,
 * trusts the demo CA, and keeps cookies the way a browser's jar would for one site
 * (name, Path, Max-Age=0 deletes), through corset's own RFC 6265bis parser.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { parseSetCookie } from '../../src/cookies/index.js';

export interface Answer {
  readonly status: number;
  /** Lower-case names; repeated fields (but Set-Cookie) joined by `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly setCookies: readonly string[];
  readonly body: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read bodies ad hoc and assert on them.
  json<T = any>(): T;
}

export interface RequestOptions {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** PEM of the CA to trust for https. */
  readonly ca?: string;
}

export function send(url: string, options: RequestOptions = {}): Promise<Answer> {
  const target = new URL(url);
  const https = target.protocol === 'https:';
  const make = https ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = make(
      {
        host: '127.0.0.1',
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        agent: false,
        headers: { host: target.host, ...options.headers },
        ...(https ? { servername: target.hostname, ca: options.ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined && name !== 'set-cookie') {
              headers[name] = Array.isArray(value) ? value.join(', ') : value;
            }
          }
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers,
            setCookies: res.headers['set-cookie'] ?? [],
            body,
            json: () => JSON.parse(body),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A one-site cookie jar: what a browser that accepts every cookie would send back. */
export class Jar {
  readonly cookies = new Map<string, { value: string; path: string }>();

  take(answer: Answer): void {
    for (const line of answer.setCookies) {
      const cookie = parseSetCookie(line);
      if (cookie === undefined) continue;
      if (cookie.maxAge !== undefined && cookie.maxAge <= 0) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, { value: cookie.value, path: cookie.path ?? '/' });
    }
  }

  /** The Cookie header for `path` (RFC 6265bis §5.1.4 path-match, simplified). */
  header(path: string): string | undefined {
    const pairs = [...this.cookies]
      .filter(
        ([, c]) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`),
      )
      .map(([name, c]) => `${name}=${c.value}`);
    return pairs.length === 0 ? undefined : pairs.join('; ');
  }
}
