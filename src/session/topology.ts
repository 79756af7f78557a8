/**
 * The session topology: from where the app(s) and the API live, the session cookies'
 * attributes and the transport, computed rather than guessed, with the reasons as data.
 *
 * Decisions (each one also appears in the plan's `reasons`):
 * - API on https: host-only `__Host-` cookies, `HttpOnly; Secure; SameSite=Lax; Path=/`.
 * - API on plain http on a loopback host (development): no `Secure` and so no prefix,
 *   because Safari rejects `Secure` cookies from `http://localhost` (WebKit bug 281149)
 *   although Chrome and Firefox accept them. Plain http elsewhere is an error unless
 *   `allowInsecureHttp`.
 * - `shareAcrossSubdomains`: `Domain=<parent>`, and `__Secure-` since `__Host-` forbids
 *   Domain (RFC 6265bis §4.1.3). The parent is checked by the cookie rules (not a public
 *   suffix, domain-matches the API host).
 * - Any app origin cross-site to the API: `SameSite=None; Secure; Partitioned`, transport
 *   `cookie+bearer-fallback`, and a warning naming the browsers that drop the cookie.
 *   Cross-site to a plain-http API cannot work with cookies (`None` requires `Secure`,
 *   and Lax cookies are not sent cross-site): an error, or with `allowBearerOnly` the
 *   `bearer` transport and no cookies.
 * - The refresh cookie has the same attributes but `Path=<refreshPath>`; `__Host-`
 *   requires `Path=/`, so it is `__Secure-` whenever the API is https.
 */
import { type CookieAttributes, checkCookieSpec, type SameSite } from '../cookies/index.js';
import { isLoopbackHost, type ParsedOrigin, serializeOrigin } from '../cors/index.js';
import { ConfigError, type ConfigProblem } from '../internal/problems.js';
import { type BrowserOutcome, CROSS_SITE_COOKIE_OUTCOMES } from './topology-browsers.js';
import {
  type NormalizedTopologyOptions,
  readTopologyOptions,
  type SessionTopologyOptions,
} from './topology-options.js';
import { relationOf, type SiteRelation, siteOfParsed } from './topology-sites.js';
import {
  type AppOriginRelation,
  type PlannedCookie,
  renderTopologyText,
  type SessionTransport,
  type TopologyDecision,
  type TopologyReason,
  type TopologyWarning,
} from './topology-text.js';

/** The decision plus its text rendering: what `explain()` returns. */
export interface TopologyExplanation extends TopologyDecision {
  /** A few lines for a person to read at server start. */
  readonly text: string;
}

/** A computed session-cookie plan. */
export interface SessionCookiePlan extends TopologyDecision {
  /** The decision and its reasons as data, with a text rendering. */
  explain(): TopologyExplanation;
}

/** The outcome of {@link analyzeSessionTopology}: never throws. */
export interface TopologyAnalysis {
  /** Every configuration problem found (errors only: warnings go to `plan.warnings`). */
  readonly problems: readonly ConfigProblem[];
  /** The plan, or `undefined` when a problem is an error. */
  readonly plan: SessionCookiePlan | undefined;
}

const RANK: Readonly<Record<SiteRelation, number>> = {
  'same-origin': 0,
  'same-site': 1,
  'cross-site': 2,
};

/** Collects the plan's findings in the order they are made. */
interface Findings {
  readonly problems: ConfigProblem[];
  readonly warnings: TopologyWarning[];
  readonly reasons: TopologyReason[];
}

function error(
  findings: Findings,
  code: string,
  field: string,
  value: unknown,
  message: string,
  fix: string,
) {
  findings.problems.push({ code, field, value, message, fix, severity: 'error' });
}

function warn(
  findings: Findings,
  code: string,
  message: string,
  fix: string,
  browsers: readonly BrowserOutcome[] = [],
) {
  findings.warnings.push({ code, message, fix, browsers });
}

function reason(findings: Findings, code: string, message: string) {
  findings.reasons.push({ code, message });
}

