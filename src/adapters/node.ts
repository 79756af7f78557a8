/**
 * `corset/node`: the CORS policy for Node's `http` server, Connect and Express 5.
 *
 * Preflights are answered on the spot and never reach the application (nor its auth).
 * Every other request gets its CORS headers and `Vary` before the application runs, and
 * once more when the response head is written: error handlers that drop headers, and
 * application code that sets `Vary` later (also through `writeHead(status, headers)`),
 * then cannot lose them.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { CorsDecision, CorsPolicy, HeaderPair } from '../cors/index.js';
import { mergeVary } from '../cors/index.js';
import { headerText, NodeCorsRequest, type PolicyOrConfig, resolvePolicy } from './apply.js';

export type { PolicyOrConfig } from './apply.js';

/** A Connect / Express 5 middleware. */
export type NodeCorsMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

function setVary(res: ServerResponse, tokens: readonly string[]): void {
  const current = headerText(res.getHeader('vary'));
  const merged = mergeVary(current, tokens);
  // Unchanged (the usual case when the head is written): skip Node's header validation.
  if (merged !== current) res.setHeader('vary', merged);
}

// Indexed loops: `for...of` with destructuring over the frozen, shared header arrays takes
// V8's iterator path, measurably slower per request (bench/cors-decision.ts).
function setAll(res: ServerResponse, pairs: readonly HeaderPair[]): void {
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i] as HeaderPair;
    res.setHeader(pair[0], pair[1]);
  }
}

function answerPreflight(
  res: ServerResponse,
  decision: CorsDecision & { kind: 'preflight' },
): void {
  res.statusCode = decision.status;
  setAll(res, decision.headers);
  setVary(res, decision.vary);
  // RFC 9110 §8.6: a 204 must not carry Content-Length; the 403 says its body is empty.
  if (decision.status !== 204) res.setHeader('content-length', '0');
  res.end();
}

/** Index of the headers argument of `writeHead(status[, reason][, headers])`. */
function headersIndex(args: unknown[]): number {
  return typeof args[1] === 'string' ? 2 : 1;
}

/**
 * Merges the `Vary` tokens into a `headers` argument of `writeHead`, which Node applies
 * over what `setHeader` stored: an object (its `vary` key, any case, replaced by the
 * merge) or a flat `[name, value, ...]` array (its `vary` entries folded into one).
 * Returns the argument to pass on, or undefined when it holds no `Vary`.
 */
function mergeVaryArgument(given: unknown, tokens: readonly string[]): unknown {
  if (Array.isArray(given)) {
    const rest: unknown[] = [];
    const varies: string[] = [];
    for (let i = 0; i + 1 < given.length; i += 2) {
      const name: unknown = given[i];
      if (typeof name === 'string' && name.toLowerCase() === 'vary') {
        const value = headerText(given[i + 1]);
        if (value !== undefined) varies.push(value);
      } else rest.push(name, given[i + 1]);
    }
    if (rest.length === given.length) return undefined;
    rest.push('vary', mergeVary(varies.join(', '), tokens));
    return rest;
  }
  if (given === null || typeof given !== 'object') return undefined;
  const record = given as Record<string, string | number | readonly string[] | undefined>;
  for (const name of Object.keys(record)) {
    if (name.toLowerCase() === 'vary') {
      return { ...record, [name]: mergeVary(headerText(record[name]), tokens) };
    }
  }
  return undefined;
}

function restore(res: ServerResponse, pairs: readonly HeaderPair[]): void {
  // Only what was removed: a header the application set deliberately is its decision.
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i] as HeaderPair;
    if (!res.hasHeader(pair[0])) res.setHeader(pair[0], pair[1]);
  }
}

// Per-response state of the writeHead hook, kept on the response itself so that hooking
// allocates no closure per request.
const DECISION = Symbol('corset decision');
const WRITE_HEAD = Symbol('corset original writeHead');
type HookedResponse = ServerResponse & {
  [DECISION]: CorsDecision;
  [WRITE_HEAD]: ServerResponse['writeHead'];
};

function writeHeadWithCors(this: HookedResponse, ...args: unknown[]): ServerResponse {
  const decision = this[DECISION];
  const writeHead = this[WRITE_HEAD];
  this.writeHead = writeHead as HookedResponse['writeHead'];
  restore(this, decision.headers);
  const at = headersIndex(args);
  const merged = mergeVaryArgument(args[at], decision.vary);
  if (merged === undefined) setVary(this, decision.vary);
  else args[at] = merged;
  return Reflect.apply(writeHead, this, args) as ServerResponse;
}

/**
 * Sets the decision's headers now and hooks this response's `writeHead` once: every
 * response head, the app's, an error handler's, or the implicit one of `res.end()`, passes
 * through it (Node's `_implicitHeader` calls `this.writeHead`). The hook then puts itself
 * back to whatever `writeHead` was there before (another middleware's hook, or Node's).
 */
function prepareResponse(res: ServerResponse, decision: CorsDecision): void {
  setAll(res, decision.headers);
  setVary(res, decision.vary);
  const hooked = res as HookedResponse;
  hooked[DECISION] = decision;
  hooked[WRITE_HEAD] = res.writeHead;
  res.writeHead = writeHeadWithCors as ServerResponse['writeHead'];
}

/**
 * Applies `policy` to one request: answers a preflight and returns true, or prepares the
 * response of any other request and returns false (the caller then runs the app).
 */
function handle(policy: CorsPolicy, req: IncomingMessage, res: ServerResponse): boolean {
  const decision = policy.decide(new NodeCorsRequest(req.method, req.headers));
  if (decision.kind === 'preflight') {
    answerPreflight(res, decision);
    return true;
  }
  prepareResponse(res, decision);
  return false;
}

/**
 * A Connect / Express 5 middleware applying a CORS policy. Mount it first (`app.use`),
 * before routers and authentication: a preflight (OPTIONS with `Origin` and
 * `Access-Control-Request-Method`) is answered here (204 with the CORS headers, or 403
 * without) and `next` is not called. An OPTIONS without `Access-Control-Request-Method`
 * is an ordinary request and goes on to the app.
 *
 * Other requests call `next()` with the CORS headers (allowed origins only) and
 * `Vary: Origin` already set; both are put back when the head is written, so they are on
 * error responses too (Express 5's final handler keeps them; a handler that removes them
 * does not win), and `Vary` is merged, without duplicates, with whatever the app sets.
 *
 * @param source a policy from `createCorsPolicy`, or a config, built here once (throws
 *   its `ConfigError` now, never per request).
 * @example
 * app.use(corsMiddleware({ origins: ['https://app.example.com'], credentials: true }));
 */
export function corsMiddleware(source: PolicyOrConfig): NodeCorsMiddleware {
  const policy = resolvePolicy(source);
  return function corset(req, res, next) {
    if (!handle(policy, req, res)) next();
  };
}

/**
 * Wraps a plain Node `http` request listener with a CORS policy, with the same behaviour
 * as {@link corsMiddleware}. It is transparent otherwise: it does not catch what the
 * listener throws or rejects with (as with any listener, turning an error into a 500 is
 * the listener's job; that 500 then carries the CORS headers).
 *
 * @example
 * http.createServer(withCors(policy, (req, res) => { ... })).listen(3000);
 */
export function withCors(source: PolicyOrConfig, listener: RequestListener): RequestListener {
  const policy = resolvePolicy(source);
  return function corset(req, res) {
    if (!handle(policy, req, res)) listener(req, res);
  };
}
