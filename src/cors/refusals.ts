/**
 * Refusals as data: a stable code and a one-line message for logs. Every request-supplied
 * value is truncated and quoted with `JSON.stringify`, so control characters and line
 * breaks from a hostile header cannot forge log lines.
 *
 * The message is built only when it is read (an own, enumerable getter, so spreading,
 * `JSON.stringify` and deep equality still see it): quoting costs several times more than
 * the whole decision, and most refusals (a crawler's disallowed `Origin`) are never logged.
 */
import type { CorsRefusal, CorsRefusalCode } from './types.js';

/** Longest request value copied into a refusal. */
export const MAX_REFUSAL_VALUE_LENGTH = 256;

/** What a refusal is about beyond the origin: the method or header, or why the list is malformed. */
export interface RefusalDetail {
  readonly method?: string;
  readonly header?: string;
  readonly reason?: string;
}

function truncate(value: string): string {
  return value.length > MAX_REFUSAL_VALUE_LENGTH ? value.slice(0, MAX_REFUSAL_VALUE_LENGTH) : value;
}

function quote(value: string): string {
  return JSON.stringify(truncate(value));
}

/** The log line of a refusal. */
function messageOf(
  code: CorsRefusalCode,
  origin: string,
  detail: RefusalDetail | undefined,
  hint: string,
): string {
  const from = `origin ${quote(origin)}`;
  switch (code) {
    case 'origin-not-allowed':
      return origin === 'null'
        ? 'Origin "null" (sandboxed iframe, file: or data: page, or cross-origin redirect) is never allowed'
        : `Origin ${quote(origin)} is not in the allowlist`;
    case 'origin-malformed':
      return `Origin ${quote(origin)} is not a serialised origin (scheme://host[:port], lower-case, no default port), so no browser sent it`;
    case 'method-not-allowed':
      return `Method ${quote(detail?.method ?? '')} is not allowed for ${from}${hint}`;
    case 'method-malformed':
      return `Access-Control-Request-Method ${quote(detail?.method ?? '')} from ${from} is not a method token`;
    case 'header-not-allowed':
      return `Request header ${quote(detail?.header ?? '')} is not allowed for ${from}`;
    case 'headers-malformed':
      return `Access-Control-Request-Headers from ${from} is malformed: ${detail?.reason ?? ''}`;
  }
}

/** Builds a refusal; `detail` carries the method or header it is about, if any. */
export function refusal(
  code: CorsRefusalCode,
  origin: string,
  preflight: boolean,
  detail?: RefusalDetail,
  hint = '',
): CorsRefusal {
  let message: string | undefined;
  const result: {
    code: CorsRefusalCode;
    readonly message: string;
    origin: string;
    preflight: boolean;
    method?: string;
    header?: string;
  } = {
    code,
    get message() {
      message ??= messageOf(code, origin, detail, hint);
      return message;
    },
    origin: truncate(origin),
    preflight,
  };
  if (detail?.method !== undefined) result.method = truncate(detail.method);
  if (detail?.header !== undefined) result.header = truncate(detail.header);
  return result;
}
