/**
 * The browser model's input (an exchange: the page, then steps of request + what the
 * server answered) and output (per browser profile, per step: what the browser did and
 * why). Plain data both ways, so a web page, the doctor and tests can build, store and
 * compare them.
 */

/** Fetch §2.2.5 "credentials mode" of a request (`fetch()` defaults to `same-origin`). */
export type CredentialsMode = 'include' | 'same-origin' | 'omit';

/**
 * Fetch §2.2.5 "mode": `cors` (`fetch()`'s default), `no-cors` (opaque response), or
 * `navigate` for a top-level navigation (a link or a form submission to the URL).
 */
export type RequestMode = 'cors' | 'no-cors' | 'navigate';

/**
 * Header fields: a record (a value list for a repeated field) or name/value pairs in
 * order. Names are case-insensitive; repeated fields combine as `a, b` (Fetch §2.2.2
 * "get"), except `Set-Cookie`, whose lines are kept apart.
 */
export type HeaderInput =
  | Readonly<Record<string, string | readonly string[]>>
  | readonly (readonly [string, string])[];

/** A response the server gave. */
export interface ModelResponse {
  readonly status: number;
  readonly headers?: HeaderInput;
}

/**
 * A redirect the server answered with (status 301, 302, 303, 307 or 308), the `Location`
 * it named, and, when the browser sends a preflight to that location, the server's
 * answer to it.
 */
export interface RedirectResponse extends ModelResponse {
  readonly location: string;
  readonly preflight?: ModelResponse;
}

/** The request the page makes (what the page's script passes to `fetch()`). */
export interface ModelRequest {
  /** Absolute URL. */
  readonly url: string;
  /** Default `GET`. Normalised as `fetch()` does (Fetch §2.2.1 "normalize"). */
  readonly method?: string;
  readonly headers?: HeaderInput;
  /** Default `same-origin`, as `fetch()`; `include` is `credentials: 'include'`. */
  readonly credentials?: CredentialsMode;
  /** Default `cors`. */
  readonly mode?: RequestMode;
}

/** What the server answered, in the order the browser sees it. */
export interface StepResponses {
  /** The answer to the first preflight, when the browser sends one. */
  readonly preflight?: ModelResponse;
  /** Redirects before the final response, in order. */
  readonly redirects?: readonly RedirectResponse[];
  /** The final response (or the only one). */
  readonly actual: ModelResponse;
}

/** What the page needs from a step; a need the browser does not meet fails the step. */
export interface StepExpectations {
  /** Cookie names the request must carry (e.g. the session cookie on `/me`). */
  readonly cookies?: readonly string[];
  /** Response header names the page's script reads. */
  readonly headers?: readonly string[];
}

/** One request of the exchange and what the server answered. */
export interface ExchangeStep {
  /** A short name shown in the output (e.g. `login`). */
  readonly label?: string;
  /**
   * The top-level page for this step when it differs from the exchange's (the user went
   * elsewhere, e.g. visited the API's site first-party).
   */
  readonly page?: string;
  /** Seconds since the previous step (cookie expiry, preflight cache, Lax+POST window). */
  readonly afterSeconds?: number;
  readonly request: ModelRequest;
  readonly responses: StepResponses;
  readonly expect?: StepExpectations;
}

/**
 * A credentialed cross-origin exchange: the page the user is on and the requests it
 * makes, in order. Each browser profile runs the steps with one cookie jar and one
 * preflight cache, so a login step followed by a `/me` step sees the login's cookie.
 */
export interface Exchange {
  /** The top-level page URL (the site the user is on), e.g. `https://app.example.com/`. */
  readonly page: string;
  readonly steps: readonly ExchangeStep[];
  /** Start time, ms since the epoch (default: now). Fix it for reproducible results. */
  readonly now?: number;
}

/** The stage of a step that failed, in the order the browser meets them. */
export type FailedStage =
  | 'preflight'
  | 'cookie-not-sent'
  | 'set-cookie'
  | 'cors-check'
  | 'header-not-exposed';

