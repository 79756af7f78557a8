/**
 * A HAR 1.2 recorder over the Chrome DevTools Protocol, built the way DevTools' own
 * "Export HAR" builds it (from `Network.*` events): one entry per hop, preflights as
 * their own entries (`_resourceType: "preflight"`), the raw headers from the
 * `*ExtraInfo` events (so `Cookie` and `Set-Cookie` are there, and the headers of an
 * answer the CORS check then blocked), `_error` on failures. Playwright's `recordHar`
 * keeps none of those three, so a check of a failure needs this one.
 */
import type { CDPSession } from 'playwright-core';

interface Hop {
  requestId: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  wallTime: number;
  resourceType: string;
  status?: number;
  statusText?: string;
  responseHeaders?: Record<string, string>;
  error?: string;
  fromCache?: boolean;
  done: boolean;
}

type Headers = Record<string, string>;

// Raw headers join repeated fields (Set-Cookie) with a newline; HAR wants one per line.
const pairs = (headers: Headers | undefined) =>
  Object.entries(headers ?? {}).flatMap(([name, value]) =>
    value.split('\n').map((line) => ({ name, value: line })),
  );

/** Records every request of one page from now on; `har()` gives the document. */
export class CdpHarRecorder {
  readonly #hops: Hop[] = [];
  readonly #current = new Map<string, Hop>();
  readonly #requestExtra = new Map<string, Headers[]>();
  readonly #responseExtra = new Map<string, { status: number; headers: Headers }[]>();
  readonly #hopCount = new Map<string, number>();

  private constructor() {}

  /**
   * Starts recording on `cdp` (a session attached to the page), with DevTools' "Disable
   * cache" on unless `useCache` (to record what the HTTP cache replays).
   */
  static async start(cdp: CDPSession, useCache = false): Promise<CdpHarRecorder> {
    const recorder = new CdpHarRecorder();
    cdp.on('Network.requestWillBeSent', (e) => recorder.#willBeSent(e));
    cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
      const list = recorder.#requestExtra.get(e.requestId) ?? [];
      list.push(e.headers as Headers);
      recorder.#requestExtra.set(e.requestId, list);
    });
    cdp.on('Network.responseReceivedExtraInfo', (e) => {
      const list = recorder.#responseExtra.get(e.requestId) ?? [];
      list.push({ status: e.statusCode, headers: e.headers as Headers });
      recorder.#responseExtra.set(e.requestId, list);
    });
    cdp.on('Network.responseReceived', (e) => {
      const hop = recorder.#current.get(e.requestId);
      if (!hop) return;
      hop.status = e.response.status;
      hop.statusText = e.response.statusText;
      hop.responseHeaders = e.response.headers as Headers;
      hop.fromCache = e.response.fromDiskCache === true;
      if (e.type === 'Preflight') hop.resourceType = 'preflight';
    });
    cdp.on('Network.loadingFinished', (e) => {
      const hop = recorder.#current.get(e.requestId);
      if (hop) hop.done = true;
    });
    cdp.on('Network.loadingFailed', (e) => {
      const hop = recorder.#current.get(e.requestId);
      if (!hop) return;
      hop.error = e.errorText;
      hop.done = true;
    });
    await cdp.send('Network.enable');
    // As DevTools' "Disable cache": every answer comes from the server, preflights too.
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: !useCache });
    return recorder;
  }

  #willBeSent(e: {
    requestId: string;
    request: { url: string; method: string; headers: Headers };
    wallTime: number;
    type?: string;
    initiator: { type: string };
    redirectResponse?: { status: number; statusText: string; headers: Headers };
  }): void {
    const previous = this.#current.get(e.requestId);
    if (previous && e.redirectResponse) {
      previous.status = e.redirectResponse.status;
      previous.statusText = e.redirectResponse.statusText;
      previous.responseHeaders = e.redirectResponse.headers;
      previous.done = true;
    }
    const hop: Hop = {
      requestId: e.requestId,
      url: e.request.url,
      method: e.request.method,
      headers: e.request.headers,
      wallTime: e.wallTime,
      resourceType:
        e.initiator.type === 'preflight' ? 'preflight' : (e.type ?? 'other').toLowerCase(),
      done: false,
    };
    this.#hopCount.set(e.requestId, (this.#hopCount.get(e.requestId) ?? 0) + 1);
    this.#hops.push(hop);
    this.#current.set(e.requestId, hop);
  }

  /** Waits until every request so far finished or failed (at most `timeoutMs`). */
  async settle(timeoutMs = 2000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until && this.#hops.some((h) => !h.done))
      await new Promise((r) => setTimeout(r, 20));
    // ExtraInfo events may trail the end of loading by a moment.
    await new Promise((r) => setTimeout(r, 50));
  }

  /** The HAR 1.2 document, DevTools-style, with the page URL as the page title. */
  har(pageUrl: string): unknown {
    const seen = new Map<string, number>();
    const entries = this.#hops.map((hop) => {
      const n = seen.get(hop.requestId) ?? 0;
      seen.set(hop.requestId, n + 1);
      const requestHeaders = this.#requestExtra.get(hop.requestId)?.[n] ?? hop.headers;
      const responseExtra = this.#responseExtra.get(hop.requestId)?.[n];
      const status = responseExtra?.status ?? hop.status ?? 0;
      const responseHeaders = responseExtra?.headers ?? hop.responseHeaders;
      return {
        pageref: 'page_1',
        startedDateTime: new Date(hop.wallTime * 1000).toISOString(),
        time: 0,
        request: {
          method: hop.method,
          url: hop.url,
          httpVersion: 'HTTP/1.1',
          headers: pairs(requestHeaders),
          queryString: [],
          cookies: [],
          headersSize: -1,
          bodySize: -1,
        },
        response: {
          status,
          statusText: hop.statusText ?? '',
          httpVersion: 'HTTP/1.1',
          headers: pairs(responseHeaders),
          cookies: [],
          content: { size: 0, mimeType: 'x-unknown' },
          redirectURL: responseHeaders?.location ?? responseHeaders?.Location ?? '',
          headersSize: -1,
          bodySize: -1,
          ...(hop.error === undefined ? {} : { _error: hop.error }),
        },
        cache: {},
        timings: { send: 0, wait: 0, receive: 0 },
        _resourceType: hop.resourceType,
        ...(hop.fromCache === true ? { _fromCache: 'disk' } : {}),
      };
    });
    return {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        pages: [
          {
            startedDateTime: entries[0]?.startedDateTime ?? new Date().toISOString(),
            id: 'page_1',
            title: pageUrl,
            pageTimings: {},
          },
        ],
        entries,
      },
    };
  }
}
