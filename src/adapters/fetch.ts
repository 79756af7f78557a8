/**
 * `corset/fetch`: the CORS policy around a Fetch-standard handler
 * (`(request: Request, ...) => Response`): Bun, Deno, Cloudflare Workers, Next.js route
 * handlers, or Node through any Fetch bridge.
 */
import type { CorsDecision } from '../cors/index.js';
import {
  applyToWebHeaders,
  fromWebRequest,
  mutableCopy,
  type PolicyOrConfig,
  preflightHeaders,
  resolvePolicy,
} from './apply.js';

export type { PolicyOrConfig } from './apply.js';

/** A Fetch-standard handler; `rest` carries the runtime's extras (Workers' `env`, Next's context). */
export type FetchHandler<Rest extends unknown[]> = (
  request: Request,
  ...rest: Rest
) => Response | Promise<Response>;

/** Options of {@link withCors}. */
export interface WithCorsOptions {
  /**
   * Turns an error thrown (or a rejection) by the handler into the response to send; the
   * CORS headers are added to it. When it is absent the error is logged with
   * `console.error` and answered `500 Internal Server Error`. If `onError` itself throws,
   * that error propagates to the runtime.
   */
  readonly onError?: (error: unknown, request: Request) => Response | Promise<Response>;
}

function internalError(error: unknown): Response {
  // The runtime would have logged an uncaught error; catching it here must not hide it.
  console.error(error);
  return new Response('Internal Server Error', {
    status: 500,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}

function withDecision(response: Response, decision: CorsDecision): Response {
  if (applyToWebHeaders(response.headers, decision)) return response;
  const copy = mutableCopy(response);
  if (copy === undefined) return response;
  applyToWebHeaders(copy.headers, decision);
  return copy;
}

/**
 * Wraps a Fetch-standard handler with a CORS policy.
 *
 * A preflight (OPTIONS with `Origin` and `Access-Control-Request-Method`) is answered
 * without calling `handler` (204 with the CORS headers, or 403 without). For any other
 * request the handler runs and its response gets the CORS headers (allowed origins only)
 * and `Vary` merged without duplicates; a response whose headers are immutable (from
 * `fetch()`, `Response.redirect()`) is copied first, one that cannot be copied (status
 * 101 or 0) is returned as is. A thrown error becomes a response that carries the CORS
 * headers, so the browser shows the page the real error rather than a CORS failure: see
 * {@link WithCorsOptions.onError}.
 *
 * @param source a policy from `createCorsPolicy`, or a config, built here once (throws
 *   its `ConfigError` now, never per request).
 * @example
 * export const GET = withCors(config, async () => Response.json({ ok: true }));
 */
export function withCors<Rest extends unknown[]>(
  source: PolicyOrConfig,
  handler: FetchHandler<Rest>,
  options: WithCorsOptions = {},
): (request: Request, ...rest: Rest) => Promise<Response> {
  const policy = resolvePolicy(source);
  const onError = options.onError;
  return async function corset(request, ...rest) {
    const decision = policy.decide(fromWebRequest(request));
    if (decision.kind === 'preflight') {
      const headers = new Headers();
      preflightHeaders(headers, decision);
      return new Response(null, { status: decision.status, headers });
    }
    let response: Response;
    try {
      response = await handler(request, ...rest);
    } catch (error) {
      response = onError === undefined ? internalError(error) : await onError(error, request);
    }
    return withDecision(response, decision);
  };
}
