/**
 * A HAR 1.2 recorder over puppeteer's page events, which for Firefox come from WebDriver
 * BiDi (`network.beforeRequestSent`, `responseCompleted`, `fetchError`), written in the
 * shape of Firefox DevTools' "Save All As HAR": creator Firefox, no `_resourceType`, the
 * Sec-Fetch headers as sent, preflights as their own OPTIONS entries, a request that got
 * no answer with status 0. BiDi gives the wire headers, Cookie and Set-Cookie included.
 *
 * What BiDi does not say: an answer the CORS check then refused looks like any answer
 * (no `fetchError` for it), as in Firefox's own HAR; only the verdict tells.
 */
import type { HTTPRequest, HTTPResponse, Page } from 'puppeteer-core';

interface Record {
  readonly request: HTTPRequest;
  readonly startedMs: number;
  response?: HTTPResponse;
  failed?: string;
}

const pairs = (headers: { [name: string]: string }) =>
  Object.entries(headers).flatMap(([name, value]) =>
    value.split('\n').map((line) => ({ name, value: line })),
  );

/** Records every request of one page from now on. */
export class BidiHarRecorder {
  readonly #records: Record[] = [];

  constructor(page: Page) {
    page.on('request', (request) => {
      this.#records.push({ request, startedMs: Date.now() });
    });
    page.on('response', (response) => {
      const record = this.#find(response.request());
      if (record) record.response = response;
    });
    page.on('requestfailed', (request) => {
      const record = this.#find(request);
      if (record) record.failed = request.failure()?.errorText ?? 'failed';
    });
  }

  #find(request: HTTPRequest): Record | undefined {
    return this.#records.find((r) => r.request === request);
  }

  /** Waits until every request so far has an answer or failed (at most `timeoutMs`). */
  async settle(timeoutMs = 2000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (
      Date.now() < until &&
      this.#records.some((r) => r.response === undefined && r.failed === undefined)
    )
      await new Promise((r) => setTimeout(r, 20));
  }

  /** The HAR document; `title` is the page's document title, as Firefox writes it. */
  har(title: string, version: string): unknown {
    const entries = this.#records.map((r) => {
      const response = r.response;
      return {
        pageref: 'page_1',
        startedDateTime: new Date(r.startedMs).toISOString(),
        time: 0,
        request: {
          method: r.request.method(),
          url: r.request.url(),
          httpVersion: 'HTTP/1.1',
          headers: pairs(r.request.headers()),
          queryString: [],
          cookies: [],
          headersSize: -1,
          bodySize: -1,
        },
        response: {
          status: response?.status() ?? 0,
          statusText: response?.statusText() ?? '',
          httpVersion: 'HTTP/1.1',
          headers: response === undefined ? [] : pairs(response.headers()),
          cookies: [],
          content: { size: 0, mimeType: '' },
          redirectURL: response?.headers().location ?? '',
          headersSize: -1,
          bodySize: -1,
        },
        cache: {},
        timings: { send: 0, wait: 0, receive: 0 },
      };
    });
    return {
      log: {
        version: '1.2',
        creator: { name: 'Firefox', version },
        browser: { name: 'Firefox', version },
        pages: [
          {
            startedDateTime: entries[0]?.startedDateTime ?? new Date().toISOString(),
            id: 'page_1',
            title,
            pageTimings: {},
          },
        ],
        entries,
      },
    };
  }
}
