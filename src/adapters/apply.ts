/**
 * What every adapter shares: building the policy once, reading a header value whatever
 * shape the framework stores it in, and applying a decision to Fetch `Headers` (used by
 * the Hono and fetch adapters). Internal: not a package entry point.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type {
  CorsConfig,
  CorsDecision,
  CorsPolicy,
  CorsRequest,
  HeaderPair,
} from '../cors/index.js';
import { createCorsPolicy, mergeVary } from '../cors/index.js';

/** An adapter takes a built policy (to share it, reconfigure it, toggle debug) or a config. */
export type PolicyOrConfig = CorsPolicy | CorsConfig;

/**
 * Returns `source` if it is a policy, else builds one from it, once, at construction, so a
 * bad config throws its `ConfigError` when the server is wired, never on a request.
 */
export function resolvePolicy(source: PolicyOrConfig): CorsPolicy {
  return typeof (source as Partial<CorsPolicy>).decide === 'function'
    ? (source as CorsPolicy)
    : createCorsPolicy(source as CorsConfig);
}

/**
 * A response header value as one field value: Node and Fastify store a header set several
 * times as an array, and numbers as numbers; RFC 9110 §5.3 lets a list field's lines be
 * joined with commas.
 */
export function headerText(
  value: string | number | readonly string[] | undefined,
): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return typeof value === 'number' ? String(value) : value.join(', ');
}

/** Reads a Node request (`http`, Express, Fastify: same header record). */
export class NodeCorsRequest implements CorsRequest {
  readonly method: string;
  readonly #headers: IncomingHttpHeaders;

  constructor(method: string | undefined, headers: IncomingHttpHeaders) {
    this.method = method ?? '';
    this.#headers = headers;
  }

  header(name: 'origin' | 'access-control-request-method' | 'access-control-request-headers') {
    // Node joins repeated fields with ', ' for these names; an array can only come from
    // code that built the record by hand.
    return headerText(this.#headers[name]);
  }
}

/** Reads a Fetch `Request` (Headers.get already joins duplicates with `, `). */
export function fromWebRequest(request: Request): CorsRequest {
  const headers = request.headers;
  return {
    method: request.method,
    header: (name) => headers.get(name) ?? undefined,
  };
}

/**
 * Sets the decision's headers and merges its `Vary` tokens into `headers`. Returns false,
 * having changed nothing, when `headers` is immutable (a `Response` from `fetch()`,
 * `Response.redirect()` or `Response.error()`: Fetch §5.4 "guard"), so the caller can copy
 * the response and try again.
 */
export function applyToWebHeaders(headers: Headers, decision: CorsDecision): boolean {
  try {
    headers.set('vary', mergeVary(headers.get('vary') ?? undefined, decision.vary));
  } catch {
    return false;
  }
  const pairs = decision.headers;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i] as HeaderPair;
    headers.set(pair[0], pair[1]);
  }
  return true;
}

/**
 * The headers of a preflight answer, for a Fetch `Response` with no body. RFC 9110 §8.6:
 * a 204 must not carry Content-Length; the 403 states that its body is empty (otherwise
 * Node bridges send it chunked).
 */
export function preflightHeaders(
  headers: Headers,
  decision: CorsDecision & { kind: 'preflight' },
): void {
  applyToWebHeaders(headers, decision);
  if (decision.status !== 204) headers.set('content-length', '0');
}

/**
 * A copy of `response` with mutable headers (same status, status text, headers and body
 * stream), or undefined when the runtime cannot construct one (e.g. status 101 or 0, which
 * `new Response` rejects): such responses are passed through untouched.
 */
export function mutableCopy(response: Response): Response | undefined {
  try {
    return new Response(response.body, response);
  } catch {
    return undefined;
  }
}
