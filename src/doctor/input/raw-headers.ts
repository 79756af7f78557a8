/**
 * Raw request and response header text, as pasted from DevTools ("Raw" headers, HTTP/1.1
 * start lines or HTTP/2 pseudo-headers) or from `curl -v` (`> ` request lines, `< `
 * response lines, `* ` notes), read into recorded entries: each request is paired with
 * the response that follows it. Bodies after a blank line are skipped.
 */
import type { InputNote, RecordedEntry, RecordedHeaders } from './types.js';

/** What {@link parseRawHeaders} found. */
export interface RawContent {
  readonly entries: readonly RecordedEntry[];
  readonly notes: readonly InputNote[];
}

interface Message {
  readonly kind: 'request' | 'response';
  /** Request method or response status, from the start line or pseudo-headers. */
  method?: string;
  target?: string;
  status?: number;
  scheme?: string;
  authority?: string;
  readonly headers: [string, string][];
  readonly line: number;
}

// RFC 9112 §3 request-line; the method token is upper-case in practice, and requiring it
// keeps a body line such as "note: text" from reading as a request.
const REQUEST_LINE = /^([A-Z][A-Z0-9_-]*) (\S+) HTTP\/(\d)(?:\.\d)?$/;
// RFC 9112 §4 status-line (`HTTP/2 200` as curl prints HTTP/2).
const STATUS_LINE = /^HTTP\/\d(?:\.\d)? (\d{3})(?: .*)?$/;
// RFC 9110 §5.1 field-name (token), then `:`.
const FIELD_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*(.*?)[ \t]*$/;
const PSEUDO_LINE = /^:(method|path|scheme|authority|status):[ \t]*(.*?)[ \t]*$/;

/** Strips curl's `> `/`< ` markers; `null` for curl's notes and data lines. */
function clean(line: string): string | null {
  const trimmed = line.replace(/\r$/, '');
  if (/^[*{}] /.test(trimmed) || trimmed === '*') return null;
  const marker = /^[<>] ?(.*)$/.exec(trimmed);
  return marker ? (marker[1] ?? '') : trimmed;
}

function splitMessages(input: string): { messages: Message[]; tls: boolean } {
  const messages: Message[] = [];
  let current: Message | undefined;
  let inBody = false;
  let tls = false;
  const open = (kind: Message['kind'], line: number): Message => {
    current = { kind, headers: [], line };
    messages.push(current);
    inBody = false;
    return current;
  };
  input.split('\n').forEach((rawLine, lineIndex) => {
    // curl -v tells the transport in its notes ("SSL connection using", "ALPN").
    if (/^\* .*(SSL|TLS|ALPN)/.test(rawLine)) tls = true;
    const line = clean(rawLine);
    if (line === null) return;
    const request = REQUEST_LINE.exec(line);
    if (request) {
      const message = open('request', lineIndex + 1);
      message.method = request[1] ?? 'GET';
      message.target = request[2] ?? '/';
      // Browsers speak HTTP/2 and HTTP/3 only over TLS (none does cleartext h2).
      if (request[3] === '2' || request[3] === '3') message.scheme = 'https';
      return;
    }
    const status = STATUS_LINE.exec(line);
    if (status) {
      open('response', lineIndex + 1).status = Number(status[1]);
      return;
    }
    if (line.trim() === '') {
      if (current !== undefined && (current.headers.length > 0 || current.kind === 'response'))
        inBody = true;
      return;
    }
    const pseudo = PSEUDO_LINE.exec(line);
    if (pseudo) {
      const [, name, value = ''] = pseudo;
      const kind = name === 'status' ? 'response' : 'request';
      // A pseudo-header after regular fields, or of the other kind, starts a new message.
      let message = current;
      if (message === undefined || message.kind !== kind || message.headers.length > 0 || inBody)
        message = open(kind, lineIndex + 1);
      if (name === 'status') message.status = Number(value);
      else if (name === 'method') message.method = value;
      else if (name === 'path') message.target = value;
      else if (name === 'scheme') message.scheme = value;
      else message.authority = value;
      return;
    }
    if (inBody) return;
    const field = FIELD_LINE.exec(line);
    // A header block pasted on its own (DevTools "copy request headers" without a
    // start line) is a response when it carries response-only fields.
    if (field && current === undefined) open(guessKind(input), lineIndex + 1);
    if (field && current !== undefined) current.headers.push([field[1] ?? '', field[2] ?? '']);
  });
  return { messages, tls };
}

