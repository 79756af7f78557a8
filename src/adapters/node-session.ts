/**
 * Mounting a corset entry point on Node's `http` server, Connect and Express 5: the CORS
 * policy first (preflights never reach auth), then the session endpoints
 * (login/refresh/logout), then the app, which authenticates with {@link requireSession}
 * or {@link authenticateNode}.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Corset, Session, VerifyCredentials } from '../session/server.js';
import { corsMiddleware, type NodeCorsMiddleware } from './node.js';
import { nodeView, readNodeJson, writeNode } from './shared-session.js';

/** Options of {@link sessionMiddleware} and {@link withSession}. */
export interface NodeSessionOptions {
  /** Checks a login's username and password; the user's `id` becomes the session subject. */
  readonly verifyCredentials: VerifyCredentials;
}

const sessions = new WeakMap<IncomingMessage, Session>();

/** The session {@link requireSession} or {@link authenticateNode} found for `req`. */
export function sessionOf(req: IncomingMessage): Session | undefined {
  return sessions.get(req);
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/**
 * Answers the request if it is for a session endpoint; resolves false otherwise (the
 * app's turn). Express's `express.json()` may have parsed the body already (`req.body`).
 */
async function answerEndpoint(
  corset: Corset,
  options: NodeSessionOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const path = pathOf(req);
  if (corset.endpoint(req.method ?? '', path) === undefined) return false;
  const parsed = (req as { body?: unknown }).body;
  const body = parsed === undefined ? await readNodeJson(req) : parsed;
  const response = await corset.handle({ ...nodeView(req, body), path }, options.verifyCredentials);
  if (response !== undefined) writeNode(res, response);
  return true;
}

/**
 * Authenticates a request (see `Corset.authenticate`). On success the session is
 * returned and kept for {@link sessionOf}; on failure the 401/403 answer has been
 * written and undefined is returned: the caller just stops.
 */
export async function authenticateNode(
  corset: Corset,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Session | undefined> {
  const result = await corset.authenticate(nodeView(req));
  if (!result.ok) {
    writeNode(res, result.response);
    return undefined;
  }
  sessions.set(req, result.session);
  return result.session;
}

/**
 * A Connect / Express 5 middleware: CORS (`corset.cors`), then the session endpoints at
 * `corset.paths`. Mount it first: `app.use(sessionMiddleware(corset, { verifyCredentials }))`.
 */
export function sessionMiddleware(corset: Corset, options: NodeSessionOptions): NodeCorsMiddleware {
  const cors = corsMiddleware(corset.cors);
  return function corsetSession(req, res, next) {
    cors(req, res, () => {
      answerEndpoint(corset, options, req, res).then(
        (answered) => {
          if (!answered) next();
        },
        (error: unknown) => next(error),
      );
    });
  };
}

/**
 * A Connect / Express 5 middleware for protected routes: 401/403 per the protocol, or
 * `next()` with the session available through {@link sessionOf}.
 */
export function requireSession(corset: Corset): NodeCorsMiddleware {
  return function corsetRequireSession(req, res, next) {
    authenticateNode(corset, req, res).then(
      (session) => {
        if (session !== undefined) next();
      },
      (error: unknown) => next(error),
    );
  };
}

/**
 * Wraps a plain Node `http` listener: CORS, the session endpoints, then `listener`,
 * which authenticates with {@link authenticateNode}. An error from `verifyCredentials`
 * is answered 500 (a plain listener has no error handler to pass it to) and logged.
 */
export function withSession(
  corset: Corset,
  options: NodeSessionOptions,
  listener: RequestListener,
): RequestListener {
  const middleware = sessionMiddleware(corset, options);
  return function corsetSession(req, res) {
    middleware(req, res, (error) => {
      if (error === undefined) {
        listener(req, res);
        return;
      }
      console.error(error);
      res.statusCode = 500;
      res.end();
    });
  };
}
