import type { CorsRequest } from '../../src/cors/index.js';

type Name = Parameters<CorsRequest['header']>[0];

/** A `CorsRequest` over a plain header record (names lower-case). */
export function request(method: string, headers: Partial<Record<Name, string>> = {}): CorsRequest {
  return { method, header: (name) => headers[name] };
}

/** An actual (non-preflight) request from `origin`. */
export function actual(origin: string | undefined, method = 'GET'): CorsRequest {
  return request(method, origin === undefined ? {} : { origin });
}

/** A preflight from `origin` asking for `method` and optionally `headers`. */
export function preflight(origin: string, method: string, headers?: string): CorsRequest {
  return request('OPTIONS', {
    origin,
    'access-control-request-method': method,
    ...(headers === undefined ? {} : { 'access-control-request-headers': headers }),
  });
}

/** The value of response header `name` in a decision's headers, if present. */
export function headerOf(
  decision: { readonly headers: readonly (readonly [string, string])[] },
  name: string,
): string | undefined {
  return decision.headers.find(([n]) => n === name)?.[1];
}
