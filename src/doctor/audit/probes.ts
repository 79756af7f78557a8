/**
 * Which requests to send to one target: pure, from the target URL and the trusted
 * origins. Probe origins follow the ones the existing scanners send (Corsy, CORScanner,
 * nuclei `cors-misconfig`, CORStest; research §3), built from each base origin: the
 * trusted origins when given (the allowlist the server was meant to implement), else
 * the target's own origin. Attacker-side names use `evil.test` (RFC 2606 §2: `.test`
 * is reserved, never delegated, so a probe can never reach a real third party).
 */
import { parse as parseHost } from 'tldts';
import { registrableDomainOf } from '../../cookies/public-suffix.js';
import { type ParsedOrigin, parseOrigin } from '../../cors/index.js';
import type { AuditClassId, Probe } from './types.js';

/** The attacker's domain in derived probes. */
export const EVIL_DOMAIN = 'evil.test';
/** The unrelated origin of the reflection and preflight probes. */
export const EVIL_ORIGIN = `https://${EVIL_DOMAIN}`;
/** A header name no API uses, asked for in the preflight probe. */
export const PROBE_REQUEST_HEADER = 'x-corset-audit';
/** A non-safelisted method asked for in the preflight probe (nothing is executed). */
export const PROBE_METHOD = 'DELETE';
/** The header name the CR/LF probes try to inject into the response head. */
export const INJECTED_HEADER = 'x-corset-injected';

/**
 * Characters a lax server-side host parser stops at, tried right after the trusted host
 * (`https://app.example.com_.evil.test`): CORScanner's list without duplicates, plus the
 * percent-encoded backtick Corsy sends. Chrome and Firefox accept `_` in hosts; Safari
 * more of them (CORScanner README; nuclei template comments for `$` and `+`).
 */
export const SPECIAL_HOST_CHARACTERS: readonly string[] = [
  '_',
  '-',
  '+',
  '$',
  '!',
  '~',
  '=',
  '&',
  "'",
  '(',
  ')',
  '*',
  ',',
  ';',
  '`',
  '{',
  '}',
  '|',
  '^',
  '%60',
];

/** Origins where anyone can publish a page (CORScanner's third-party list, CORStest). */
export const THIRD_PARTY_ORIGINS: readonly string[] = [
  'https://corset-audit.github.io',
  'https://codepen.io',
  'https://cdpn.io',
  'https://jsfiddle.net',
  'https://fiddle.jshell.net',
  'http://jsbin.com',
];

/** The requests for one target, and the base origins they were derived from. */
export interface ProbePlan {
  readonly url: string;
  readonly bases: readonly ParsedOrigin[];
  readonly probes: readonly Probe[];
}

function portSuffix(base: ParsedOrigin): string {
  return base.port === undefined ? '' : `:${base.port}`;
}

interface Candidate {
  readonly class: AuditClassId | 'baseline';
  readonly origin: string | undefined;
}

/** Origin-class probes derived from one base origin. */
function derivedFrom(base: ParsedOrigin): Candidate[] {
  const s = base.scheme;
  const h = base.host;
  const p = portSuffix(base);
  const r = registrableDomainOf(h);
  const ip = parseHost(h).isIp === true || h.startsWith('[');
  const out: Candidate[] = [{ class: 'baseline', origin: base.origin }];
  const add = (cls: AuditClassId, host: string) =>
    out.push({ class: cls, origin: `${s}://${host}${p}` });

  add('prefix-match', `${h}.${EVIL_DOMAIN}`);
  // Only at the registrable domain: `evilapp.example.com` is a subdomain of example.com
  // that only its owner can create, so a suffix check on the full host is not exploitable
  // from outside (and it would be indistinguishable from trusting every subdomain).
  add('suffix-match', `evil${r ?? h}`);
  if (!ip) {
    // Containment checks (`trusted.includes(origin)`): a truncated host, and the
    // registrable domain minus its first letter as CORScanner sends it.
    add('substring-match', h.slice(0, -1));
    if (r !== undefined) add('substring-match', r.slice(1));
  }
  // One probe per dot (at most four), each replaced by a letter: catches any single
  // unescaped "." in a regular expression, not only the first or the last.
  const dots = [...h].flatMap((c, i) => (c === '.' ? [i] : [])).slice(0, 4);
  for (const i of dots) add('unescaped-dot', `${h.slice(0, i)}x${h.slice(i + 1)}`);
  for (const c of SPECIAL_HOST_CHARACTERS) add('special-characters', `${h}${c}.${EVIL_DOMAIN}`);
  if (!ip) {
    add('any-subdomain', `evil.${h}`);
    if (r !== undefined && r !== h) add('any-subdomain', `evil.${r}`);
  }
  if (s === 'https') out.push({ class: 'insecure-origin', origin: `http://${h}${p}` });
  return out;
}

/**
 * Plans the probes for `url` (an absolute http(s) URL) given the trusted origins
 * (already normalised; empty: derive from the target). Every class gets its probes: the
 * audit never stops at the first hit.
 */
export function planProbes(url: string, trustedOrigins: readonly string[]): ProbePlan {
  const target = parseOrigin(new URL(url).origin);
  const trusted = trustedOrigins.flatMap((o) => {
    const parsed = parseOrigin(o);
    return parsed === undefined ? [] : [parsed];
  });
  const bases = trusted.length > 0 ? trusted : target === undefined ? [] : [target];
  const firstBase = bases[0]?.origin ?? EVIL_ORIGIN;
  const candidates: Candidate[] = [
    { class: 'baseline', origin: undefined },
    { class: 'origin-reflected', origin: EVIL_ORIGIN },
    { class: 'null-origin', origin: 'null' },
    ...bases.flatMap(derivedFrom),
    ...THIRD_PARTY_ORIGINS.map((origin) => ({ class: 'third-party-origin' as const, origin })),
  ];

  const probes: Probe[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    const key = `${c.class} ${c.origin}`;
    if (seen.has(key)) continue;
    seen.add(key);
    probes.push({
      id: `${c.class}#${probes.length}`,
      class: c.class,
      method: 'GET',
      url,
      origin: c.origin,
      headers: {},
      raw: false,
    });
  }
  // The trusted origin followed by a bare CR, then by a bare LF, and an injected header:
  // a server that validates only the first line and reflects the whole value splits its
  // own response head (Kettle 2016, "server-side cache poisoning").
  for (const [name, control] of [
    ['cr', '\r'],
    ['lf', '\n'],
  ] as const) {
    probes.push({
      id: `crlf-reflected#${probes.length}`,
      class: 'crlf-reflected',
      method: 'GET',
      url,
      origin: `${firstBase}${control}${INJECTED_HEADER}: ${name}`,
      headers: {},
      raw: true,
    });
  }
  probes.push({
    id: `preflight-permissive#${probes.length}`,
    class: 'preflight-permissive',
    method: 'OPTIONS',
    url,
    origin: EVIL_ORIGIN,
    headers: {
      'access-control-request-method': PROBE_METHOD,
      'access-control-request-headers': PROBE_REQUEST_HEADER,
    },
    raw: false,
  });
  return { url, bases, probes };
}
