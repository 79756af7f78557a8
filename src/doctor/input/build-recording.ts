/**
 * Recorded entries to one browser-model exchange: finds the page's cross-origin fetches,
 * folds each one's preflight and redirect hops into one step (Fetch §4.1 main fetch: the
 * preflight, then the request, then each redirect hop with its own preflight, §4.4), and
 * keeps them in time order so the model's one jar and preflight cache follow the session
 * (a login's Set-Cookie reaches the requests after it).
 */
import type {
  CredentialsMode,
  ExchangeStep,
  ModelResponse,
  RedirectResponse,
} from '../../browser/index.js';
import { cachedAnswerFor } from './cached-answer.js';
import type { HarPage } from './har.js';
import { type PageChoice, pageFromRequest, pagesByRef } from './page.js';
import { inferredPreflight, isPreflight, needsPreflight, takePreflight } from './preflights.js';
import {
  cookieNames,
  pageSetHeaders,
  recordedHeader,
  requestedHeaderNames,
  setCookieNames,
} from './request-headers.js';
import type {
  CheckedRequest,
  InputFormat,
  InputNote,
  ObservedOutcome,
  ReadOptions,
  ReadResult,
  RecordedEntry,
  Recorder,
  UnexplainedRequest,
} from './types.js';

/** What a format reader hands over. */
export interface RecordingSource {
  readonly format: InputFormat;
  readonly recorder?: Recorder;
  readonly pages: readonly HarPage[];
  readonly entries: readonly RecordedEntry[];
  readonly notes: readonly InputNote[];
}

// Resource types whose requests the page's script makes (fetch(), XMLHttpRequest,
// EventSource): the ones whose credentials and CORS the page controls.
const SCRIPT_FETCH_TYPES = new Set(['fetch', 'xhr', 'eventsource']);

const isRedirect = (status: number) => [301, 302, 303, 307, 308].includes(status);

/** Whether the page's script made the request in `cors` mode (fetch/XHR). */
function isScriptFetch(entry: RecordedEntry, format: InputFormat): boolean {
  if (entry.resourceType !== undefined && entry.resourceType !== 'other')
    return SCRIPT_FETCH_TYPES.has(entry.resourceType);
  const mode = recordedHeader(entry.requestHeaders, 'sec-fetch-mode')?.toLowerCase();
  const dest = recordedHeader(entry.requestHeaders, 'sec-fetch-dest')?.toLowerCase();
  if (mode !== undefined) return mode === 'cors' && (dest === undefined || dest === 'empty');
  // Pasted headers are what the person wants checked; a HAR entry needs an Origin.
  return format === 'headers' || recordedHeader(entry.requestHeaders, 'origin') !== undefined;
}

function location(entry: RecordedEntry): string | undefined {
  const value = recordedHeader(entry.responseHeaders, 'location');
  if (value === undefined || !URL.canParse(value, entry.url)) return undefined;
  return new URL(value, entry.url).href;
}

/** Entries sorted by start time (recording order when times are missing or equal). */
function byTime(entries: readonly RecordedEntry[]): RecordedEntry[] {
  return [...entries].sort((a, b) => (a.startedMs ?? 0) - (b.startedMs ?? 0) || a.index - b.index);
}

/** Each redirect's next hop: the first later request to its Location, not a preflight. */
function redirectChains(entries: readonly RecordedEntry[]): Map<RecordedEntry, RecordedEntry> {
  const next = new Map<RecordedEntry, RecordedEntry>();
  const claimed = new Set<RecordedEntry>();
  entries.forEach((entry, position) => {
    if (!isRedirect(entry.status)) return;
    const target = location(entry);
    const hop = entries
      .slice(position + 1)
      .find((e) => !claimed.has(e) && !isPreflight(e) && e.url === target);
    if (hop === undefined) return;
    next.set(entry, hop);
    claimed.add(hop);
  });
  return next;
}

const response = (entry: RecordedEntry): ModelResponse => ({
  status: entry.status,
  headers: entry.responseHeaders,
});

