/**
 * One step of an exchange as one browser profile runs it: Fetch §4.1 main fetch (response
 * tainting, preflight), §4.4 HTTP-redirect fetch (per hop: CORS check, tainted origin,
 * method rewrite, Authorization removal), §4.5-4.6 cookies attached and stored, §4.10
 * CORS check, and what the page can read. Pure: state in, state and verdict out.
 */
import { type CookieJar, type StoredCookie, storeSetCookie } from './cookie-jar.js';
import { cookieHeader, type ExcludedCookie, retrieveCookies } from './cookie-retrieve.js';
import { corsCheck, readableBasicHeaders, readableCorsHeaders } from './cors-check.js';
import { getAll, type HeaderList, headerNames, toHeaderList } from './headers.js';
import { isMixedContent, localNetworkAccess } from './network-checks.js';
import {
  addToCache,
  cacheCovers,
  checkPreflight,
  needsPreflight,
  type PreflightCache,
  type PreflightQuery,
} from './preflight.js';
import type { BrowserProfile } from './profiles.js';
import { type ReasonCode, type ReasonParams, reasonFor } from './reasons.js';
import {
  corsUnsafeHeaderNames,
  isForbiddenMethod,
  isForbiddenRequestHeader,
  isForbiddenResponseHeader,
  isNoCorsSafelistedRequestHeader,
  isSafelistedMethod,
  normalizeMethod,
} from './safelist.js';
import { isSameSite, siteKey } from './site.js';
import type {
  ExchangeStep,
  FailedStage,
  FetchResult,
  ModelResponse,
  PreflightOutcome,
  Reason,
  SetCookieOutcome,
  StepVerdict,
} from './types.js';

/** What a profile carries from one step to the next. */
export interface ProfileState {
  readonly jar: CookieJar;
  readonly cache: PreflightCache;
  /** The simulated clock, ms since the epoch. */
  readonly now: number;
}

/** Stages in the order the browser meets them: the verdict is the first that failed. */
const STAGE_ORDER: readonly FailedStage[] = [
  'preflight',
  'cookie-not-sent',
  'set-cookie',
  'cors-check',
  'header-not-exposed',
];

/** Fetch §4.4 step 6: at most 20 redirects. */
const MAX_REDIRECTS = 20;

/** Request-body headers dropped when a redirect turns the method into GET (§4.4 step 12). */
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type'];

