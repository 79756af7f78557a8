/**
 * Public suffixes (RFC 6265bis §5.7: user agents reject a Domain that is a public suffix)
 * from the Public Suffix List via `tldts`, private section included: browsers treat
 * `github.io`, `vercel.app` and the like as public suffixes too. Server side only (the
 * list is large; the user-agent parser does not need it).
 */
import { getDomain, getPublicSuffix } from 'tldts';

/**
 * True when `domain` (canonical, not an IP) is itself a public suffix. A name the list
 * does not know is its own public suffix when it has one label (`localhost`, `intranet`):
 * the list's implicit `*` rule.
 */
export function isPublicSuffix(domain: string): boolean {
  return getPublicSuffix(domain, { allowPrivateDomains: true }) === domain;
}

/**
 * The registrable domain (public suffix plus one label) of a host name, e.g.
 * `example.com` for `api.example.com` and `app.github.io` for itself; `undefined` for a
 * public suffix or an IP address.
 */
export function registrableDomainOf(host: string): string | undefined {
  return getDomain(host, { allowPrivateDomains: true }) ?? undefined;
}
