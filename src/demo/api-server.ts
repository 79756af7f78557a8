/**
 * The demo API on corset's entry point: the CORS policy answers preflights before
 * anything else, the session endpoints (`/auth/login`, `/auth/refresh`, `/auth/logout`)
 * are corset's own, and the app's routes (`/me`, `/notes`) authenticate with
 * `corset.authenticate` (CSRF check included). Every answer says in `x-corset-auth` what
 * carried the session, and every request is reported to `onRequest` (the CLI prints it).
 *
 * The pipeline builds each answer as data first (status, header list, body), so that a
 * `--misconfigure` layer can put its mistake in before anything is written.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { getCookie } from '../cookies/index.js';
import type { HeaderPair } from '../cors/index.js';
import { mergeVary } from '../cors/index.js';
import type { Corset, SessionRequest, SessionResponse } from '../session/index.js';
import type { MistakeLayer, MistakeRequest } from './mistake-layer.js';
import type { MistakeName } from './mistakes.js';
import { createNoteBook, type NoteBook, readNoteText } from './notes.js';
import type { DemoTopologyName } from './topologies.js';
import { checkDemoCredentials, findDemoUser } from './users.js';

/** Response header naming what carried the request's session; listed in Expose-Headers. */
export const AUTH_HEADER = 'x-corset-auth';

/**
 * What carried a request's session: the session cookie, the header transport (Bearer
 * header, or the refresh token in the body), or nothing.
 */
export type SessionCarrier = 'cookie' | 'bearer' | 'none';

/** One API request as the demo saw it. */
export interface ApiRequestRecord {
  /** `Date.now()` when the answer was written. */
  readonly at: number;
  readonly method: string;
  /** Path without the query. */
  readonly path: string;
  readonly origin: string | undefined;
  readonly secFetchSite: string | undefined;
  /** A CORS preflight (OPTIONS with `Access-Control-Request-Method`). */
  readonly preflight: boolean;
  readonly status: number;
  /** What authenticated the request (login/refresh: the transport granted). */
  readonly auth: SessionCarrier;
  /** Whether the request carried the session cookie (valid or not). */
  readonly sessionCookieSent: boolean;
  /** Whether it carried the refresh cookie. */
  readonly refreshCookieSent: boolean;
  /** The authenticated user, if any. */
  readonly user: string | undefined;
  /** The error code of a refused request (`no-session`, `csrf/…`, …). */
  readonly error: string | undefined;
}

/** What {@link createApiListener} needs. */
export interface ApiDependencies {
  readonly corset: Corset;
  readonly topology: DemoTopologyName;
  readonly mistake: MistakeName | undefined;
  /** The mistake's layer, when the API is misconfigured on purpose. */
  readonly layer: MistakeLayer | undefined;
  /** The session and refresh cookies' names, to report whether they arrived. */
  readonly cookieNames: { readonly session: string; readonly refresh: string } | undefined;
  readonly notes?: NoteBook;
  readonly onRequest?: (record: ApiRequestRecord) => void;
}

/** An answer before it is written. */
interface Answer {
  readonly status: number;
  readonly headers: HeaderPair[];
  readonly body?: string;
  readonly auth: SessionCarrier;
  readonly user?: string;
  readonly error?: string;
}

const MAX_BODY_BYTES = 16 * 1024;
const NO_STORE: HeaderPair = ['cache-control', 'no-store'];

/** The app's routes that need a session (also what `auth-before-preflight` guards). */
export function isProtectedPath(path: string): boolean {
  return path === '/me' || path === '/notes' || path.startsWith('/notes/');
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', () => resolve(undefined));
  });
}