function parseHttpUrl(raw: string, base?: URL): URL | undefined {
  try {
    const url = base === undefined ? new URL(raw) : new URL(raw, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function withStage(reason: Reason, stage: FailedStage): Reason {
  return reason.severity === 'error' ? { ...reason, stage } : reason;
}

/** Collects the reasons of a step and builds its verdict. */
class StepReport {
  readonly reasons: Reason[] = [];
  readonly setCookies: SetCookieOutcome[] = [];
  /** Preflights sent so far, over the redirect chain. */
  preflightsSent = 0;

  constructor(
    readonly profile: BrowserProfile,
    readonly params: ReasonParams,
  ) {}

  add(code: ReasonCode, extra: ReasonParams = {}, stage?: FailedStage): void {
    const reason = reasonFor(code, this.profile.engine, { ...this.params, ...extra });
    this.reasons.push(stage === undefined ? reason : withStage(reason, stage));
  }

  push(reason: Reason): void {
    if (!this.reasons.some((r) => r.code === reason.code && r.message === reason.message))
      this.reasons.push(reason);
  }
}

interface Finish {
  readonly fetch: FetchResult;
  readonly finalUrl: string;
  readonly method: string;
  readonly origin?: string | undefined;
  readonly preflight: PreflightOutcome;
  readonly cookies: readonly StoredCookie[];
  readonly readableHeaders: readonly string[];
}

function verdictOf(
  step: ExchangeStep,
  url: string,
  report: StepReport,
  finish: Finish,
): StepVerdict {
  const allReasons = [...report.reasons, ...report.setCookies.flatMap((s) => s.reasons)];
  const failed = STAGE_ORDER.find((stage) =>
    allReasons.some((r) => r.severity === 'error' && r.stage === stage),
  );
  const header = cookieHeader(finish.cookies);
  return {
    ...(step.label === undefined ? {} : { label: step.label }),
    url,
    finalUrl: finish.finalUrl,
    method: finish.method,
    ok: failed === undefined,
    verdict: failed ?? 'ok',
    fetch: finish.fetch,
    ...(finish.origin === undefined ? {} : { origin: finish.origin }),
    preflight: { ...finish.preflight, count: report.preflightsSent },
    cookiesSent: finish.cookies.map((c) => c.name),
    ...(header === undefined ? {} : { cookieHeader: header }),
    setCookies: report.setCookies,
    readableHeaders: finish.readableHeaders,
    reasons: report.reasons,
  };
}

const NO_PREFLIGHT: PreflightOutcome = {
  needed: false,
  sent: false,
  passed: false,
  headers: [],
  count: 0,
};

/** Drops what `fetch()` never sends: forbidden headers, and in `no-cors` unsafe ones. */
function requestHeaders(step: ExchangeStep, noCors: boolean, report: StepReport): HeaderList {
  const kept: [string, string][] = [];
  for (const [name, value] of toHeaderList(step.request.headers)) {
    if (isForbiddenRequestHeader(name)) report.add('ForbiddenRequestHeader', { header: name });
    else if (noCors && !isNoCorsSafelistedRequestHeader(name, value))
      report.add('NoCorsHeaderDropped', { header: name });
    else kept.push([name, value]);
  }
  return kept;
}

/** The expected cookies that did not go, each with the reasons found. */
function missingCookies(
  expected: readonly string[],
  sent: readonly StoredCookie[],
  excluded: readonly ExcludedCookie[],
  credentialsIncluded: boolean,
  report: StepReport,
): void {
  for (const name of expected) {
    if (sent.some((c) => c.name === name)) continue;
    const found = excluded.filter((e) => e.cookie.name === name);
    if (found.length > 0) {
      for (const e of found)
        for (const r of e.reasons) report.push(withStage(r, 'cookie-not-sent'));
    } else if (!credentialsIncluded) {
      report.add('CredentialsNotIncluded', { name });
    } else {
      report.add('CookieNotInJar', { name });
    }
  }
}

/** Runs `step` for `profile` from `state`. Never throws. */
export function runStep(
  step: ExchangeStep,
  exchangePage: string,
  profile: BrowserProfile,
  state: ProfileState,
): { readonly verdict: StepVerdict; readonly state: ProfileState } {
  const now = state.now + Math.max(0, step.afterSeconds ?? 0) * 1000;
  let jar = state.jar;
  let cache = state.cache;
  const rawUrl = step.request.url;
  const page = parseHttpUrl(step.page ?? exchangePage);
  const start = parseHttpUrl(rawUrl);
  const mode = step.request.mode ?? 'cors';
  const credentials = step.request.credentials ?? 'same-origin';
  const requestedMethod = step.request.method ?? 'GET';
  const report = new StepReport(profile, {
    url: start?.href ?? rawUrl,
    origin: page?.origin ?? '',
    page: page?.href ?? '',
    cap: profile.maxAgeCap,
  });
  const stop = (finish: Partial<Finish> & { readonly fetch: FetchResult }) => ({
    verdict: verdictOf(step, start?.href ?? rawUrl, report, {
      finalUrl: start?.href ?? rawUrl,
      method: requestedMethod,
      preflight: NO_PREFLIGHT,
      cookies: [],
      readableHeaders: [],
      ...finish,
    }),
    state: { jar, cache, now },
  });

  // Input the model cannot run.
  const invalid = (what: string) => {
    report.add('InvalidExchange', { value: what });
    return stop({ fetch: 'network-error' });
  };
  if (page === undefined)
    return invalid(
      `the page ${JSON.stringify(step.page ?? exchangePage)} is not an absolute http(s) URL`,
    );
  if (start === undefined)
    return invalid(`the request URL ${JSON.stringify(rawUrl)} is not an absolute http(s) URL`);
  if (isForbiddenMethod(requestedMethod))
    return invalid(`fetch() throws on the forbidden method ${requestedMethod}`);

  let method = normalizeMethod(requestedMethod);
  const navigate = mode === 'navigate';
  if (mode === 'no-cors' && !isSafelistedMethod(method)) {
    report.add('NoCorsMethodNotAllowed', { method });
    return stop({ fetch: 'network-error', method });
  }
  let headers = navigate ? [] : requestHeaders(step, mode === 'no-cors', report);

  if (!navigate) {
    if (isMixedContent(page, start, profile)) {
      report.add('MixedContentBlocked');
      return stop({ fetch: 'network-error', method });
    }
    const lna = localNetworkAccess(page, start, profile);
    if (lna !== undefined) {
      report.add(lna);
      if (lna === 'LocalNetworkAccessInsecureContext')
        return stop({ fetch: 'network-error', method });
    }
  }

  const redirects = step.responses.redirects ?? [];
  const expectedCookies = step.expect?.cookies ?? [];
  let current = start;
  let tainting: 'basic' | 'cors' | 'opaque' = 'basic';
  let taintedOrigin = false;
  let crossSiteRedirect = false;
  let preflight: PreflightOutcome | undefined;

  for (let hop = 0; ; hop++) {
    const last = hop === redirects.length;
    const response: ModelResponse = last
      ? step.responses.actual
      : (redirects[hop] as ModelResponse);
    const preflightResponse = hop === 0 ? step.responses.preflight : redirects[hop - 1]?.preflight;
    const sameOrigin = current.origin === page.origin;

    // Fetch §4.1 main fetch steps 11-12: a same-origin request keeps "basic" tainting
    // until a redirect leaves the origin; then "opaque" for no-cors, "cors" otherwise.
    if (!navigate && !(sameOrigin && tainting === 'basic'))
      tainting = mode === 'no-cors' ? 'opaque' : 'cors';
    const credentialsInclude = credentials === 'include';
    const includeCredentials =
      navigate || credentialsInclude || (credentials === 'same-origin' && tainting === 'basic');
    const origin = taintedOrigin ? 'null' : page.origin;
    const hopParams = { url: current.href, origin, method };

    // Fetch §4.1 step 12 and §4.8: the preflight.
    if (tainting === 'cors') {
      const query: PreflightQuery = {
        key: `${siteKey(page)} ${origin} ${current.href}`,
        method,
        unsafeHeaders: corsUnsafeHeaderNames(headers),
        credentialsInclude,
        origin,
      };
      // Firefox and WebKit keep preflighting the later hops of a preflighted request even
      // when a hop is simple by then (PUT turned GET by a 303: `OPTIONS` asking for GET;
      // observed by the conformance suite); Chromium asks only when the hop needs it.
      const needed = needsPreflight(query);
      const forced =
        !needed && profile.preflightAfterRedirect && hop > 0 && preflight?.needed === true;
      if (needed || forced) {
        const asked = { needed: true, method, headers: query.unsafeHeaders, count: 0 };
        if (cacheCovers(cache, query, now, forced)) {
          report.add('PreflightCacheHit', hopParams);
          preflight ??= { ...asked, sent: false, passed: true };
        } else if (preflightResponse === undefined) {
          report.preflightsSent++;
          report.add('PreflightResponseMissing', hopParams);
          preflight ??= { ...asked, sent: true, passed: false };
          return stop({
            fetch: 'network-error',
            finalUrl: current.href,
            method,
            origin,
            preflight,
          });
        } else {
          report.preflightsSent++;
          const preflightHeaders = toHeaderList(preflightResponse.headers);
          if (getAll(preflightHeaders, 'set-cookie').length > 0)
            report.add('PreflightSetCookieIgnored', hopParams);
          const check = checkPreflight(
            preflightResponse.status,
            preflightHeaders,
            query,
            profile,
            now,
          );
          for (const note of check.notes) report.add(note.code, { ...hopParams, ...note.params });
          for (const problem of check.problems)
            report.add(problem.code, { ...hopParams, ...problem.params }, 'preflight');
          const passed = check.problems.length === 0;
          preflight ??= { ...asked, sent: true, passed };
          if (!passed)
            return stop({
              fetch: 'network-error',
              finalUrl: current.href,
              method,
              origin,
              preflight,
            });
          cache = addToCache(cache, check.entries);
        }
      }
    }

    // Fetch §4.5: cookies attached (site for cookies = the top-level page; a top-level
    // navigation's own URL is its top-level site).
    const topLevel = navigate ? current : page;
    const sameSite = isSameSite(current, page, profile.schemefulSameSite);
    const retrieval = retrieveCookies(
      jar,
      { url: current, topLevel, sameSite, crossSiteRedirect, navigation: navigate, method, now },
      profile,
    );
    const sent = includeCredentials ? retrieval.sent : [];
    if (includeCredentials) {
      for (const warning of retrieval.warnings) report.push(warning);
      if (last) {
        // A cookie meant for this URL (domain and path match) but withheld is a failure.
        for (const e of retrieval.excluded)
          if (e.kind === 'policy')
            for (const r of e.reasons) report.push(withStage(r, 'cookie-not-sent'));
      }
    } else if (hop === 0 && retrieval.sent.length > 0) {
      report.add('CredentialsNotIncluded', { name: retrieval.sent.map((c) => c.name).join(', ') });
    }
    if (last) missingCookies(expectedCookies, sent, retrieval.excluded, includeCredentials, report);

    // Fetch §4.6: Set-Cookie is processed before the CORS check (preflights excluded).
    const responseHeaders = toHeaderList(response.headers);
    const lines = getAll(responseHeaders, 'set-cookie');
    const storedHere: SetCookieOutcome[] = [];
    for (const line of lines) {
      if (!includeCredentials) {
        const name = line.split(/[=;]/, 1)[0]?.trim() ?? '';
        const reason = withStage(
          reasonFor('CredentialsNotIncluded', profile.engine, { ...report.params, name }),
          'set-cookie',
        );
        report.setCookies.push({
          name,
          stored: false,
          partitioned: false,
          deleted: false,
          httpOnly: false,
          reasons: [reason],
        });
        continue;
      }
      // Storing looks at the final URL only, in every engine: Firefox ESR 153 stores a Lax
      // or Strict cookie from a same-site final reached through a cross-site hop (observed
      // by the conformance suite); `redirectChainSameSite` applies to sending.
      const result = storeSetCookie(
        jar,
        line,
        { url: current, topLevel, sameSite, navigation: navigate, now },
        profile,
      );
      jar = result.jar;
      storedHere.push(result.outcome);
    }

    // Fetch §4.10: the CORS check, on redirects too.
    const failure =
      tainting === 'cors' ? corsCheck(responseHeaders, origin, credentialsInclude) : undefined;
    if (failure !== undefined) {
      report.add(
        failure.code,
        { ...hopParams, value: failure.value, status: response.status },
        'cors-check',
      );
      const note = reasonFor('StoredDespiteCorsFailure', profile.engine, report.params);
      for (const outcome of storedHere)
        report.setCookies.push(
          outcome.stored ? { ...outcome, reasons: [...outcome.reasons, note] } : outcome,
        );
      return stop({
        fetch: 'network-error',
        finalUrl: current.href,
        method,
        origin,
        preflight: preflight ?? NO_PREFLIGHT,
        cookies: sent,
      });
    }
    report.setCookies.push(...storedHere);

    if (last) {
      const readable =
        tainting === 'cors'
          ? readableCorsHeaders(responseHeaders, credentialsInclude)
          : tainting === 'opaque' || navigate
            ? []
            : readableBasicHeaders(responseHeaders);
      if (tainting === 'opaque') report.add('NoCorsOpaqueResponse');
      for (const wanted of step.expect?.headers ?? []) {
        const name = wanted.toLowerCase();
        if (readable.includes(name)) continue;
        if (isForbiddenResponseHeader(name))
          report.add('ForbiddenResponseHeader', { header: name });
        else if (!headerNames(responseHeaders).includes(name))
          report.add('HeaderNotInResponse', { header: name });
        else report.add('HeaderNotExposed', { header: name });
      }
      return {
        verdict: verdictOf(step, start.href, report, {
          fetch: navigate ? 'navigated' : tainting === 'opaque' ? 'opaque' : 'response',
          finalUrl: current.href,
          method,
          origin: tainting === 'cors' ? origin : undefined,
          preflight: preflight ?? NO_PREFLIGHT,
          cookies: sent,
          readableHeaders: readable,
        }),
        state: { jar, cache, now },
      };
    }

    // Fetch §4.4 HTTP-redirect fetch.
    const redirect = redirects[hop];
    const location = redirect === undefined ? undefined : parseHttpUrl(redirect.location, current);
    if (redirect === undefined || location === undefined)
      return invalid(`redirect ${hop + 1} has no absolute http(s) Location`);
    if (hop + 1 > MAX_REDIRECTS) {
      report.add('TooManyRedirects');
      return stop({
        fetch: 'network-error',
        finalUrl: current.href,
        method,
        preflight: preflight ?? NO_PREFLIGHT,
      });
    }
    // Mixed Content §4.4 applies to every hop: a redirect to http from an https page.
    if (!navigate && isMixedContent(page, location, profile)) {
      report.add('MixedContentBlocked', { url: location.href });
      return stop({
        fetch: 'network-error',
        finalUrl: current.href,
        method,
        preflight: preflight ?? NO_PREFLIGHT,
      });
    }
    const crossOrigin = location.origin !== current.origin;
    if (
      tainting === 'cors' &&
      crossOrigin &&
      (location.username !== '' || location.password !== '')
    ) {
      report.add('CORSRedirectContainsCredentials', { ...hopParams, location: location.href });
      return stop({
        fetch: 'network-error',
        finalUrl: current.href,
        method,
        preflight: preflight ?? NO_PREFLIGHT,
      });
    }
    // Step 12: tainted origin, so the next request says `Origin: null`.
    if (mode === 'cors' && crossOrigin && current.origin !== page.origin && !taintedOrigin) {
      taintedOrigin = true;
      report.add('RedirectTaintedOrigin', hopParams);
    }
    // Step 13: the method turns into GET for 301/302 POST and 303.
    if (
      ((redirect.status === 301 || redirect.status === 302) && method === 'POST') ||
      (redirect.status === 303 && method !== 'GET' && method !== 'HEAD')
    ) {
      method = 'GET';
      headers = headers.filter(([name]) => !BODY_HEADERS.includes(name));
    }
    // Step 14: Authorization does not cross origins.
    if (crossOrigin && headers.some(([name]) => name === 'authorization')) {
      headers = headers.filter(([name]) => name !== 'authorization');
      report.add('AuthorizationDroppedOnRedirect', hopParams);
    }
    if (!isSameSite(current, page, profile.schemefulSameSite)) crossSiteRedirect = true;
    current = location;
  }
}
