/**
 * The configuration of the session entry point ({@link createCorset}): one object from
 * which the CORS policy, the topology plan, the cookies, the CSRF defence, the keys, the
 * access tokens and the refresh sessions are all derived, so they cannot disagree.
 */
import type { CorsConfig } from '../cors/index.js';
import type { KeySet, KeySetConfig } from './keys.js';
import type { SessionStore } from './store/types.js';

/** CORS options besides the two the entry point owns (`origins`, `credentials`). */
export type CorsetCorsOptions = Omit<CorsConfig, 'origins' | 'credentials'>;

/** Session options: keys, token lifetimes, store, cookie names, paths, transport. */
export interface CorsetSessionOptions {
  /**
   * Signing and verification keys: a key-set config (`{ keys: [...], signingKid }`,
   * imported once here) or a key set from `createKeySet`. Give this or `secret`.
   */
  readonly keys?: KeySetConfig | KeySet;
  /** Shortcut for one HS256 key: at least 32 random bytes. Give this or `keys`. */
  readonly secret?: Uint8Array;
  /** `iss` of access tokens; default the API origin. */
  readonly issuer?: string;
  /** `aud` of access tokens; default the API origin. */
  readonly audience?: string | readonly string[];
  /** Access-token lifetime, seconds (default 600). */
  readonly accessTtlSeconds?: number;
  /** Accepted clock skew, seconds (default 5). */
  readonly clockToleranceSeconds?: number;
  /** Cache of verified access tokens, off by default: `{ maxEntries }`. */
  readonly verifyCache?: { readonly maxEntries: number } | false;
  /** Refresh families' store; default an in-memory store (one process only). */
  readonly store?: SessionStore;
  /** Absolute session lifetime, seconds (default 30 days). */
  readonly lifetimeSeconds?: number;
  /** A session unused this long ends, seconds (default 7 days). */
  readonly idleTimeoutSeconds?: number;
  /** Grace for concurrent refreshes with the previous token, seconds (default 15). */
  readonly overlapSeconds?: number;
  /** Longest wait for the store, ms (default 1000); then 503 `store-unavailable`. */
  readonly storeTimeoutMs?: number;
  /** Base name of the session cookie (the prefix follows from the topology). Default `session`. */
  readonly cookieName?: string;
  /** Base name of the refresh cookie. Default `<cookieName>-refresh`. */
  readonly refreshCookieName?: string;
  /** Endpoint paths; default `/auth/login`, `/auth/refresh`, `/auth/logout`. */
  readonly paths?: { readonly login?: string; readonly refresh?: string; readonly logout?: string };
  /** Parent domain whose subdomains share the cookies (`Domain=`); default host-only. */
  readonly shareAcrossSubdomains?: string;
  /** Accept a plain-http API on a host that is not loopback (cookies in clear text). */
  readonly allowInsecureHttp?: boolean;
  /**
   * The Bearer fallback (header transport). Default: on when an app origin is
   * cross-site to the API (where browsers may refuse the cookie), off otherwise. When
   * on, the CORS policy allows `authorization` by itself (`corset-transport` always is,
   * so that a client asking for the header transport learns the answer: `"transport":
   * "cookie"` when off). `true` also accepts a topology where only the header can work
   * (cross-site to plain http).
   */
  readonly bearer?: boolean;
  /** Clock in epoch ms for tokens and sessions (tests); default `Date.now`. */
  readonly now?: () => number;
}

/** CSRF options besides the trusted origins, which are the CORS allowlist. */
export interface CorsetCsrfOptions {
  /**
   * Also require this request header (any value) on cookie-authenticated writes from
   * other origins; `true` means `x-requested-with`. Added to the CORS allowed headers.
   */
  readonly requireCustomHeader?: boolean | string;
}

/** Everything {@link createCorset} needs. Validated once, every problem at once. */
export interface CorsetConfig {
  /**
   * Origins of the pages that call the API, e.g. `['https://app.example.com']`: the
   * CORS allowlist, the CSRF trusted origins and the topology, from one list.
   */
  readonly appOrigins: readonly string[];
  /** The API's own origin, e.g. `https://api.example.com`. */
  readonly apiOrigin: string;
  readonly cors?: CorsetCorsOptions;
  readonly session: CorsetSessionOptions;
  readonly csrf?: CorsetCsrfOptions;
}

/** Top-level keys of {@link CorsetConfig}. */
export const CONFIG_KEYS = ['appOrigins', 'apiOrigin', 'cors', 'session', 'csrf'] as const;

/** Keys of {@link CorsetSessionOptions}. */
export const SESSION_KEYS = [
  'keys',
  'secret',
  'issuer',
  'audience',
  'accessTtlSeconds',
  'clockToleranceSeconds',
  'verifyCache',
  'store',
  'lifetimeSeconds',
  'idleTimeoutSeconds',
  'overlapSeconds',
  'storeTimeoutMs',
  'cookieName',
  'refreshCookieName',
  'paths',
  'shareAcrossSubdomains',
  'allowInsecureHttp',
  'bearer',
  'now',
] as const;

/** Where each part's own field names sit in {@link CorsetConfig}. */
export const FIELD_OF = {
  cors: {
    origins: 'appOrigins',
    credentials: 'cors.credentials',
  } as Readonly<Record<string, string>>,
  topology: {
    shareAcrossSubdomains: 'session.shareAcrossSubdomains',
    cookieName: 'session.cookieName',
    refreshCookieName: 'session.refreshCookieName',
    refreshPath: 'session.paths',
    allowInsecureHttp: 'session.allowInsecureHttp',
    allowBearerOnly: 'session.bearer',
    bearerFallback: 'session.bearer',
  } as Readonly<Record<string, string>>,
  accessTokens: {
    keys: 'session.keys',
    ttlSeconds: 'session.accessTtlSeconds',
    cache: 'session.verifyCache',
  } as Readonly<Record<string, string>>,
} as const;

/**
 * Renames a part's field (`origins[2]`, `ttlSeconds`) into the entry point's config
 * (`appOrigins[2]`, `session.accessTtlSeconds`): the first path segment is looked up in
 * `renames`, anything else goes under `prefix`.
 */
export function fieldIn(
  field: string,
  renames: Readonly<Record<string, string>>,
  prefix: string,
): string {
  const cut = field.search(/[.[]/);
  const head = cut < 0 ? field : field.slice(0, cut);
  const rest = cut < 0 ? '' : field.slice(cut);
  const renamed = renames[head];
  if (renamed !== undefined) return renamed + rest;
  return prefix === '' ? field : `${prefix}.${field}`;
}
