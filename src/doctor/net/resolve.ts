/**
 * `--resolve host:port:address`, as curl's: connect to `address` whenever a request
 * goes to `host:port`, while the URL, the `Host` header, TLS SNI and the certificate
 * check keep using `host`. It reaches names DNS does not know (the demo's
 * `api.example.com` on 127.0.0.1) without touching `/etc/hosts`.
 */
import { isIP } from 'node:net';

/** One mapping. */
export interface ResolveEntry {
  /** Lower-case host name (no brackets for IPv6). */
  readonly host: string;
  readonly port: number;
  /** The IP address to connect to instead. */
  readonly address: string;
}

/** The outcome of parsing one `--resolve` value: the entry, or why it is wrong. */
export type ParsedResolve =
  | { readonly ok: true; readonly entry: ResolveEntry }
  | { readonly ok: false; readonly message: string };

function stripBrackets(text: string): string {
  return text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
}

/**
 * Parses `host:port:address` (`address` may be a bracketed or bare IPv6 literal, as
 * curl accepts). Never throws.
 */
export function parseResolve(value: string): ParsedResolve {
  const first = value.indexOf(':');
  const second = first < 0 ? -1 : value.indexOf(':', first + 1);
  if (first <= 0 || second < 0) {
    return {
      ok: false,
      message: `'${value}' is not host:port:address (e.g. api.example.com:443:127.0.0.1)`,
    };
  }
  const host = value.slice(0, first).toLowerCase();
  const portText = value.slice(first + 1, second);
  const address = stripBrackets(value.slice(second + 1));
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    return { ok: false, message: `'${value}': the port '${portText}' is not 1 to 65535` };
  }
  if (isIP(address) === 0) {
    return {
      ok: false,
      message: `'${value}': '${address}' is not an IP address (write the address to connect to, e.g. 127.0.0.1)`,
    };
  }
  return { ok: true, entry: { host, port, address } };
}

/** The address to connect to for `host:port`, when a `--resolve` entry names it. */
export function resolvedAddress(
  entries: readonly ResolveEntry[],
  host: string,
  port: number,
): string | undefined {
  const name = stripBrackets(host).toLowerCase();
  return entries.find((e) => e.host === name && e.port === port)?.address;
}

/** The port a URL connects to (its explicit port, else the scheme's default). */
export function effectivePort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}
