/**
 * The public shapes of the CORS policy. This file is the contract between the pure
 * policy (`src/cors/`), the framework adapters (`src/adapters/`) and the CSRF defence
 * (`src/csrf/`), which reuses the policy's origin allowlist as its one source of truth.
 */
import type { ConfigProblem } from '../internal/problems.js';

/** What a server states about cross-origin access. Validated once, at construction. */
export interface CorsConfig {
  /**
   * Allowed origins: exact serialised origins (`https://app.example.com`,
   * `http://localhost:8080`) and subdomain patterns (`https://*.example.com`: any depth
   * of subdomain, never the apex, same scheme and port). No regular expressions.
   */
  readonly origins: readonly string[];
  /**
   * Escape hatch for dynamic allowlists: consulted, synchronously, only for origins
   * that `origins` does not allow. It receives the normalised origin. It must not throw
   * (a throw counts as "not allowed").
   */
  readonly allowOrigin?: (origin: string) => boolean;
  /** Whether requests carry credentials (cookies, HTTP auth). Must be stated. */
  readonly credentials: boolean;
  /**
   * Methods a preflight may ask for, beyond the CORS-safelisted GET, HEAD and POST
   * (which never need a preflight). Case-sensitive as in Fetch; e.g. `['PUT','DELETE']`.
   */
  readonly methods?: readonly string[];
  /** Request headers a preflight may ask for (case-insensitive), e.g. `['content-type']`. */
  readonly allowedHeaders?: readonly string[];
  /** Response headers the page's script may read (`Access-Control-Expose-Headers`). */
  readonly exposedHeaders?: readonly string[];
  /** `Access-Control-Max-Age` in seconds for allowed preflights; omitted when unset. */
  readonly maxAge?: number;
  /** Allow plain-http origins that are not loopback while credentials are on. */
  readonly allowInsecureOrigins?: boolean;
  /**
   * Debug mode: a refused preflight is answered with the partial CORS headers, so the
   * browser's own console error names the exact cause. Can be switched at run time with
   * `policy.setDebug()`.
   */
  readonly debug?: boolean;
  /** Called once for every refused preflight and disallowed actual request. Must not throw. */
  readonly onRefusal?: (refusal: CorsRefusal) => void;
}

/** Header access for one incoming request; names are lower-case. */
export interface CorsRequest {
  readonly method: string;
  /** Returns the header's value, duplicates joined by `, ` (as Node and Fetch do), or undefined. */
  header(
    name: 'origin' | 'access-control-request-method' | 'access-control-request-headers',
  ): string | undefined;
}

/** Stable reason codes for a refusal. */
export type CorsRefusalCode =
  | 'origin-not-allowed'
  | 'origin-malformed'
  | 'method-not-allowed'
  | 'method-malformed'
  | 'header-not-allowed'
  | 'headers-malformed';

/** Why the policy refused a request, as data (for logs and hooks). */
export interface CorsRefusal {
  readonly code: CorsRefusalCode;
  /**
   * One line, for a log. Built when first read: on a decision's refusal it is a getter,
   * not an own property (`{...refusal}` drops it; `JSON.stringify` keeps it). `onRefusal`
   * receives a plain record with every field set.
   */
  readonly message: string;
  /** The `Origin` header as received (truncated to 256 characters). */
  readonly origin: string;
  readonly preflight: boolean;
  /** For `method-not-allowed`: the requested method. */
  readonly method?: string;
  /** For `header-not-allowed`: the first requested header that is not allowed. */
  readonly header?: string;
}

/** A response header as a `[lower-case name, value]` pair. */
export type HeaderPair = readonly [name: string, value: string];

/**
 * What to do with one request. Adapters apply it and stay thin:
 * - `preflight`: answer now with `status` and `headers`; the app never sees it;
 * - `actual`: run the app, and add `headers` to whatever it answers (errors included);
 * - `not-cors`: no `Origin`; run the app unchanged, but still add `vary`.
 * In every case `vary` lists the tokens to merge into the response's `Vary` header
 * (see {@link mergeVary}); it is never part of `headers`.
 */
export type CorsDecision =
  | {
      readonly kind: 'preflight';
      readonly allowed: boolean;
      readonly status: 204 | 403;
      readonly headers: readonly HeaderPair[];
      readonly vary: readonly string[];
      readonly refusal?: CorsRefusal;
    }
  | {
      readonly kind: 'actual';
      readonly allowed: boolean;
      readonly headers: readonly HeaderPair[];
      readonly vary: readonly string[];
      readonly refusal?: CorsRefusal;
    }
  | {
      readonly kind: 'not-cors';
      readonly allowed: false;
      readonly headers: readonly HeaderPair[];
      readonly vary: readonly string[];
    };

/** A built policy. Deciding never throws, whatever the request holds. */
export interface CorsPolicy {
  /** Decides one request. Pure with respect to the current configuration. */
  decide(request: CorsRequest): CorsDecision;
  /** Whether a (raw) `Origin` value is allowed: the allowlist CSRF defence shares. */
  isOriginAllowed(origin: string): boolean;
  /**
   * Validates `config` completely and swaps it in atomically; on any error problem it
   * throws a `ConfigError` and the running policy is unchanged.
   */
  reconfigure(config: CorsConfig): void;
  /** Switches debug mode at run time. */
  setDebug(on: boolean): void;
  /** Warnings found when the current config was validated. */
  readonly warnings: readonly ConfigProblem[];
}
