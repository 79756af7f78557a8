/**
 * Browser profiles as data: each knob is a rule on which engines (or one engine's
 * configurations) differ, with its source. Sources: shared/docs/research/browser-rules.md
 * (RB §n), shared/docs/real-browsers.md (observed on this machine: Chromium 156, Firefox
 * ESR 153, WebKitGTK 2.50), and engine source files named inline.
 */

/** The engine family, which picks the console wording of a reason. */
export type Engine = 'chromium' | 'gecko' | 'webkit';

/**
 * Third-party cookie policy, for a request whose site differs from the top-level site:
 * `allow` stores and sends them; `partition` stores and sends them in a jar keyed by the
 * top-level site (Firefox's Total Cookie Protection); `block` refuses unpartitioned ones.
 */
export type ThirdPartyCookies = 'allow' | 'partition' | 'block';

/**
 * How a profile decides that a cookie is third-party:
 * - `site`: the request URL's site differs from the top-level page's site, on storing and
 *   sending; schemeful when the profile's same-site is (Chromium compares schemeful sites:
 *   an http page's fetch to an https sibling is third-party, observed in Chromium 156 by
 *   the conformance suite), scheme ignored otherwise (Gecko `ThirdPartyUtil`, observed);
 * - `libsoup`: WebKitGTK's libsoup (`soup-cookie-jar.c` `incoming_cookie_is_third_party`):
 *   only on storing, comparing the base domain of the COOKIE's domain with the base
 *   domain of the top-level host by host-matching, where a name under a suffix absent from
 *   the Public Suffix List is its own base domain (so `api.corset.test` and
 *   `app.corset.test` differ, but `Domain=corset.test` matches `app.corset.test`).
 */
export type ThirdPartyCheck = 'site' | 'libsoup';

/** A browser profile: an engine in one configuration. */
export interface BrowserProfile {
  readonly name: string;
  /** What it models, in a few words. */
  readonly title: string;
  readonly engine: Engine;
  /** A cookie without a valid `SameSite` counts as `Lax` or as `None`. */
  readonly unsetSameSite: 'Lax' | 'None';
  /**
   * Chromium's "Lax-allowing-unsafe": an unset-SameSite cookie younger than 2 minutes is
   * sent on a cross-site top-level navigation with an unsafe method (POST), never on a
   * fetch (RB §2.5, `kLaxAllowUnsafeMaxAge`).
   */
  readonly laxAllowUnsafe: boolean;
  /** Same-site compares schemes too (`http://a.example` and `https://a.example` differ). */
  readonly schemefulSameSite: boolean;
  /** `http://localhost` (and loopback IPs) count as secure for `Secure` cookies. */
  readonly localhostSecure: boolean;
  readonly thirdPartyCookies: ThirdPartyCookies;
  readonly thirdPartyCheck: ThirdPartyCheck;
  /** The `Partitioned` attribute (CHIPS) is understood; otherwise it is ignored. */
  readonly partitionedSupport: boolean;
  /** `Partitioned` cookies still work in a third-party context when policy is `block`. */
  readonly partitionedWhenBlocked: boolean;
  /**
   * A `SameSite=Lax`/`Strict` (and, when unset counts as Lax, unset) cookie from a
   * cross-site response that is not a top-level navigation is rejected on storing
   * (RFC 6265bis §5.7 step 18). libsoup never checks this.
   */
  readonly sameSiteOnSet: boolean;
  /**
   * The cookie name prefixes `__Secure-` and `__Host-` are enforced (RFC 6265bis §4.1.3).
   * libsoup has none: WebKitGTK 2.50 stores a `__Host-` cookie with `Domain`, another
   * `Path` or over http, and a `__Secure-` one without `Secure` (observed, conformance suite).
   */
  readonly cookiePrefixes: boolean;
  /**
   * A `Domain` attribute without a dot after its first character (`Domain=localhost`)
   * rejects the whole cookie instead of making it host-only: libsoup `parse_one_cookie`
   * (soup-cookie.c, "Domain must have at least one '.'"), observed in WebKitGTK 2.50.
   */
  readonly domainNeedsDot: boolean;
  /**
   * A cookie whose name and value exceed 4096 bytes together is ignored (RFC 6265bis §5.6
   * step 5). libsoup 3.2 (Debian 12's, under WebKitGTK 2.50) has no such check: it stores
   * a 4097-byte cookie (observed by the conformance suite; later libsoup added one).
   */
  readonly nameValueLimit: boolean;
  /** `SameSite=None` without `Secure` is rejected (Chrome 80+, Firefox 131+). */
  readonly noneRequiresSecure: boolean;
  /**
   * Once a request was preflighted, every later hop of its redirect chain is preflighted
   * too, even one that is simple by then (a 303 turning PUT into GET: `OPTIONS` with
   * `Access-Control-Request-Method: GET`). Firefox ESR 153 and WebKitGTK 2.50 do (observed
   * by the conformance suite); Chromium asks only when the hop needs it (Fetch §4.1 step 12).
   */
  readonly preflightAfterRedirect: boolean;
  /**
   * A request made cross-site by a redirect hop withholds Lax/Strict cookies when sending
   * (Gecko `CookieCommons::IsSameSiteForeign` walks the redirect chain; WebKitGTK too,
   * observed; Chromium does not, observed). Not on storing:
   * Firefox ESR 153 stores a Lax cookie from a same-site final reached through a
   * cross-site hop (observed by the conformance suite).
   */
  readonly redirectChainSameSite: boolean;
  /** Preflight `Access-Control-Max-Age` cap in seconds (RB §1.6). */
  readonly maxAgeCap: number;
  /**
   * The method is upper-cased before matching `Access-Control-Allow-Methods`: older
   * Chromium (RB §1.9, crbug.com/1228178); current Chromium compares as sent.
   */
  readonly upperCaseMethodMatch: boolean;
  /**
   * `Access-Control-Allow-Headers: *` covers `Authorization` (uncredentialed requests),
   * contrary to Fetch (whatwg/fetch#1919): all three engines do (RB §1.9).
   */
  readonly wildcardCoversAuthorization: boolean;
  /** An https page may fetch `http://localhost` / loopback IPs (not mixed content). */
  readonly loopbackNotMixedContent: boolean;
  /** Chrome's Local Network Access permission for public → local/loopback requests. */
  readonly localNetworkAccess: boolean;
  /** Why each knob has its value, for docs and for reasons. */
  readonly notes: readonly string[];
}

