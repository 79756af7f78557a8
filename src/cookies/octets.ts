/**
 * Character classes and small string helpers for cookie syntax (RFC 6265bis §4.1.1, §5.6;
 * RFC 5234 Appendix B.1 for CTL and WSP; RFC 9110 §5.6.2 for token). Pure: the browser
 * model and web pages import this through the parser.
 *
 * Strings are JavaScript strings (UTF-16); where the spec counts octets we count the
 * octets of the string's UTF-8 encoding, which is what a user agent receives on the wire
 * for a UTF-8 header and equals the string length for ASCII.
 */

/**
 * True for the CTL characters that make a user agent ignore a whole `Set-Cookie` line:
 * %x00-08 / %x0A-1F / %x7F, i.e. every CTL except HTAB (RFC 6265bis §5.6 step 1).
 */
export function isForbiddenControl(code: number): boolean {
  return code <= 0x08 || (code >= 0x0a && code <= 0x1f) || code === 0x7f;
}

/** WSP = SP / HTAB (RFC 5234 Appendix B.1), the whitespace §5.6 step 4 trims. */
export function isWsp(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Removes leading and trailing WSP (SP and HTAB only, not other Unicode spaces). */
export function trimWsp(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isWsp(text.charCodeAt(start))) start++;
  while (end > start && isWsp(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * ASCII-only lower-casing. `String.prototype.toLowerCase` is Unicode-aware and maps e.g.
 * U+212A KELVIN SIGN to `k`, which would turn a non-ASCII Domain into an ASCII one; the
 * spec's "convert to lower case" (RFC 6265bis §5.6.3) is the i;ascii-casemap collation.
 */
export function asciiLowercase(text: string): string {
  let hasUpper = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x41 && code <= 0x5a) {
      hasUpper = true;
      break;
    }
  }
  if (!hasUpper) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 0x20) : text[i];
  }
  return out;
}

/** Case-insensitive ASCII comparison of `text` with a lower-case ASCII `lower`. */
export function equalsAsciiIgnoreCase(text: string, lower: string): boolean {
  if (text.length !== lower.length) return false;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    if (code !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Octets of the UTF-8 encoding of `text`, without allocating. A lone surrogate counts as
 * the 3 octets of U+FFFD, which is what an encoder would emit for it.
 */
export function utf8Length(text: string): number {
  let octets = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) octets += 1;
    else if (code < 0x800) octets += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        octets += 4;
        i++;
      } else octets += 3;
    } else octets += 3;
  }
  return octets;
}

/**
 * tchar of RFC 9110 §5.6.2; a cookie-name is a token (RFC 6265bis §4.1.1):
 * "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
 * / DIGIT / ALPHA.
 */
export function isTokenChar(code: number): boolean {
  if (code >= 0x30 && code <= 0x39) return true;
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return true;
  switch (code) {
    case 0x21:
    case 0x23:
    case 0x24:
    case 0x25:
    case 0x26:
    case 0x27:
    case 0x2a:
    case 0x2b:
    case 0x2d:
    case 0x2e:
    case 0x5e:
    case 0x5f:
    case 0x60:
    case 0x7c:
    case 0x7e:
      return true;
    default:
      return false;
  }
}

/** cookie-octet membership for US-ASCII, as a table: this runs per character per request. */
const COOKIE_OCTETS = (() => {
  const table = new Uint8Array(128);
  for (let code = 0x21; code <= 0x7e; code++) table[code] = 1;
  for (const excluded of [0x22, 0x2c, 0x3b, 0x5c]) table[excluded] = 0;
  return table;
})();

/**
 * cookie-octet of RFC 6265bis §4.1.1: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E, i.e.
 * visible US-ASCII except DQUOTE, comma, semicolon and backslash.
 */
export function isCookieOctet(code: number): boolean {
  return code < 128 && COOKIE_OCTETS[code] === 1;
}

/** av-octet of RFC 6265bis §4.1.1: any CHAR except CTLs or ";" (%x20-3A / %x3C-7E). */
export function isAttributeOctet(code: number): boolean {
  return (code >= 0x20 && code <= 0x3a) || (code >= 0x3c && code <= 0x7e);
}