function parseJsonBody(text: string | undefined, contentType: string | undefined): unknown {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (text === undefined || text === '' || type !== 'application/json') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function json(
  status: number,
  body: unknown,
  extra: readonly HeaderPair[] = [],
): Omit<Answer, 'auth'> {
  return {
    status,
    headers: [['content-type', 'application/json; charset=utf-8'], NO_STORE, ...extra],
    body: JSON.stringify(body),
  };
}

function demoError(
  status: number,
  code: string,
  message: string,
  fix: string,
): Omit<Answer, 'auth'> {
  return { ...json(status, { error: { code, action: 'none', message, fix } }), error: code };
}

/** corset's answer as an {@link Answer}. */
function fromSession(response: SessionResponse, auth: SessionCarrier): Answer {
  const headers: HeaderPair[] = [...response.headers];
  const error = (response.body as { error?: { code?: unknown } } | undefined)?.error?.code;
  if (response.body === undefined) return { status: response.status, headers, auth };
  headers.push(['content-type', 'application/json; charset=utf-8']);
  if (!headers.some(([name]) => name === 'cache-control')) headers.push(NO_STORE);
  return {
    status: response.status,
    headers,
    body: JSON.stringify(response.body),
    auth,
    ...(typeof error === 'string' ? { error } : {}),
  };
}

/** The transport a login or refresh answer granted. */
function grantedCarrier(response: SessionResponse): SessionCarrier {
  if (response.status !== 200) return 'none';
  const transport = (response.body as { transport?: unknown } | undefined)?.transport;
  return transport === 'header' ? 'bearer' : transport === 'cookie' ? 'cookie' : 'none';
}

function write(
  res: ServerResponse,
  answer: { status: number; headers: readonly HeaderPair[]; body?: string },
): void {
  const grouped: Record<string, string | string[]> = {};
  for (const [name, value] of answer.headers) {
    const existing = grouped[name];
    if (existing === undefined) grouped[name] = value;
    else grouped[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  res.writeHead(answer.status, grouped);
  res.end(answer.body ?? '');
}

/** The demo API as a Node request listener. Never throws; unexpected errors answer 500. */
export function createApiListener(deps: ApiDependencies): RequestListener {
  const { corset, layer } = deps;
  const notes = deps.notes ?? createNoteBook();

  /** The app's routes, after corset authenticated the request. */
  const appRoute = async (method: string, path: string, view: SessionRequest): Promise<Answer> => {
    const auth = await corset.authenticate(view);
    if (!auth.ok) return { ...fromSession(auth.response, 'none'), error: auth.error.code };
    const { userId, transport } = auth.session;
    const carrier: SessionCarrier = transport === 'header' ? 'bearer' : 'cookie';
    const done = (answer: Omit<Answer, 'auth'>): Answer => ({
      ...answer,
      auth: carrier,
      user: userId,
    });
    const user = findDemoUser(userId);
    if (user === undefined) {
      return done(demoError(401, 'unknown-user', `No demo user ${userId}.`, 'Log in again.'));
    }
    if (path === '/me') {
      return method === 'GET'
        ? done(json(200, { user }))
        : done(
            demoError(405, 'method-not-allowed', `${method} /me is not a route.`, 'Use GET /me.'),
          );
    }
    if (path === '/notes' && method === 'GET')
      return done(json(200, { notes: notes.list(user.id) }));
    if (path === '/notes' && method === 'POST') {
      const text = readNoteText((view.body as { text?: unknown } | undefined)?.text);
      if (!text.ok) {
        return done(
          demoError(
            400,
            'bad-note',
            `The note text is ${text.problem}.`,
            'Send JSON {"text": "…"} (1 to 500 characters).',
          ),
        );
      }
      return done(json(201, { note: notes.add(user.id, text.text) }));
    }
    const id = path.startsWith('/notes/') ? decodeURIComponent(path.slice('/notes/'.length)) : '';
    if (id !== '' && method === 'DELETE') {
      return notes.remove(user.id, id)
        ? done({ status: 204, headers: [NO_STORE] })
        : done(demoError(404, 'no-such-note', `You have no note ${id}.`, 'Reload the notes.'));
    }
    return done(
      demoError(
        405,
        'method-not-allowed',
        `${method} ${path} is not a route.`,
        'Use GET/POST /notes, DELETE /notes/<id>.',
      ),
    );
  };

  const route = async (
    method: string,
    path: string,
    view: SessionRequest & { path: string },
  ): Promise<Answer> => {
    const endpoint = corset.endpoint(method, path);
    if (endpoint !== undefined) {
      const response = await corset.handle(view, checkDemoCredentials);
      if (response === undefined)
        return { ...demoError(404, 'not-found', 'No such endpoint.', ''), auth: 'none' };
      return fromSession(response, endpoint === 'logout' ? 'none' : grantedCarrier(response));
    }
    if (isProtectedPath(path)) return appRoute(method, path, view);
    if (path === '/health' && method === 'GET') return { ...json(200, { ok: true }), auth: 'none' };
    if (path === '/about' && method === 'GET') {
      // Cacheable on purpose (a minute, this browser only): what `no-vary` is about.
      return {
        status: 200,
        headers: [
          ['content-type', 'application/json; charset=utf-8'],
          ['cache-control', 'private, max-age=60'],
        ],
        body: JSON.stringify({
          name: 'corset demo API',
          topology: deps.topology,
          misconfigured: deps.mistake ?? null,
        }),
        auth: 'none',
      };
    }
    return {
      ...demoError(404, 'not-found', `No route ${method} ${path}.`, 'See docs/demo.md.'),
      auth: 'none',
    };
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const header = (name: string): string | undefined =>
      name === 'cookie' && layer !== undefined
        ? layer.cookieHeader(headerOf(req, 'cookie'))
        : headerOf(req, name);
    const mistakeRequest: MistakeRequest = { method, pathname: path, header };
    const preflight = method === 'OPTIONS' && header('access-control-request-method') !== undefined;
    const bodyText = await readBody(req);
    const cookieHeader = header('cookie');
    const record = (answer: Omit<Answer, 'headers'>): void =>
      deps.onRequest?.({
        at: Date.now(),
        method,
        path,
        origin: header('origin'),
        secFetchSite: header('sec-fetch-site'),
        preflight,
        status: answer.status,
        auth: answer.auth,
        sessionCookieSent:
          deps.cookieNames !== undefined &&
          getCookie(cookieHeader, deps.cookieNames.session) !== undefined,
        refreshCookieSent:
          deps.cookieNames !== undefined &&
          getCookie(cookieHeader, deps.cookieNames.refresh) !== undefined,
        user: answer.user,
        error: answer.error,
      });

    const intercepted = layer?.intercept(mistakeRequest);
    if (intercepted !== undefined) {
      write(res, intercepted);
      record({ status: intercepted.status, auth: 'none', error: 'mistake/auth-before-preflight' });
      return;
    }

    // CORS first: a preflight is answered here and reaches neither the auth nor the app.
    const decision = corset.cors.decide({ method, header: (name) => header(name) });
    let answer: Answer;
    if (decision.kind === 'preflight') {
      answer = {
        status: decision.status,
        headers: [...decision.headers],
        auth: 'none',
        ...(decision.refusal ? { error: `cors/${decision.refusal.code}` } : {}),
      };
    } else {
      const host = header('host');
      const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
      const view = {
        method,
        path,
        header,
        body: parseJsonBody(bodyText, header('content-type')),
        requestOrigin: host === undefined ? undefined : `${encrypted ? 'https' : 'http'}://${host}`,
      };
      const routed = await route(method, path, view);
      answer = { ...routed, headers: [...routed.headers, ...decision.headers] };
      if (isProtectedPath(path) || corset.endpoint(method, path) !== undefined) {
        answer.headers.push([AUTH_HEADER, answer.auth]);
      }
    }
    const vary = answer.headers.find(([name]) => name === 'vary')?.[1];
    const merged = mergeVary(vary, decision.vary);
    const headers: HeaderPair[] = answer.headers.filter(([name]) => name !== 'vary');
    if (merged !== '') headers.push(['vary', merged]);
    write(res, {
      status: answer.status,
      headers: layer ? layer.rewrite(mistakeRequest, headers) : headers,
      ...(answer.body === undefined ? {} : { body: answer.body }),
    });
    record(answer);
  };

  return (req, res) => {
    serve(req, res).catch((error: unknown) => {
      // A bug, not a request outcome: answer 500 and say so on the console.
      console.error('corset demo API:', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error\n');
    });
  };
}