const CHROMIUM_COMMON = {
  engine: 'chromium',
  unsetSameSite: 'Lax',
  laxAllowUnsafe: true,
  schemefulSameSite: true,
  localhostSecure: true,
  thirdPartyCheck: 'site',
  partitionedSupport: true,
  partitionedWhenBlocked: true,
  sameSiteOnSet: true,
  cookiePrefixes: true,
  domainNeedsDot: false,
  nameValueLimit: true,
  noneRequiresSecure: true,
  redirectChainSameSite: false,
  preflightAfterRedirect: false,
  maxAgeCap: 7200,
  upperCaseMethodMatch: false,
  wildcardCoversAuthorization: true,
  loopbackNotMixedContent: true,
  localNetworkAccess: true,
} as const;

const CHROMIUM_NOTES = [
  'unset SameSite = Lax since Chrome 80-84 (chromium.org/updates/same-site), with the 2-minute Lax+POST exception for top-level navigations (kLaxAllowUnsafeMaxAge).',
  'schemeful same-site since Chrome 89, for SameSite and the third-party cookie check alike (observed: an http page’s fetch to an https sibling is third-party); http://localhost counts as secure for cookies (Chrome 89+).',
  'CHIPS Partitioned since Chrome 114, requires Secure; works while third-party cookies are blocked (observed, real-browsers.md).',
  'preflight cache cap 7200 s (services/network/cors/preflight_result.cc kMaxTimeout).',
  'Access-Control-Allow-Methods compared case-sensitively, as sent: feature AccessControlAllowMethodsInCORSPreflightSpecConformant is enabled by default (services/network/public/cpp/features.cc); older builds upper-cased the method first (upperCaseMethodMatch models them).',
  'redirect chain not considered for SameSite (CookieSameSiteConsidersRedirectChain off; RB §2.5; observed by the conformance suite: a Lax cookie is sent after a cross-site hop).',
  'Local Network Access (M142+): a public page reaching a loopback or private address needs the user’s permission; insecure pages are refused.',
];

const FIREFOX_COMMON = {
  engine: 'gecko',
  unsetSameSite: 'None',
  laxAllowUnsafe: false,
  schemefulSameSite: false,
  localhostSecure: true,
  thirdPartyCheck: 'site',
  partitionedSupport: true,
  sameSiteOnSet: true,
  cookiePrefixes: true,
  domainNeedsDot: false,
  nameValueLimit: true,
  noneRequiresSecure: true,
  redirectChainSameSite: true,
  preflightAfterRedirect: true,
  maxAgeCap: 86400,
  upperCaseMethodMatch: false,
  wildcardCoversAuthorization: true,
  loopbackNotMixedContent: true,
  localNetworkAccess: false,
} as const;

