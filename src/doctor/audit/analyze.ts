/**
 * From the responses to a target's probes to findings: pure. A browser lets a page on
 * origin O read a response when `Access-Control-Allow-Origin` is exactly O (or `*`
 * without credentials), and attaches cookies when `Access-Control-Allow-Credentials` is
 * exactly `true` (Fetch "CORS check"): the analysis applies those same byte-exact
 * comparisons to what the server answered each probe.
 */
import { parseOrigin } from '../../cors/index.js';
import { AUDIT_CLASSES, auditClass, severityFor } from './classes.js';
import {
  EVIL_DOMAIN,
  INJECTED_HEADER,
  PROBE_METHOD,
  PROBE_REQUEST_HEADER,
  type ProbePlan,
} from './probes.js';
import {
  type AuditClassId,
  type Finding,
  type Observation,
  type ObservedResponse,
  type Probe,
  SEVERITIES,
} from './types.js';

interface Answered {
  readonly probe: Probe;
  readonly response: ObservedResponse;
}

/** Every value of a header (lower-case `name`), one per header line. */
export function headerValues(response: ObservedResponse, name: string): string[] {
  return response.headers.filter(([n]) => n === name).map(([, v]) => v);
}

/** The single `Access-Control-Allow-Origin`, or undefined when absent or repeated. */
function allowOrigin(response: ObservedResponse): string | undefined {
  const values = headerValues(response, 'access-control-allow-origin');
  return values.length === 1 ? values[0] : undefined;
}

/** Fetch §3.2.3: credentials pass only when the header value is exactly `true`. */
export function allowsCredentials(response: ObservedResponse): boolean {
  const values = headerValues(response, 'access-control-allow-credentials');
  return values.length === 1 && values[0] === 'true';
}

/** Whether a browser page on `origin` could read this response. */
function grants(response: ObservedResponse, origin: string): boolean {
  return allowOrigin(response) === origin;
}

/**
 * Whether a comma-separated header list holds `token`. Fetch "CORS-preflight fetch":
 * methods compare byte-for-byte, header names case-insensitively, and `*` is a wildcard
 * only for requests without credentials.
 */
function listHas(
  value: string,
  token: string,
  options: { readonly caseSensitive: boolean; readonly wildcard: boolean },
): boolean {
  const wanted = options.caseSensitive ? token : token.toLowerCase();
  return value
    .split(',')
    .map((t) => (options.caseSensitive ? t.trim() : t.trim().toLowerCase()))
    .some((t) => t === wanted || (options.wildcard && t === '*'));
}

/** The CORS-relevant part of a response head, for a finding's evidence. */
function evidenceOf(response: ObservedResponse): Finding['evidence'] {
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) {
    if (!name.startsWith('access-control-') && name !== 'vary' && name !== INJECTED_HEADER)
      continue;
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { status: response.status, headers };
}

/** What `Access-Control-Allow-Credentials: true` adds to a finding of class `cls`. */
function credentialsNote(cls: AuditClassId): string {
  // Fetch "CORS check": with credentials, "*" and a non-matching or invalid value fail the CORS
  // check, so for these two the pair is a broken intent, not a readable response.
  if (cls === 'wildcard' || cls === 'invalid-allow-origin') {
    return 'It also says Access-Control-Allow-Credentials: true: browsers refuse that pair (Fetch §3.2.5), so the server means credentialed access, and the usual "fix" (reflecting Origin) would expose every user.';
  }
  if (cls === 'preflight-permissive') {
    return "The answer also allows credentials, so the attacker's page sends those requests with the victim's cookies.";
  }
  return "The response also allows credentials, so the victim's cookies go along and the attacker reads authenticated data.";
}

function finding(
  cls: AuditClassId,
  url: string,
  answered: Answered,
  message: string,
  alsoAccepted: readonly string[] = [],
): Finding {
  const credentials = allowsCredentials(answered.response);
  const c = auditClass(cls);
  return {
    class: cls,
    title: c.title,
    severity: severityFor(cls, credentials),
    credentials,
    url,
    probe: {
      method: answered.probe.method,
      origin: answered.probe.origin ?? null,
      headers: answered.probe.headers,
    },
    evidence: evidenceOf(answered.response),
    message: credentials ? `${message} ${credentialsNote(cls)}` : message,
    fix: c.fix,
    alsoAccepted,
  };
}

/** The credentialed answer first: a finding shows the worst evidence it has. */
function worstFirst(list: readonly Answered[]): Answered[] {
  return [...list].sort(
    (a, b) => Number(allowsCredentials(b.response)) - Number(allowsCredentials(a.response)),
  );
}

function hostOf(origin: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^:/]*)/i.exec(origin);
  return match?.[1] ?? '';
}

/** The classes whose acceptance is granted by an origin check, broadest first. */
const ORIGIN_CLASSES: readonly AuditClassId[] = [
  'origin-reflected',
  'prefix-match',
  'suffix-match',
  'null-origin',
  'substring-match',
  'unescaped-dot',
  'special-characters',
  'any-subdomain',
  'insecure-origin',
  'third-party-origin',
];