function observedOf(
  last: RecordedEntry,
  hops: readonly RecordedEntry[],
  preflight: RecordedEntry | undefined,
): ObservedOutcome {
  const error = hops.find((h) => h.error !== undefined)?.error ?? preflight?.error;
  return {
    status: last.status,
    ...(error === undefined ? {} : { error }),
    fromCache: last.fromCache === true,
    ...(preflight === undefined ? {} : { preflightStatus: preflight.status }),
    failed: error !== undefined || last.status === 0,
    cookiesSent: cookieNames(last.requestHeaders),
  };
}

const SOURCE_WORDS: Record<PageChoice['source'], string> = {
  option: '--page',
  'har-page': "the HAR page's title",
  document: "the page's document request",
  referer: 'the Referer of',
  origin: 'the Origin of',
};

/** Builds the recording from a format reader's output. Never throws. */
export function buildRecording(source: RecordingSource, options: ReadOptions): ReadResult {
  const notes: InputNote[] = [...source.notes];
  if (options.page !== undefined && !/^https?:\/\//i.test(options.page))
    return fail('InvalidPage', `--page ${JSON.stringify(options.page)} is not an http(s) URL.`);
  if (options.page !== undefined && !URL.canParse(options.page))
    return fail('InvalidPage', `--page ${JSON.stringify(options.page)} does not parse as a URL.`);

  const entries = byTime(source.entries);
  const refPages = pagesByRef(source.pages, entries);
  const pageOf = (entry: RecordedEntry): PageChoice | undefined => {
    if (options.page !== undefined) return { url: options.page, source: 'option' };
    const fromRef = entry.pageref === undefined ? undefined : refPages.get(entry.pageref);
    return fromRef ?? pageFromRequest(entry);
  };

  const preflights = entries.filter(isPreflight);
  const chains = redirectChains(entries);
  const continuations = new Set(chains.values());
  const steps: ExchangeStep[] = [];
  const requests: CheckedRequest[] = [];
  const unexplained: UnexplainedRequest[] = [];
  const cookiesSetSoFar = new Set<string>();
  const notedPages = new Set<string>();
  const notedCookies = new Set<string>();
  let skipped = 0;
  let assumedCredentials = 0;
  let unknownPage = 0;
  let previousStart: number | undefined;
  let exchangePage: string | undefined;
  let start: number | undefined;

  for (const first of entries) {
    if (isPreflight(first) || continuations.has(first)) continue;
    const hops = [first];
    for (let hop = chains.get(first); hop !== undefined; hop = chains.get(hop)) hops.push(hop);
    const page = pageOf(first);
    if (page === undefined) {
      unknownPage++;
      continue;
    }
    const pageOrigin = new URL(page.url).origin;
    if (hops.every((hop) => new URL(hop.url).origin === pageOrigin)) continue;
    if (!isScriptFetch(first, source.format)) {
      skipped++;
      continue;
    }
    const last = hops.at(-1) ?? first;
    const label = `${first.method} ${first.url}`;
    const recordedPreflights = hops.map((hop) => takePreflight(preflights, hop));
    const firstPreflight = recordedPreflights[0];
    const observed = observedOf(last, hops, firstPreflight);

    const noPreflight = recordedPreflights.every((p) => p === undefined);
    const replayed =
      last.status === 0 && noPreflight && hops.length === 1
        ? cachedAnswerFor(first, entries)
        : undefined;
    if (replayed !== undefined)
      notes.push({
        code: 'AnswerFromHttpCacheInferred',
        severity: 'warning',
        message: `${label}: the browser reports ${observed.error ?? 'no response'} with no answer recorded, but an earlier answer to the same URL (request ${replayed.index + 1}) was still fresh and does not vary on Origin: the browser's HTTP cache replayed it (RFC 9111 §4.1), so that answer is what the page got. Chromium and Firefox reuse it this way; WebKit goes back to the server instead (observed in WebKitGTK), so its verdict here is not what it would do.`,
        fix: 'Server: send `Vary: Origin` on every answer whose CORS headers depend on the Origin (or make them not cacheable).',
        entry: first.index,
      });
    if (last.status === 0 && noPreflight && replayed === undefined) {
      unexplained.push({ entry: first.index, label, page: page.url, observed });
      notes.push({
        code: 'NoResponseRecorded',
        severity: 'error',
        message: `${label}: the browser reports ${observed.error ?? 'no response'} and the recording keeps neither the server's answer nor a preflight, so there is nothing to explain from.`,
        fix: 'Record again with the browser\'s DevTools (Network panel, "Preserve log", then export HAR): it keeps preflights and the headers of blocked answers. Or run `corset doctor <url> --origin <page origin>` against the API.',
        entry: first.index,
      });
      continue;
    }

    const mentionsCookie = hops.some((h) => recordedHeader(h.requestHeaders, 'cookie'));
    // A cross-origin request carries cookies only with credentials "include" (Fetch §4.5).
    const credentials: CredentialsMode = options.credentials ?? 'include';
    const credentialsSource =
      options.credentials !== undefined ? 'option' : mentionsCookie ? 'cookie-header' : 'assumed';
    if (credentialsSource === 'assumed') assumedCredentials++;

    const requested =
      firstPreflight === undefined
        ? undefined
        : requestedHeaderNames(firstPreflight.requestHeaders);
    const headers = pageSetHeaders(first.requestHeaders, requested);
    const preflightFor = (hop: RecordedEntry, index: number): ModelResponse | undefined => {
      const recorded = recordedPreflights[index];
      if (recorded !== undefined) return response(recorded);
      if (hop.status > 0 && needsPreflight(hop.method, headers))
        return inferredPreflight(hop, headers, credentials);
      return undefined;
    };
    const inferred = hops.some(
      (hop, i) => recordedPreflights[i] === undefined && preflightFor(hop, i) !== undefined,
    );
    if (inferred)
      notes.push({
        code: 'PreflightNotRecorded',
        severity: 'info',
        message: `${label}: the recording has no preflight for it (served from the browser's preflight cache, or not recorded), yet the browser sent the request, so its preflight passed: modelled as passed.`,
        fix: 'To have the preflight checked, record with DevTools with "Disable cache" on, from before the first request.',
        entry: first.index,
      });
    if (last.status === 0 && replayed === undefined)
      notes.push({
        code: 'NoResponseRecorded',
        severity: 'warning',
        message: `${label}: no answer recorded (${observed.error ?? 'no response'}); the model judges the preflight only.`,
        entry: first.index,
      });

    const redirects: RedirectResponse[] = hops.slice(0, -1).map((hop, i) => {
      const next = hops[i + 1] as RecordedEntry;
      const nextPreflight = preflightFor(next, i + 1);
      return {
        ...response(hop),
        location: next.url,
        ...(nextPreflight === undefined ? {} : { preflight: nextPreflight }),
      };
    });
    const preflight = preflightFor(first, 0);

    // Cookies the request carried that the recording saw being set: the page needs them
    // here, so each browser must send them too. Older ones the model cannot follow.
    const carried = observed.cookiesSent;
    const expected = carried.filter((name) => cookiesSetSoFar.has(name));
    for (const name of carried)
      if (!cookiesSetSoFar.has(name) && !notedCookies.has(name)) {
        notedCookies.add(name);
        notes.push({
          code: 'CookieSetBeforeRecording',
          severity: 'info',
          message: `Cookie ${name} was sent (first by ${label}) but set before the recording started: the model cannot tell whether each browser would have stored it.`,
          fix: 'Record from before the login (or the response that sets it) to have it checked.',
          entry: first.index,
        });
      }
    for (const hop of hops)
      for (const name of setCookieNames(hop.responseHeaders)) cookiesSetSoFar.add(name);

    exchangePage ??= page.url;
    start ??= first.startedMs;
    if (page.source !== 'option' && !notedPages.has(page.url)) {
      notedPages.add(page.url);
      notes.push({
        code: 'PageInferred',
        severity: 'info',
        message: `Top-level page ${page.url}: taken from ${SOURCE_WORDS[page.source]}${page.source === 'referer' || page.source === 'origin' ? ` ${label}` : ''}.`,
        fix: 'If the requests came from another top-level page (an iframe, another tab), state it with --page <url>.',
        entry: first.index,
      });
    }
    const afterSeconds =
      previousStart === undefined || first.startedMs === undefined
        ? undefined
        : Math.max(0, (first.startedMs - previousStart) / 1000);
    previousStart = first.startedMs ?? previousStart;

    steps.push({
      ...(page.url === exchangePage ? {} : { page: page.url }),
      ...(afterSeconds === undefined ? {} : { afterSeconds }),
      request: {
        url: first.url,
        method: first.method,
        headers,
        credentials,
        mode: 'cors',
      },
      responses: {
        ...(preflight === undefined ? {} : { preflight }),
        ...(redirects.length === 0 ? {} : { redirects }),
        actual: response(replayed ?? last),
      },
      ...(expected.length === 0 ? {} : { expect: { cookies: expected } }),
    });
    requests.push({
      step: steps.length - 1,
      label,
      entries: {
        actual: first.index,
        ...(firstPreflight === undefined ? {} : { preflight: firstPreflight.index }),
        redirects: hops.slice(1).map((h) => h.index),
      },
      page: page.url,
      pageSource: page.source,
      credentials,
      credentialsSource,
      preflight: firstPreflight !== undefined ? 'recorded' : inferred ? 'inferred' : 'none',
      observed,
      recorded: { ...(firstPreflight === undefined ? {} : { preflight: firstPreflight }), hops },
    });
  }

  if (options.page !== undefined)
    notes.push({
      code: 'PageFromOption',
      severity: 'info',
      message: `Top-level page ${options.page} (--page).`,
    });
  if (assumedCredentials > 0)
    notes.push({
      code: 'CredentialsAssumed',
      severity: 'info',
      message: `${assumedCredentials} request${assumedCredentials === 1 ? '' : 's'} carried no cookie: a recording does not keep fetch()'s credentials mode, so credentials: 'include' is assumed (a credentialed request).`,
      fix: "If the page does not send credentials, say so with --credentials same-origin (fetch()'s default) or omit.",
    });
  if (skipped > 0)
    notes.push({
      code: 'OtherCrossOriginSkipped',
      severity: 'info',
      message: `${skipped} other cross-origin request${skipped === 1 ? '' : 's'} (scripts, styles, images, fonts, navigations) not checked: only the page's fetch() and XMLHttpRequest calls are.`,
    });
  if (unknownPage > 0)
    notes.push({
      code: 'PageUnknown',
      severity: 'warning',
      message: `${unknownPage} request${unknownPage === 1 ? '' : 's'} skipped: no page in the recording, no Referer and no Origin tell which page made ${unknownPage === 1 ? 'it' : 'them'}.`,
      fix: 'State the top-level page with --page <url>.',
    });
  // Chrome 130+ exports HARs "sanitized" by default: no Cookie, Set-Cookie or
  // Authorization header at all, which leaves the cookie half of the story untold.
  const cookieFields = new Set(['cookie', 'set-cookie', 'authorization']);
  const anyCookie = entries.some((e) =>
    [...e.requestHeaders, ...e.responseHeaders].some(([name]) =>
      cookieFields.has(name.toLowerCase()),
    ),
  );
  if (source.format === 'har' && steps.length > 0 && !anyCookie)
    notes.push({
      code: 'NoCookiesInRecording',
      severity: 'warning',
      message:
        'The recording holds no Cookie, Set-Cookie or Authorization header at all: cookies cannot be checked. Chrome removes them from a HAR exported "sanitized" (its default since Chrome 130).',
      fix: 'Export with "Export HAR (with sensitive data)" (Chrome) and check that file; corset check redacts the values in its output.',
    });
  if (steps.length === 0 && unexplained.length === 0)
    notes.push({
      code: 'NoCrossOriginRequests',
      severity: 'info',
      message: `No cross-origin fetch() or XMLHttpRequest request found among ${entries.length} request${entries.length === 1 ? '' : 's'}.`,
      fix: 'Record while the page calls the API, or state the page with --page <url> if it is not the one inferred.',
    });

  return {
    ok: true,
    recording: {
      format: source.format,
      ...(source.recorder === undefined ? {} : { recorder: source.recorder }),
      exchange: {
        page: exchangePage ?? options.page ?? unexplained[0]?.page ?? '',
        steps,
        ...(start === undefined ? {} : { now: start }),
      },
      requests,
      unexplained,
      notes,
    },
  };
}

function fail(code: InputNote['code'], message: string): ReadResult {
  return {
    ok: false,
    problems: [
      {
        code,
        severity: 'error',
        message,
        fix: 'Give an absolute URL: --page https://app.example.com/',
      },
    ],
  };
}
