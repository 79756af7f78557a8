/**
 * `corset check`'s input: a HAR file (Chrome or Firefox DevTools, Playwright) or pasted
 * raw header text (DevTools, `curl -v`), read into one browser-model exchange of the
 * page's cross-origin fetches, with what was recorded, inferred and missing; and the
 * redaction of cookie values and tokens for output. Browser-safe (no Node API): the web
 * checker page uses it as the CLI does.
 *
 * ```ts
 * const read = readRecording(harText, { page: 'https://app.example.com/' });
 * if (read.ok) console.log(renderText(evaluate(read.recording.exchange)));
 * ```
 */
import { buildRecording } from './build-recording.js';
import { parseHar } from './har.js';
import { parseRawHeaders } from './raw-headers.js';
import type { InputFormat, ReadOptions, ReadResult } from './types.js';

export type { HarContent, HarPage } from './har.js';
export { isHar, parseHar } from './har.js';
export type { RawContent } from './raw-headers.js';
export { parseRawHeaders } from './raw-headers.js';
export {
  REDACTED,
  redactCookieHeader,
  redactDeep,
  redactHeaderValue,
  redactSetCookie,
  redactText,
  secretsOf,
} from './redact.js';
export type { RecordingReportOptions } from './to-report.js';
export { disagreements, recordedHttp, recordingNotes, recordingReport } from './to-report.js';
export type {
  CheckedRequest,
  CredentialsSource,
  InputFormat,
  InputNote,
  InputNoteCode,
  InputNoteSeverity,
  ObservedOutcome,
  PageSource,
  ReadOptions,
  ReadResult,
  RecordedEntry,
  RecordedHeaders,
  Recorder,
  RecorderEngine,
  Recording,
  UnexplainedRequest,
} from './types.js';

/** `har` when the text is a JSON object (after a BOM and whitespace), else `headers`. */
export function detectFormat(text: string): InputFormat {
  return /^\uFEFF?\s*\{/.test(text) ? 'har' : 'headers';
}

/**
 * Reads a HAR or raw header text into a {@link Recording}: every cross-origin `fetch()` /
 * `XMLHttpRequest` request as one step of one exchange (preflight and redirect hops
 * folded in, time order kept so cookies flow from step to step), the page each was made
 * from, and notes on what was inferred. Never throws; unusable input gives
 * `{ ok: false, problems }`.
 */
export function readRecording(text: string, options: ReadOptions = {}): ReadResult {
  if (text.trim() === '' || text.trim() === '\uFEFF')
    return problem(
      'EmptyInput',
      'The input is empty.',
      'Give a HAR file, or paste request and response headers.',
    );
  const format = options.format ?? detectFormat(text);
  if (format === 'har') {
    let document: unknown;
    try {
      document = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      return problem(
        'InvalidJson',
        `The HAR is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`,
        'Export the HAR again (the file may be cut short), or paste raw headers instead.',
      );
    }
    const har = parseHar(document);
    const fatal = har.notes.filter((n) => n.severity === 'error');
    if (fatal.length > 0) return { ok: false, problems: fatal };
    return buildRecording({ format, ...har }, options);
  }
  const raw = parseRawHeaders(text);
  if (raw.entries.length === 0)
    return {
      ok: false,
      problems: [
        {
          code: 'UnknownFormat',
          severity: 'error',
          message: 'No request found: the text is neither a HAR (JSON) nor request headers.',
          fix: 'Paste a request (`GET https://api.example.com/me HTTP/1.1` or `:method`/`:path` lines, or `curl -v` output) with its response, or give a HAR file.',
        },
        ...raw.notes,
      ],
    };
  return buildRecording({ format, pages: [], ...raw }, options);
}

function problem(code: 'EmptyInput' | 'InvalidJson', message: string, fix: string): ReadResult {
  return { ok: false, problems: [{ code, severity: 'error', message, fix }] };
}