const FIREFOX_NOTES = [
  'unset SameSite = None: Lax-by-default never shipped (mdn/browser-compat-data#21487).',
  'SameSite=None without Secure rejected for an explicit None since Firefox 131 (bug 1909673; CookieParser.cpp CookieRejectedNonRequiresSecure2).',
  'Lax/Strict cookies from a cross-site non-navigation response rejected (CookieValidation, CookieRejectedForNonSameSiteness).',
  'schemeful same-site behind a pref, off in release (RB §2.5).',
  'preflight cache cap 86400 s; default 5 s (nsCORSListenerProxy.cpp); method matching case-sensitive.',
  'a preflighted request preflights its later redirect hops too, even a simple one (a 303 turning PUT into GET; observed in Firefox ESR 153).',
  'ACAH * still covers Authorization, with a deprecation warning (security.properties CORSAllowHeaderFromPreflightDeprecation).',
  'no Local Network Access shipped (RB §1.10).',
];

const WEBKIT_NOTES = [
  'unset SameSite = None (RB §2.6); http://localhost is not secure for cookies (WebKit bug 281149).',
  'preflight cache cap 600 s (CrossOriginPreflightResultCache.cpp maxPreflightCacheTimeout).',
  'a preflighted request preflights its later redirect hops too, even a simple one (observed in WebKitGTK 2.50; Safari assumed alike, same loader).',
  'a request that went through a cross-site redirect hop withholds Lax/Strict cookies (observed in WebKitGTK 2.50: WebCore clears the request’s same-site flag on a cross-site redirect; Safari assumed alike, unverified).',
  'an https page calling http://localhost is blocked as mixed content (observed in WebKitGTK 2.50; Safari assumed alike, to verify).',
];

/** Chrome, regular profile, 2026: third-party cookies allowed (no deprecation date). */
const chrome: BrowserProfile = {
  ...CHROMIUM_COMMON,
  name: 'chrome',
  title: 'Chrome, regular profile (third-party cookies allowed)',
  thirdPartyCookies: 'allow',
  notes: [
    ...CHROMIUM_NOTES,
    'third-party cookies allowed in regular profiles: no prompt (Google, 2025-04-22), Privacy Sandbox retired (2025-10-17).',
  ],
};

/** Chrome incognito; also Debian's Chromium 156 default on this machine. */
const chromeIncognito: BrowserProfile = {
  ...CHROMIUM_COMMON,
  name: 'chrome-incognito',
  title: 'Chrome incognito (third-party cookies blocked; Debian Chromium 156 default)',
  thirdPartyCookies: 'block',
  notes: [
    ...CHROMIUM_NOTES,
    'third-party cookies blocked in incognito, and by default in Debian Chromium 156 (observed, real-browsers.md).',
  ],
};

/** Firefox with Total Cookie Protection (the default `cookieBehavior` 5). */
const firefox: BrowserProfile = {
  ...FIREFOX_COMMON,
  name: 'firefox',
  title: 'Firefox, Total Cookie Protection (third-party cookies partitioned)',
  thirdPartyCookies: 'partition',
  partitionedWhenBlocked: true,
  notes: [
    ...FIREFOX_NOTES,
    'Total Cookie Protection (cookieBehavior 5): third-party cookies stored and sent in a jar per top-level site (observed, real-browsers.md).',
  ],
};

/** Firefox blocking third-party cookies (`cookieBehavior` 1). */
const firefoxStrict: BrowserProfile = {
  ...FIREFOX_COMMON,
  name: 'firefox-strict',
  title: 'Firefox blocking third-party cookies (cookieBehavior 1)',
  thirdPartyCookies: 'block',
  partitionedWhenBlocked: false,
  notes: [
    ...FIREFOX_NOTES,
    'cookieBehavior 1 (BEHAVIOR_REJECT_FOREIGN) rejects every foreign cookie, Partitioned included (CookieService::CheckPrefs, CookieRejectedThirdParty).',
  ],
};

