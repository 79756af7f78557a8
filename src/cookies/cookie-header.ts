/**
 * The server side of the `Cookie` request header: a single-pass reader, linear in the
 * header, no regular expressions, never throws. Pure.
 *
 * A user agent sends `name=value` pairs joined by "; " (RFC 6265bis §4.2.1, §5.8.3), a
 * nameless cookie as just its value, and cookies of the same name in the order of
 * §5.8.3 step 2: longer Path first, then earlier creation. The reader is lenient the way
 * servers must be: pieces are split at ";", OWS (SP, HTAB) around names and values is
 * trimmed, a piece without "=" is a nameless cookie (name `""`), empty pieces are skipped.
 * Values are returned as sent: no percent-decoding, and DQUOTEs are kept because they
 * are part of the cookie-value (§4.1.1).
 */

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * Visits each cookie-pair of `header` in order, with trimmed name and value bounds; stops
 * when `visit` returns true. The position of the next "=" is remembered across pairs, so
 * a header with no "=" after many ";" is still scanned once (no quadratic rescans).
 */
function scanPairs(
  header: string,
  visit: (nameStart: number, nameEnd: number, valueStart: number, valueEnd: number) => boolean,
): void {
  const length = header.length;
  let equals = -2;
  let start = 0;
  while (start < length) {
    let end = header.indexOf(';', start);
    if (end === -1) end = length;
    if (equals !== -1 && equals < start) equals = header.indexOf('=', start);
    let nameStart = start;
    let nameEnd: number;
    let valueStart: number;
    if (equals === -1 || equals >= end) {
      nameEnd = start;
      valueStart = start;
    } else {
      nameEnd = equals;
      valueStart = equals + 1;
    }
    let valueEnd = end;
    while (nameStart < nameEnd && isOws(header.charCodeAt(nameStart))) nameStart++;
    while (nameEnd > nameStart && isOws(header.charCodeAt(nameEnd - 1))) nameEnd--;
    while (valueStart < valueEnd && isOws(header.charCodeAt(valueStart))) valueStart++;
    while (valueEnd > valueStart && isOws(header.charCodeAt(valueEnd - 1))) valueEnd--;
    const empty = nameStart === nameEnd && valueStart === valueEnd;
    if (!empty && visit(nameStart, nameEnd, valueStart, valueEnd)) return;
    start = end + 1;
  }
}

/**
 * Parses a `Cookie` header into a map from name to value. When a name repeats, the
 * FIRST occurrence wins: user agents put the most specific cookie (longest Path) first
 * (RFC 6265bis §5.8.3). A nameless cookie appears under the key `""`. Returns an empty
 * map for `undefined` or a non-string. The map holds at most one entry per pair, so its
 * size is bounded by the header's, which the HTTP server already caps (Node: 16 KiB of
 * headers by default); there is no count limit, because dropping pairs past a limit
 * would let a cookie-bombing sibling subdomain push the real session cookie out.
 */
export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (typeof header !== 'string') return cookies;
  scanPairs(header, (nameStart, nameEnd, valueStart, valueEnd) => {
    const name = header.slice(nameStart, nameEnd);
    if (!cookies.has(name)) cookies.set(name, header.slice(valueStart, valueEnd));
    return false;
  });
  return cookies;
}

/**
 * The value of the first cookie named `name` in a `Cookie` header, or `undefined`: the
 * per-request fast path (no map, one slice). Same rules as {@link parseCookieHeader}.
 */
export function getCookie(header: string | undefined, name: string): string | undefined {
  if (typeof header !== 'string' || typeof name !== 'string') return undefined;
  let found: string | undefined;
  scanPairs(header, (nameStart, nameEnd, valueStart, valueEnd) => {
    if (nameEnd - nameStart !== name.length || !header.startsWith(name, nameStart)) return false;
    found = header.slice(valueStart, valueEnd);
    return true;
  });
  return found;
}