/** What the broad findings so far prove the server accepts. */
interface Proven {
  reflected: boolean;
  /** `scheme://host` strings any origin may start with (from accepted prefix probes). */
  readonly prefixes: string[];
  /** Host endings any origin's host may have (from accepted suffix probes). */
  readonly suffixes: string[];
}

/**
 * A broad flaw accepts the probes of narrower classes too (a reflecting server accepts
 * every probe; a prefix check accepts `https://app.example.com_.evil.test`; a suffix
 * check accepts `https://evil.example.com`). Such probes are folded into the broad
 * finding instead of being reported as separate flaws. Returns the broad class that
 * explains `origin`, if one does.
 */
function explainedBy(origin: string, proven: Proven): AuditClassId | undefined {
  if (proven.reflected) return 'origin-reflected';
  if (proven.prefixes.some((p) => origin.startsWith(p))) return 'prefix-match';
  const host = hostOf(origin);
  if (proven.suffixes.some((s) => host.endsWith(s))) return 'suffix-match';
  return undefined;
}

/** Records what an accepted probe of a broad class proves (see probes.ts for their shape). */
function prove(proven: Proven, cls: AuditClassId, origin: string): void {
  if (cls === 'origin-reflected') proven.reflected = true;
  const host = hostOf(origin);
  const scheme = origin.slice(0, origin.indexOf('://') + 3);
  if (cls === 'prefix-match' && host.endsWith(`.${EVIL_DOMAIN}`))
    proven.prefixes.push(scheme + host.slice(0, -EVIL_DOMAIN.length - 1));
  if (cls === 'suffix-match' && host.startsWith('evil')) proven.suffixes.push(host.slice(4));
}

function originFindings(url: string, answered: readonly Answered[]): Finding[] {
  const accepted = new Map<AuditClassId, Answered[]>();
  for (const a of answered) {
    const cls = a.probe.class;
    if (cls === 'baseline' || a.probe.method !== 'GET' || a.probe.origin === undefined) continue;
    if (!ORIGIN_CLASSES.includes(cls) || !grants(a.response, a.probe.origin)) continue;
    accepted.set(cls, [...(accepted.get(cls) ?? []), a]);
  }
  const proven: Proven = { reflected: false, prefixes: [], suffixes: [] };
  const lead = new Map<AuditClassId, Answered[]>();
  const folded = new Map<AuditClassId, string[]>();
  // Broad classes first, so that narrower ones can be folded into them.
  for (const cls of ORIGIN_CLASSES) {
    const own: Answered[] = [];
    for (const a of accepted.get(cls) ?? []) {
      const origin = a.probe.origin ?? '';
      const by = explainedBy(origin, proven);
      if (by === undefined) own.push(a);
      else folded.set(by, [...(folded.get(by) ?? []), origin]);
    }
    for (const a of own) prove(proven, cls, a.probe.origin ?? '');
    if (own.length > 0) lead.set(cls, own);
  }
  return ORIGIN_CLASSES.flatMap((cls) => {
    const own = lead.get(cls);
    if (own === undefined) return [];
    const [first, ...rest] = worstFirst(own);
    if (first === undefined) return [];
    const origin = first.probe.origin ?? '';
    const also = [...rest.map((a) => a.probe.origin ?? ''), ...(folded.get(cls) ?? [])];
    return [
      finding(
        cls,
        url,
        first,
        `Origin ${JSON.stringify(origin)} is granted: ${auditClass(cls).description}`,
        also,
      ),
    ];
  });
}

/**
 * Why the ACAO of a response can never match a browser's Origin, if it cannot. A value
 * equal to the request's own Origin is a reflection, judged by the origin classes.
 */
function invalidReason(a: Answered): string | undefined {
  const values = headerValues(a.response, 'access-control-allow-origin');
  if (values.length > 1) return `${values.length} Access-Control-Allow-Origin headers`;
  const value = values[0];
  if (value === undefined || value === '*' || value === 'null') return undefined;
  if (value === a.probe.origin) return undefined;
  if (value.includes(',')) return 'a comma-separated list of origins';
  if (value.includes('*')) return 'a partial wildcard';
  const parsed = parseOrigin(value);
  if (parsed === undefined) return 'not a serialised origin';
  if (parsed.origin !== value) return `not in serialised form (browsers send ${parsed.origin})`;
  return undefined;
}

