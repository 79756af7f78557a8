/**
 * The doctor's report, version 1: what `--json` prints, what `--html` draws, and what
 * the web checker shows. Plain JSON data; the schema is `docs/schemas/doctor-report.v1.json`.
 * Additive changes keep version 1; removing or renaming a field makes version 2.
 */
import type { FailedStage, FetchResult, ReasonSeverity } from '../../browser/index.js';

/** The report format's identifier and version. */
export const REPORT_SCHEMA = 'corset.doctor.report' as const;
export const REPORT_VERSION = 1 as const;

/** One explanation (the browser model's `Reason`). */
export interface ReportReason {
  /** Stable code (`docs/reasons.md`), e.g. `CORSMissingAllowCredentials`. */
  readonly code: string;
  readonly severity: ReasonSeverity;
  readonly stage?: FailedStage;
  /** In the words of that browser's console. */
  readonly message: string;
  readonly fix: string;
  /** Spec section or engine source of the rule. */
  readonly source: string;
}

/** What happened to one `Set-Cookie` line. */
export interface ReportSetCookie {
  readonly name: string;
  readonly stored: boolean;
  readonly partitioned: boolean;
  readonly deleted: boolean;
  readonly httpOnly: boolean;
  readonly reasons: readonly ReportReason[];
}

/** The preflight of a step. */
export interface ReportPreflight {
  /** The request needs one. */
  readonly needed: boolean;
  /** The browser sends one (needed, and not served from its preflight cache). */
  readonly sent: boolean;
  /** It passed (or a cached one covered the request). */
  readonly passed: boolean;
  /** `Access-Control-Request-Method`, when sent. */
  readonly method?: string;
  /** `Access-Control-Request-Headers` names, when sent. */
  readonly headers: readonly string[];
}

/** One HTTP request/answer on the wire (live doctor) or from a recording (HAR). */
export interface ReportHttpExchange {
  readonly method: string;
  readonly url: string;
  /** Request header lines as sent (cookie values are shown only if the caller keeps them). */
  readonly requestHeaders: readonly (readonly [string, string])[];
  /** The answer's status; absent when nothing came back (see `error`). */
  readonly status?: number;
  readonly responseHeaders: readonly (readonly [string, string])[];
  /** Why no answer came (timeout, refused, TLS, ...): one line. */
  readonly error?: string;
  readonly elapsedMs?: number;
  /** Served by the browser's HTTP cache: the request never reached the server. */
  readonly fromCache?: boolean;
}

/** What went over the wire for one step (absent when the report comes from the model alone). */
export interface ReportHttp {
  readonly preflight?: ReportHttpExchange;
  readonly redirects?: readonly ReportHttpExchange[];
  /** The actual request; absent when the browser would not send it (failed preflight). */
  readonly actual?: ReportHttpExchange;
}

/** One step as one browser runs it. */
export interface ReportStep {
  readonly label?: string;
  /** The request URL. */
  readonly url: string;
  readonly finalUrl: string;
  readonly method: string;
  /** The page can read the response (and every expectation of the step holds). */
  readonly ok: boolean;
  /** `ok`, or the first stage that failed. */
  readonly verdict: 'ok' | FailedStage;
  readonly fetch: FetchResult;
  readonly origin?: string;
  readonly preflight: ReportPreflight;
  /** Names of the cookies the browser attaches to the request. */
  readonly cookiesSent: readonly string[];
  readonly setCookies: readonly ReportSetCookie[];
  /** Lower-case response header names the page's script can read. */
  readonly readableHeaders: readonly string[];
  /** The step's reasons, then those of its Set-Cookie lines, errors first. */
  readonly reasons: readonly ReportReason[];
  readonly http?: ReportHttp;
}

/** One browser profile's verdict. */
export interface ReportBrowser {
  /** Profile name, e.g. `chrome`, `firefox`, `webkitgtk`. */
  readonly browser: string;
  /** Every step ok. */
  readonly ok: boolean;
  /** Index of the first failed step, when one failed. */
  readonly failedStep?: number;
  readonly steps: readonly ReportStep[];
}

/** Something the tool itself has to say (a redirect not followed, an unreachable host). */
export interface ReportNote {
  readonly code: string;
  readonly severity: ReasonSeverity;
  readonly message: string;
  /** The step it concerns, if any. */
  readonly step?: number;
  /** The browsers it concerns, when not all. */
  readonly browsers?: readonly string[];
}

/** The whole report. */
export interface DoctorReport {
  readonly schema: typeof REPORT_SCHEMA;
  readonly version: typeof REPORT_VERSION;
  /** Which tool made it: `doctor` (live), `check` (recording), `web` (the checker page). */
  readonly tool: 'doctor' | 'check' | 'web';
  /** ISO 8601 time of the run. */
  readonly generatedAt: string;
  /** The top-level page URL. */
  readonly page: string;
  /** Every browser ok. */
  readonly ok: boolean;
  /** `ok` browsers / all, for a glance. */
  readonly summary: {
    readonly browsers: number;
    readonly ok: number;
    readonly failing: readonly string[];
  };
  readonly browsers: readonly ReportBrowser[];
  readonly notes: readonly ReportNote[];
}