function relationsOf(options: NormalizedTopologyOptions): AppOriginRelation[] {
  const apiSite = siteOfParsed(options.apiOrigin).serialized;
  return options.appOrigins.map((app) => ({
    appOrigin: app.origin,
    relation: relationOf(app, options.apiOrigin),
    appSite: siteOfParsed(app).serialized,
    apiSite,
  }));
}

function strictest(relations: readonly AppOriginRelation[]): SiteRelation {
  let worst: SiteRelation = 'same-origin';
  for (const r of relations) if (RANK[r.relation] > RANK[worst]) worst = r.relation;
  return worst;
}

/** The scheme and host checks: whether the API can set cookies safely at all. */
function checkApiScheme(options: NormalizedTopologyOptions, findings: Findings): void {
  const api = options.apiOrigin;
  if (api.scheme === 'https') {
    reason(
      findings,
      'api-https',
      `The API is https: the cookies are Secure, and host-only ones take the \`__Host-\` prefix, which browsers enforce (Secure, no Domain, Path=/; RFC 6265bis §4.1.3) so that no sibling host or plain-http page can plant a cookie of that name.`,
    );
    return;
  }
  if (isLoopbackHost(api.host)) {
    reason(
      findings,
      'loopback-http',
      `The API is plain http on loopback (${api.host}), a development setup: no Secure and therefore no prefix, since Safari rejects Secure cookies set from http://localhost (WebKit bug 281149) although Chrome and Firefox accept them.`,
    );
    return;
  }
  if (!options.allowInsecureHttp) {
    error(
      findings,
      'topology/insecure-api',
      'apiOrigin',
      api.origin,
      `the API is plain http on \`${api.host}\`, which is not loopback: the session cookie would cross the network in clear text, where anyone on the path can read or replace it, and no cookie prefix can protect it.`,
      `serve the API over https (\`https://${api.host}\`); for a trusted private network only, set \`allowInsecureHttp: true\`.`,
    );
    return;
  }
  warn(
    findings,
    'topology/insecure-http',
    `The API is plain http on ${api.host} (allowInsecureHttp): session cookies travel in clear text and anyone on the network path can steal or replace them.`,
    `serve the API over https.`,
  );
  reason(
    findings,
    'insecure-http',
    'Plain http accepted by `allowInsecureHttp`: no Secure, no prefix.',
  );
}

/** Cross-site to a plain-http API: cookies are impossible. */
function checkCrossSiteOverHttp(
  options: NormalizedTopologyOptions,
  crossSite: readonly ParsedOrigin[],
  findings: Findings,
): void {
  const api = options.apiOrigin;
  const apps = crossSite.map((o) => o.origin).join(', ');
  const are = crossSite.length === 1 ? 'is' : 'are';
  if (!options.allowBearerOnly) {
    // The usual case: `http://127.0.0.1:8080` calling `http://localhost:3000`.
    const loopbackApp = crossSite.find((o) => o.scheme === 'http' && isLoopbackHost(o.host));
    const sameHostFix =
      loopbackApp !== undefined && isLoopbackHost(api.host)
        ? `open the app on the API's host name, \`${serializeOrigin({ ...loopbackApp, host: api.host })}\`, so that only the port differs (same site); or `
        : 'put app and API on one site; or ';
    error(
      findings,
      'topology/cross-site-over-http',
      'appOrigins',
      apps,
      `${apps} ${are} cross-site to the plain-http API ${api.origin} (same site means same scheme and registrable domain, or the same host when there is none: \`127.0.0.1\` and \`localhost\` are two sites). Browsers send only SameSite=None cookies on cross-site requests and reject None without Secure (RFC 6265bis §5.7), so no session cookie can work.`,
      `${sameHostFix}serve the API over https (cookies then use SameSite=None; Secure; Partitioned); or set \`allowBearerOnly: true\` to use the Bearer header alone.`,
    );
    return;
  }
  warn(
    findings,
    'topology/bearer-only',
    `${apps} ${are} cross-site to the plain-http API: no browser keeps a session cookie there, so the session travels in the Authorization header only (allowBearerOnly). The tokens then live in the page's memory, where an injected script can use them.`,
    'serve the API over https, or put app and API on one site, to get HttpOnly cookies.',
    [
      {
        browser: 'every browser',
        outcome: 'dropped',
        detail:
          'cross-site requests carry only SameSite=None cookies, and None without Secure is rejected (RFC 6265bis §5.7).',
      },
    ],
  );
  reason(
    findings,
    'bearer-only',
    'Cross-site over plain http: the Bearer transport only, no cookies.',
  );
}

