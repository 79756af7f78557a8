/**
 * Checks a request meets before it leaves the browser: mixed content (W3C Mixed Content
 * §4.4, fetches are "blockable") and Chrome's Local Network Access.
 */
import type { BrowserProfile } from './profiles.js';
import type { ReasonCode } from './reasons.js';
import { hostOf, isLoopbackHost, isPrivateAddressHost, isSecureContext } from './site.js';

/**
 * An https page fetching an http URL is blocked. Chromium and Firefox exempt loopback
 * hosts (potentially trustworthy, Secure Contexts §3.1); WebKitGTK 2.50 blocks them too
 * (observed, real-browsers.md). Neither auto-upgrades a fetch (Chrome's autoupgrade covers
 * images, audio and video only).
 */
export function isMixedContent(page: URL, url: URL, profile: BrowserProfile): boolean {
  if (page.protocol !== 'https:' || url.protocol !== 'http:') return false;
  return !(profile.loopbackNotMixedContent && isLoopbackHost(hostOf(url)));
}

/** Local Network Access address spaces, from the most to the least private. */
type AddressSpace = 'loopback' | 'local' | 'public';

/**
 * The address space of a URL's host, from the host alone: loopback names and IPs,
 * private IP literals, and every other name counted public. The model cannot resolve
 * names: a public-looking name mapped to 127.0.0.1 (as in the real-browser harness) is
 * loopback for the browser but public here.
 */
function addressSpace(url: URL): AddressSpace {
  const host = hostOf(url);
  if (isLoopbackHost(host)) return 'loopback';
  return isPrivateAddressHost(host) ? 'local' : 'public';
}

const RANK: Readonly<Record<AddressSpace, number>> = { loopback: 0, local: 1, public: 2 };

/**
 * Chrome Local Network Access (M142; RB §1.10): a request from a less private address
 * space to a more private one needs the user's permission, which only a secure context
 * can get. Returns the reason, or `undefined` when LNA does not apply.
 */
export function localNetworkAccess(
  page: URL,
  url: URL,
  profile: BrowserProfile,
): ReasonCode | undefined {
  if (!profile.localNetworkAccess) return undefined;
  if (RANK[addressSpace(url)] >= RANK[addressSpace(page)]) return undefined;
  return isSecureContext(page)
    ? 'LocalNetworkAccessPermission'
    : 'LocalNetworkAccessInsecureContext';
}
