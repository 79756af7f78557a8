/**
 * The public shapes of the CSRF defence: its configuration, the request view an adapter
 * gives it, and the result of a check.
 */
import type { CSRF_REJECTION } from './codes.js';

/** Configuration of {@link createCsrfProtection}; validated once, at construction. */
export interface CsrfConfig {
  /**
   * Whether an `Origin` header value (raw, as received) is trusted to make
   * cookie-authenticated writes from another origin. Wire it to the CORS policy's
   * `isOriginAllowed` so that one allowlist decides both (the session entry point does).
   * Must not throw; a throw counts as "not trusted".
   */
  readonly isTrustedOrigin: (origin: string) => boolean;
  /**
   * Also require a custom request header on cookie-authenticated writes from another
   * origin (same-site siblings included): a page can only add it through a CORS
   * preflight, which the CORS policy answers, as SuperTokens' `rid` header does. `true`
   * means `x-requested-with`; a string names the header (any value passes). The app's
   * client must then send it, and the CORS policy must allow it.
   */
  readonly requireCustomHeader?: boolean | string;
}

/** What the check reads from one request. The session entry point's request view fits. */
export interface CsrfRequest {
  readonly method: string;
  /** Header value by lower-case name, duplicates joined by `, `; undefined when absent. */
  header(name: string): string | undefined;
  /**
   * The origin the request was addressed to, as the adapter knows it: the scheme (TLS,
   * or the forwarded scheme from a trusted proxy) and the `Host` header, e.g.
   * `https://api.example.com`. Only used for browsers that send `Origin` without
   * `Sec-Fetch-Site`; when undefined, only trusted origins pass there.
   */
  readonly requestOrigin?: string | undefined;
}

/** How the request is authenticated, which the caller knows (see docs/session-protocol.md). */
export interface CsrfCheckOptions {
  /**
   * `cookie` (the default): the browser attached the credentials by itself, so a page on
   * another origin can forge the request, and it is checked. `header`: an
   * `Authorization: Bearer` header, which a page can only add through a preflight the
   * CORS policy answers, so the check is skipped.
   */
  readonly auth?: 'cookie' | 'header';
}

/** Stable reason codes of a rejection (`CSRF_REJECTION`; texts in `rejections.ts`). */
export type CsrfRejectionCode = (typeof CSRF_REJECTION)[keyof typeof CSRF_REJECTION];

/** A refused request: answer 403 with this code, message and fix. */
export interface CsrfRejection {
  readonly ok: false;
  readonly status: 403;
  readonly code: CsrfRejectionCode;
  readonly message: string;
  readonly fix: string;
}

/** The result of a check. Results are frozen and shared: do not mutate them. */
export type CsrfResult = { readonly ok: true } | CsrfRejection;

/** A built CSRF defence. */
export interface CsrfProtection {
  /** Checks one request; pure with respect to the config, never throws. */
  check(request: CsrfRequest, options?: CsrfCheckOptions): CsrfResult;
  /**
   * The lower-case name of the required custom header, or undefined: the CORS policy
   * must list it in `allowedHeaders`.
   */
  readonly customHeader: string | undefined;
}
