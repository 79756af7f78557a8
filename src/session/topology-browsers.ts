/**
 * What browsers do with the session cookie when the app is on another site than the API
 * (a third-party cookie from the browser's point of view), for the startup warning.
 *
 * Sources: shared/docs/real-browsers.md (observed on this machine: Chromium 156,
 * Firefox ESR 153, WebKitGTK 2.50, `fetch(..., {credentials: 'include'})`) and
 * shared/docs/research/browser-rules.md §2.6 (Safari).
 */

/** What happens to a `SameSite=None; Secure; Partitioned` cookie in one browser. */
export type CrossSiteCookieOutcome =
  /** Stored and sent, in a jar keyed by the top-level site (CHIPS or Firefox's TCP). */
  | 'partitioned'
  /** Not stored or never sent: only the Bearer transport works there. */
  | 'dropped';

/** One browser (in one configuration) and what it does with the cross-site cookie. */
export interface BrowserOutcome {
  readonly browser: string;
  readonly outcome: CrossSiteCookieOutcome;
  /** Why, with the source of the fact. */
  readonly detail: string;
}

/** The browsers the cross-site warning names, in the order a person reads them. */
export const CROSS_SITE_COOKIE_OUTCOMES: readonly BrowserOutcome[] = Object.freeze([
  {
    browser: 'Safari before 18.4',
    outcome: 'dropped',
    detail:
      'blocks every third-party cookie since 13.1 (2020), except through the Storage Access API (research/browser-rules.md §2.6).',
  },
  {
    browser: 'WebKitGTK',
    outcome: 'dropped',
    detail:
      'default cookie policy `no-third-party` blocks the cookie, and it ignores `Partitioned` (observed with WebKitGTK 2.50, real-browsers.md).',
  },
  {
    browser: 'Safari 18.4+',
    outcome: 'partitioned',
    detail:
      'announced CHIPS support: `Partitioned` is the only third-party cookie it keeps, and not for sites ITP classifies as trackers (not verified on this machine).',
  },
  {
    browser:
      'Chromium with third-party cookies blocked (Chrome incognito, Debian Chromium 156 by default)',
    outcome: 'partitioned',
    detail:
      'drops unpartitioned `SameSite=None` cookies but keeps `Partitioned` ones (observed with Chromium 156, real-browsers.md).',
  },
  {
    browser: 'Firefox',
    outcome: 'partitioned',
    detail:
      'Total Cookie Protection stores third-party cookies in a jar per top-level site (observed with Firefox ESR 153, real-browsers.md).',
  },
]);
