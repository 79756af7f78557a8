/**
 * The corset client for code built on `XMLHttpRequest` (jQuery, older libraries):
 * `withCredentials = true` (XHR §4.5.4: the XHR counterpart of `credentials: 'include'`),
 * the Bearer header with the header transport, and the same one refresh-and-retry.
 *
 * This file runs in browsers: no Node API.
 */
import type { CorsetClient } from './client.js';

/** What {@link prepareXhr} touches: an `XMLHttpRequest`, or jQuery's `jqXHR`. */
export interface XhrLike {
  withCredentials?: boolean;
  setRequestHeader(name: string, value: string): void;
}

/** Options of {@link sendXhr}. */
export interface SendXhrOptions {
  readonly body?: Document | XMLHttpRequestBodyInit | null;
  readonly headers?: Readonly<Record<string, string>>;
  /** The constructor to use; defaults to the global `XMLHttpRequest`. */
  readonly XMLHttpRequest?: new () => XMLHttpRequest;
}

function pageBase(client: CorsetClient): string {
  return (globalThis as { location?: { href: string } }).location?.href ?? client.apiOrigin;
}

/**
 * Prepares an opened request (after `open()`, before `send()`) for the API at `url`:
 * credentials on, Bearer header with the header transport. Requests to other origins
 * are left untouched, so the session never leaks to them. Returns the client's clock at
 * preparation, to give {@link CorsetClient.recover} as `sentAt`.
 *
 * With jQuery: `beforeSend: (jq, settings) => { prepareXhr(client, jq, settings.url) }`
 * and `xhrFields: { withCredentials: true }` (jqXHR does not forward the property).
 */
export function prepareXhr(client: CorsetClient, xhr: XhrLike, url: string): number {
  if (client.isApiUrl(url, pageBase(client))) {
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(client.authHeaders())) {
      xhr.setRequestHeader(name, value);
    }
  }
  return client.now();
}

function sendOnce(
  client: CorsetClient,
  method: string,
  url: string,
  options: SendXhrOptions,
): Promise<{ xhr: XMLHttpRequest; sentAt: number }> {
  const Xhr = options.XMLHttpRequest ?? globalThis.XMLHttpRequest;
  return new Promise((resolve, reject) => {
    const xhr = new Xhr();
    xhr.open(method, url);
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      xhr.setRequestHeader(name, value);
    }
    const sentAt = prepareXhr(client, xhr, url);
    xhr.onload = () => resolve({ xhr, sentAt });
    // XHR reports network and CORS failures alike as `error` with status 0 (XHR §4.6).
    xhr.onerror = () => reject(new TypeError(`XMLHttpRequest ${method} ${url} failed`));
    xhr.onabort = () => reject(new TypeError(`XMLHttpRequest ${method} ${url} aborted`));
    xhr.ontimeout = () => reject(new TypeError(`XMLHttpRequest ${method} ${url} timed out`));
    xhr.send(options.body ?? null);
  });
}

/**
 * Sends one request to the API with `XMLHttpRequest` (`path` resolved against the API
 * origin; other origins refused), refreshing once and retrying once on a "refresh" 401.
 * Resolves with the finished request; rejects with a `TypeError` on network failure.
 */
export async function sendXhr(
  client: CorsetClient,
  method: string,
  path: string,
  options: SendXhrOptions = {},
): Promise<XMLHttpRequest> {
  if (!client.isApiUrl(path)) {
    throw new TypeError(
      `corset client: ${path} is not on the API origin ${client.apiOrigin}; the client only sends its session there.`,
    );
  }
  const url = new URL(path, client.apiOrigin).href;
  const first = await sendOnce(client, method, url, options);
  if (first.xhr.status !== 401) return first.xhr;
  const retry = await client.recover({
    status: 401,
    body: first.xhr.responseText,
    sentAt: first.sentAt,
  });
  return retry ? (await sendOnce(client, method, url, options)).xhr : first.xhr;
}
