/**
 * The live doctor: for each browser profile, sends what that browser would send (its
 * own cookie jar, preflight cache and clock, simulated by the model), step by step, and
 * feeds the real answers back to the model. The model decides every request: whether a
 * preflight goes out, which cookies ride along, whether the request itself is sent after
 * the preflight; the server decides every answer.
 */
import {
  type BrowserProfile,
  type BrowserVerdict,
  type Exchange,
  type ExchangeStep,
  evaluate,
  type ModelResponse,
  type ModelResult,
  PROFILES,
  type ProfileChoice,
  type RedirectResponse,
  type StepResponses,
  type StepVerdict,
} from '../../browser/index.js';
import { corsUnsafeHeaderNames } from '../../browser/safelist.js';
import type { HttpClient, NetError, NetRequest, NetResponse } from '../net/index.js';
import type { ReportHttp, ReportHttpExchange, ReportNote } from '../report/index.js';
import { type CacheEntry, cachedAnswer, cachePartition, storeInCache } from './http-cache.js';
import type { LivePlan, LiveStep } from './plan.js';
import { actualRequest, preflightRequest } from './wire-request.js';

/** Options of {@link runLive}. */
export interface LiveOptions {
  readonly profiles: readonly ProfileChoice[];
  readonly client: HttpClient;
  /** The simulated clock's start (ms since the epoch); default now. */
  readonly now?: number;
}

/** A finished run: the model's verdicts on the real answers, and what went over the wire. */
export interface LiveRun {
  readonly ok: true;
  readonly result: ModelResult;
  /** Per browser (order of `result.browsers`), per step. */
  readonly http: readonly (readonly ReportHttp[])[];
  readonly notes: readonly ReportNote[];
}

/** A run stopped by a network failure (nothing to judge: the server never answered). */
export interface LiveFailure {
  readonly ok: false;
  readonly error: NetError;
  readonly browser: string;
  readonly step: number;
  readonly request: NetRequest;
}

/** Fetch §4.4 step 12 (via §4.5): at most 20 redirects. */
const MAX_REDIRECTS = 20;

function isRedirect(response: NetResponse): boolean {
  return [301, 302, 303, 307, 308].includes(response.status);
}

function header(response: NetResponse, name: string): string | undefined {
  return response.headers.find(([n]) => n === name)?.[1];
}

function modelResponse(response: NetResponse): ModelResponse {
  return { status: response.status, headers: response.headers };
}

/**
 * Stand-ins for answers not received yet: permissive, so the model walks past them to
 * the request whose headers (the Cookie line above all) the doctor needs to know.
 */
function permissivePreflight(origin: string, verdict: StepVerdict | undefined): ModelResponse {
  const headers: [string, string][] = [
    ['access-control-allow-origin', origin],
    ['access-control-allow-credentials', 'true'],
    ['access-control-allow-methods', verdict?.preflight.method ?? verdict?.method ?? 'GET'],
  ];
  const asked = verdict?.preflight.headers ?? [];
  if (asked.length > 0) headers.push(['access-control-allow-headers', asked.join(',')]);
  return { status: 204, headers };
}

function permissiveActual(origin: string): ModelResponse {
  return {
    status: 200,
    headers: [
      ['access-control-allow-origin', origin],
      ['access-control-allow-credentials', 'true'],
    ],
  };
}

function modelStep(step: LiveStep, responses: StepResponses): ExchangeStep {
  return {
    ...(step.label === undefined ? {} : { label: step.label }),
    ...(step.page === undefined ? {} : { page: step.page }),
    ...(step.afterSeconds === undefined ? {} : { afterSeconds: step.afterSeconds }),
    ...(step.expect === undefined ? {} : { expect: step.expect }),
    request: {
      url: step.url,
      method: step.method ?? 'GET',
      headers: step.headers ?? [],
      credentials: step.credentials ?? 'include',
      mode: step.mode ?? 'cors',
    },
    responses,
  };
}

function wire(
  request: NetRequest,
  response: NetResponse | undefined,
  fromCache = false,
): ReportHttpExchange {
  return {
    method: request.method,
    url: request.url,
    requestHeaders: request.headers,
    ...(response === undefined ? {} : { status: response.status, elapsedMs: response.elapsedMs }),
    responseHeaders: response?.headers ?? [],
    ...(fromCache ? { fromCache } : {}),
  };
}

