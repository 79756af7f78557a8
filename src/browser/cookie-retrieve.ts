/**
 * Which cookies a request carries: RFC 6265bis §5.8.3 ("Retrieval Algorithm") with the
 * profile's SameSite default, Lax-allowing-unsafe, third-party policy and CHIPS
 * partitions, and §5.8.3 step 4's order (longer paths first, then earlier creation).
 */
import { domainMatches } from '../cookies/domain-match.js';
import { type CookieJar, pathMatches, type StoredCookie } from './cookie-jar.js';
import type { BrowserProfile } from './profiles.js';
import { type ReasonCode, reasonFor } from './reasons.js';
import { hostOf, isSameSite, isSecureForCookies, siteKey } from './site.js';
import type { Reason } from './types.js';

/** The request a Cookie header is computed for. */
export interface RetrievalContext {
  readonly url: URL;
  /** The top-level document (site for cookies, partition key). */
  readonly topLevel: URL;
  /** Same-site with the site for cookies, ignoring redirects. */
  readonly sameSite: boolean;
  /** A redirect hop in the chain so far was cross-site. */
  readonly crossSiteRedirect: boolean;
  /** A top-level navigation. */
  readonly navigation: boolean;
  readonly method: string;
  readonly now: number;
}

/** A cookie the request does not carry, and why. */
export interface ExcludedCookie {
  readonly cookie: StoredCookie;
  /** `scope`: not meant for this URL (domain, path); `policy`: meant for it but withheld. */
  readonly kind: 'scope' | 'policy';
  readonly reasons: readonly Reason[];
}

/** The outcome of {@link retrieveCookies}. */
export interface Retrieval {
  /** In Cookie-header order. */
  readonly sent: readonly StoredCookie[];
  readonly excluded: readonly ExcludedCookie[];
  /** Warnings about cookies sent (e.g. Lax+POST). */
  readonly warnings: readonly Reason[];
}

/** Chromium `kLaxAllowUnsafeMaxAge`: 2 minutes. */
const LAX_ALLOW_UNSAFE_MS = 120_000;

function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || method === 'TRACE';
}

/**
 * Whether a cookie's SameSite lets it go with a cross-site request (§5.8.3 step 2), or
 * the reason it does not. `allowedUnsafe` marks Chromium's Lax+POST exception.
 */
function crossSiteVerdict(
  cookie: StoredCookie,
  context: RetrievalContext,
  profile: BrowserProfile,
): { readonly code?: ReasonCode; readonly allowedUnsafe?: boolean } {
  const effective = cookie.sameSite === 'Default' ? profile.unsetSameSite : cookie.sameSite;
  if (effective === 'None') return {};
  if (context.sameSite && context.crossSiteRedirect) return { code: 'ExcludeCrossSiteRedirect' };
  if (effective === 'Strict') return { code: 'ExcludeSameSiteStrict' };
  if (context.navigation && isSafeMethod(context.method)) return {};
  if (
    cookie.sameSite === 'Default' &&
    profile.laxAllowUnsafe &&
    context.navigation &&
    context.now - cookie.creation <= LAX_ALLOW_UNSAFE_MS
  )
    return { allowedUnsafe: true };
  return {
    code:
      cookie.sameSite === 'Default'
        ? 'ExcludeSameSiteUnspecifiedTreatedAsLax'
        : 'ExcludeSameSiteLax',
  };
}

/**
 * The cookies `jar` attaches to the request in `context`, as `profile` decides, and the
 * reason for each cookie it leaves out. Expired cookies are skipped silently.
 */
