/**
 * The checker form (page origin, then one or more requests with the answers the server
 * gave) as plain strings, turned into the browser model's `Exchange`. Pure: every
 * problem is collected with the field it belongs to, so the page can show them all at
 * once next to their fields.
 */
import type {
  CredentialsMode,
  Exchange,
  ExchangeStep,
  ModelResponse,
  RequestMode,
} from '../../src/browser/index.js';
import { parseHeaderBlock } from './header-block.js';

/** One request of the form, as typed. */
export interface StepForm {
  readonly label: string;
  readonly method: string;
  /** Absolute, or a path on the page's origin (`/session`). */
  readonly url: string;
  readonly credentials: CredentialsMode;
  readonly mode: RequestMode;
  /** Header lines the page's script sets (a pasted request line is read too). */
  readonly requestHeaders: string;
  /** Empty with empty headers: no preflight answer was seen. */
  readonly preflightStatus: string;
  readonly preflightHeaders: string;
  /** Default 200 (a pasted status line wins). */
  readonly actualStatus: string;
  readonly actualHeaders: string;
  /** Comma-separated cookie names the request must carry. */
  readonly expectCookies: string;
  /** Comma-separated response header names the page reads. */
  readonly expectHeaders: string;
}

/** The whole form. */
export interface CheckerForm {
  /** The page's origin or URL, e.g. `https://app.example.com`. */
  readonly page: string;
  readonly steps: readonly StepForm[];
}

/** A problem with one field: `field` is `page` or `steps.<i>.<name>`. */
export interface FormProblem {
  readonly field: string;
  readonly message: string;
}

/** The exchange, or the problems that prevent building it. */
export type FormResult =
  | { readonly ok: true; readonly exchange: Exchange }
  | { readonly ok: false; readonly problems: readonly FormProblem[] };

function httpUrl(text: string, base?: string): URL | undefined {
  try {
    const url = base === undefined ? new URL(text) : new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function names(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
}

function status(
  text: string,
  fallback: number | undefined,
  field: string,
  problems: FormProblem[],
): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return fallback;
  const value = Number(trimmed);
  if (!/^\d{3}$/.test(trimmed) || value < 100 || value > 599) {
    problems.push({ field, message: `status "${trimmed}" is not a number from 100 to 599` });
    return undefined;
  }
  return value;
}

function response(
  statusText: string,
  headersText: string,
  fallback: number | undefined,
  prefix: string,
  problems: FormProblem[],
): ModelResponse | undefined {
  const block = parseHeaderBlock(headersText);
  for (const message of block.problems) problems.push({ field: `${prefix}Headers`, message });
  // A pasted status line is what the server really said; it wins over the field.
  const code = block.status ?? status(statusText, fallback, `${prefix}Status`, problems);
  if (code === undefined) return undefined;
  return { status: code, headers: block.headers };
}

function step(form: StepForm, index: number, page: string, problems: FormProblem[]): ExchangeStep {
  const prefix = `steps.${index}.`;
  const request = parseHeaderBlock(form.requestHeaders);
  for (const message of request.problems)
    problems.push({ field: `${prefix}requestHeaders`, message });
  const urlText = form.url.trim() === '' ? (request.target ?? '') : form.url.trim();
  // A pasted request line names a path; its Host (or :authority) names the server.
  const base =
    form.url.trim() === '' && request.authority !== undefined
      ? `${new URL(page).protocol}//${request.authority}/`
      : page;
  const url = httpUrl(urlText, base);
  if (url === undefined)
    problems.push({
      field: `${prefix}url`,
      message:
        urlText === ''
          ? 'the request URL is missing'
          : `"${urlText}" is not an http(s) URL (absolute, or a path on the page's origin)`,
    });
  const method = form.method.trim() === '' ? (request.method ?? 'GET') : form.method.trim();
  const hasPreflight = form.preflightStatus.trim() !== '' || form.preflightHeaders.trim() !== '';
  const preflight = hasPreflight
    ? response(form.preflightStatus, form.preflightHeaders, 204, `${prefix}preflight`, problems)
    : undefined;
  const actual = response(form.actualStatus, form.actualHeaders, 200, `${prefix}actual`, problems);
  const cookies = names(form.expectCookies);
  const readHeaders = names(form.expectHeaders);
  return {
    ...(form.label.trim() === '' ? {} : { label: form.label.trim() }),
    request: {
      url: url?.href ?? urlText,
      method,
      headers: request.headers,
      credentials: form.credentials,
      mode: form.mode,
    },
    responses: {
      ...(preflight === undefined ? {} : { preflight }),
      actual: actual ?? { status: 200 },
    },
    ...(cookies.length === 0 && readHeaders.length === 0
      ? {}
      : {
          expect: {
            ...(cookies.length === 0 ? {} : { cookies }),
            ...(readHeaders.length === 0 ? {} : { headers: readHeaders }),
          },
        }),
  };
}

/** Builds the model's exchange from the form, or lists every problem found. */
export function formToExchange(form: CheckerForm): FormResult {
  const problems: FormProblem[] = [];
  const page = httpUrl(form.page.trim());
  if (page === undefined)
    problems.push({
      field: 'page',
      message:
        form.page.trim() === ''
          ? "the page's origin is missing (e.g. https://app.example.com)"
          : `"${form.page.trim()}" is not an http(s) origin or URL`,
    });
  if (form.steps.length === 0) problems.push({ field: 'steps', message: 'add a request' });
  const base = page?.href ?? 'http://invalid.invalid/';
  const steps = form.steps.map((s, i) => step(s, i, base, problems));
  if (problems.length > 0 || page === undefined) return { ok: false, problems };
  return { ok: true, exchange: { page: page.href, steps } };
}
