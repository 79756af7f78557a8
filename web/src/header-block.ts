/**
 * Parses a block of header lines as people copy them from DevTools ("Raw" view) or curl
 * `-i`: optional start line (`HTTP/1.1 204 No Content`, `POST /login HTTP/1.1`), HTTP/2
 * pseudo-headers (`:status: 204`, `:method: POST`, `:path: /login`), then `Name: value`
 * lines. Pure; problems are returned, never thrown.
 */

/** What a pasted header block says. */
export interface HeaderBlock {
  /** From a status line or `:status`. */
  readonly status?: number;
  /** From a request line or `:method`. */
  readonly method?: string;
  /** The request target of a request line or `:path` (e.g. `/auth/login`). */
  readonly target?: string;
  /** From `:authority` or `Host` (kept in {@link headers} too when it is `Host`). */
  readonly authority?: string;
  /** Header fields in order, names as written. Repeated `Set-Cookie` lines stay apart. */
  readonly headers: readonly (readonly [string, string])[];
  /** One line each: `line 3: "…" is not a "Name: value" header`. */
  readonly problems: readonly string[];
}

// RFC 9110 §5.1 field-name = token; §5.6.2 tchar.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 9112 §4 status-line (HTTP/2 and /3 as DevTools prints them: `HTTP/2 204`).
const STATUS_LINE = /^HTTP\/\d(?:\.\d)?\s+(\d{3})(?:\s.*)?$/i;
// RFC 9112 §3 request-line.
const REQUEST_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\s+(\S+)\s+HTTP\/\d(?:\.\d)?$/i;

function quote(line: string): string {
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 57)}...` : line);
}

/** Parses `text`; see the module comment for what it accepts. */
export function parseHeaderBlock(text: string): HeaderBlock {
  const headers: [string, string][] = [];
  const problems: string[] = [];
  let status: number | undefined;
  let method: string | undefined;
  let target: string | undefined;
  let authority: string | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const at = `line ${index + 1}`;
    const statusLine = STATUS_LINE.exec(line);
    if (statusLine) {
      status = Number(statusLine[1]);
      return;
    }
    const requestLine = REQUEST_LINE.exec(line);
    if (requestLine) {
      method = requestLine[1];
      target = requestLine[2];
      return;
    }
    // HTTP/2 pseudo-headers start with a colon (RFC 9113 §8.3).
    const pseudo = /^:(status|method|path|authority|scheme):\s*(.*)$/i.exec(line);
    if (pseudo) {
      const [, name = '', value = ''] = pseudo;
      const key = name.toLowerCase();
      if (key === 'status') {
        if (/^\d{3}$/.test(value)) status = Number(value);
        else problems.push(`${at}: :status ${quote(value)} is not a three-digit status`);
      } else if (key === 'method') method = value;
      else if (key === 'path') target = value;
      else if (key === 'authority') authority = value;
      return;
    }
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    if (colon <= 0 || !TOKEN.test(name)) {
      problems.push(`${at}: ${quote(line)} is not a "Name: value" header`);
      return;
    }
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'host') authority ??= value;
    headers.push([name, value]);
  });
  return {
    ...(status === undefined ? {} : { status }),
    ...(method === undefined ? {} : { method }),
    ...(target === undefined ? {} : { target }),
    ...(authority === undefined ? {} : { authority }),
    headers,
    problems,
  };
}