export function retrieveCookies(
  jar: CookieJar,
  context: RetrievalContext,
  profile: BrowserProfile,
): Retrieval {
  const { engine } = profile;
  const host = hostOf(context.url);
  const path = context.url.pathname;
  const partition = siteKey(context.topLevel);
  // Third party as the profile computes sites: schemeful in Chromium (see ThirdPartyCheck).
  const thirdParty = !isSameSite(context.url, context.topLevel, profile.schemefulSameSite);
  const sameSite =
    context.sameSite && !(profile.redirectChainSameSite && context.crossSiteRedirect);
  const sent: StoredCookie[] = [];
  const excluded: ExcludedCookie[] = [];
  const warnings: Reason[] = [];

  for (const cookie of jar.cookies) {
    if (cookie.expiry !== undefined && cookie.expiry <= context.now) continue;
    const params = { name: cookie.name, url: context.url.href, page: context.topLevel.origin };
    const because = (kind: 'scope' | 'policy', ...codes: ReasonCode[]) =>
      excluded.push({
        cookie,
        kind,
        reasons: codes.map((c) => reasonFor(c, engine, params, { sending: true })),
      });

    // §5.8.3 step 1: host, path and Secure.
    const hostOk = cookie.hostOnly ? host === cookie.domain : domainMatches(host, cookie.domain);
    if (!hostOk) {
      because('scope', 'ExcludeDomainMismatch');
      continue;
    }
    if (!pathMatches(path, cookie.path)) {
      because('scope', 'ExcludeNotOnPath');
      continue;
    }
    const codes: ReasonCode[] = [];
    if (cookie.secure && !isSecureForCookies(context.url, profile)) codes.push('ExcludeSecureOnly');

    // CHIPS and Total Cookie Protection: only the current partition; an unpartitioned
    // cookie is not sent to a third party under `partition` or `block` (libsoup checks
    // third parties on storing only).
    if (cookie.partitionKey !== undefined) {
      if (cookie.partitionKey !== partition) codes.push('ExcludeOtherPartition');
    } else if (thirdParty && profile.thirdPartyCheck === 'site') {
      if (profile.thirdPartyCookies === 'partition') codes.push('ExcludeOtherPartition');
      else if (profile.thirdPartyCookies === 'block') codes.push('ExcludeUserPreferences');
    }

    // §5.8.3 step 2: SameSite.
    let allowedUnsafe = false;
    if (!sameSite) {
      const verdict = crossSiteVerdict(cookie, context, profile);
      if (verdict.code !== undefined) codes.push(verdict.code);
      allowedUnsafe = verdict.allowedUnsafe === true;
    }
    if (codes.length > 0) {
      because('policy', ...codes);
      continue;
    }
    if (allowedUnsafe)
      warnings.push(reasonFor('WarnSameSiteUnspecifiedLaxAllowUnsafe', engine, params));
    sent.push(cookie);
  }

  // §5.8.3 step 4: longer paths first, then earlier creation.
  sent.sort(
    (a, b) => b.path.length - a.path.length || a.creation - b.creation || a.order - b.order,
  );
  return { sent, excluded, warnings };
}

/**
 * §5.8.3 step 4-5 serialisation: `name=value` pairs joined by `; `; a nameless cookie is
 * its value alone (RFC 6265bis §5.8.3). `undefined` when no cookie is sent.
 */
export function cookieHeader(cookies: readonly StoredCookie[]): string | undefined {
  if (cookies.length === 0) return undefined;
  return cookies.map((c) => (c.name === '' ? c.value : `${c.name}=${c.value}`)).join('; ');
}

/**
 * What `document.cookie` shows on the page at `url`: the cookies a same-site request to
 * it would carry, without the HttpOnly ones (RFC 6265bis §5.8.3 step 1, "non-HTTP" API).
 */
export function documentCookie(
  jar: CookieJar,
  url: URL,
  profile: BrowserProfile,
  now: number,
): string | undefined {
  const { sent } = retrieveCookies(
    jar,
    {
      url,
      topLevel: url,
      sameSite: true,
      crossSiteRedirect: false,
      navigation: false,
      method: 'GET',
      now,
    },
    profile,
  );
  return cookieHeader(sent.filter((c) => !c.httpOnly));
}
