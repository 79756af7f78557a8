/**
 * Sites and URL security facts as browsers compute them: HTML "obtain a site" (scheme and
 * registrable domain from the Public Suffix List, private section included, via `tldts`),
 * same-site with or without the scheme, loopback hosts, and "secure" for cookies.
 */
import { parse } from 'tldts';
import type { BrowserProfile } from './profiles.js';

/** A URL's site (HTML §7.1.1 "obtain a site"). */
export interface UrlSite {
  readonly scheme: string;
  /** The registrable domain, or the host itself when it has none (IPs, `localhost`). */
  readonly domain: string;
}

/** Canonical host of a URL: IPv6 keeps its brackets, as cookie domains compare it. */
export function hostOf(url: URL): string {
  return url.hostname;
}

/** The site of `url`. */
export function siteOf(url: URL): UrlSite {
  const scheme = url.protocol.slice(0, -1);
  const host = hostOf(url);
  const info = parse(host.startsWith('[') ? host.slice(1, -1) : host, {
    allowPrivateDomains: true,
  });
  const domain = info.isIp === true || info.domain === null ? host : info.domain;
  return { scheme, domain };
}

/** Serialised site, e.g. `https://example.com`: a partition key. */
export function siteKey(url: URL): string {
  const site = siteOf(url);
  return `${site.scheme}://${site.domain}`;
}

/**
 * Same-site (HTML "same site"): equal registrable domains, and equal schemes when
 * `schemeful` (Chrome 89+; RFC 6265bis §5.2 uses the schemeful form).
 */
export function isSameSite(a: URL, b: URL, schemeful: boolean): boolean {
  const siteA = siteOf(a);
  const siteB = siteOf(b);
  return siteA.domain === siteB.domain && (!schemeful || siteA.scheme === siteB.scheme);
}

/**
 * Loopback hosts (W3C Secure Contexts §3.1 "potentially trustworthy"): `localhost`,
 * `*.localhost`, 127.0.0.0/8 and `[::1]`.
 */
export function isLoopbackHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/** RFC 1918 / RFC 4193 private address literals (Local Network Access "local" space). */
export function isPrivateAddressHost(host: string): boolean {
  return (
    /^10\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    /^192\.168\.\d{1,3}\.\d{1,3}$/.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\.\d{1,3}\.\d{1,3}$/.test(host) ||
    /^\[f[cd][0-9a-f]{2}:/i.test(host)
  );
}

/**
 * Whether `url` is a "secure" connection for cookies (RFC 6265bis §5.7 step 13, left to
 * the user agent): https, or a loopback host where the profile counts it secure.
 */
export function isSecureForCookies(url: URL, profile: BrowserProfile): boolean {
  if (url.protocol === 'https:') return true;
  return profile.localhostSecure && isLoopbackHost(hostOf(url));
}

/** A secure context (Secure Contexts §3.1): https or a loopback host. */
export function isSecureContext(url: URL): boolean {
  return url.protocol === 'https:' || isLoopbackHost(hostOf(url));
}

/**
 * libsoup's base domain (`soup_tld_get_base_domain`): the registrable domain when the
 * host's suffix is on the Public Suffix List (no implicit `*` rule), else `undefined`.
 */
function libsoupBaseDomain(host: string): string | undefined {
  const info = parse(host, { allowPrivateDomains: true });
  if (info.isIp === true || info.domain === null) return undefined;
  if (info.isIcann !== true && info.isPrivate !== true) return undefined;
  return info.domain;
}

/** libsoup `soup_host_matches_host`: equal, or one is a dot-suffix of the other. */
function hostMatchesHost(a: string, b: string): boolean {
  const x = a.startsWith('.') ? a.slice(1) : a;
  const y = b.startsWith('.') ? b.slice(1) : b;
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}

/**
 * libsoup `incoming_cookie_is_third_party`: the cookie's domain (its Domain attribute or
 * host) against the top-level host, each reduced to its base domain when it has one.
 */
export function libsoupThirdParty(cookieDomain: string, topLevelHost: string): boolean {
  const cookieBase = libsoupBaseDomain(cookieDomain) ?? cookieDomain;
  const firstPartyBase = libsoupBaseDomain(topLevelHost) ?? topLevelHost;
  return !hostMatchesHost(cookieBase, firstPartyBase);
}