function headerFindings(url: string, answered: readonly Answered[]): Finding[] {
  const out: Finding[] = [];
  const plain = answered.filter((a) => !a.probe.raw);

  const wildcard = worstFirst(plain.filter((a) => allowOrigin(a.response) === '*'))[0];
  if (wildcard !== undefined) {
    out.push(
      finding(
        'wildcard',
        url,
        wildcard,
        `Access-Control-Allow-Origin is "*" (${wildcard.probe.method} request). ${auditClass('wildcard').description}`,
      ),
    );
  }

  const invalid = worstFirst(plain.filter((a) => invalidReason(a) !== undefined))[0];
  if (invalid !== undefined) {
    const why = invalidReason(invalid);
    out.push(
      finding(
        'invalid-allow-origin',
        url,
        invalid,
        `Access-Control-Allow-Origin is ${why}, which no browser accepts (Fetch §3.2.3: one origin, "*" or "null").`,
      ),
    );
  }

  // RFC 9111 §4.1: a cache may reuse a stored response only for requests whose headers
  // named in its Vary match. If ACAO changes with Origin, every response carrying one
  // must name Origin (or "*") in Vary.
  const gets = plain.filter((a) => a.probe.method === 'GET');
  const variants = new Set(gets.map((a) => allowOrigin(a.response) ?? ''));
  if (variants.size > 1) {
    const unvaried = gets.filter((a) => {
      const acao = allowOrigin(a.response);
      if (acao === undefined || acao === '*') return false;
      return !headerValues(a.response, 'vary').some((v) =>
        listHas(v, 'origin', { caseSensitive: false, wildcard: true }),
      );
    });
    const first = worstFirst(unvaried)[0];
    if (first !== undefined) {
      out.push(
        finding(
          'missing-vary-origin',
          url,
          first,
          `Access-Control-Allow-Origin takes ${variants.size} different values depending on Origin, and the response with ${JSON.stringify(allowOrigin(first.response))} has no Vary: Origin.`,
        ),
      );
    }
  }
  return out;
}

function crlfFindings(url: string, answered: readonly Answered[]): Finding[] {
  const hits = answered.filter(
    (a) =>
      a.probe.raw &&
      a.response.headers.some(
        ([name, value]) => name === INJECTED_HEADER || /[\r\n]/.test(value) || /[\r\n]/.test(name),
      ),
  );
  const first = worstFirst(hits)[0];
  if (first === undefined) return [];
  return [
    finding(
      'crlf-reflected',
      url,
      first,
      `The Origin ${JSON.stringify(first.probe.origin)} came back with its control character in the response head. ${auditClass('crlf-reflected').description}`,
      hits.slice(1).map((a) => a.probe.origin ?? ''),
    ),
  ];
}

/** Fetch "CORS-safelisted method": never needs a preflight, so granting it grants nothing. */
const SAFELISTED_METHODS = new Set(['GET', 'HEAD', 'POST']);

function tokens(values: readonly string[]): string[] {
  return values
    .join(',')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/**
 * What a preflight answer lets the page do beyond a simple request: the non-safelisted
 * methods (compared byte-for-byte) and the request headers it grants. Fetch
 * "CORS-preflight fetch": `*` means any method or header only without credentials.
 */
function preflightGrants(r: ObservedResponse): string[] {
  const wildcard = !allowsCredentials(r);
  const granted: string[] = [];
  for (const m of tokens(headerValues(r, 'access-control-allow-methods'))) {
    if (m === '*' && wildcard) granted.push('any method');
    else if (m !== '*' && !SAFELISTED_METHODS.has(m)) granted.push(m);
  }
  for (const h of tokens(headerValues(r, 'access-control-allow-headers'))) {
    if (h === '*' && wildcard) granted.push('any header');
    else if (h !== '*') granted.push(`header ${h.toLowerCase()}`);
  }
  return granted;
}

function preflightFindings(url: string, answered: readonly Answered[]): Finding[] {
  const hits = answered.filter((a) => {
    if (a.probe.class !== 'preflight-permissive' || a.probe.origin === undefined) return false;
    const r = a.response;
    if (r.status < 200 || r.status > 299 || !grants(r, a.probe.origin)) return false;
    return preflightGrants(r).length > 0;
  });
  const first = worstFirst(hits)[0];
  if (first === undefined) return [];
  return [
    finding(
      'preflight-permissive',
      url,
      first,
      `A preflight from ${JSON.stringify(first.probe.origin)} (asking for ${PROBE_METHOD} and the header ${PROBE_REQUEST_HEADER}) was answered ${first.response.status}, granting that origin ${preflightGrants(first.response).join(', ')}.`,
    ),
  ];
}

/**
 * The findings for one target: every class is evaluated on every response (no stop at
 * the first hit). Probes without a response are ignored here (the caller lists them).
 */
export function analyze(plan: ProbePlan, observations: readonly Observation[]): Finding[] {
  const answered = observations.flatMap((o) => ('response' in o ? [o] : []));
  const findings = [
    ...originFindings(plan.url, answered),
    ...headerFindings(plan.url, answered),
    ...crlfFindings(plan.url, answered),
    ...preflightFindings(plan.url, answered),
  ];
  return findings.sort((a, b) => rank(a) - rank(b));
}

/** Report order: worst severity first, then the catalogue order. */
function rank(f: Finding): number {
  return (
    SEVERITIES.indexOf(f.severity) * AUDIT_CLASSES.length +
    AUDIT_CLASSES.findIndex((c) => c.id === f.class)
  );
}
