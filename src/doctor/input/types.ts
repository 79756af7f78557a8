/**
 * What `corset check` reads (a HAR file or raw header text) turned into browser-model
 * input, with where each part came from, so the output can say what was recorded, what
 * was inferred and what the recording could not tell.
 */
import type { CredentialsMode, Exchange } from '../../browser/index.js';

/** Header fields in order, as recorded (names as written, Set-Cookie one line each). */
export type RecordedHeaders = readonly (readonly [string, string])[];

/** The input format. */
export type InputFormat = 'har' | 'headers';

/** The browser engine a recording comes from, when the recorder says so. */
export type RecorderEngine = 'chromium' | 'gecko' | 'webkit';

/** Who wrote the recording (HAR `log.creator` / `log.browser`). */
export interface Recorder {
  /** e.g. `WebInspector` (Chrome DevTools), `Firefox`, `Playwright`. */
  readonly name: string;
  readonly version?: string;
  /** The engine that made the requests, when the HAR names it. */
  readonly engine?: RecorderEngine;
}

/**
 * One request/response pair as recorded, format-independent: a HAR entry or one
 * request block (and the response after it) of pasted header text.
 */
export interface RecordedEntry {
  /** Position in the input: HAR entry index, or request block number (from 0). */
  readonly index: number;
  /** Start time in ms since the epoch, when recorded. */
  readonly startedMs?: number;
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  readonly requestHeaders: RecordedHeaders;
  /** Response status; 0 when no response was recorded (blocked, failed, cancelled). */
  readonly status: number;
  readonly responseHeaders: RecordedHeaders;
  /** HAR `pageref`. */
  readonly pageref?: string;
  /** Lower-case resource type (Chrome's `_resourceType`: `fetch`, `xhr`, `preflight`, `document`, ...). */
  readonly resourceType?: string;
  /** The recorder's error text (`_error`, `_failureText`), e.g. `net::ERR_FAILED`. */
  readonly error?: string;
  /** Served from the browser's HTTP cache. */
  readonly fromCache?: boolean;
}

/**
 * How serious a note is: `error` when the input is unusable, or when the recording shows
 * a failure it keeps too little of to explain.
 */
export type InputNoteSeverity = 'error' | 'warning' | 'info';

/** Something to know about the input, as data (stable `code`, message, fix). */
export interface InputNote {
  readonly code: InputNoteCode;
  readonly severity: InputNoteSeverity;
  readonly message: string;
  readonly fix?: string;
  /** The input position ({@link RecordedEntry.index}) it is about, if one. */
  readonly entry?: number;
}

/** Stable codes of {@link InputNote}. */
export type InputNoteCode =
  | 'EmptyInput'
  | 'InvalidJson'
  | 'NotHar'
  | 'UnknownFormat'
  | 'InvalidEntry'
  | 'ResponseWithoutRequest'
  | 'SchemeAssumed'
  | 'InvalidPage'
  | 'PageFromOption'
  | 'PageInferred'
  | 'PageUnknown'
  | 'NoCrossOriginRequests'
  | 'OtherCrossOriginSkipped'
  | 'CredentialsAssumed'
  | 'PreflightNotRecorded'
  | 'NoResponseRecorded'
  | 'CookieSetBeforeRecording'
  | 'NoCookiesInRecording'
  | 'AnswerFromHttpCacheInferred';

/** Where the top-level page came from. */
export type PageSource =
  /** `--page`. */
  | 'option'
  /** A HAR page's title that is a URL. */
  | 'har-page'
  /** The page's document request in the recording. */
  | 'document'
  /** A request's `Referer`. */
  | 'referer'
  /** A request's `Origin` (only the origin is known). */
  | 'origin';

/** Where a request's credentials mode came from. */
export type CredentialsSource =
  /** `--credentials`. */
  | 'option'
  /** The request carried a `Cookie` header, which a cross-origin request does only with `include`. */
  | 'cookie-header'
  /** Not recorded: assumed `include` (a credentialed request), or `same-origin` for non-fetch resources. */
  | 'assumed';

/** What the recording shows the browser did with a request. */
export interface ObservedOutcome {
  /** The final response status; 0 when no response was recorded. */
  readonly status: number;
  /** The recorder's error text, when the request failed (a CORS refusal shows as one). */
  readonly error?: string;
  readonly fromCache: boolean;
  /** The recorded preflight's status, when one was recorded. */
  readonly preflightStatus?: number;
  /** The browser failed the request (an error, or no response at all). */
  readonly failed: boolean;
  /** Names of the cookies the request carried (values never kept here). */
  readonly cookiesSent: readonly string[];
}

/** One cross-origin request of the recording, as one step of the model exchange. */
export interface CheckedRequest {
  /** Index in `exchange.steps`. */
  readonly step: number;
  /** `METHOD url`. */
  readonly label: string;
  /** Input positions: the request, its recorded preflight, and the redirect hops after it. */
  readonly entries: {
    readonly actual: number;
    readonly preflight?: number;
    readonly redirects: readonly number[];
  };
  /** The top-level page of this request and where it came from. */
  readonly page: string;
  readonly pageSource: PageSource;
  readonly credentials: CredentialsMode;
  readonly credentialsSource: CredentialsSource;
  /**
   * `recorded`, `inferred` (not in the recording but the browser sent the request, so it
   * passed: modelled as a pass), or `none` (the model decides whether one is needed).
   */
  readonly preflight: 'recorded' | 'inferred' | 'none';
  readonly observed: ObservedOutcome;
  /** The recorded entries themselves: the preflight, if recorded, and each hop in order. */
  readonly recorded: {
    readonly preflight?: RecordedEntry;
    readonly hops: readonly RecordedEntry[];
  };
}

/** A cross-origin request the recording keeps no server answer for: nothing to model. */
export interface UnexplainedRequest {
  readonly entry: number;
  readonly label: string;
  readonly page: string;
  readonly observed: ObservedOutcome;
}

/** A recording read into one browser-model exchange. */
export interface Recording {
  readonly format: InputFormat;
  readonly recorder?: Recorder;
  /**
   * One exchange for the whole recording: one browser, one cookie jar and preflight cache,
   * so a login's cookie reaches the requests after it. Steps whose top-level page differs
   * from `exchange.page` carry their own `page`.
   */
  readonly exchange: Exchange;
  /** One per `exchange.steps` entry, same order. */
  readonly requests: readonly CheckedRequest[];
  readonly unexplained: readonly UnexplainedRequest[];
  readonly notes: readonly InputNote[];
}

/** Options of {@link readRecording}. */
export interface ReadOptions {
  /** The top-level page URL (`--page`), for every request; else inferred. */
  readonly page?: string;
  /** The credentials mode of every request (`--credentials`); else inferred. */
  readonly credentials?: CredentialsMode;
  /** Force the format instead of detecting it. */
  readonly format?: InputFormat;
}

/** The result of {@link readRecording}: a recording, or the problems that stop it. */
export type ReadResult =
  | { readonly ok: true; readonly recording: Recording }
  | { readonly ok: false; readonly problems: readonly InputNote[] };
