/**
 * The data a session-topology plan is made of: relations, planned cookies, transport,
 * warnings and reasons. JSON-serialisable, so a doctor or a log can carry it as is.
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