interface CookieChoice {
  readonly secure: boolean;
  readonly sameSite: SameSite;
  readonly partitioned: boolean;
  readonly domain: string | undefined;
}

function attributesOf(choice: CookieChoice, path: string): CookieAttributes {
  const attributes: { -readonly [K in keyof CookieAttributes]: CookieAttributes[K] } = {
    path,
    secure: choice.secure,
    httpOnly: true,
    sameSite: choice.sameSite,
  };
  if (choice.domain !== undefined) attributes.domain = choice.domain;
  if (choice.partitioned) attributes.partitioned = true;
  return attributes;
}

function prefixFor(choice: CookieChoice, path: string): string {
  if (!choice.secure) return '';
  return choice.domain === undefined && path === '/' ? '__Host-' : '__Secure-';
}

// Fields of a cookie problem mapped back to the option the user wrote.
const OPTION_OF_FIELD: Readonly<Record<string, string>> = {
  domain: 'shareAcrossSubdomains',
  path: 'refreshPath',
};

/**
 * Checks a planned cookie with the cookie rules (one source of truth with
 * `defineCookie`), reporting problems against the option the user wrote. Returns the
 * canonical Domain.
 */
function checkPlanned(
  cookie: PlannedCookie,
  nameOption: string,
  apiHost: string,
  findings: Findings,
): string | undefined {
  const check = checkCookieSpec(
    { name: cookie.name, ...cookie.attributes },
    { apiHost, field: 'cookie' },
  );
  for (const p of check.problems) {
    const key = p.field.slice('cookie.'.length);
    const field = key === 'name' ? nameOption : (OPTION_OF_FIELD[key] ?? p.field);
    // Both cookies share the Domain: report its problems once.
    if (findings.problems.some((q) => q.code === p.code && q.field === field)) continue;
    // CHIPS recommends `__Host-` for partitioned cookies; a path-scoped refresh cookie
    // cannot have it, which the `refresh-path` reason explains.
    if (p.code === 'cookie/partitioned-without-host-prefix') continue;
    // The cookie rules name the cookie attribute; the user wrote the option.
    const fix =
      field === p.field ? p.fix : p.fix.replace(new RegExp(`\`${key}(?=[\`:])`, 'g'), `\`${field}`);
    if (p.severity === 'error') findings.problems.push({ ...p, field, fix });
    else if (!findings.warnings.some((w) => w.code === p.code))
      warn(findings, p.code, p.message, fix);
  }
  return check.attributes.domain;
}

function planCookies(
  options: NormalizedTopologyOptions,
  crossSite: boolean,
  findings: Findings,
): { cookie: PlannedCookie; refreshCookie: PlannedCookie } {
  const choice: CookieChoice = {
    secure: options.apiOrigin.scheme === 'https',
    sameSite: crossSite ? 'None' : 'Lax',
    partitioned: crossSite,
    domain: options.shareAcrossSubdomains,
  };
  const cookie: PlannedCookie = {
    name: prefixFor(choice, '/') + options.cookieName,
    attributes: attributesOf(choice, '/'),
  };
  const refreshCookie: PlannedCookie = {
    name: prefixFor(choice, options.refreshPath) + options.refreshCookieName,
    attributes: attributesOf(choice, options.refreshPath),
  };
  const host = options.apiOrigin.host;
  const domain = checkPlanned(cookie, 'cookieName', host, findings);
  checkPlanned(refreshCookie, 'refreshCookieName', host, findings);
  if (domain === undefined || domain === choice.domain) return { cookie, refreshCookie };
  // Write the Domain as browsers store it (lower case, no leading dot).
  const canonical = { ...choice, domain };
  return {
    cookie: { ...cookie, attributes: attributesOf(canonical, '/') },
    refreshCookie: { ...refreshCookie, attributes: attributesOf(canonical, options.refreshPath) },
  };
}

