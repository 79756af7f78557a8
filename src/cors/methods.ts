/**
 * Method facts from the Fetch Standard that the policy needs, at construction and per
 * preflight.
 */

/**
 * Longest method a preflight may ask for. Real methods are a few letters; the bound keeps
 * a hostile `Access-Control-Request-Method` from costing more than a normal one.
 */
export const MAX_METHOD_LENGTH = 64;

/** Fetch §2.2.1 "CORS-safelisted method": never needs to appear in `Access-Control-Allow-Methods`. */
export function isSafelistedMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'POST';
}

/**
 * Fetch §2.2.1 "forbidden method" (byte-case-insensitive): `fetch()` and XHR throw on
 * them, so allowing one is meaningless at best.
 */
export function isForbiddenMethod(method: string): boolean {
  if (method.length < 5 || method.length > 7) return false;
  const upper = method.toUpperCase();
  return upper === 'CONNECT' || upper === 'TRACE' || upper === 'TRACK';
}

/**
 * Fetch §2.2.1 "normalize a method": DELETE, GET, HEAD, OPTIONS, POST and PUT are
 * upper-cased (so `fetch(u, {method: 'delete'})` sends `DELETE`), every other method keeps
 * its case (`patch` stays `patch`). Returns `method` itself when nothing changes, so the
 * common, already normalised case allocates nothing.
 */
export function normalizeMethod(method: string): string {
  const n = method.length;
  if (n < 3 || n > 7) return method;
  const upper = method.toUpperCase();
  if (upper === method) return method;
  switch (upper) {
    case 'DELETE':
    case 'GET':
    case 'HEAD':
    case 'OPTIONS':
    case 'POST':
    case 'PUT':
      return upper;
    default:
      return method;
  }
}
