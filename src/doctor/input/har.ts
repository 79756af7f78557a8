/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) as Chrome DevTools, Firefox
 * DevTools and Playwright's `recordHar` write it, read into recorded entries. Only what
 * the browser model needs is kept: method, URL, headers, status, timing, page, and the
 * recorders' own fields (`_resourceType`, `_error`, `_failureText`, `_fromCache`).
 */
import type {
  InputNote,
  RecordedEntry,
  RecordedHeaders,
  Recorder,
  RecorderEngine,
} from './types.js';

/** A HAR page: its id and title (DevTools writes the page URL there, Playwright the document title). */
export interface HarPage {
  readonly id: string;
  readonly title: string;
}

/** What {@link parseHar} found. */
export interface HarContent {
  readonly recorder?: Recorder;
  readonly pages: readonly HarPage[];
  readonly entries: readonly RecordedEntry[];
  readonly notes: readonly InputNote[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/**
 * HAR `headers` (`[{name, value}]`) to pairs. HTTP/2 pseudo-headers (`:authority`, ...)
 * are dropped; a value holding several lines (Chrome joins repeated `Set-Cookie` with a
 * newline in its raw headers) becomes one field per line.
 */
export function harHeaders(value: unknown): RecordedHeaders {
  if (!Array.isArray(value)) return [];
  const headers: [string, string][] = [];
  for (const item of value) {
    if (!isObject(item)) continue;
    const name = text(item.name);
    const field = text(item.value);
    if (name === undefined || field === undefined || name === '' || name.startsWith(':')) continue;
    for (const line of field.split('\n')) headers.push([name, line.replace(/\r$/, '')]);
  }
  return headers;
}

function engineOf(name: string): RecorderEngine | undefined {
  const lower = name.toLowerCase();
  if (/chrom|webinspector|edge|opera|brave/.test(lower)) return 'chromium';
  if (/firefox|gecko/.test(lower)) return 'gecko';
  if (/safari|webkit/.test(lower)) return 'webkit';
  return undefined;
}

function recorderOf(log: Json): Recorder | undefined {
  const creator = isObject(log.creator) ? log.creator : undefined;
  const browser = isObject(log.browser) ? log.browser : undefined;
  const name = text(creator?.name) ?? text(browser?.name);
  if (name === undefined) return undefined;
  const version = text(creator?.version);
  // Playwright writes itself as creator and the engine as `browser`.
  const engine = engineOf(text(browser?.name) ?? '') ?? engineOf(name);
  return {
    name,
    ...(version === undefined || version === '' ? {} : { version }),
    ...(engine === undefined ? {} : { engine }),
  };
}

function entryOf(raw: unknown, index: number): RecordedEntry | InputNote {
  const invalid = (why: string): InputNote => ({
    code: 'InvalidEntry',
    severity: 'warning',
    message: `HAR entry ${index} skipped: ${why}.`,
    entry: index,
  });
  if (!isObject(raw)) return invalid('not an object');
  const request = isObject(raw.request) ? raw.request : undefined;
  const response = isObject(raw.response) ? raw.response : {};
  const method = text(request?.method);
  const url = text(request?.url);
  if (method === undefined || url === undefined) return invalid('no request method or URL');
  if (!URL.canParse(url)) return invalid(`its URL ${JSON.stringify(url)} does not parse`);
  const started = Date.parse(text(raw.startedDateTime) ?? '');
  const statusValue = typeof response.status === 'number' ? response.status : 0;
  // Chrome DevTools writes `_error`, Playwright `_failureText`; both mean no usable answer.
  const error = text(response._error) ?? text(response._failureText) ?? text(raw._error);
  const resourceType = text(raw._resourceType)?.toLowerCase();
  const pageref = text(raw.pageref);
  const fromCache =
    raw._fromCache !== undefined && raw._fromCache !== null && raw._fromCache !== '';
  return {
    index,
    ...(Number.isNaN(started) ? {} : { startedMs: started }),
    method,
    url,
    requestHeaders: harHeaders(request?.headers),
    status: Math.max(statusValue, 0),
    responseHeaders: statusValue > 0 ? harHeaders(response.headers) : [],
    ...(pageref === undefined ? {} : { pageref }),
    ...(resourceType === undefined ? {} : { resourceType }),
    ...(error === undefined || error === '' ? {} : { error }),
    ...(fromCache ? { fromCache } : {}),
  };
}

/** Whether `value` looks like a HAR document (`{ log: { entries: [...] } }`). */
export function isHar(value: unknown): boolean {
  return isObject(value) && isObject(value.log) && Array.isArray(value.log.entries);
}

/**
 * Reads a parsed HAR document. Never throws: entries it cannot use are skipped with an
 * `InvalidEntry` note; a document that is not a HAR gives a `NotHar` error note.
 */
export function parseHar(document: unknown): HarContent {
  if (!isHar(document))
    return {
      pages: [],
      entries: [],
      notes: [
        {
          code: 'NotHar',
          severity: 'error',
          message: 'The JSON is not a HAR file: no `log.entries` array.',
          fix: 'Export with DevTools > Network > "Export HAR" (Chrome) or "Save All As HAR" (Firefox).',
        },
      ],
    };
  const log = (document as { log: Json }).log;
  const pages: HarPage[] = [];
  for (const page of Array.isArray(log.pages) ? log.pages : []) {
    if (!isObject(page)) continue;
    const id = text(page.id);
    if (id !== undefined) pages.push({ id, title: text(page.title) ?? '' });
  }
  const entries: RecordedEntry[] = [];
  const notes: InputNote[] = [];
  (log.entries as unknown[]).forEach((raw, index) => {
    const entry = entryOf(raw, index);
    if ('code' in entry) notes.push(entry);
    else entries.push(entry);
  });
  const recorder = recorderOf(log);
  return { ...(recorder === undefined ? {} : { recorder }), pages, entries, notes };
}
