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
 *   `bearerFallback` overrides the fallback either way (off cross-site: a warning that
 *   those browsers then keep no session).
 *   Cross-site to a plain-http API cannot work with cookies (`None` requires `Secure`,
 *   and Lax cookies are not sent cross-site): an error, or with `allowBearerOnly` the
 *   `bearer` transport and no cookies.
 * - The refresh cookie has the same attributes but `Path=<refreshPath>`; `__Host-`
 *   requires `Path=/`, so it is `__Secure-` whenever the API is https.
 */
import { ConfigError, type ConfigProblem } from '../internal/problems.js';
import { explainCookies, planCookies } from './topology-cookies.js';
import type { Findings } from './topology-findings.js';
import {
  type NormalizedTopologyOptions,
  readTopologyOptions,
  type SessionTopologyOptions,
} from './topology-options.js';
import { checkApiScheme, checkCrossSiteOverHttp, warnUnlistedSuffix } from './topology-security.js';
import { relationOf, type SiteRelation, siteOfParsed } from './topology-sites.js';
import { renderTopologyText } from './topology-text.js';
import type {
  AppOriginRelation,
  PlannedCookie,
  SessionTransport,
  TopologyDecision,
} from './topology-types.js';

export type { BrowserOutcome, CrossSiteCookieOutcome } from './topology-browsers.js';
export { CROSS_SITE_COOKIE_OUTCOMES } from './topology-browsers.js';
export type { SessionTopologyOptions } from './topology-options.js';
export { classifySites, type Site, type SiteRelation, siteOf } from './topology-sites.js';
export { formatPlannedCookie } from './topology-text.js';
export type {
  AppOriginRelation,
  PlannedCookie,
  SessionTransport,
  TopologyDecision,
  TopologyReason,
  TopologyWarning,
} from './topology-types.js';

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

function decide(options: NormalizedTopologyOptions, findings: Findings): TopologyDecision {
  const api = options.apiOrigin;
  const relations = relationsOf(options);
  const crossSite = options.appOrigins.filter((app) => relationOf(app, api) === 'cross-site');
  checkApiScheme(options, findings);
  let transport: SessionTransport = 'cookie';
  let cookies: { cookie: PlannedCookie | null; refreshCookie: PlannedCookie | null } = {
    cookie: null,
    refreshCookie: null,
  };
  if (crossSite.length > 0 && api.scheme !== 'https') {
    checkCrossSiteOverHttp(options, crossSite, findings);
    transport = 'bearer';
  } else {
    const fallback = options.bearerFallback ?? crossSite.length > 0;
    if (fallback) transport = 'cookie+bearer-fallback';
    cookies = planCookies(options, crossSite.length > 0, findings);
    explainCookies(
      options,
      crossSite.map((app) => app.origin),
      cookies.cookie?.attributes.domain,
      fallback,
      findings,
    );
    warnUnlistedSuffix(options, findings);
  }
  return {
    apiOrigin: api.origin,
    relations,
    relation: strictest(relations),
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
