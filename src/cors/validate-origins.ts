/**
 * Validation and normalisation of `CorsConfig.origins`: each entry becomes an exact
 * serialised origin, a subdomain pattern, or the uncredentialed `*`, or one problem that
 * says what is wrong and what to write instead.
 */
import { parse as parseDomain } from 'tldts';
import type { ConfigProblem } from '../internal/problems.js';
import { corsProblem } from './cors-problem.js';
import { isLoopbackHost, parseOrigin } from './origin.js';
import { serializedOriginHostEnd } from './origin-scan.js';
import { CORS_PROBLEM } from './problem-codes.js';

/** A subdomain pattern `scheme://*.parent[:port]`, taken apart for the matcher. */
export interface OriginPattern {
  readonly scheme: string;
  /** `.parent[:port]`: what a matching origin ends with, e.g. `.example.com:8443`. */
  readonly tail: string;
}

/** The normalised allowlist. */
export interface NormalisedOrigins {
  /** `*` was listed (only accepted without credentials): every origin gets `ACAO: *`. */
  readonly any: boolean;
  readonly exact: readonly string[];
  readonly patterns: readonly OriginPattern[];
}

interface OriginOptions {
  readonly credentials: boolean;
  readonly allowInsecureOrigins: boolean;
}

const WEB_SCHEMES: ReadonlySet<string> = new Set(['http', 'https']);

// A label that stands in for `*` so the URL parser can normalise the rest of a pattern.
const PROBE_LABEL = 'x';

function firstIndexOf(value: string, from: number, chars: string): number {
  for (let i = from; i < value.length; i++) {
    if (chars.includes(value.charAt(i))) return i;
  }
  return -1;
}

/**
 * Validates the `origins` entries. Returns the normalised allowlist and pushes every
 * problem found onto `problems`.
 */
export function validateOrigins(
  origins: readonly unknown[],
  options: OriginOptions,
  problems: ConfigProblem[],
): NormalisedOrigins {
  let any = false;
  const exact: string[] = [];
  const patterns: OriginPattern[] = [];
  const seen = new Set<string>();
  origins.forEach((entry, index) => {
    const field = `origins[${index}]`;
    const result = validateOne(entry, field, options, problems);
    if (result === undefined) return;
    if (seen.has(result.key)) {
      problems.push(
        corsProblem(
          CORS_PROBLEM.duplicate,
          field,
          entry,
          `It normalises to ${result.key}, which an earlier entry already allows.`,
          'Remove the duplicate.',
        ),
      );
      return;
    }
    seen.add(result.key);
    if (result.kind === 'any') any = true;
    else if (result.kind === 'exact') exact.push(result.key);
    else patterns.push(result.pattern);
  });
  return { any, exact, patterns };
}

type Validated =
  | { readonly kind: 'any'; readonly key: '*' }
  | { readonly kind: 'exact'; readonly key: string }
  | { readonly kind: 'pattern'; readonly key: string; readonly pattern: OriginPattern };

