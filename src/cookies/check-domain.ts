/**
 * Domain attribute checks (RFC 6265bis §5.1.2, §5.1.3, §5.7; Public Suffix List): what
 * browsers would reject or silently narrow, found at construction.
 */

import { canonicalHost, domainMatches, isHostName, isIpHost } from './domain-match.js';
import { asciiLowercase } from './octets.js';
import { isPublicSuffix, registrableDomainOf } from './public-suffix.js';
import type { Report } from './spec-report.js';

/**
 * Checks `domain` for a cookie set by the canonical `apiHost` (undefined when that is
 * itself invalid); returns the canonical Domain, or `undefined` when absent or rejected.
 */
export function checkDomain(
  domain: unknown,
  apiHost: string | undefined,
  report: Report,
): string | undefined {
  if (domain === undefined) return undefined;
  if (typeof domain !== 'string' || domain.length === 0 || domain === '.') {
    report(
      'error',
      'cookie/domain-invalid',
      'domain',
      domain,
      'an empty Domain is read as host-only by RFC 6265bis but ignored by RFC 6265 user agents: its meaning depends on the browser.',
      'omit `domain` for a host-only cookie.',
    );
    return undefined;
  }
  let name = domain;
  if (name.startsWith('.')) {
    report(
      'warning',
      'cookie/domain-leading-dot',
      'domain',
      domain,
      'the leading "." is a legacy spelling; user agents drop it (RFC 6265bis §5.6.3) and the cookie covers the subdomains either way.',
      `write \`domain: '${name.slice(1)}'\`.`,
    );
    name = name.slice(1);
  }
  const canonical = canonicalHost(name);
  const lower = asciiLowercase(name);
  if (
    name.endsWith('.') ||
    canonical === undefined ||
    (canonical !== lower && !isIpHost(canonical))
  ) {
    const aLabel = canonical !== undefined && isHostName(canonical) ? canonical : undefined;
    report(
      'error',
      'cookie/domain-invalid',
      'domain',
      domain,
      name.endsWith('.')
        ? 'a trailing "." makes user agents ignore the Domain attribute (RFC 6265bis §4.1.2.3).'
        : 'the Domain is not an ASCII host name; user agents ignore a cookie whose Domain holds non-ASCII (RFC 6265bis §5.7) and need A-labels (§5.1.2).',
      aLabel !== undefined
        ? `write the A-label: \`domain: '${aLabel}'\`.`
        : 'write a host name such as `example.com`, or omit `domain` for a host-only cookie.',
    );
    return undefined;
  }
  if (isIpHost(canonical)) {
    report(
      'error',
      'cookie/domain-ip',
      'domain',
      domain,
      'an IP address cannot be a cookie Domain: domain matching never widens an IP (RFC 6265bis §5.1.3), so browsers accept only the exact address and store a host-only cookie.',
      'omit `domain`: the cookie is host-only to the address anyway.',
    );
    return undefined;
  }
  if (isPublicSuffix(canonical)) {
    report(
      'error',
      'cookie/domain-public-suffix',
      'domain',
      domain,
      `\`${canonical}\` is a public suffix (Public Suffix List, private section included): browsers reject such a Domain, or make the cookie host-only when it equals the host (RFC 6265bis §5.7). Otherwise every site under it could read and overwrite the cookie.`,
      apiHost !== undefined && registrableDomainOf(apiHost) !== undefined
        ? `omit \`domain\` (host-only), or use a domain you control such as \`${registrableDomainOf(apiHost)}\`.`
        : 'omit `domain` for a host-only cookie.',
    );
    return undefined;
  }
  if (apiHost !== undefined && !domainMatches(apiHost, canonical)) {
    const registrable = isIpHost(apiHost) ? undefined : registrableDomainOf(apiHost);
    report(
      'error',
      'cookie/domain-mismatch',
      'domain',
      domain,
      `the API host \`${apiHost}\` is not \`${canonical}\` nor under it, so browsers reject the cookie: a response may only set cookies for its own host and its parent domains (RFC 6265bis §5.7, domain-match §5.1.3).`,
      registrable !== undefined && registrable !== apiHost
        ? `omit \`domain\` (host-only to \`${apiHost}\`), or use a parent of it such as \`${registrable}\`.`
        : `omit \`domain\` (host-only to \`${apiHost}\`).`,
    );
    return undefined;
  }
  return canonical;
}
