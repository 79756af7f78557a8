/**
 * `--flow flow.json`: a page and its requests, for flows longer than `--then` says
 * (log in, then `/me`, then a write). Validated whole: every problem is listed, each
 * naming the field, the value and what to write.
 *
 * ```json
 * { "page": "https://app.example.com/",
 *   "steps": [
 *     { "label": "login", "url": "https://api.example.com/auth/login", "method": "POST",
 *       "headers": { "content-type": "application/json" },
 *       "body": { "username": "alice", "password": "…" } },
 *     { "label": "me", "url": "https://api.example.com/me", "expect": { "cookies": ["sid"] } } ] }
 * ```
 */

import type { CredentialsMode, RequestMode } from '../../browser/index.js';
import { isRecord } from '../../internal/is-record.js';
import type { LivePlan, LiveStep } from './plan.js';

/** The outcome of {@link parseFlow}. */
export type ParsedFlow =
  | { readonly ok: true; readonly plan: LivePlan }
  | { readonly ok: false; readonly problems: readonly string[] };

const STEP_KEYS = new Set([
  'label',
  'url',
  'method',
  'headers',
  'body',
  'credentials',
  'mode',
  'expect',
  'page',
  'afterSeconds',
]);
const CREDENTIALS: readonly CredentialsMode[] = ['include', 'same-origin', 'omit'];
const MODES: readonly RequestMode[] = ['cors', 'no-cors', 'navigate'];

function absoluteUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string')
    ? (value as string[])
    : undefined;
}

function headerPairs(value: unknown): [string, string][] | undefined {
  if (isRecord(value)) {
    const pairs = Object.entries(value);
    return pairs.every(([, v]) => typeof v === 'string')
      ? (pairs as [string, string][])
      : undefined;
  }
  if (
    Array.isArray(value) &&
    value.every(
      (p) =>
        Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string',
    )
  )
    return value as [string, string][];
  return undefined;
}

function parseStep(raw: unknown, at: string, problems: string[]): LiveStep | undefined {
  if (!isRecord(raw)) {
    problems.push(`${at} must be an object with at least "url"`);
    return undefined;
  }
  for (const key of Object.keys(raw))
    if (!STEP_KEYS.has(key))
      problems.push(`${at}.${key} is not a step field (known: ${[...STEP_KEYS].join(', ')})`);
  const url = absoluteUrl(raw.url);
  if (url === undefined)
    problems.push(`${at}.url = ${JSON.stringify(raw.url)} is not an absolute http(s) URL`);
  const step: { -readonly [K in keyof LiveStep]: LiveStep[K] } = { url: url ?? '' };
  if (raw.label !== undefined) {
    if (typeof raw.label === 'string') step.label = raw.label;
    else problems.push(`${at}.label must be a string`);
  }
  if (raw.method !== undefined) {
    if (typeof raw.method === 'string' && /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(raw.method))
      step.method = raw.method;
    else problems.push(`${at}.method = ${JSON.stringify(raw.method)} is not an HTTP method token`);
  }
  if (raw.headers !== undefined) {
    const headers = headerPairs(raw.headers);
    if (headers === undefined)
      problems.push(`${at}.headers must be {"name": "value"} or [["name", "value"], …]`);
    else step.headers = headers;
  }
  if (raw.body !== undefined) {
    // An object or array is sent as JSON, as a page's `JSON.stringify` would.
    step.body = typeof raw.body === 'string' ? raw.body : JSON.stringify(raw.body);
  }
  if (raw.credentials !== undefined) {
    if (CREDENTIALS.includes(raw.credentials as CredentialsMode))
      step.credentials = raw.credentials as CredentialsMode;
    else
      problems.push(
        `${at}.credentials = ${JSON.stringify(raw.credentials)}: write ${CREDENTIALS.join(', ')}`,
      );
  }
  if (raw.mode !== undefined) {
    if (MODES.includes(raw.mode as RequestMode)) step.mode = raw.mode as RequestMode;
    else problems.push(`${at}.mode = ${JSON.stringify(raw.mode)}: write ${MODES.join(', ')}`);
  }
  if (raw.expect !== undefined) {
    const expect = isRecord(raw.expect) ? raw.expect : undefined;
    const cookies = expect?.cookies === undefined ? [] : stringList(expect.cookies);
    const headers = expect?.headers === undefined ? [] : stringList(expect.headers);
    if (cookies === undefined || headers === undefined)
      problems.push(`${at}.expect must be {"cookies": [names], "headers": [names]}`);
    else step.expect = { cookies, headers };
  }
  if (raw.page !== undefined) {
    const page = absoluteUrl(raw.page);
    if (page === undefined) problems.push(`${at}.page is not an absolute http(s) URL`);
    else step.page = page;
  }
  if (raw.afterSeconds !== undefined) {
    if (typeof raw.afterSeconds === 'number' && raw.afterSeconds >= 0)
      step.afterSeconds = raw.afterSeconds;
    else problems.push(`${at}.afterSeconds must be a number of seconds, 0 or more`);
  }
  return step;
}

/**
 * Validates a parsed flow file. `page` (from `--origin`) stands in when the file has
 * none.
 */
export function parseFlow(raw: unknown, page: string | undefined): ParsedFlow {
  const problems: string[] = [];
  if (!isRecord(raw)) return { ok: false, problems: ['the flow must be a JSON object'] };
  const filePage = raw.page === undefined ? undefined : absoluteUrl(raw.page);
  if (raw.page !== undefined && filePage === undefined)
    problems.push(`page = ${JSON.stringify(raw.page)} is not an absolute http(s) URL`);
  const chosen = page ?? filePage;
  if (chosen === undefined && raw.page === undefined)
    problems.push('no page: give "page" in the flow or --origin');
  if (!Array.isArray(raw.steps) || raw.steps.length === 0)
    problems.push('steps must be a non-empty array');
  const steps = Array.isArray(raw.steps)
    ? raw.steps.map((s, i) => parseStep(s, `steps[${i}]`, problems))
    : [];
  if (problems.length > 0 || chosen === undefined) return { ok: false, problems };
  return { ok: true, plan: { page: chosen, steps: steps as LiveStep[] } };
}