/** Whether a stored answer would pass the CORS check (Fetch §4.10) for `request`. */
function corsMatches(request: NetRequest, credentials: boolean): (r: NetResponse) => boolean {
  const origin = request.headers.find(([n]) => n === 'origin')?.[1];
  return (response) => {
    if (origin === undefined) return true;
    const allowed = header(response, 'access-control-allow-origin');
    if (allowed === '*') return !credentials;
    return (
      allowed === origin &&
      (!credentials || header(response, 'access-control-allow-credentials') === 'true')
    );
  };
}

/**
 * Fetch §6.5 "extract a body": a string body the script passes without a Content-Type
 * goes out as `text/plain;charset=UTF-8` (a CORS-safelisted type, so no preflight).
 */
function withBodyType(step: LiveStep): LiveStep {
  if (step.body === undefined) return step;
  const headers = step.headers ?? [];
  if (headers.some(([n]) => n.toLowerCase() === 'content-type')) return step;
  return { ...step, headers: [...headers, ['content-type', 'text/plain;charset=UTF-8']] };
}

/** Fetch §4.4 step 12: the method after a redirect. */
function methodAfterRedirect(status: number, method: string): string {
  if ((status === 301 || status === 302) && method === 'POST') return 'GET';
  if (status === 303 && method !== 'GET' && method !== 'HEAD') return 'GET';
  return method;
}

type ProfileRun =
  | { readonly ok: true; readonly verdict: BrowserVerdict; readonly http: ReportHttp[] }
  | LiveFailure;

