/**
 * Mounting a corset entry point on a Fetch-standard handler (Bun, Deno, Workers, Next.js
 * route handlers): CORS and the session endpoints around the handler, and
 * {@link requireSession} inside it.
 */
import type { Corset, Session, VerifyCredentials } from '../session/server.js';
import { type FetchHandler, type WithCorsOptions, withCors } from './fetch.js';
import { readWebJson, toWebResponse, webView } from './shared-session.js';

/** Options of {@link withSession}. */
export interface FetchSessionOptions extends WithCorsOptions {
  /** Checks a login's username and password; the user's `id` becomes the session subject. */
  readonly verifyCredentials: VerifyCredentials;
}

/**
 * Wraps `handler` with CORS (`corset.cors`) and the session endpoints at `corset.paths`;
 * every other request goes to `handler`. Errors of `handler` (and of
 * `verifyCredentials`) are answered as `withCors` does (`onError`, else 500).
 */
export function withSession<Rest extends unknown[]>(
  corset: Corset,
  options: FetchSessionOptions,
  handler: FetchHandler<Rest>,
): (request: Request, ...rest: Rest) => Promise<Response> {
  return withCors(
    corset.cors,
    async (request: Request, ...rest: Rest) => {
      const path = new URL(request.url).pathname;
      if (corset.endpoint(request.method, path) === undefined) return handler(request, ...rest);
      const body = await readWebJson(request);
      const response = await corset.handle(
        { ...webView(request, body), path },
        options.verifyCredentials,
      );
      return response === undefined ? handler(request, ...rest) : toWebResponse(response);
    },
    options.onError === undefined ? {} : { onError: options.onError },
  );
}

/**
 * Authenticates `request` inside a handler: the session, or the 401/403 `Response` to
 * return as is.
 *
 * @example
 * const session = await requireSession(corset, request);
 * if (session instanceof Response) return session;
 */
export async function requireSession(
  corset: Corset,
  request: Request,
): Promise<Session | Response> {
  const result = await corset.authenticate(webView(request));
  return result.ok ? result.session : toWebResponse(result.response);
}
