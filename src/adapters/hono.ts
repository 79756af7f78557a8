/**
 * `corset/hono`: the CORS policy as a Hono 4 middleware (`hono` is an optional peer
 * dependency; only its types are imported).
 */
import type { MiddlewareHandler } from 'hono';
import {
  applyToWebHeaders,
  fromWebRequest,
  mutableCopy,
  type PolicyOrConfig,
  preflightHeaders,
  resolvePolicy,
} from './apply.js';

export type { PolicyOrConfig } from './apply.js';

/**
 * A Hono 4 middleware applying a CORS policy. Mount it first, for all paths
 * (`app.use('*', corsMiddleware(config))`), before authentication.
 *
 * A preflight (OPTIONS with `Origin` and `Access-Control-Request-Method`) is answered
 * here (204 with the CORS headers, or 403 without), whether or not an OPTIONS route
 * exists; nothing after this middleware runs. Other requests run the app first and get
 * their CORS headers (allowed origins only) and `Vary` on the final response: Hono has
 * by then turned a thrown `HTTPException` or error into the `onError` response, so that
 * response carries them too. A response with immutable headers (`fetch()` result,
 * `Response.redirect()`) is copied first. An error that is not an `Error` instance is
 * not caught by Hono and propagates without CORS headers.
 *
 * @param source a policy from `createCorsPolicy`, or a config, built here once (throws
 *   its `ConfigError` now, never per request).
 */
export function corsMiddleware(source: PolicyOrConfig): MiddlewareHandler {
  const policy = resolvePolicy(source);
  return async function corset(c, next) {
    const decision = policy.decide(fromWebRequest(c.req.raw));
    if (decision.kind === 'preflight') {
      // `c.res` is still Hono's blank response here, with mutable headers that `c.body`
      // copies (with anything earlier middleware set through `c.header`).
      preflightHeaders(c.res.headers, decision);
      return c.body(null, decision.status);
    }
    await next();
    if (applyToWebHeaders(c.res.headers, decision)) return;
    const copy = mutableCopy(c.res);
    if (copy === undefined) return;
    c.res = copy;
    applyToWebHeaders(c.res.headers, decision);
  };
}