function explainCookies(
  options: NormalizedTopologyOptions,
  crossSite: readonly AppOriginRelation[],
  findings: Findings,
): void {
  reason(
    findings,
    'http-only',
    'HttpOnly: page scripts cannot read the tokens, so an injected script cannot carry them off (it can still send requests while the page is open).',
  );
  if (crossSite.length === 0) {
    reason(
      findings,
      'same-site-lax',
      'Every app origin is same-site with the API: SameSite=Lax cookies are sent on their fetches (RFC 6265bis §5.2, §5.8.3) and withheld from requests that other sites start, a first CSRF barrier.',
    );
  } else {
    const apps = crossSite.map((r) => r.appOrigin).join(', ');
    reason(
      findings,
      'cross-site-none',
      `${apps} ${crossSite.length === 1 ? 'is' : 'are'} cross-site to the API: browsers send only SameSite=None cookies on cross-site requests, and None requires Secure (RFC 6265bis §5.7). The strictest need decides, so every app gets these settings; CSRF is then defended by Fetch Metadata and Origin checks (src/csrf).`,
    );
    reason(
      findings,
      'partitioned',
      'Partitioned (CHIPS): browsers that block third-party cookies keep a partitioned one (Chromium, Firefox, Safari 18.4+), in a jar per top-level site, so a user logs in once per app site.',
    );
    reason(
      findings,
      'bearer-fallback',
      'Bearer fallback: where the browser drops the cookie, the client receives the tokens in the login response and sends `Authorization: Bearer`.',
    );
    warn(
      findings,
      'topology/third-party-cookies',
      `${apps} ${crossSite.length === 1 ? 'is' : 'are'} cross-site to the API, so the session cookie is a third-party cookie: Safari before 18.4 and WebKitGTK drop it (only the Bearer transport works there); Chromium with third-party cookies blocked (Chrome incognito, Debian Chromium 156), Firefox and Safari 18.4+ keep it partitioned per top-level site.`,
      `serve app and API from one site (e.g. \`app.example.com\` and \`api.example.com\`, or the API behind a path of the app's origin through a reverse proxy) to get first-party cookies everywhere.`,
      CROSS_SITE_COOKIE_OUTCOMES,
    );
  }
  if (options.shareAcrossSubdomains !== undefined) {
    reason(
      findings,
      'shared-domain',
      `Domain=${options.shareAcrossSubdomains} as asked (shareAcrossSubdomains): every host under it receives the cookie, so each must be trusted; \`__Secure-\` instead of \`__Host-\`, which forbids Domain.`,
    );
  } else {
    reason(
      findings,
      'host-only',
      'No Domain: the cookie is host-only, sent to the API host alone (RFC 6265bis §5.7).',
    );
  }
  if (options.refreshPath === '/') {
    warn(
      findings,
      'topology/refresh-path-root',
      'The refresh cookie has Path=/: the long-lived refresh token is sent with every request to the API, where any logged or leaked request exposes it.',
      "scope it to the refresh endpoint, e.g. `refreshPath: '/auth/refresh'`.",
    );
  } else {
    reason(
      findings,
      'refresh-path',
      `The refresh cookie has Path=${options.refreshPath}: the long-lived token is sent to the refresh endpoint only (RFC 6265bis §5.1.4 path-match).${options.apiOrigin.scheme === 'https' ? ' `__Host-` requires Path=/, so it takes `__Secure-`.' : ''}`,
    );
  }
}