/** Safari (current): third-party cookies blocked, CHIPS since 18.4. */
const safari: BrowserProfile = {
  name: 'safari',
  title: 'Safari 18.4+ (third-party cookies blocked, Partitioned kept)',
  engine: 'webkit',
  unsetSameSite: 'None',
  laxAllowUnsafe: false,
  schemefulSameSite: false,
  localhostSecure: false,
  thirdPartyCookies: 'block',
  thirdPartyCheck: 'site',
  partitionedSupport: true,
  partitionedWhenBlocked: true,
  sameSiteOnSet: false,
  cookiePrefixes: true,
  domainNeedsDot: false,
  nameValueLimit: true,
  noneRequiresSecure: false,
  redirectChainSameSite: true,
  preflightAfterRedirect: true,
  maxAgeCap: 600,
  upperCaseMethodMatch: false,
  wildcardCoversAuthorization: true,
  loopbackNotMixedContent: false,
  localNetworkAccess: false,
  notes: [
    ...WEBKIT_NOTES,
    'third-party cookies blocked since Safari 13.1 (2020) except through the Storage Access API, checked on storing and sending (RB §2.6).',
    'CHIPS Partitioned since Safari 18.4, the only third-party cookies kept (RB §2.6; not verified on this machine).',
    'SameSite=None without Secure, schemeful same-site and SameSite on storing: unknown for Safari (RB §5); modelled as WebKitGTK does.',
  ],
};

const WEBKITGTK_COMMON = {
  engine: 'webkit',
  unsetSameSite: 'None',
  laxAllowUnsafe: false,
  schemefulSameSite: false,
  localhostSecure: false,
  thirdPartyCheck: 'libsoup',
  partitionedSupport: false,
  partitionedWhenBlocked: false,
  sameSiteOnSet: false,
  cookiePrefixes: false,
  domainNeedsDot: true,
  nameValueLimit: false,
  noneRequiresSecure: false,
  redirectChainSameSite: true,
  preflightAfterRedirect: true,
  maxAgeCap: 600,
  upperCaseMethodMatch: false,
  wildcardCoversAuthorization: true,
  loopbackNotMixedContent: false,
  localNetworkAccess: false,
} as const;

const WEBKITGTK_NOTES = [
  ...WEBKIT_NOTES,
  'cookies are libsoup’s (soup-cookie-jar.c): Partitioned ignored, no SameSite check on storing (a cross-site Lax cookie is stored but not sent cross-site, observed), no SameSite=None-requires-Secure rule, no __Secure-/__Host- prefix rules (observed), a Domain attribute without an inner dot rejects the cookie (soup-cookie.c parse_one_cookie; observed with Domain=localhost), no 4096-byte name+value limit in libsoup 3.2 (observed), Secure refused over http including localhost.',
  'libsoup’s third-party check runs on storing only and compares the cookie’s domain with the top-level host, where a name under a suffix absent from the PSL (.test) is its own base domain: sibling hosts there count as different sites for a host-only cookie (observed, real-browsers.md).',
];

/** WebKitGTK 2.50 as shipped by Debian: libsoup `no-third-party` cookie policy. */
const webkitgtk: BrowserProfile = {
  ...WEBKITGTK_COMMON,
  name: 'webkitgtk',
  title: 'WebKitGTK 2.50 (libsoup, third-party cookies not accepted)',
  thirdPartyCookies: 'block',
  notes: [...WEBKITGTK_NOTES, 'default cookie policy no-third-party (real-browsers.md).'],
};

/** WebKitGTK 2.50 with `--cookies-policy=always`. */
const webkitgtk3p: BrowserProfile = {
  ...WEBKITGTK_COMMON,
  name: 'webkitgtk-3p',
  title: 'WebKitGTK 2.50 with third-party cookies accepted (--cookies-policy=always)',
  thirdPartyCookies: 'allow',
  notes: [...WEBKITGTK_NOTES, 'cookie policy always: third-party cookies stored and sent.'],
};

/** Every built-in profile, by name. */
export const PROFILES: Readonly<Record<ProfileName, BrowserProfile>> = Object.freeze({
  chrome,
  'chrome-incognito': chromeIncognito,
  firefox,
  'firefox-strict': firefoxStrict,
  safari,
  webkitgtk,
  'webkitgtk-3p': webkitgtk3p,
});

/** The names of the built-in profiles. */
export type ProfileName =
  | 'chrome'
  | 'chrome-incognito'
  | 'firefox'
  | 'firefox-strict'
  | 'safari'
  | 'webkitgtk'
  | 'webkitgtk-3p';

/** The built-in profile names, in a reading order (Chromium, Firefox, WebKit). */
export const PROFILE_NAMES: readonly ProfileName[] = Object.freeze([
  'chrome',
  'chrome-incognito',
  'firefox',
  'firefox-strict',
  'safari',
  'webkitgtk',
  'webkitgtk-3p',
]);
