/**
 * Small HAR documents shaped like Chrome DevTools' and Firefox DevTools' exports (only
 * the fields the reader uses, plus a few it must ignore), built per test.
 */

export const APP = 'https://app.example.com';
export const API = 'https://api.example.com';

type Pairs = readonly (readonly [string, string])[];

/** One HAR entry. */
export interface EntrySpec {
  readonly method?: string;
  readonly url: string;
  readonly at?: number;
  readonly request?: Pairs;
  readonly status?: number;
  readonly response?: Pairs;
  readonly type?: string;
  readonly error?: string;
  readonly pageref?: string;
}

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);

export function entry(spec: EntrySpec): Record<string, unknown> {
  return {
    pageref: spec.pageref ?? 'page_1',
    startedDateTime: new Date(T0 + (spec.at ?? 0)).toISOString(),
    time: 12.5,
    request: {
      method: spec.method ?? 'GET',
      url: spec.url,
      httpVersion: 'http/2.0',
      headers: (spec.request ?? []).map(([name, value]) => ({ name, value })),
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: spec.status ?? 200,
      statusText: '',
      httpVersion: 'http/2.0',
      headers: (spec.response ?? []).map(([name, value]) => ({ name, value })),
      cookies: [],
      content: { size: 0, mimeType: 'application/json' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      ...(spec.error === undefined ? {} : { _error: spec.error }),
    },
    cache: {},
    timings: { blocked: -1, send: 0, wait: 10, receive: 1 },
    ...(spec.type === undefined ? {} : { _resourceType: spec.type }),
  };
}

/** A Chrome DevTools HAR: creator WebInspector, the page URL as page title. */
export function chromeHar(entries: readonly EntrySpec[], pageTitle = `${APP}/`): string {
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [
        {
          startedDateTime: new Date(T0).toISOString(),
          id: 'page_1',
          title: pageTitle,
          pageTimings: {},
        },
      ],
      entries: entries.map(entry),
    },
  });
}

/** A Firefox DevTools HAR: creator Firefox, no `_resourceType`, Sec-Fetch headers recorded. */
export function firefoxHar(entries: readonly EntrySpec[], pageTitle = 'My app'): string {
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'Firefox', version: '153.0' },
      browser: { name: 'Firefox', version: '153.0' },
      pages: [
        {
          startedDateTime: new Date(T0).toISOString(),
          id: 'page_1',
          title: pageTitle,
          pageTimings: {},
        },
      ],
      entries: entries.map(entry),
    },
  });
}

/** Headers a credentialed cross-origin fetch from the app carries (Chrome's names). */
export const FETCH_HEADERS: Pairs = [
  [':authority', 'api.example.com'],
  ['accept', '*/*'],
  ['origin', APP],
  ['referer', `${APP}/`],
  ['sec-fetch-mode', 'cors'],
  ['sec-fetch-dest', 'empty'],
  ['sec-fetch-site', 'same-site'],
  ['user-agent', 'Mozilla/5.0'],
];

/** A correct credentialed CORS answer for the app. */
export const GRANT: Pairs = [
  ['access-control-allow-origin', APP],
  ['access-control-allow-credentials', 'true'],
  ['vary', 'Origin'],
];

export const T_START = T0;