function validateOne(
  entry: unknown,
  field: string,
  options: OriginOptions,
  problems: ConfigProblem[],
): Validated | undefined {
  const fail = (code: Parameters<typeof corsProblem>[0], message: string, fix: string) => {
    problems.push(corsProblem(code, field, entry, message, fix));
    return undefined;
  };
  if (typeof entry !== 'string') {
    return fail(
      CORS_PROBLEM.invalidType,
      `An origin must be a string, not ${entry === null ? 'null' : typeof entry}.`,
      "Write the origin as a string, e.g. 'https://app.example.com'.",
    );
  }
  if (entry === '*') {
    if (options.credentials) {
      return fail(
        CORS_PROBLEM.wildcardWithCredentials,
        `With credentials, browsers reject \`Access-Control-Allow-Origin: *\` (Fetch "CORS check"), and answering every origin with its own name instead would let any website read your users' data.`,
        "List the origins that may call the API (e.g. 'https://app.example.com', 'https://*.example.com'), or set credentials: false for a public, cookie-less API.",
      );
    }
    return { kind: 'any', key: '*' };
  }
  const trimmed = entry.trim();
  if (trimmed.toLowerCase() === 'null') {
    return fail(
      CORS_PROBLEM.nullOrigin,
      'The opaque origin `null` is what sandboxed iframes, file: pages, data: URLs and cross-origin redirects send; allowing it allows all of them, from any site.',
      'Remove it; serve the calling page from a real http(s) origin and list that origin.',
    );
  }
  if (trimmed !== entry) {
    return fail(
      CORS_PROBLEM.originInvalid,
      'The origin has leading or trailing whitespace, so it can never equal an Origin header.',
      `Write '${trimmed}'.`,
    );
  }
  const separator = entry.indexOf('://');
  if (separator <= 0) {
    const bare = entry.startsWith('//') ? entry.slice(2) : entry;
    if (bare.includes('*')) {
      return fail(
        CORS_PROBLEM.originWildcardMisplaced,
        'A subdomain pattern needs its scheme: an Origin header always starts with one, and http and https are different origins.',
        `Write 'https://${bare}'.`,
      );
    }
    return fail(
      CORS_PROBLEM.originMissingScheme,
      'An origin starts with its scheme (an Origin header is `scheme://host[:port]`), so this entry can never match.',
      `Write 'https://${bare}' (or 'http://${bare}' for a plain-http development server).`,
    );
  }
  const scheme = entry.slice(0, separator).toLowerCase();
  if (!WEB_SCHEMES.has(scheme)) {
    return fail(
      CORS_PROBLEM.originUnsupportedScheme,
      `Scheme \`${scheme}\` has no web origin a CORS policy can name: browsers send \`Origin: null\` for file:, data: and similar pages, and the policy only allows http and https origins.`,
      'Serve the calling page over https (or http on loopback during development) and list that origin.',
    );
  }
  const authorityStart = separator + 3;
  const end = firstIndexOf(entry, authorityStart, '/\\?#');
  const authority = end === -1 ? entry.slice(authorityStart) : entry.slice(authorityStart, end);
  const at = authority.lastIndexOf('@');
  const hostPort = at === -1 ? authority : authority.slice(at + 1);
  const bareOrigin = `${scheme}://${hostPort}`;
  const suggestion = parseOrigin(bareOrigin)?.origin ?? bareOrigin;
  if (at !== -1) {
    return fail(
      CORS_PROBLEM.originHasUserinfo,
      'An origin has no user name or password: browsers never put credentials in the Origin header, so this entry can never match.',
      `Write '${suggestion}'.`,
    );
  }
  if (end !== -1) {
    const delimiter = entry.charAt(end);
    if (delimiter === '/' || delimiter === '\\') {
      const trailingSlash = end === entry.length - 1;
      return fail(
        CORS_PROBLEM.originHasPath,
        trailingSlash
          ? 'An origin has no trailing slash: the Origin header is `scheme://host[:port]` and is compared byte-for-byte, so this entry can never match.'
          : 'An origin has no path: CORS allows whole origins (scheme, host, port), never a part of a site, so this entry can never match.',
        `Write '${suggestion}'.`,
      );
    }
    return fail(
      delimiter === '?' ? CORS_PROBLEM.originHasQuery : CORS_PROBLEM.originHasFragment,
      `An origin has no ${delimiter === '?' ? 'query' : 'fragment'}: the Origin header is \`scheme://host[:port]\`, so this entry can never match.`,
      `Write '${suggestion}'.`,
    );
  }
  const context: EntryContext = { field, entry, options, problems };
  if (authority.includes('*')) return validatePattern(context, scheme, authority, fail);
  const parsed = parseOrigin(entry);
  if (parsed === undefined) {
    return fail(
      CORS_PROBLEM.originInvalid,
      'The host or port cannot be parsed as a URL host (WHATWG URL), so no browser can send this origin.',
      "Write a serialised origin such as 'https://app.example.com' or 'http://localhost:8080'.",
    );
  }
  checkHost(context, parsed.scheme, parsed.host);
  return { kind: 'exact', key: parsed.origin };
}

