/**
 * The top-level page of each recorded request: the site the user was on, which decides
 * what is cross-origin, which cookies are same-site and which partition they go to.
 * `--page` states it; otherwise the recording tells it, in order of trust: the HAR page's
 * title when it is a URL (Chrome DevTools writes the page URL there), the page's document
 * request, then the request's own `Referer` or `Origin` (only the origin: enough for the
 * model, which keys everything on origin and site).
 */
import type { HarPage } from './har.js';
import type { PageSource, RecordedEntry } from './types.js';

/** A page URL and where it came from. */
export interface PageChoice {
  readonly url: string;
  readonly source: PageSource;
}

const isHttpUrl = (value: string): boolean =>
  URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

function header(entry: RecordedEntry, name: string): string | undefined {
  return entry.requestHeaders.find(([key]) => key.toLowerCase() === name)?.[1];
}

/** Whether the entry is a document load (a navigation), by resource type or Sec-Fetch-Dest. */
export function isDocument(entry: RecordedEntry): boolean {
  if (entry.resourceType !== undefined) return entry.resourceType === 'document';
  return header(entry, 'sec-fetch-dest')?.toLowerCase() === 'document';
}

/**
 * The page of each HAR `pageref`: the title when it is a URL, else the first document
 * request of that page that was not redirected.
 */
export function pagesByRef(
  pages: readonly HarPage[],
  entries: readonly RecordedEntry[],
): ReadonlyMap<string, PageChoice> {
  const found = new Map<string, PageChoice>();
  for (const page of pages)
    if (isHttpUrl(page.title)) found.set(page.id, { url: page.title, source: 'har-page' });
  for (const entry of entries) {
    if (entry.pageref === undefined || found.has(entry.pageref)) continue;
    const redirected = entry.status >= 300 && entry.status < 400;
    if (isDocument(entry) && !redirected)
      found.set(entry.pageref, { url: entry.url, source: 'document' });
  }
  return found;
}

/**
 * The page a request was made from when no HAR page says it: its `Referer` (sent in
 * full or as an origin, by the referrer policy), else its `Origin` (`null` is no help).
 */
export function pageFromRequest(entry: RecordedEntry): PageChoice | undefined {
  const referer = header(entry, 'referer');
  if (referer !== undefined && isHttpUrl(referer)) return { url: referer, source: 'referer' };
  const origin = header(entry, 'origin');
  if (origin !== undefined && isHttpUrl(origin))
    return { url: `${new URL(origin).origin}/`, source: 'origin' };
  return undefined;
}
