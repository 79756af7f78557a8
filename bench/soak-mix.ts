/**
 * The request mix of the soak test: what one autocannon connection sends, in a loop, and
 * what each answer must be. A connection plays a browser page on the app origin (log in,
 * read, write, delete, log out, each unsafe or credentialed request after its preflight)
 * interleaved with a page on another origin that tries the same API. Every answer is
 * checked: status, and `Access-Control-Allow-Origin` present with the right value or
 * absent.
 */

/** What each answer must look like. */
interface Expectation {
  /** Allowed statuses. */
  readonly status: readonly number[];
  /** The ACAO value required, or `null`: the header must be absent. */
  readonly allowOrigin: string | null;
}

/** Tallies of the checks, shared by every connection. */
export interface MixTally {
  checked: number;
  wrongStatus: number;
  wrongCors: number;
  /** The first few failures, for the report. */
  readonly examples: string[];
}

type Headers = Record<string, string | string[] | undefined>;
interface Context {
  cookie?: string;
  noteId?: string;
}
interface MixRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: MixRequest, context: Context) => MixRequest;
  onResponse?: (status: number, body: string, context: Context, headers: Headers) => void;
}

export const EVIL_ORIGIN = 'https://evil.example';

function headerValue(headers: Headers, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(', ') : value;
  }
  return undefined;
}

/** The loop of one connection against an API whose app origin is `appOrigin`. */
export function soakMix(appOrigin: string, tally: MixTally): MixRequest[] {
  const check =
    (
      name: string,
      expected: Expectation,
      then?: (body: string, context: Context, headers: Headers) => void,
    ) =>
    (status: number, body: string, context: Context, headers: Headers) => {
      tally.checked++;
      const acao = headerValue(headers, 'access-control-allow-origin');
      const statusOk = expected.status.includes(status);
      const corsOk =
        expected.allowOrigin === null ? acao === undefined : acao === expected.allowOrigin;
      if (!statusOk) tally.wrongStatus++;
      if (!corsOk) tally.wrongCors++;
      if ((!statusOk || !corsOk) && tally.examples.length < 5) {
        tally.examples.push(`${name}: status ${status}, ACAO ${acao ?? '(none)'}`);
      }
      then?.(body, context, headers);
    };
  const page = { origin: appOrigin, 'sec-fetch-site': 'same-site' };
  const evil = { origin: EVIL_ORIGIN, 'sec-fetch-site': 'cross-site' };
  const json = { 'content-type': 'application/json' };
  const withCookie = (request: MixRequest, context: Context): MixRequest => ({
    ...request,
    headers: { ...request.headers, cookie: context.cookie ?? '' },
  });
  const preflight = (
    path: string,
    method: string,
    origin: Record<string, string>,
    ok: boolean,
  ) => ({
    method: 'OPTIONS',
    path,
    headers: {
      ...origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'content-type',
    },
    onResponse: check(`preflight ${method} ${path} from ${origin.origin}`, {
      status: ok ? [204] : [403],
      allowOrigin: ok ? appOrigin : null,
    }),
  });
  const allowed = (status: number[]): Expectation => ({ status, allowOrigin: appOrigin });
  const refused = (status: number[]): Expectation => ({ status, allowOrigin: null });
  return [
    preflight('/auth/login', 'POST', page, true),
    {
      method: 'POST',
      path: '/auth/login',
      headers: { ...page, ...json },
      body: JSON.stringify({ username: 'alice', password: 'corset-demo' }),
      onResponse: check('login', allowed([200]), (_body, context, headers) => {
        const set = headers['set-cookie'] ?? headerValue(headers, 'set-cookie');
        const lines = Array.isArray(set) ? set : set === undefined ? [] : [set];
        context.cookie = lines.map((line) => line.split(';')[0]).join('; ');
      }),
    },
    {
      method: 'GET',
      path: '/me',
      headers: page,
      setupRequest: withCookie,
      onResponse: check('GET /me', allowed([200])),
    },
    preflight('/notes', 'POST', page, true),
    {
      method: 'POST',
      path: '/notes',
      headers: { ...page, ...json },
      body: JSON.stringify({ text: 'soak' }),
      setupRequest: withCookie,
      onResponse: check('POST /notes', allowed([201]), (body, context) => {
        const id = (JSON.parse(body) as { note?: { id?: string } }).note?.id;
        if (id !== undefined) context.noteId = id;
      }),
    },
    preflight('/notes/x', 'DELETE', page, true),
    {
      method: 'DELETE',
      path: '/notes/',
      headers: page,
      setupRequest: (request, context) => ({
        ...withCookie(request, context),
        path: `/notes/${encodeURIComponent(context.noteId ?? 'none')}`,
      }),
      onResponse: check('DELETE /notes/:id', allowed([204])),
    },
    preflight('/notes', 'POST', evil, false),
    {
      // The cookie rides along (a cross-site page cannot read the answer, but it is sent).
      method: 'GET',
      path: '/me',
      headers: evil,
      setupRequest: withCookie,
      onResponse: check('GET /me from another origin', refused([200])),
    },
    {
      method: 'POST',
      path: '/notes',
      headers: { ...evil, 'content-type': 'text/plain' },
      body: '{"text":"forged"}',
      setupRequest: withCookie,
      onResponse: check('forged POST /notes', refused([403])),
    },
    {
      method: 'POST',
      path: '/auth/logout',
      headers: { ...page, ...json },
      body: '{}',
      setupRequest: withCookie,
      onResponse: check('logout', allowed([204])),
    },
  ];
}