async function runProfile(
  plan: LivePlan,
  profile: ProfileChoice,
  client: HttpClient,
  now: number,
  notes: ReportNote[],
): Promise<ProfileRun> {
  const page = new URL(plan.page);
  const done: ExchangeStep[] = [];
  const http: ReportHttp[] = [];
  const resolved: BrowserProfile = typeof profile === 'string' ? PROFILES[profile] : profile;
  const profileName = resolved.name;
  let cache: CacheEntry[] = [];
  let clock = now;
  // The model's verdict on step `index` given the answers known so far.
  const probe = (index: number, step: LiveStep, responses: StepResponses): StepVerdict => {
    const exchange: Exchange = {
      page: plan.page,
      now,
      steps: [...done, modelStep(step, responses)],
    };
    return evaluate(exchange, [profile]).browsers[0]?.steps[index] as StepVerdict;
  };

  for (const [index, given] of plan.steps.entries()) {
    const step = withBodyType(given);
    // The document the request comes from: the step's own page when it has one.
    const from = step.page === undefined ? page : new URL(step.page);
    const origin = from.origin;
    clock += (step.afterSeconds ?? 0) * 1000;
    const failure = (error: NetError, request: NetRequest): LiveFailure => ({
      ok: false,
      error,
      browser: profileName,
      step: index,
      request,
    });
    let verdict = probe(index, step, {
      preflight: permissivePreflight(origin, undefined),
      actual: permissiveActual(origin),
    });
    let preflight: ModelResponse | undefined;
    const record: { preflight?: ReportHttpExchange; redirects: ReportHttpExchange[] } = {
      redirects: [],
    };
    if (verdict.preflight.sent) {
      const request = preflightRequest(from, step.url, {
        origin: verdict.origin ?? origin,
        method: verdict.preflight.method ?? verdict.method,
        headers: verdict.preflight.headers,
      });
      const sent = await client.send(request);
      if (!sent.ok) return failure(sent.error, request);
      preflight = modelResponse(sent.response);
      record.preflight = wire(request, sent.response);
      verdict = probe(index, step, { preflight, actual: permissiveActual(origin) });
      if (!verdict.preflight.passed) {
        // The browser stops here (Fetch §4.8): the request itself never leaves.
        done.push(modelStep(step, { preflight, actual: permissiveActual(origin) }));
        http.push({ preflight: record.preflight });
        continue;
      }
    }

    const redirects: RedirectResponse[] = [];
    let url = step.url;
    let method = (step.method ?? 'GET').toUpperCase();
    for (;;) {
      const current = { ...(preflight === undefined ? {} : { preflight }), redirects };
      verdict = probe(index, step, {
        ...current,
        actual: permissiveActual(origin),
      });
      const last = redirects.at(-1);
      if (
        last !== undefined &&
        verdict.reasons.some((r) => r.code === 'PreflightResponseMissing')
      ) {
        // Fetch §4.4 step 16 then §4.1 step 12: the hop needs its own preflight.
        const ask = {
          origin: verdict.origin ?? origin,
          method,
          headers: corsUnsafeHeaderNames(
            (step.headers ?? []).map(([n, v]) => [n.toLowerCase(), v] as const),
          ),
        };
        const request = preflightRequest(from, url, ask);
        const sent = await client.send(request);
        if (!sent.ok) return failure(sent.error, request);
        redirects[redirects.length - 1] = { ...last, preflight: modelResponse(sent.response) };
        record.redirects.push(wire(request, sent.response));
        verdict = probe(index, step, { ...current, actual: permissiveActual(origin) });
        if (verdict.verdict === 'preflight') {
          // Refused: the browser stops before the request to this hop.
          done.push(modelStep(step, { ...current, actual: permissiveActual(origin) }));
          http.push({
            ...(record.preflight === undefined ? {} : { preflight: record.preflight }),
            redirects: record.redirects,
          });
          break;
        }
      }
      const request = actualRequest(from, step, url, method, verdict);
      const partition = cachePartition(step.mode === 'navigate' ? url : (step.page ?? plan.page));
      const hit =
        method === 'GET'
          ? cachedAnswer(
              cache,
              partition,
              url,
              request.headers,
              clock,
              resolved.engine,
              corsMatches(request, (step.credentials ?? 'include') === 'include'),
            )
          : undefined;
      let response: NetResponse;
      if (hit !== undefined) {
        response = { ...hit.response, elapsedMs: 0 };
        notes.push({
          code: 'ServedFromHttpCache',
          severity: 'warning',
          step: index,
          browsers: [profileName],
          message: `GET ${url} is answered from the browser's HTTP cache (stored ${Math.round((clock - hit.storedAt) / 1000)} s earlier for another request, fresh for ${hit.freshForMs / 1000} s, Vary: ${header(hit.response, 'vary') ?? 'none'}); the server never sees this request. An answer that depends on Origin needs Vary: Origin (RFC 9111 §4.1).`,
        });
      } else {
        const sent = await client.send(request);
        if (!sent.ok) return failure(sent.error, request);
        response = sent.response;
        if (method === 'GET')
          cache = storeInCache(cache, partition, request.headers, response, clock);
      }
      const location = header(response, 'location');
      if (!isRedirect(response) || location === undefined || redirects.length >= MAX_REDIRECTS) {
        done.push(modelStep(step, { ...current, actual: modelResponse(response) }));
        http.push({
          ...(record.preflight === undefined ? {} : { preflight: record.preflight }),
          ...(record.redirects.length === 0 ? {} : { redirects: record.redirects }),
          actual: wire(request, response, hit !== undefined),
        });
        break;
      }
      const next = new URL(location, url);
      if (next.host !== new URL(url).host) {
        notes.push({
          code: 'RedirectToOtherHost',
          severity: 'warning',
          step: index,
          browsers: [profileName],
          message: `${url} redirected (${response.status}) to another host, ${next.href}; followed as the browser would, with the cookies the browser would send there.`,
        });
      }
      redirects.push({ ...modelResponse(response), location: next.href });
      record.redirects.push(wire(request, response));
      method = methodAfterRedirect(response.status, method);
      url = next.href;
    }
  }
  const exchange: Exchange = { page: plan.page, now, steps: done };
  return { ok: true, verdict: evaluate(exchange, [profile]).browsers[0] as BrowserVerdict, http };
}

/** One note per (code, step, message), listing every browser it concerns. */
function mergeNotes(notes: readonly ReportNote[]): ReportNote[] {
  const merged = new Map<string, ReportNote>();
  for (const note of notes) {
    const key = `${note.code} ${note.step} ${note.message}`;
    const seen = merged.get(key);
    merged.set(
      key,
      seen === undefined
        ? note
        : { ...seen, browsers: [...(seen.browsers ?? []), ...(note.browsers ?? [])] },
    );
  }
  return [...merged.values()];
}

/**
 * Runs `plan` live in each profile. Resolves to the verdicts, or to the first network
 * failure (a host that does not answer leaves nothing for the model to judge).
 */
export async function runLive(
  plan: LivePlan,
  options: LiveOptions,
): Promise<LiveRun | LiveFailure> {
  const now = options.now ?? Date.now();
  const browsers: BrowserVerdict[] = [];
  const http: ReportHttp[][] = [];
  const notes: ReportNote[] = [];
  for (const profile of options.profiles) {
    const run = await runProfile(plan, profile, options.client, now, notes);
    if (!run.ok) return run;
    browsers.push(run.verdict);
    http.push(run.http);
  }
  return { ok: true, result: { page: plan.page, browsers }, http, notes: mergeNotes(notes) };
}