function guessKind(input: string): Message['kind'] {
  return /^\s*(access-control-allow-|set-cookie:)/im.test(input) ? 'response' : 'request';
}

function header(headers: RecordedHeaders, name: string): string | undefined {
  return headers.find(([key]) => key.toLowerCase() === name)?.[1];
}

/**
 * The request URL: an absolute-form target as is; else scheme + Host (or `:authority`)
 * + path. The scheme is `:scheme`, https when curl reported TLS or the port is 443,
 * http on port 80, else the page's (Origin's) scheme, noted as assumed.
 */
function requestUrl(
  message: Message,
  tls: boolean,
  notes: InputNote[],
  index: number,
): string | undefined {
  const target = message.target ?? '/';
  if (URL.canParse(target) && /^https?:/i.test(target)) return target;
  const host = message.authority ?? header(message.headers, 'host');
  if (host === undefined) return undefined;
  const port = /:(\d+)$/.exec(host)?.[1];
  let scheme = message.scheme;
  if (scheme === undefined && tls) scheme = 'https';
  if (scheme === undefined && port === '443') scheme = 'https';
  if (scheme === undefined && port === '80') scheme = 'http';
  if (scheme === undefined) {
    const origin = header(message.headers, 'origin');
    scheme = origin?.startsWith('http://') ? 'http' : 'https';
    notes.push({
      code: 'SchemeAssumed',
      severity: 'info',
      message: `Request ${index + 1} (${message.method ?? 'GET'} ${host}${target}): the text does not say http or https; assumed ${scheme}, like its Origin.`,
      fix: 'Paste the request with an absolute URL (`GET https://api.example.com/me HTTP/1.1`) to state it.',
      entry: index,
    });
  }
  const url = `${scheme}://${host}${target.startsWith('/') ? target : `/${target}`}`;
  return URL.canParse(url) ? new URL(url).href : undefined;
}

/**
 * Reads pasted header text. Never throws: a response with no request before it, or a
 * request without a URL, gives a note and is skipped.
 */
export function parseRawHeaders(input: string): RawContent {
  const { messages, tls } = splitMessages(input);
  const entries: RecordedEntry[] = [];
  const notes: InputNote[] = [];
  let pending: Message | undefined;
  const flush = (response: Message | undefined) => {
    if (pending === undefined) return;
    const index = entries.length;
    const url = requestUrl(pending, tls, notes, index);
    if (url === undefined) {
      notes.push({
        code: 'InvalidEntry',
        severity: 'warning',
        message: `The request at line ${pending.line} has no usable URL (no absolute target and no Host).`,
        fix: 'Include the Host header (or :authority), or write the absolute URL in the request line.',
      });
    } else {
      entries.push({
        index,
        method: pending.method ?? 'GET',
        url,
        requestHeaders: pending.headers,
        status: response?.status ?? 0,
        responseHeaders: response?.headers ?? [],
      });
    }
    pending = undefined;
  };
  for (const message of messages) {
    if (message.kind === 'request') {
      flush(undefined);
      pending = message;
    } else if (pending === undefined) {
      notes.push({
        code: 'ResponseWithoutRequest',
        severity: 'warning',
        message: `The response at line ${message.line} has no request before it: skipped.`,
        fix: 'Paste the request headers (with its URL or Host) before each response.',
      });
    } else {
      flush(message);
    }
  }
  flush(undefined);
  return { entries, notes };
}
