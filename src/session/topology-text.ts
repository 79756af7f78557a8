/**
 * The plain-text rendering of a session-topology plan: the few lines a person reads at
 * server start.
 */
import type { CookieAttributes } from '../cookies/index.js';
import type { BrowserOutcome } from './topology-browsers.js';
import type { SiteRelation } from './topology-sites.js';

/** A cookie the plan sets: its full name (prefix included) and its attributes. */
export interface PlannedCookie {
  readonly name: string;
  readonly attributes: CookieAttributes;
}

/** How one app origin relates to the API. */
export interface AppOriginRelation {
  readonly appOrigin: string;
  readonly relation: SiteRelation;
  /** The app's site, serialised (`https://example.com`). */
  readonly appSite: string;
  /** The API's site, serialised. */
  readonly apiSite: string;
}

/**
 * How the session travels: cookies only; cookies with the `Authorization: Bearer`
 * header for browsers that drop them; or the header only.
 */
export type SessionTransport = 'cookie' | 'cookie+bearer-fallback' | 'bearer';

/** Something that works, but not everywhere or not safely: logged at startup. */
export interface TopologyWarning {
  readonly code: string;
  readonly message: string;
  readonly fix: string;
  /** Browsers concerned and what they do; empty when the warning is not about browsers. */
  readonly browsers: readonly BrowserOutcome[];
}

/** One decision of the plan and why it was taken. */
export interface TopologyReason {
  readonly code: string;
  readonly message: string;
}

/** What the plan decided, as data (JSON-serialisable). */
export interface TopologyDecision {
  readonly apiOrigin: string;
  readonly relations: readonly AppOriginRelation[];
  /** The strictest relation among the app origins: the one the cookies are fitted to. */
  readonly relation: SiteRelation;
  /** The session (access-token) cookie; `null` with the Bearer-only transport. */
  readonly cookie: PlannedCookie | null;
  /** The refresh-token cookie; `null` with the Bearer-only transport. */
  readonly refreshCookie: PlannedCookie | null;
  readonly transport: SessionTransport;
  readonly warnings: readonly TopologyWarning[];
  readonly reasons: readonly TopologyReason[];
}

/**
 * A cookie as `Set-Cookie` would carry it, with `…` for the value, e.g.
 * `__Host-session=…; Path=/; Secure; HttpOnly; SameSite=Lax`.
 */
export function formatPlannedCookie(cookie: PlannedCookie): string {
  const a = cookie.attributes;
  let line = `${cookie.name}=…`;
  if (a.domain !== undefined) line += `; Domain=${a.domain}`;
  if (a.path !== undefined) line += `; Path=${a.path}`;
  if (a.secure === true) line += '; Secure';
  if (a.httpOnly === true) line += '; HttpOnly';
  if (a.sameSite !== undefined) line += `; SameSite=${a.sameSite}`;
  if (a.partitioned === true) line += '; Partitioned';
  return line;
}

const TRANSPORT_TEXT: Readonly<Record<SessionTransport, string>> = {
  cookie: 'cookies',
  'cookie+bearer-fallback': 'cookies, with the Bearer header where the browser drops them',
  bearer: 'Bearer header only (no cookies)',
};

/** Renders a decision as a few lines of text. */
export function renderTopologyText(decision: TopologyDecision): string {
  const lines = [`corset session topology: API ${decision.apiOrigin}`];
  for (const r of decision.relations) {
    const sites = r.relation === 'same-origin' ? '' : ` (site ${r.appSite} vs ${r.apiSite})`;
    lines.push(`  app ${r.appOrigin}: ${r.relation}${sites}`);
  }
  if (decision.cookie !== null)
    lines.push(`  session cookie: ${formatPlannedCookie(decision.cookie)}`);
  if (decision.refreshCookie !== null) {
    lines.push(`  refresh cookie: ${formatPlannedCookie(decision.refreshCookie)}`);
  }
  lines.push(`  transport: ${TRANSPORT_TEXT[decision.transport]}`);
  for (const w of decision.warnings) lines.push(`  WARNING [${w.code}] ${w.message} Fix: ${w.fix}`);
  for (const r of decision.reasons) lines.push(`  - ${r.message}`);
  return lines.join('\n');
}
