/**
 * Refusals as data: a stable code and a one-line message for logs. Every request-supplied
 * value is truncated and quoted with `JSON.stringify`, so control characters and line
 * breaks from a hostile header cannot forge log lines.
 */
import type { CorsRefusal, CorsRefusalCode } from './types.js';

/** Longest request value copied into a refusal. */
export const MAX_REFUSAL_VALUE_LENGTH = 256;

function truncate(value: string): string {
  return value.length > MAX_REFUSAL_VALUE_LENGTH ? value.slice(0, MAX_REFUSAL_VALUE_LENGTH) : value;
}

function quote(value: string): string {
  return JSON.stringify(truncate(value));
}

/** Builds a refusal; `detail` carries the method or header it is about, if any. */
export function refusal(
  code: CorsRefusalCode,
  origin: string,
  preflight: boolean,
  detail?: { readonly method?: string; readonly header?: string; readonly reason?: string },
  hint = '',
): CorsRefusal {
  const from = `origin ${quote(origin)}`;
  let message: string;
  switch (code) {
    case 'origin-not-allowed':
      message =
        origin === 'null'
          ? 'Origin "null" (sandboxed iframe, file: or data: page, or cross-origin redirect) is never allowed'
          : `Origin ${quote(origin)} is not in the allowlist`;
      break;
    case 'origin-malformed':
      message = `Origin ${quote(origin)} is not a serialised origin (scheme://host[:port], lower-case, no default port), so no browser sent it`;
      break;
    case 'method-not-allowed':
      message = `Method ${quote(detail?.method ?? '')} is not allowed for ${from}${hint}`;
      break;
    case 'method-malformed':
      message = `Access-Control-Request-Method ${quote(detail?.method ?? '')} from ${from} is not a method token`;
      break;
    case 'header-not-allowed':
      message = `Request header ${quote(detail?.header ?? '')} is not allowed for ${from}`;
      break;
    case 'headers-malformed':
      message = `Access-Control-Request-Headers from ${from} is malformed: ${detail?.reason ?? ''}`;
      break;
  }
  const result: {
    code: CorsRefusalCode;
    message: string;
    origin: string;
    preflight: boolean;
    method?: string;
    header?: string;
  } = { code, message, origin: truncate(origin), preflight };
  if (detail?.method !== undefined) result.method = truncate(detail.method);
  if (detail?.header !== undefined) result.header = truncate(detail.header);
  return result;
}
