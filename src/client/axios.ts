/**
 * The corset client as axios interceptors: plain functions, no axios import, so the
 * client stays dependency-free and works with any axios version that has interceptors.
 *
 * ```js
 * const hooks = axiosInterceptors(client, (config) => api.request(config));
 * api.interceptors.request.use(hooks.request);
 * api.interceptors.response.use(undefined, hooks.responseError);
 * ```
 *
 * This file runs in browsers: no Node API.
 */
import type { CorsetClient } from './client.js';

/** The fields of an axios request config the interceptors read and write. */
export interface AxiosLikeConfig {
  url?: string;
  baseURL?: string;
  headers?: unknown;
  withCredentials?: boolean;
  /** Set by the request interceptor: when the request was sent (client clock). */
  corsetSentAt?: number;
  /** Set on the retry, so a request is retried once at most. */
  corsetRetried?: boolean;
}

/** The interceptor pair returned by {@link axiosInterceptors}. */
export interface AxiosInterceptors {
  /** For `interceptors.request.use`: credentials on, Bearer header, send time. */
  request<C extends AxiosLikeConfig>(config: C): C;
  /** For `interceptors.response.use(undefined, …)`: one refresh-and-retry on a "refresh" 401. */
  responseError(error: unknown): Promise<unknown>;
}

// axios's own rule for what counts as absolute (`isAbsoluteURL`: scheme or `//`).
const ABSOLUTE = /^([a-z][a-z\d+\-.]*:)?\/\//i;

function fullUrl(config: AxiosLikeConfig): string {
  const url = config.url ?? '';
  if (config.baseURL === undefined || ABSOLUTE.test(url)) return url;
  // axios joins baseURL and url with exactly one slash (`combineURLs`).
  return url === ''
    ? config.baseURL
    : `${config.baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

function setHeader(config: AxiosLikeConfig, name: string, value: string): void {
  const headers = config.headers;
  if (typeof headers === 'object' && headers !== null) {
    const withSet = headers as { set?: unknown };
    // axios 1.x: an `AxiosHeaders` instance; older axios: a plain object.
    if (typeof withSet.set === 'function') {
      (withSet.set as (n: string, v: string) => void).call(headers, name, value);
    } else {
      (headers as Record<string, string>)[name] = value;
    }
  } else {
    config.headers = { [name]: value };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Interceptors that make an axios instance use the corset session. `resend` sends a
 * config again through the same instance (e.g. `(c) => api.request(c)`), for the retry.
 * Requests to other origins than the API are left untouched.
 */
export function axiosInterceptors(
  client: CorsetClient,
  resend: (config: AxiosLikeConfig) => Promise<unknown>,
): AxiosInterceptors {
  const base = (): string =>
    (globalThis as { location?: { href: string } }).location?.href ?? client.apiOrigin;

  return {
    request(config) {
      if (!client.isApiUrl(fullUrl(config), base())) return config;
      config.withCredentials = true;
      for (const [name, value] of Object.entries(client.authHeaders())) {
        setHeader(config, name, value);
      }
      config.corsetSentAt = client.now();
      return config;
    },
    async responseError(error) {
      if (!isRecord(error)) throw error;
      const { config, response } = error as { config?: unknown; response?: unknown };
      if (!isRecord(config) || !isRecord(response)) throw error;
      const sent = config as AxiosLikeConfig;
      if (
        response.status !== 401 ||
        sent.corsetRetried === true ||
        typeof sent.corsetSentAt !== 'number'
      ) {
        throw error;
      }
      const retry = await client.recover({
        status: 401,
        body: response.data,
        sentAt: sent.corsetSentAt,
      });
      if (!retry) throw error;
      return resend({ ...sent, corsetRetried: true });
    },
  };
}
