/**
 * One HTTP/1.1 request over a raw `node:net` / `node:tls` socket, for the CR/LF probes:
 * undici (rightly) refuses header values holding CR or LF, and the probe exists to send
 * exactly such a value. Same connection settings as the undici client: `--resolve`
 * (connect to the mapped address, keep the name for SNI and the certificate check),
 * `--ca`, `--insecure`, `--timeout`. The answer's head is parsed leniently, keeping any
 * bare CR or LF inside a line, since that is the evidence looked for.
 */
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { rootCertificates, connect as tlsConnect } from 'node:tls';
import {
  type ConnectionSettings,
  describeNetError,
  effectivePort,
  resolvedAddress,
} from '../net/index.js';
import type { ObservedResponse } from './types.js';

/** The longest response head read; the rest is ignored. */
const MAX_HEAD_BYTES = 64 * 1024;

/** Parses a response head (status line and header lines, CRLF-separated). */
export function parseRawHead(head: string): ObservedResponse | undefined {
  const [statusLine, ...lines] = head.split('\r\n');
  const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine ?? '');
  if (status === null) return undefined;
  const headers: [string, string][] = [];
  for (const line of lines) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return { status: Number(status[1]), headers };
}

/** The outcome of {@link sendRaw}. */
export type RawOutcome =
  | { readonly ok: true; readonly response: ObservedResponse }
  | { readonly ok: false; readonly error: string };

/**
 * Sends `GET <url>` with the given header lines written verbatim (the caller is
 * responsible for what they hold) and reads the response head. Never throws.
 */
export function sendRaw(
  url: string,
  headers: readonly (readonly [string, string])[],
  settings: ConnectionSettings,
): Promise<RawOutcome> {
  const target = new URL(url);
  const port = effectivePort(target);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const address = resolvedAddress(settings.resolve, host, port) ?? host;
  const lines = [
    `GET ${target.pathname}${target.search} HTTP/1.1`,
    `Host: ${target.host}`,
    ...headers.map(([n, v]) => `${n}: ${v}`),
    'Connection: close',
    '',
    '',
  ];
  return new Promise((resolve) => {
    let settled = false;
    let received = Buffer.alloc(0);
    const socket: Socket =
      target.protocol === 'https:'
        ? tlsConnect({
            host: address,
            port,
            // RFC 6066 §3: SNI carries host names only, never an IP literal.
            ...(isIP(host) === 0 ? { servername: host } : {}),
            rejectUnauthorized: !settings.insecure,
            ...(settings.ca === undefined ? {} : { ca: [...rootCertificates, settings.ca] }),
          })
        : netConnect({ host: address, port });
    const finish = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          error: `${target.host} did not answer within ${settings.timeoutMs} ms (raise --timeout, or check the server is up)`,
        }),
      settings.timeoutMs,
    );
    const answer = () => {
      const text = received.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const response = parseRawHead(end < 0 ? text : text.slice(0, end));
      finish(
        response === undefined
          ? { ok: false, error: `${target.host} sent no HTTP response head` }
          : { ok: true, response },
      );
    };
    socket.on(target.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      socket.write(lines.join('\r\n'), 'latin1');
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.includes('\r\n\r\n') || received.length > MAX_HEAD_BYTES) answer();
    });
    socket.on('end', answer);
    socket.on('error', (error) =>
      finish({ ok: false, error: describeNetError(error, target, settings.timeoutMs).message }),
    );
  });
}