/** How serious a reason is: an `error` fails the step; the others only explain. */
export type ReasonSeverity = 'error' | 'warning' | 'info';

/** One explanation, in the browser's vocabulary, with what to change. */
export interface Reason {
  /** Stable code from the catalogue (`src/browser/reasons.ts`, `docs/reasons.md`). */
  readonly code: string;
  readonly severity: ReasonSeverity;
  /** The stage it fails, for errors. */
  readonly stage?: FailedStage;
  /** The message as this engine's console or DevTools words it (see the catalogue). */
  readonly message: string;
  /** What to change, on the server or in the client. */
  readonly fix: string;
  /** Where the rule comes from (spec section or engine source). */
  readonly source: string;
}

/** What happened to one `Set-Cookie` line. */
export interface SetCookieOutcome {
  /** The cookie name (`""` for a nameless cookie; the raw line when it did not parse). */
  readonly name: string;
  /** Stored (or replaced) in the jar. False when rejected, and for a deletion. */
  readonly stored: boolean;
  /** Stored in a jar keyed by the top-level site (CHIPS or Firefox's TCP). */
  readonly partitioned: boolean;
  /** The line removed a cookie (an expiry in the past, `Max-Age=0`). */
  readonly deleted: boolean;
  /** Hidden from `document.cookie` (still sent with requests). */
  readonly httpOnly: boolean;
  readonly reasons: readonly Reason[];
}

/** The preflight of a step (the first one; a redirect may need another). */
export interface PreflightOutcome {
  /** The request needs one (Fetch §4.1 main fetch step 12). */
  readonly needed: boolean;
  /** The browser sent one (needed and not served from the preflight cache). */
  readonly sent: boolean;
  /** It passed, or a cached result covered the request. False when needed and failed. */
  readonly passed: boolean;
  /** `Access-Control-Request-Method`, when sent. */
  readonly method?: string;
  /** `Access-Control-Request-Headers` names (sorted, lower case), when sent. */
  readonly headers: readonly string[];
  /**
   * Preflights sent for the whole step, redirect hops included (a redirect may need
   * another one; Firefox and WebKit also preflight a hop that is simple by then).
   * `evaluate` always sets it; optional so verdicts written by hand stay valid.
   */
  readonly count?: number;
}

/** What the page's `fetch()` gets. */
export type FetchResult = 'response' | 'opaque' | 'network-error' | 'navigated';

/** One step as one browser profile runs it. */
export interface StepVerdict {
  readonly label?: string;
  /** The request URL. */
  readonly url: string;
  /** The URL after redirects. */
  readonly finalUrl: string;
  readonly method: string;
  /** True when no error reason was found. */
  readonly ok: boolean;
  /** `ok`, or the first stage that failed. */
  readonly verdict: 'ok' | FailedStage;
  readonly fetch: FetchResult;
  /** The `Origin` request header of the last request sent (`null` after a tainting redirect). */
  readonly origin?: string;
  readonly preflight: PreflightOutcome;
  /** Names of the cookies sent with the (final) request, in Cookie-header order. */
  readonly cookiesSent: readonly string[];
  /** The Cookie header of the (final) request, if any. */
  readonly cookieHeader?: string;
  readonly setCookies: readonly SetCookieOutcome[];
  /** Lower-case names of the final response's headers the page's script can read. */
  readonly readableHeaders: readonly string[];
  readonly reasons: readonly Reason[];
}

/** One browser profile's run of the whole exchange. */
export interface BrowserVerdict {
  /** The profile name, e.g. `chrome`, `firefox-strict`. */
  readonly browser: string;
  /** True when every step is ok. */
  readonly ok: boolean;
  readonly steps: readonly StepVerdict[];
}

/** The result of {@link evaluate}: one verdict per profile, in the order asked. */
export interface ModelResult {
  readonly page: string;
  readonly browsers: readonly BrowserVerdict[];
}
