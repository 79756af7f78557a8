/**
 * Request-path recognition of a serialised origin, without regular expressions, URL
 * parsing or allocation. Browsers always send `Origin` in its serialised form (HTML
 * "serialization of an origin": lower-case scheme and host, punycode, no default port),
 * so the policy compares the header byte-for-byte with normalised config entries and only
 * needs to know where the host is. Anything not in that form cannot come from a browser
 * and is refused as malformed.
 */
import { MAX_ORIGIN_LENGTH } from './origin.js';

function isLowerAlpha(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Whether `code` may appear in a serialised domain label as the policy accepts it:
 * `a-z`, `0-9`, `-`, `_` (lower case only: browsers lower-case hosts).
 */
export function isHostCodeUnit(code: number): boolean {
  return isLowerAlpha(code) || isDigit(code) || code === 0x2d || code === 0x5f;
}

// The default port of the scheme `raw[0, separator)`, without slicing it out.
function defaultPortOf(raw: string, separator: number): number {
  switch (separator) {
    case 2:
      return raw.startsWith('ws') ? 80 : -1;
    case 3:
      if (raw.startsWith('wss')) return 443;
      return raw.startsWith('ftp') ? 21 : -1;
    case 4:
      return raw.startsWith('http') ? 80 : -1;
    case 5:
      return raw.startsWith('https') ? 443 : -1;
    default:
      return -1;
  }
}

/**
 * When `raw` is a serialised tuple origin (`scheme://host[:port]`, lower-case, no default
 * port, host made of `a-z 0-9 - _ .` with no empty label, or a bracketed IPv6 address),
 * returns the index where its host ends (the `:` before the port, or `raw.length`);
 * otherwise returns -1. The host starts right after the first `://`.
 */
export function serializedOriginHostEnd(raw: string): number {
  const length = raw.length;
  if (length > MAX_ORIGIN_LENGTH || length === 0 || !isLowerAlpha(raw.charCodeAt(0))) return -1;
  let i = 1;
  for (; i < length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 0x3a /* : */) break;
    if (!(isLowerAlpha(code) || isDigit(code) || code === 0x2b || code === 0x2d || code === 0x2e)) {
      return -1;
    }
  }
  const separator = i;
  if (raw.charCodeAt(separator + 1) !== 0x2f || raw.charCodeAt(separator + 2) !== 0x2f) return -1;
  const hostStart = separator + 3;
  let hostEnd = hostStart;
  if (raw.charCodeAt(hostStart) === 0x5b /* [ */) {
    hostEnd = hostStart + 1;
    for (; hostEnd < length; hostEnd++) {
      const code = raw.charCodeAt(hostEnd);
      if (code === 0x5d /* ] */) break;
      if (!(isDigit(code) || (code >= 0x61 && code <= 0x66) || code === 0x3a || code === 0x2e)) {
        return -1;
      }
    }
    if (hostEnd === length || hostEnd === hostStart + 1) return -1;
    hostEnd++;
  } else {
    let previous = 0x2e; // a leading dot is an empty label
    for (; hostEnd < length; hostEnd++) {
      const code = raw.charCodeAt(hostEnd);
      if (code === 0x3a) break;
      if (code === 0x2e) {
        if (previous === 0x2e) return -1;
      } else if (!isHostCodeUnit(code)) {
        return -1;
      }
      previous = code;
    }
    if (hostEnd === hostStart) return -1;
  }
  if (hostEnd === length) return hostEnd;
  if (raw.charCodeAt(hostEnd) !== 0x3a) return -1;
  // port: 1 to 5 digits, no leading zero, at most 65535, never the scheme's default
  const digits = length - hostEnd - 1;
  if (digits < 1 || digits > 5 || raw.charCodeAt(hostEnd + 1) === 0x30) return -1;
  let port = 0;
  for (let j = hostEnd + 1; j < length; j++) {
    const code = raw.charCodeAt(j);
    if (!isDigit(code)) return -1;
    port = port * 10 + (code - 0x30);
  }
  if (port > 65535 || port === defaultPortOf(raw, separator)) return -1;
  return hostEnd;
}
