/**
 * Network failures as data: one stable kind and one line a person can act on (what
 * failed, where, and the option that fixes it), never a stack trace.
 */

/** What went wrong before an HTTP answer arrived. */
export type NetErrorKind =
  | 'invalid-url'
  | 'unsupported-scheme'
  | 'dns'
  | 'refused'
  | 'unreachable'
  | 'tls'
  | 'timeout'
  | 'reset'
  | 'other';

/** A failed exchange with the server. */
export interface NetError {
  readonly kind: NetErrorKind;
  /** One line: what failed and the fix. */
  readonly message: string;
  /** The underlying error code (`ECONNREFUSED`, `UND_ERR_CONNECT_TIMEOUT`, ...), if any. */
  readonly code?: string;
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
]);

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

function codeOf(error: unknown): string | undefined {
  // undici wraps socket errors; the interesting code may sit on the cause.
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/**
 * Classifies an error thrown while sending to `url` (`timeoutMs` is the deadline that
 * was in force, for the message).
 */
export function describeNetError(error: unknown, url: URL, timeoutMs: number): NetError {
  const code = codeOf(error);
  const where = url.host;
  const withCode = (e: Omit<NetError, 'code'>): NetError =>
    code === undefined ? e : { ...e, code };
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return withCode({
      kind: 'timeout',
      message: `${where} did not answer within ${timeoutMs} ms (raise --timeout, or check the server is up)`,
    });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return withCode({
      kind: 'dns',
      message: `cannot resolve ${url.hostname}: no such host (map it with --resolve ${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}:127.0.0.1 if it runs locally)`,
    });
  }
  if (code === 'ECONNREFUSED') {
    return withCode({
      kind: 'refused',
      message: `connection refused by ${where}: nothing listens there (is the server running, on that port?)`,
    });
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') {
    return withCode({ kind: 'unreachable', message: `${where} is unreachable (${code})` });
  }
  if (
    code !== undefined &&
    (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS'))
  ) {
    return withCode({
      kind: 'tls',
      message: `TLS to ${where} failed: ${messageOf(error)} (trust its CA with --ca <file>, or skip the check with --insecure)`,
    });
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_CLOSED') {
    return withCode({
      kind: 'reset',
      message: `${where} closed the connection before answering (${code}); is it speaking ${url.protocol === 'https:' ? 'HTTPS' : 'plain HTTP'}?`,
    });
  }
  return withCode({ kind: 'other', message: `request to ${where} failed: ${messageOf(error)}` });
}