interface EntryContext {
  readonly field: string;
  readonly entry: string;
  readonly options: OriginOptions;
  readonly problems: ConfigProblem[];
}

function validatePattern(
  context: EntryContext,
  scheme: string,
  authority: string,
  fail: (code: Parameters<typeof corsProblem>[0], message: string, fix: string) => undefined,
): Validated | undefined {
  const rest = authority.slice(2);
  if (!authority.startsWith('*.') || rest.includes('*') || rest === '') {
    return fail(
      CORS_PROBLEM.originWildcardMisplaced,
      'The only wildcard is a whole leading label, `scheme://*.domain[:port]`, matching subdomains of any depth (never the domain itself); a `*` anywhere else (inside a label, in the middle, in the port) is not supported.',
      "Write e.g. 'https://*.example.com', list the origins one by one, or use the allowOrigin predicate.",
    );
  }
  const probe = parseOrigin(`${scheme}://${PROBE_LABEL}.${rest}`);
  const prefix = `${PROBE_LABEL}.`;
  if (probe === undefined || !probe.host.startsWith(prefix)) {
    return fail(
      CORS_PROBLEM.originInvalid,
      'What follows `*.` is not a domain name with an optional port (WHATWG URL host parsing failed, or it is an IP address, which has no subdomains).',
      "Write e.g. 'https://*.example.com' or 'https://*.example.com:8443'.",
    );
  }
  const parent = probe.host.slice(prefix.length);
  if (serializedOriginHostEnd(probe.origin) < 0) {
    return fail(
      CORS_PROBLEM.originInvalid,
      `\`${parent}\` has characters no DNS name has (only a-z, 0-9, - and _ between dots), so no browser can send an origin under it.`,
      "Write e.g. 'https://*.example.com'.",
    );
  }
  const bareParent = parent.endsWith('.') ? parent.slice(0, -1) : parent;
  const domain = parseDomain(bareParent, { allowPrivateDomains: true });
  if (
    (domain.isIcann === true || domain.isPrivate === true) &&
    domain.publicSuffix === bareParent
  ) {
    return fail(
      CORS_PROBLEM.patternPublicSuffix,
      `\`${bareParent}\` is a public suffix (Public Suffix List${domain.isPrivate === true ? ', private section' : ''}): anyone can register a site under it, so this pattern allows origins you do not control.`,
      `Name your own registrable domain, e.g. 'https://*.yourcompany.${bareParent}'.`,
    );
  }
  checkHost(context, scheme, parent);
  const port = probe.port === undefined ? '' : `:${probe.port}`;
  const key = `${scheme}://*.${parent}${port}`;
  return { kind: 'pattern', key, pattern: { scheme, tail: `.${parent}${port}` } };
}

// Problems that depend on the (normalised) host but do not stop the entry from being used
// to report the rest: plain http off loopback with credentials, and a trailing dot.
function checkHost(context: EntryContext, scheme: string, host: string): void {
  const { field, entry, options, problems } = context;
  if (
    scheme === 'http' &&
    options.credentials &&
    !options.allowInsecureOrigins &&
    !isLoopbackHost(host)
  ) {
    problems.push(
      corsProblem(
        CORS_PROBLEM.originInsecure,
        field,
        entry,
        "A plain-http origin off loopback can be impersonated by anyone on the network path (Wi-Fi, proxy), and with credentials that attacker reads your users' data; its cookies are also sent in clear.",
        `Serve the calling page over https and write 'https${entry.slice('http'.length)}', or set allowInsecureOrigins: true if you accept the risk (e.g. a closed test network).`,
      ),
    );
  }
  if (host.endsWith('.')) {
    problems.push(
      corsProblem(
        CORS_PROBLEM.originTrailingDot,
        field,
        entry,
        'A host with a trailing dot is a different origin from the same host without it (browsers keep the dot), so this entry only matches pages loaded through the dotted name.',
        'Remove the trailing dot unless pages really are served from the dotted name.',
      ),
    );
  }
}
