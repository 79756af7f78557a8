/**
 * Sites and the relation between two origins, as browsers compute them for cookies.
 *
 * A site is HTML's "obtain a site" (HTML §7.1.1 "Sites"): the scheme and the host's
 * registrable domain (Public Suffix List, private section included, as browsers ship
 * it), or the scheme and the host itself when the host has no registrable domain (an IP
 * address, `localhost`, a single label, a public suffix). Two origins are same-site when
 * their sites are equal: this is the SCHEMEFUL comparison (HTML "same site"; Chrome 89+),
 * under which `http://x.example.com` and `https://x.example.com` are different sites.
 * RFC 6265bis §5.2 decides SameSite cookies with it.
 */
import { parse } from 'tldts';
import { type ParsedOrigin, parseOrigin } from '../cors/index.js';

/** How two origins relate, from the narrowest to the widest. */
export type SiteRelation = 'same-origin' | 'same-site' | 'cross-site';

/** The site of an origin (HTML "obtain a site"). */
export interface Site {
  /** `http` or `https`. */
  readonly scheme: string;
  /** The registrable domain, or the host itself when it has none. */
  readonly domain: string;
  /** False for hosts without a registrable domain: IPs, `localhost`, single labels. */
  readonly registrable: boolean;
  /**
   * True when the registrable domain sits under a suffix the Public Suffix List does not
   * list (`corset.test`): the list's implicit `*` rule applies, and some engines compare
   * full host names there instead (WebKitGTK's libsoup, shared/docs/real-browsers.md).
   */
  readonly unlistedSuffix: boolean;
  /** `scheme://domain`, the way HTML serialises a site. */
  readonly serialized: string;
}

/**
 * The site of a parsed http(s) origin. The host is already canonical (lower case,
 * A-labels, IPv6 in brackets).
 */
export function siteOfParsed(origin: ParsedOrigin): Site {
  const { scheme, host } = origin;
  // URL Standard §3.2 "registrable domain": a trailing dot belongs to the public suffix,
  // so `example.com.` is its own registrable domain, distinct from `example.com`.
  // tldts drops the dot, so it is put back here.
  const trailingDot = host.endsWith('.');
  const name = trailingDot ? host.slice(0, -1) : host;
  const info = parse(name, { allowPrivateDomains: true });
  if (info.isIp === true || info.domain === null) {
    return {
      scheme,
      domain: host,
      registrable: false,
      unlistedSuffix: false,
      serialized: `${scheme}://${host}`,
    };
  }
  const domain = trailingDot ? `${info.domain}.` : info.domain;
  return {
    scheme,
    domain,
    registrable: true,
    unlistedSuffix: info.isIcann !== true && info.isPrivate !== true,
    serialized: `${scheme}://${domain}`,
  };
}

/** Parses an origin whose scheme is http or https; undefined for anything else. */
export function parseHttpOrigin(raw: string): ParsedOrigin | undefined {
  const parsed = parseOrigin(raw);
  if (parsed === undefined) return undefined;
  return parsed.scheme === 'http' || parsed.scheme === 'https' ? parsed : undefined;
}

/**
 * The site of `origin` (e.g. `https://api.example.com` → `https://example.com`), or
 * `undefined` when it is not an http(s) origin.
 */
export function siteOf(origin: string): Site | undefined {
  const parsed = parseHttpOrigin(origin);
  return parsed === undefined ? undefined : siteOfParsed(parsed);
}

/** {@link classifySites} on parsed origins. */
export function relationOf(a: ParsedOrigin, b: ParsedOrigin): SiteRelation {
  if (a.origin === b.origin) return 'same-origin';
  const siteA = siteOfParsed(a);
  const siteB = siteOfParsed(b);
  return siteA.scheme === siteB.scheme && siteA.domain === siteB.domain
    ? 'same-site'
    : 'cross-site';
}

/**
 * How origins `a` and `b` relate: `same-origin` (same scheme, host and port),
 * `same-site` (same scheme and registrable domain, or same host when there is none:
 * the port never matters), or `cross-site`. Schemeful and PSL-aware:
 * `http://localhost:8080` / `http://localhost:3000` are same-site,
 * `http://127.0.0.1` / `http://localhost` cross-site (different hosts, neither
 * registrable), `https://a.github.io` / `https://b.github.io` cross-site (`github.io` is
 * a public suffix), `http://app.example.com` / `https://api.example.com` cross-site.
 *
 * Returns `undefined` when either argument is not an http(s) origin.
 */
export function classifySites(a: string, b: string): SiteRelation | undefined {
  const parsedA = parseHttpOrigin(a);
  const parsedB = parseHttpOrigin(b);
  if (parsedA === undefined || parsedB === undefined) return undefined;
  return relationOf(parsedA, parsedB);
}
