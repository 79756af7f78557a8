/**
 * The two session cookies a topology gets, checked with the cookie rules, and the
 * reasons for their attributes.
 */
import { type CookieAttributes, checkCookieSpec, type SameSite } from '../cookies/index.js';
import { CROSS_SITE_COOKIE_OUTCOMES } from './topology-browsers.js';
import { TOPOLOGY_REASON, TOPOLOGY_WARNING } from './topology-codes.js';
import { type Findings, reason, warn } from './topology-findings.js';
import type { NormalizedTopologyOptions } from './topology-options.js';
import type { PlannedCookie } from './topology-types.js';

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

/** The session and refresh cookies; `crossSite` when any app origin is cross-site. */
export function planCookies(
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

/**
 * The reasons (and the third-party warning) for the planned cookies; `fallback` is
 * whether the Bearer header is offered too.
 */
export function explainCookies(
  options: NormalizedTopologyOptions,
  crossSite: readonly string[],
  domain: string | undefined,
  fallback: boolean,
  findings: Findings,
): void {
  reason(
    findings,
    TOPOLOGY_REASON.httpOnly,
    'HttpOnly: page scripts cannot read the tokens, so an injected script cannot carry them off (it can still send requests while the page is open).',
  );
  if (crossSite.length === 0) {
    reason(
      findings,
      TOPOLOGY_REASON.sameSiteLax,
      'Every app origin is same-site with the API: SameSite=Lax cookies are sent on their fetches (RFC 6265bis §5.2, §5.8.3) and withheld from requests that other sites start, a first CSRF barrier.',
    );
    if (fallback) {
      reason(
        findings,
        TOPOLOGY_REASON.bearerFallback,
        "Bearer fallback, as asked: a client that asks for the header transport gets the tokens in the login response and sends `Authorization: Bearer`; the tokens then live in the page's memory.",
      );
    }
  } else {
    const apps = crossSite.join(', ');
    reason(
      findings,
      TOPOLOGY_REASON.crossSiteNone,
      `${apps} ${crossSite.length === 1 ? 'is' : 'are'} cross-site to the API: browsers send only SameSite=None cookies on cross-site requests, and None requires Secure (RFC 6265bis §5.7). The strictest need decides, so every app gets these settings; CSRF is then defended by Fetch Metadata and Origin checks (src/csrf).`,
    );
    reason(
      findings,
      TOPOLOGY_REASON.partitioned,
      'Partitioned (CHIPS): browsers that block third-party cookies keep a partitioned one (Chromium, Firefox, Safari 18.4+), in a jar per top-level site, so a user logs in once per app site.',
    );
    if (fallback) {
      reason(
        findings,
        TOPOLOGY_REASON.bearerFallback,
        'Bearer fallback: where the browser drops the cookie, the client receives the tokens in the login response and sends `Authorization: Bearer`.',
      );
    }
    warn(
      findings,
      TOPOLOGY_WARNING.thirdPartyCookies,
      `${apps} ${crossSite.length === 1 ? 'is' : 'are'} cross-site to the API, so the session cookie is a third-party cookie: Safari before 18.4 and WebKitGTK drop it (only the Bearer transport works there); Chromium with third-party cookies blocked (Chrome incognito, Debian Chromium 156), Firefox and Safari 18.4+ keep it partitioned per top-level site.`,
      `serve app and API from one site (e.g. \`app.example.com\` and \`api.example.com\`, or the API behind a path of the app's origin through a reverse proxy) to get first-party cookies everywhere.`,
      CROSS_SITE_COOKIE_OUTCOMES,
    );
    if (!fallback) {
      warn(
        findings,
        TOPOLOGY_WARNING.noBearerFallback,
        `${apps} ${crossSite.length === 1 ? 'is' : 'are'} cross-site to the API and the Bearer fallback is switched off: in the browsers that drop the third-party session cookie (Safari before 18.4, WebKitGTK) nothing carries the session, so their users cannot stay logged in.`,
        'switch it back on (remove `session.bearer: false`: it is on by default for a cross-site app), or serve app and API from one site.',
        CROSS_SITE_COOKIE_OUTCOMES.filter((b) => b.outcome === 'dropped'),
      );
    }
  }
  if (domain !== undefined) {
    reason(
      findings,
      TOPOLOGY_REASON.sharedDomain,
      `Domain=${domain} as asked (shareAcrossSubdomains): every host under it receives the cookie, so each must be trusted; \`__Secure-\` instead of \`__Host-\`, which forbids Domain.`,
    );
  } else {
    reason(
      findings,
      TOPOLOGY_REASON.hostOnly,
      'No Domain: the cookie is host-only, sent to the API host alone (RFC 6265bis §5.7).',
    );
  }
  if (options.refreshPath === '/') {
    warn(
      findings,
      TOPOLOGY_WARNING.refreshPathRoot,
      'The refresh cookie has Path=/: the long-lived refresh token is sent with every request to the API, where any logged or leaked request exposes it.',
      "scope it to the refresh endpoint, e.g. `refreshPath: '/auth/refresh'`.",
    );
  } else {
    reason(
      findings,
      TOPOLOGY_REASON.refreshPath,
      `The refresh cookie has Path=${options.refreshPath}: the long-lived token is sent to the session endpoints under it (refresh, logout) and never to the app's routes (RFC 6265bis §5.1.4 path-match).${options.apiOrigin.scheme === 'https' ? ' `__Host-` requires Path=/, so it takes `__Secure-`.' : ''}`,
    );
  }
}
