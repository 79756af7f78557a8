/**
 * The misconfiguration classes `corset audit` looks for: the union of what Corsy,
 * CORScanner, nuclei's `cors-misconfig` and CORStest probe (see
 * docs/research/cors-diagnosis-and-audit-tools.md §3), plus preflights, which none of
 * them send. Each class has a base severity; any finding whose evidence response also
 * carries `Access-Control-Allow-Credentials: true` is `high`, because the browser then
 * attaches the victim's cookies and lets the attacker's page read the answer (Fetch
 * "CORS check").
 */
import type { AuditClassId, Severity } from './types.js';

/** A class of CORS misconfiguration, as data. */
export interface AuditClass {
  readonly id: AuditClassId;
  readonly title: string;
  /** Severity without credentials. */
  readonly severity: Severity;
  /** Why it is exploitable (or broken), independent of the target. */
  readonly description: string;
  readonly fix: string;
}

const EXACT_FIX =
  'Compare the Origin header byte-for-byte against a list of the exact origins of your pages (scheme, host and port), e.g. corset createCorsPolicy({ origins: ["https://app.example.com"] }); never build the comparison from a regular expression, a prefix, a suffix or a substring.';

/** Every class, in report order. */
export const AUDIT_CLASSES: readonly AuditClass[] = [
  {
    id: 'origin-reflected',
    title: 'Arbitrary origin reflected',
    severity: 'medium',
    description:
      'The API copies any Origin into Access-Control-Allow-Origin, so every web page can read its responses.',
    fix: EXACT_FIX,
  },
  {
    id: 'null-origin',
    title: '"null" origin accepted',
    severity: 'medium',
    description:
      'Access-Control-Allow-Origin: null lets any page read the response from a sandboxed iframe (srcdoc or data: URL), whose origin serialises as "null" (HTML §7.1.1 opaque origins).',
    fix: 'Remove "null" from the allowed origins: an opaque origin cannot be attributed to anyone.',
  },
  {
    id: 'prefix-match',
    title: 'Origin accepted by prefix',
    severity: 'medium',
    description:
      'An origin that merely starts with a trusted one (https://app.example.com.evil.test) is accepted; anyone can register such a host.',
    fix: EXACT_FIX,
  },
  {
    id: 'suffix-match',
    title: 'Origin accepted by suffix',
    severity: 'medium',
    description:
      'An origin that merely ends with a trusted domain (https://evilexample.com) is accepted; anyone can register such a domain.',
    fix: EXACT_FIX,
  },
  {
    id: 'substring-match',
    title: 'Origin accepted by substring',
    severity: 'medium',
    description:
      'A part of a trusted origin (https://xample.com, https://app.example.co) is accepted: the check tests containment instead of equality.',
    fix: EXACT_FIX,
  },
  {
    id: 'unescaped-dot',
    title: 'Unescaped dot in an origin pattern',
    severity: 'medium',
    description:
      'A host with a dot replaced by another letter (https://appxexample.com) is accepted: a regular expression uses "." where it meant "\\.", and the look-alike domain can be registered.',
    fix: `${EXACT_FIX} If a pattern is unavoidable, escape every dot and anchor both ends.`,
  },
  {
    id: 'special-characters',
    title: 'Special characters in the host fool the origin check',
    severity: 'medium',
    description:
      'A host such as https://app.example.com_.evil.test is accepted: the server stops reading the host at a character that browsers allow in host names ("_" in Chrome and Firefox, more in Safari), so it sees the trusted host while the page is the attacker\'s.',
    fix: 'Parse the Origin with a WHATWG URL parser (new URL) and compare the serialised origin exactly, e.g. with corset createCorsPolicy.',
  },
  {
    id: 'any-subdomain',
    title: 'Any subdomain trusted',
    severity: 'low',
    description:
      'Every subdomain is trusted, so one XSS or one dangling DNS record (subdomain takeover) on any of them gives its attacker the API.',
    fix: 'List the exact origins of the pages that call the API instead of every subdomain; keep a pattern (corset "https://*.example.com") only for subdomains you all control and serve over HTTPS.',
  },
  {
    id: 'insecure-origin',
    title: 'http:// origin trusted',
    severity: 'low',
    description:
      'The http:// twin of an HTTPS origin is trusted: a network attacker who injects a script into that plain-HTTP page reads the API.',
    fix: 'Trust https:// origins only (corset refuses non-loopback http origins with credentials unless allowInsecureOrigins is set), and send HSTS on the page.',
  },
  {
    id: 'third-party-origin',
    title: 'Third-party sandbox origin trusted',
    severity: 'medium',
    description:
      'An origin where anyone can publish pages (github.io, codepen, jsfiddle) is trusted, so anyone can read the API from there.',
    fix: 'Remove the shared hosting origins (left from development) from the allowed origins.',
  },
  {
    id: 'wildcard',
    title: 'Access-Control-Allow-Origin: *',
    severity: 'low',
    description:
      'Any page may read the response without credentials. Harmless for public data, a leak for APIs reachable only from an intranet or a VPN.',
    fix: 'Keep "*" only for public, unauthenticated data; otherwise list the exact origins, and never pair "*" with Access-Control-Allow-Credentials.',
  },
  {
    id: 'invalid-allow-origin',
    title: 'Invalid Access-Control-Allow-Origin value',
    severity: 'low',
    description:
      'The header holds something browsers never accept (several origins, a comma list, a partial wildcard such as https://*.example.com, a path): the API is broken for every page, and the server is trying to express a pattern it cannot.',
    fix: "Send exactly one origin, the request's Origin when it is on your list (and Vary: Origin), e.g. with corset createCorsPolicy.",
  },
  {
    id: 'missing-vary-origin',
    title: 'Access-Control-Allow-Origin varies without Vary: Origin',
    severity: 'medium',
    description:
      'The value of Access-Control-Allow-Origin depends on the request\'s Origin but the response does not say Vary: Origin, so a shared or browser cache can serve one origin\'s answer to another (cache poisoning, or CORS failures for legitimate pages) (RFC 9111 §4.1, Fetch §3.2 "CORS protocol and HTTP caches").',
    fix: 'Add Vary: Origin to every response whose CORS headers depend on Origin, including those that omit them (corset does this on every response).',
  },
  {
    id: 'crlf-reflected',
    title: 'CR/LF from the Origin reflected into the response head',
    severity: 'high',
    description:
      'A carriage return or line feed sent in Origin comes back as a line break in the response head: header injection, usable to poison caches or change Content-Type.',
    fix: "Never copy raw request bytes into a response header: reject an Origin that is not a valid serialised origin before reflecting it (corset parseOrigin), and keep the HTTP server's strict header parsing.",
  },
  {
    id: 'preflight-permissive',
    title: 'Preflight granted to an untrusted origin',
    severity: 'medium',
    description:
      "An untrusted origin's preflight is answered with its origin and the method or header it asked for, so that origin may send state-changing requests (PUT, DELETE, JSON bodies, custom headers) with the browser's blessing.",
    fix: 'Answer preflights with the same origin allowlist as other requests and grant only the methods and headers the API uses (corset answers refused preflights 403 without CORS headers).',
  },
];

const BY_ID = new Map(AUDIT_CLASSES.map((c) => [c.id, c]));

/** The class with identifier `id`. */
export function auditClass(id: AuditClassId): AuditClass {
  const found = BY_ID.get(id);
  // Every AuditClassId is in AUDIT_CLASSES (a test checks it), so this cannot happen.
  if (found === undefined) throw new Error(`unknown audit class ${id}`);
  return found;
}

/** The severity of a finding of class `id`: high whenever credentials come with it. */
export function severityFor(id: AuditClassId, credentials: boolean): Severity {
  return credentials ? 'high' : auditClass(id).severity;
}
