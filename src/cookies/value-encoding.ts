/**
 * How cookie definitions carry arbitrary strings in a cookie-value (RFC 6265bis §4.1.1:
 * servers SHOULD send only cookie-octets and SHOULD encode other data).
 *
 * Every character that is a cookie-octet, except "%", is sent as is; everything else,
 * and "%", is percent-encoded as UTF-8. So the values sessions use (a JWT, base64 or
 * base64url, hex, UUIDs) go out unchanged, and any string round-trips exactly.
 */

import { isCookieOctet } from './octets.js';

const HEX = '0123456789ABCDEF';

function percent(byte: number): string {
  return `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
}

// Single character classes under `*`: linear, no backtracking. Faster than a charCode
// loop for the common case (a whole JWT that needs no encoding).
/** Every character a cookie-octet other than "%": sent unchanged. */
const UNCHANGED = /^[!#$&-+\--:<-[\]-~]*$/;
/** Every character a cookie-octet (RFC 6265bis §4.1.1). */
const COOKIE_OCTETS_ONLY = /^[!#-+\--:<-[\]-~]*$/;

function needsEncoding(code: number): boolean {
  return code === 0x25 || !isCookieOctet(code);
}

/**
 * Encodes `value` for a cookie-value; `undefined` when it holds a lone surrogate, which
 * has no UTF-8 encoding (encoding it as U+FFFD would not round-trip).
 */
export function encodeCookieValue(value: string): string | undefined {
  if (UNCHANGED.test(value)) return value;
  let i = 0;
  while (!needsEncoding(value.charCodeAt(i))) i++;
  let out = value.slice(0, i);
  for (; i < value.length; i++) {
    let code = value.charCodeAt(i);
    if (!needsEncoding(code)) {
      out += value[i];
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return undefined;
      code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
      i++;
    }
    if (code < 0x80) out += percent(code);
    else if (code < 0x800) out += percent(0xc0 | (code >> 6)) + percent(0x80 | (code & 63));
    else if (code < 0x10000)
      out +=
        percent(0xe0 | (code >> 12)) +
        percent(0x80 | ((code >> 6) & 63)) +
        percent(0x80 | (code & 63));
    else
      out +=
        percent(0xf0 | (code >> 18)) +
        percent(0x80 | ((code >> 12) & 63)) +
        percent(0x80 | ((code >> 6) & 63)) +
        percent(0x80 | (code & 63));
  }
  return out;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reverses {@link encodeCookieValue}. Returns `undefined` for a value it cannot have
 * produced: a character outside cookie-octet, a malformed `%XX`, or bytes that are not
 * UTF-8. Never throws.
 */
export function decodeCookieValue(raw: string): string | undefined {
  if (!COOKIE_OCTETS_ONLY.test(raw)) return undefined;
  if (!raw.includes('%')) return raw;
  const bytes = new Uint8Array(raw.length);
  let length = 0;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code !== 0x25) {
      bytes[length++] = code;
      continue;
    }
    const high = hexValue(raw.charCodeAt(i + 1));
    const low = hexValue(raw.charCodeAt(i + 2));
    if (high === -1 || low === -1) return undefined;
    bytes[length++] = (high << 4) | low;
    i += 2;
  }
  try {
    return strictUtf8.decode(bytes.subarray(0, length));
  } catch {
    return undefined;
  }
}
