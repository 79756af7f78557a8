/**
 * Cookie name prefixes (RFC 6265bis §4.1.3, enforced by the storage model §5.7): a name starting with one
 * of them asks the user agent to enforce conditions on the cookie's attributes. The draft
 * matches them case-insensitively ("__host-" counts as "__Host-"), as Chromium and
 * Firefox do; tough-cookie and older engines match case-sensitively.
 */

/** The prefixes RFC 6265bis defines, in their canonical spelling. */
export type CookiePrefix = '__Secure-' | '__Host-' | '__Http-' | '__Host-Http-';

/**
 * What a prefix demands (RFC 6265bis §4.1.3; `__Http-` and `__Host-Http-` are the newest
 * two, shipped in Chrome 140, unknown to other engines yet): `__Secure-` needs Secure;
 * `__Host-` needs Secure, no Domain and `Path=/`; `__Http-` needs Secure and HttpOnly (and
 * to be set over HTTP); `__Host-Http-` needs all of these.
 */
export interface PrefixRequirements {
  readonly secure: boolean;
  readonly hostOnlyRootPath: boolean;
  readonly httpOnly: boolean;
}

const REQUIREMENTS: Readonly<Record<CookiePrefix, PrefixRequirements>> = {
  '__Secure-': { secure: true, hostOnlyRootPath: false, httpOnly: false },
  '__Host-': { secure: true, hostOnlyRootPath: true, httpOnly: false },
  '__Http-': { secure: true, hostOnlyRootPath: false, httpOnly: true },
  '__Host-Http-': { secure: true, hostOnlyRootPath: true, httpOnly: true },
};

function startsWithIgnoreCase(name: string, prefix: string): boolean {
  if (name.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    let code = name.charCodeAt(i);
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    let want = prefix.charCodeAt(i);
    if (want >= 0x41 && want <= 0x5a) want += 0x20;
    if (code !== want) return false;
  }
  return true;
}

/**
 * The prefix a cookie name carries, matched case-insensitively (RFC 6265bis §5.7), or
 * `undefined`. The longest match wins: `__Host-Http-x` is `__Host-Http-`, not `__Host-`.
 */
export function cookiePrefix(name: string): CookiePrefix | undefined {
  if (name.charCodeAt(0) !== 0x5f || name.charCodeAt(1) !== 0x5f) return undefined;
  if (startsWithIgnoreCase(name, '__Host-Http-')) return '__Host-Http-';
  if (startsWithIgnoreCase(name, '__Host-')) return '__Host-';
  if (startsWithIgnoreCase(name, '__Secure-')) return '__Secure-';
  if (startsWithIgnoreCase(name, '__Http-')) return '__Http-';
  return undefined;
}

/** The conditions a prefix imposes on the cookie's attributes. */
export function prefixRequirements(prefix: CookiePrefix): PrefixRequirements {
  return REQUIREMENTS[prefix];
}
