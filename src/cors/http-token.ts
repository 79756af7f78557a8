/**
 * RFC 9110 §5.6.2 `token` recognition without regular expressions: a 128-entry table
 * consulted per character, so a check is one pass with no allocation.
 */

// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
//       / DIGIT / ALPHA
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~") TCHAR[c.charCodeAt(0)] = 1;
for (let c = 0x30; c <= 0x39; c++) TCHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TCHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TCHAR[c] = 1;

/** Whether the UTF-16 code unit `code` is an RFC 9110 `tchar`. */
export function isTokenChar(code: number): boolean {
  return code < 128 && TCHAR[code] === 1;
}

/** Whether `value[start, end)` is a non-empty RFC 9110 token. */
export function isTokenRange(value: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    if (!isTokenChar(value.charCodeAt(i))) return false;
  }
  return true;
}

/** Whether `value` is a non-empty RFC 9110 token (methods and header names are tokens). */
export function isToken(value: string): boolean {
  return isTokenRange(value, 0, value.length);
}
