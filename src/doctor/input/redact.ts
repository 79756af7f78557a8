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
const AUTH_VALUE = /^(\s*[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s+(\S.*)$/;
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

// Shorter values are not worth hiding and would blank out ordinary words and numbers.
const MIN_SECRET_LENGTH = 6;

/**
 * The secret values in recorded headers: cookie values (`Cookie`, `Set-Cookie`) and
 * `Authorization` credentials, so they can be removed wherever they are quoted (a
 * browser's message may quote a whole Set-Cookie line).
 */
export function secretsOf(headers: readonly (readonly [string, string])[]): string[] {
  const secrets: string[] = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'cookie')
      for (const pair of value.split(';')) secrets.push(pair.slice(pair.indexOf('=') + 1).trim());
    else if (lower === 'set-cookie') {
      const pair = value.split(';', 1)[0] ?? '';
      secrets.push(pair.slice(pair.indexOf('=') + 1).trim());
    } else if (lower === 'authorization' || lower === 'proxy-authorization')
      secrets.push(AUTH_VALUE.exec(value)?.[2] ?? value.trim());
  }
  return secrets.filter((s) => s.length >= MIN_SECRET_LENGTH);
}

/**
 * A deep copy of a JSON-like value with secrets redacted: header pairs and header records
 * by name, `cookieHeader` fields as Cookie headers, every other string as free text, and
 * each of `secrets` (e.g. {@link secretsOf} the recorded headers) wherever it appears.
 */
export function redactDeep<T>(value: T, secrets: readonly string[] = []): T {
  const known = [...new Set(secrets)]
    .filter((s) => s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  return walk(value, undefined, known) as T;
}

function removeKnown(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return out;
}

function walk(value: unknown, key: string | undefined, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    const text = removeKnown(value, secrets);
    if (key === 'cookieHeader') return redactCookieHeader(text);
    if (key !== undefined && SENSITIVE_KEYS.has(key.toLowerCase()))
      return redactHeaderValue(key, text);
    return redactText(text);
  }
  if (Array.isArray(value)) {
    if (isHeaderPair(value))
      return [value[0], redactHeaderValue(value[0], removeKnown(value[1], secrets))];
    const inner = key !== undefined && SENSITIVE_KEYS.has(key.toLowerCase()) ? key : undefined;
    return value.map((item) => walk(item, inner, secrets));
  }
  if (typeof value === 'object' && value !== null) {
    // HAR's `{ name, value }` header objects.
    const { name, value: field } = value as { name?: unknown; value?: unknown };
    if (typeof name === 'string' && typeof field === 'string' && Object.keys(value).length === 2)
      return { name, value: redactHeaderValue(name, removeKnown(field, secrets)) };
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) copy[k] = walk(v, k, secrets);
    return copy;
  }
  return value;
}
