/**
 * Origins as browsers serialise them (HTML "serialization of an origin": `scheme://host`
 * plus `:port` when it is not the scheme's default), parsed and normalised with the WHATWG
 * URL parser so that case, default ports and internationalised names (IDNA to punycode)
 * come out exactly as a browser would put them in an `Origin` header.
 *
 * Trailing dot: `https://example.com.` is kept as written. For browsers it is a different
 * origin from `https://example.com` (different URL host, different cookies), so treating
 * them as one would grant access to an origin the config does not name.
 */

/** An origin taken apart. `origin` is its serialisation, the form compared byte-for-byte. */
export interface ParsedOrigin {
  /** Lower-case scheme without the colon, e.g. `https`. */
  readonly scheme: string;
  /** Lower-case ASCII host (punycode for IDN); IPv6 in brackets, e.g. `[::1]`. */
  readonly host: string;
  /** The port, or `undefined` when it is the scheme's default (dropped from the origin). */
  readonly port: number | undefined;
  /** The serialised origin, e.g. `https://xn--bcher-kva.example:8443`. */
  readonly origin: string;
}

/** Longest `Origin` value looked at; a real serialised origin is far shorter. */
export const MAX_ORIGIN_LENGTH = 2048;

const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  http: 80,
  https: 443,
  ws: 80,
  wss: 443,
  ftp: 21,
};

/** The default port of a special scheme (WHATWG URL §1.2 "special scheme"), if any. */
export function defaultPort(scheme: string): number | undefined {
  return Object.hasOwn(DEFAULT_PORTS, scheme) ? DEFAULT_PORTS[scheme] : undefined;
}

function isSchemeChar(code: number): boolean {
  // RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2b ||
    code === 0x2d ||
    code === 0x2e
  );
}

/**
 * Parses and normalises an origin written by a person or sent by a client:
 * `HTTPS://App.Example.COM:443` becomes `https://app.example.com`, `https://bücher.example`
 * becomes `https://xn--bcher-kva.example`.
 *
 * Returns `undefined` for anything that is not exactly an origin: `null` (the opaque
 * origin is never a valid allowed origin), a missing scheme, a path (a trailing `/`
 * included), a query, a fragment, userinfo, a `*`, whitespace or control characters, an
 * unparsable host or port, and schemes whose origin is opaque (`file:`, `data:`, ...).
 */
export function parseOrigin(raw: string): ParsedOrigin | undefined {
  if (typeof raw !== 'string' || raw.length > MAX_ORIGIN_LENGTH) return undefined;
  const separator = raw.indexOf('://');
  if (separator <= 0) return undefined;
  for (let i = 0; i < separator; i++) {
    if (!isSchemeChar(raw.charCodeAt(i))) return undefined;
  }
  for (let i = separator + 3; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    // The URL parser would silently strip tabs/newlines and accept the rest as a path,
    // query, fragment or userinfo; an origin has none of them.
    if (
      code <= 0x20 ||
      code === 0x7f ||
      code === 0x2f /* / */ ||
      code === 0x5c /* \ */ ||
      code === 0x3f /* ? */ ||
      code === 0x23 /* # */ ||
      code === 0x40 /* @ */ ||
      code === 0x2a /* * */
    ) {
      return undefined;
    }
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const origin = url.origin;
  if (origin === 'null') return undefined;
  const host = url.hostname;
  // The URL parser keeps empty labels (`https://.a.example`, `https://a..example`); DNS
  // cannot resolve them, so no page is ever served from such an origin.
  if (host.startsWith('.') || host.includes('..')) return undefined;
  const scheme = url.protocol.slice(0, -1);
  return {
    scheme,
    host,
    port: url.port === '' ? undefined : Number(url.port),
    origin,
  };
}

/**
 * Serialises an origin (HTML "serialization of an origin"): `scheme://host[:port]`, the
 * port omitted when it is absent or the scheme's default. Expects the lower-case ASCII
 * parts {@link parseOrigin} produces.
 */
export function serializeOrigin(origin: {
  readonly scheme: string;
  readonly host: string;
  readonly port?: number | undefined;
}): string {
  const { scheme, host, port } = origin;
  return port === undefined || port === defaultPort(scheme)
    ? `${scheme}://${host}`
    : `${scheme}://${host}:${port}`;
}

/**
 * Whether a normalised host is loopback: `localhost` and `*.localhost` (RFC 6761 §6.3,
 * which browsers resolve to loopback themselves), `127.0.0.0/8`, and `[::1]`. Such origins
 * count as potentially trustworthy (W3C Secure Contexts §3.1) even over plain http.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '[::1]' ||
    (name.startsWith('127.') && isDottedQuad(name))
  );
}

function isDottedQuad(host: string): boolean {
  let parts = 0;
  let digits = 0;
  for (let i = 0; i <= host.length; i++) {
    const code = i === host.length ? 0x2e : host.charCodeAt(i);
    if (code === 0x2e) {
      if (digits === 0) return false;
      parts++;
      digits = 0;
    } else if (code >= 0x30 && code <= 0x39 && digits < 3) {
      digits++;
    } else {
      return false;
    }
  }
  return parts === 4;
}