/** Same-site pairs that WebKitGTK counts as cross-site: hosts under a suffix the PSL does not list. */
function warnUnlistedSuffix(options: NormalizedTopologyOptions, findings: Findings): void {
  const api = options.apiOrigin;
  const apiSite = siteOfParsed(api);
  if (!apiSite.unlistedSuffix) return;
  const affected = options.appOrigins.filter(
    (app) => app.host !== api.host && relationOf(app, api) === 'same-site',
  );
  if (affected.length === 0) return;
  warn(
    findings,
    'topology/unlisted-suffix',
    `${affected.map((o) => o.origin).join(', ')} and the API are same-site under \`${apiSite.domain}\` only through the Public Suffix List's implicit rule, as its suffix is not on the list; WebKitGTK (libsoup) then compares whole host names, so there the cookie is cross-site and SameSite=Lax is not sent (real-browsers.md).`,
    'use host names under a listed suffix (e.g. `app.example.com` and `api.example.com`, RFC 2606), even for tests.',
    [
      {
        browser: 'WebKitGTK',
        outcome: 'dropped',
        detail:
          'libsoup compares full host names under suffixes the Public Suffix List does not know (observed with WebKitGTK 2.50).',
      },
    ],
  );
}

function decide(options: NormalizedTopologyOptions, findings: Findings): TopologyDecision {
  const relations = relationsOf(options);
  const relation = strictest(relations);
  const crossSite = relations.filter((r) => r.relation === 'cross-site');
  checkApiScheme(options, findings);
  const crossSiteOrigins = options.appOrigins.filter(
    (app) => relationOf(app, options.apiOrigin) === 'cross-site',
  );
  let transport: SessionTransport = crossSite.length > 0 ? 'cookie+bearer-fallback' : 'cookie';
  let cookies: { cookie: PlannedCookie | null; refreshCookie: PlannedCookie | null } = {
    cookie: null,
    refreshCookie: null,
  };
  if (crossSite.length > 0 && options.apiOrigin.scheme !== 'https') {
    checkCrossSiteOverHttp(options, crossSiteOrigins, findings);
    transport = 'bearer';
  } else {
    cookies = planCookies(options, crossSite.length > 0, findings);
    explainCookies(options, crossSite, findings);
    warnUnlistedSuffix(options, findings);
  }
  return {
    apiOrigin: options.apiOrigin.origin,
    relations,
    relation,
    ...cookies,
    transport,
    warnings: findings.warnings,
    reasons: findings.reasons,
  };
}

function freezePlan(decision: TopologyDecision): SessionCookiePlan {
  const text = renderTopologyText(decision);
  const explanation: TopologyExplanation = Object.freeze({ ...decision, text });
  return Object.freeze({ ...decision, explain: () => explanation });
}

/**
 * Computes the session cookies and transport for a topology; never throws. `problems`
 * holds every configuration error at once (each with field, value, why, and fix).
 */
export function analyzeSessionTopology(options: SessionTopologyOptions): TopologyAnalysis {
  const read = readTopologyOptions(options);
  const findings: Findings = { problems: [...read.problems], warnings: [], reasons: [] };
  if (read.options === undefined) return { problems: findings.problems, plan: undefined };
  const decision = decide(read.options, findings);
  if (findings.problems.length > 0) return { problems: findings.problems, plan: undefined };
  return { problems: [], plan: freezePlan(decision) };
}

/**
 * Computes the session cookies and transport for a topology, e.g.
 * `planSessionCookies({ appOrigins: ['https://app.example.com'], apiOrigin: 'https://api.example.com' })`
 * gives `__Host-session; Path=/; Secure; HttpOnly; SameSite=Lax` and the `cookie`
 * transport. Throws a `ConfigError` listing every problem when the topology cannot work
 * as configured; `plan.warnings` holds what works but not in every browser, and
 * `plan.explain().text` the lines to log at startup.
 */
export function planSessionCookies(options: SessionTopologyOptions): SessionCookiePlan {
  const { problems, plan } = analyzeSessionTopology(options);
  if (plan === undefined) throw new ConfigError('session topology', problems);
  return plan;
}
