/**
 * Path attribute checks (RFC 6265bis §4.1.1 av-octet, §5.1.4 path-match, §5.6.4).
 */

import { MAX_ATTRIBUTE_VALUE_OCTETS } from './limits.js';
import { isAttributeOctet } from './octets.js';
import type { Report } from './spec-report.js';

/** The path a browser would request for `path` (appended, not resolved: "//x" is no host). */
function requestPathOf(path: string): string | undefined {
  try {
    return new URL(`http://host.invalid${path}`).pathname;
  } catch {
    return undefined;
  }
}

/** Checks `path` (default `/`); returns the Path to use. */
export function checkPath(path: unknown, report: Report): string {
  if (path === undefined) return '/';
  if (typeof path !== 'string' || path.charCodeAt(0) !== 0x2f) {
    report(
      'error',
      'cookie/path-invalid',
      'path',
      path,
      'a Path that does not start with "/" is replaced by the directory of the request that sets the cookie (RFC 6265bis §5.6.4), so the cookie would depend on which URL happened to set it.',
      "write an absolute path such as `path: '/'` or `path: '/auth/refresh'`.",
    );
    return '/';
  }
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    // av-octet (§4.1.1) minus non-ASCII, which the normalisation below encodes exactly.
    if (code >= 0x80 || isAttributeOctet(code)) continue;
    report(
      'error',
      'cookie/path-invalid',
      'path',
      path,
      `character ${JSON.stringify(path[i])} at index ${i} cannot be in a Path: ";" would end the attribute and a control character makes user agents drop the whole cookie (RFC 6265bis §4.1.1 av-octet, §5.6 step 1).`,
      'remove it, or percent-encode it as it appears in request URLs.',
    );
    return '/';
  }
  // Cookie paths are compared with request paths (§5.1.4), which browsers send
  // normalised: dot segments resolved, spaces, quotes, braces and backquotes
  // percent-encoded, "?" and "#" never present. A Path that differs from its normalised
  // form never matches a request. (Trailing SP would also be trimmed by §5.6 step 5.)
  const normalised = requestPathOf(path);
  if (normalised !== path) {
    report(
      'error',
      'cookie/path-invalid',
      'path',
      path,
      `browsers request this path as \`${normalised ?? '(not a URL path)'}\` (normalised and percent-encoded), so a cookie with Path \`${path}\` would never be sent (RFC 6265bis §5.1.4 path-match).`,
      normalised === undefined ? 'write a URL path.' : `write \`path: '${normalised}'\`.`,
    );
    return '/';
  }
  if (path.length > MAX_ATTRIBUTE_VALUE_OCTETS) {
    report(
      'error',
      'cookie/path-too-long',
      'path',
      `${path.slice(0, 32)}…`,
      `the Path is ${path.length} octets; user agents ignore an attribute over ${MAX_ATTRIBUTE_VALUE_OCTETS} octets (RFC 6265bis §5.6), and the cookie would get the default path instead.`,
      'use a shorter path.',
    );
  }
  return path;
}
