/**
 * Host canonicalisation and domain matching (RFC 6265bis §5.1.2, §5.1.3). Pure apart from
 * the WHATWG `URL` parser, which browsers and Node both provide.
 */

/**
 * Canonicalises a host as a URL parser does (RFC 6265bis §5.1.2: lower case, IDNA
 * A-labels; also IPv4 shorthands such as `127.1`). Accepts a bare IPv6 address or a
 * `host:port`; returns IPv6 in brackets, `undefined` when it is not a host.
 */
export function canonicalHost(host: string): string | undefined {
  if (typeof host !== 'string' || host.length === 0) return undefined;
  const colons = host.split(':').length - 1;
  const bracketed = colons > 1 && !host.startsWith('[') ? `[${host}]` : host;
  try {
    const url = new URL(`http://${bracketed}/`);
    const { hostname } = url;
    if (url.username !== '' || url.password !== '' || url.pathname !== '/') return undefined;
    if (url.search !== '' || url.hash !== '' || hostname === '') return undefined;
    return isIpHost(hostname) || isHostName(hostname) ? hostname : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A host name as cookies need it: dot-separated labels of 1-63 lower-case letters, digits,
 * "-" or "_" (RFC 1034 §3.5 as relaxed by RFC 1123 §2.1; "_" occurs in real internal
 * names), at most 253 octets. The URL parser lets through "*", ";", "=" and other
 * characters that would break a `Set-Cookie` line.
 */
export function isHostName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  let labelLength = 0;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code === 0x2e) {
      if (labelLength === 0) return false;
      labelLength = 0;
      continue;
    }
    const ok =
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x30 && code <= 0x39) ||
      code === 0x2d ||
      code === 0x5f;
    if (!ok || ++labelLength > 63) return false;
  }
  return labelLength > 0;
}

/** True for a canonical IPv4 address or a bracketed IPv6 one (see {@link canonicalHost}). */
export function isIpHost(canonical: string): boolean {
  if (canonical.startsWith('[')) return true;
  const parts = canonical.split('.');
  return parts.length === 4 && parts.every((p) => p.length > 0 && p.length <= 3 && /^\d+$/.test(p));
}

/**
 * Domain-match (RFC 6265bis §5.1.3): `host` equals `domain`, or ends with `.` + `domain`
 * and is a host name, not an IP address. Both must be canonical.
 */
export function domainMatches(host: string, domain: string): boolean {
  if (host === domain) return true;
  if (isIpHost(host) || domain.length === 0) return false;
  return host.endsWith(domain) && host.charCodeAt(host.length - domain.length - 1) === 0x2e;
}
