/**
 * Mounting a corset entry point on Hono 4: one middleware for CORS (`corset.cors`) and
 * the session endpoints, and {@link requireSession} for protected routes, which puts the
 * session in the context (`c.get('corsetSession')`, or {@link sessionOf}).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Corset, Session, VerifyCredentials } from '../session/server.js';
import { corsMiddleware } from './hono.js';
import { readWebJson, toWebResponse, webView } from './shared-session.js';

/** Options of {@link sessionMiddleware}. */
export interface HonoSessionOptions {
  /** Checks a login's username and password; the user's `id` becomes the session subject. */
  readonly verifyCredentials: VerifyCredentials;
}

/** The context variables {@link requireSession} sets. */
export type SessionVariables = { corsetSession: Session };

/**
 * A Hono 4 middleware: CORS, then the session endpoints at `corset.paths`. Mount it first,
 * for all paths: `app.use('*', sessionMiddleware(corset, { verifyCredentials }))`.
 */
export function sessionMiddleware(corset: Corset, options: HonoSessionOptions): MiddlewareHandler {
  const cors = corsMiddleware(corset.cors);
  return function corsetSession(c, next) {
    return cors(c, async () => {
      const path = c.req.path;
      if (corset.endpoint(c.req.method, path) === undefined) {
        await next();
        return;
      }
      const body = await readWebJson(c.req.raw);
      const response = await corset.handle(
        { ...webView(c.req.raw, body), path },
        options.verifyCredentials,
      );
      if (response !== undefined) c.res = toWebResponse(response);
    });
  };
}

/**
 * A Hono 4 middleware for protected routes: 401/403 per the protocol, or on with the
 * session in `c.var.corsetSession`.
 */
export function requireSession(corset: Corset): MiddlewareHandler<{ Variables: SessionVariables }> {
  return async function corsetRequireSession(c, next) {
    const result = await corset.authenticate(webView(c.req.raw));
    if (!result.ok) return toWebResponse(result.response);
    c.set('corsetSession', result.session);
    await next();
  };
}

/** The session {@link requireSession} put in a context. */
export function sessionOf(c: Context<{ Variables: SessionVariables }>): Session | undefined {
  return c.get('corsetSession');
}
