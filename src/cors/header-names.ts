/**
 * Header-name facts from the Fetch Standard, used when validating `allowedHeaders` and
 * `exposedHeaders`. Names are compared lower-case.
 */

// Fetch §2.2.2 "forbidden request-header": a page's script can never set these, so a
// preflight never asks for them and listing one only misleads the reader of the config.
const FORBIDDEN_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

/** Whether a page can never set the (lower-case) request header `name` (Fetch §2.2.2). */
export function isForbiddenRequestHeader(name: string): boolean {
  return (
    FORBIDDEN_REQUEST_HEADERS.has(name) || name.startsWith('proxy-') || name.startsWith('sec-')
  );
}

/**
 * Fetch §2.2.2 "forbidden response-header name": `Set-Cookie` and `Set-Cookie2` are
 * filtered out of every response a script sees, exposed or not.
 */
export function isForbiddenResponseHeader(name: string): boolean {
  return name === 'set-cookie' || name === 'set-cookie2';
}

// Fetch §2.2.2 "CORS-safelisted response-header name": always readable by script, so
// exposing one changes nothing.
const SAFELISTED_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
]);

/** Whether the (lower-case) response header `name` is readable without being exposed. */
export function isSafelistedResponseHeader(name: string): boolean {
  return SAFELISTED_RESPONSE_HEADERS.has(name);
}
