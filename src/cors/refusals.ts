/**
 * Refusals as data: a stable code and a one-line message for logs. Every request-supplied
 * value is truncated and quoted with `JSON.stringify`, so control characters and line
 * breaks from a hostile header cannot forge log lines.
 *
 * The message is built only when it is read: quoting costs several times more than the
 * whole decision, and most refusals (a crawler's disallowed `Origin`) are never logged.
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

/**
 * A refusal whose message is built when first read. `message` is a getter on the
 * prototype (an object literal with a getter, or `Object.defineProperty` per instance,
 * costs more than building the message eagerly), so it is not an own property: spreading
 * the refusal drops it, `JSON.stringify` keeps it (`toJSON`). The policy hands an
 * `onRefusal` hook a {@link completeRefusal} instead, a plain record.
 */
class LazyRefusal implements CorsRefusal {
  readonly code: CorsRefusalCode;
  readonly origin: string;
  readonly preflight: boolean;
  declare readonly method?: string;
  declare readonly header?: string;
  readonly #rawOrigin: string;
  readonly #detail: RefusalDetail | undefined;
  readonly #hint: string;
  #message: string | undefined;

  constructor(
    code: CorsRefusalCode,
    origin: string,
    preflight: boolean,
    detail: RefusalDetail | undefined,
    hint: string,
  ) {
    this.code = code;
    this.origin = truncate(origin);
    this.preflight = preflight;
    if (detail?.method !== undefined)
      (this as { method?: string }).method = truncate(detail.method);
    if (detail?.header !== undefined)
      (this as { header?: string }).header = truncate(detail.header);
    this.#rawOrigin = origin;
    this.#detail = detail;
    this.#hint = hint;
  }

  get message(): string {
    this.#message ??= messageOf(this.code, this.#rawOrigin, this.#detail, this.#hint);
    return this.#message;
  }

  toJSON(): CorsRefusal {
    return completeRefusal(this);
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
  return new LazyRefusal(code, origin, preflight, detail, hint);
}

/** `why` as a plain record, its message built: every field an own, enumerable property. */
export function completeRefusal(why: CorsRefusal): CorsRefusal {
  const result: {
    code: CorsRefusalCode;
    message: string;
    origin: string;
    preflight: boolean;
    method?: string;
    header?: string;
  } = { code: why.code, message: why.message, origin: why.origin, preflight: why.preflight };
  if (why.method !== undefined) result.method = why.method;
  if (why.header !== undefined) result.header = why.header;
  return result;
}
