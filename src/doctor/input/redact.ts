/**
 * Redaction of secrets in what `corset check` prints: a HAR holds live session cookies
 * and tokens, and its output gets pasted into tickets and chats. Cookie names, attributes
 * and header names stay (they are what the explanation is about); cookie values,
 * credentials and JWT-looking strings go.
 */

/** What replaces a secret. */
export const REDACTED = '<redacted>';

// A JWS/JWE in compact form starts with a base64url JSON header, `{"` = `eyJ` (RFC 7515
// §7.1); two or more dot-separated base64url parts follow.
const JWT = /eyJ[A-Za-z0-9_-]{2,}(?:\.[A-Za-z0-9_-]*){1,4}/g;
// `Authorization: <scheme> <credentials>` (RFC 9110 §11.4).
const AUTH_VALUE = /^(\s*[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s+\S.*$/;
// Query parameters that carry secrets in practice (OAuth RFC 6749 §4.1.2, §4.2.2, API keys).
const SECRET_QUERY =
  /([?&#](?:access_token|id_token|refresh_token|token|code|session|sessionid|sid|api_key|apikey|key|signature|sig|password|secret|client_secret)=)[^&#\s"']+/gi;
// A credential after the scheme (RFC 6750 §2.1 b64token): long, and not a plain word
// (so "the Bearer fallback" in a fix stays as written).
const BEARER_IN_TEXT =
  /\b(Bearer|Basic)\s+(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{16,}/g;

/** Redacts JWT-looking strings, Bearer/Basic credentials and secret query parameters in free text. */
export function redactText(text: string): string {
  return text
    .replace(JWT, REDACTED)
    .replace(BEARER_IN_TEXT, `$1 ${REDACTED}`)
    .replace(SECRET_QUERY, `$1${REDACTED}`);
}

/** `a=1; b=2` → `a=<redacted>; b=<redacted>` (names kept). */
export function redactCookieHeader(value: string): string {
  return value
    .split(';')
    .map((pair) => {
      const trimmed = pair.trim();
      if (trimmed === '') return trimmed;
      const eq = trimmed.indexOf('=');
      return eq < 0 ? REDACTED : `${trimmed.slice(0, eq)}=${REDACTED}`;
    })
    .join('; ');
}

/** `name=value; Path=/; Secure` → `name=<redacted>; Path=/; Secure` (attributes kept). */
export function redactSetCookie(line: string): string {
  const semicolon = line.indexOf(';');
  const pair = semicolon < 0 ? line : line.slice(0, semicolon);
  const rest = semicolon < 0 ? '' : line.slice(semicolon);
  const eq = pair.indexOf('=');
  return `${eq < 0 ? REDACTED : `${pair.slice(0, eq)}=${REDACTED}`}${redactText(rest)}`;
}

/** One header value, redacted according to its (case-insensitive) name. */
export function redactHeaderValue(name: string, value: string): string {
  switch (name.toLowerCase()) {
    case 'cookie':
      return redactCookieHeader(value);
    case 'set-cookie':
      return redactSetCookie(value);
    case 'authorization':
    case 'proxy-authorization': {
      const scheme = AUTH_VALUE.exec(value)?.[1];
      return scheme === undefined ? REDACTED : `${scheme.trim()} ${REDACTED}`;
    }
    default:
      return redactText(value);
  }
}

const isHeaderPair = (value: unknown): value is [string, string] =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === 'string' &&
  typeof value[1] === 'string';

const SENSITIVE_KEYS = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization']);

/**
 * A deep copy of a JSON-like value with secrets redacted: header pairs and header records
 * by name, `cookieHeader` fields as Cookie headers, every other string as free text.
 */
export function redactDeep<T>(value: T): T {
  return walk(value, undefined) as T;
}

function walk(value: unknown, key: string | undefined): unknown {
  if (typeof value === 'string') {
    if (key === 'cookieHeader') return redactCookieHeader(value);
    if (key !== undefined && SENSITIVE_KEYS.has(key.toLowerCase()))
      return redactHeaderValue(key, value);
    return redactText(value);
  }
  if (Array.isArray(value)) {
    if (isHeaderPair(value)) return [value[0], redactHeaderValue(value[0], value[1])];
    return value.map((item) =>
      walk(item, key !== undefined && SENSITIVE_KEYS.has(key.toLowerCase()) ? key : undefined),
    );
  }
  if (typeof value === 'object' && value !== null) {
    // HAR's `{ name, value }` header objects.
    const { name, value: field } = value as { name?: unknown; value?: unknown };
    if (typeof name === 'string' && typeof field === 'string' && Object.keys(value).length === 2)
      return { name, value: redactHeaderValue(name, field) };
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) copy[k] = walk(v, k);
    return copy;
  }
  return value;
}
