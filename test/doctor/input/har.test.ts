import { describe, expect, it } from 'vitest';
import { isHar, parseHar } from '../../../src/doctor/input/index.js';
import { API, APP, chromeHar, firefoxHar, T_START } from './fixtures.js';

describe('parseHar', () => {
  it('reads a Chrome DevTools entry: headers in order, pseudo-headers dropped, times, type', () => {
    const har = JSON.parse(
      chromeHar([
        {
          url: `${API}/me`,
          at: 1500,
          request: [
            [':method', 'GET'],
            ['Origin', APP],
          ],
          response: [['access-control-allow-origin', APP]],
          type: 'Fetch',
        },
      ]),
    );
    const { entries, recorder, pages, notes } = parseHar(har);
    expect(notes).toEqual([]);
    expect(recorder).toEqual({ name: 'WebInspector', version: '537.36', engine: 'chromium' });
    expect(pages).toEqual([{ id: 'page_1', title: `${APP}/` }]);
    expect(entries).toEqual([
      {
        index: 0,
        startedMs: T_START + 1500,
        method: 'GET',
        url: `${API}/me`,
        requestHeaders: [['Origin', APP]],
        status: 200,
        responseHeaders: [['access-control-allow-origin', APP]],
        pageref: 'page_1',
        resourceType: 'fetch',
      },
    ]);
  });

  it('splits Set-Cookie lines joined by newlines (Chrome raw headers) into fields', () => {
    const har = JSON.parse(
      chromeHar([{ url: `${API}/login`, response: [['set-cookie', 'a=1; Secure\nb=2; Path=/']] }]),
    );
    expect(parseHar(har).entries[0]?.responseHeaders).toEqual([
      ['set-cookie', 'a=1; Secure'],
      ['set-cookie', 'b=2; Path=/'],
    ]);
  });

  it('a failed request has status 0, no response headers, and the error text (DevTools and Playwright)', () => {
    const chrome = JSON.parse(
      chromeHar([
        { url: `${API}/me`, status: 0, response: [['x', 'y']], error: 'net::ERR_FAILED' },
      ]),
    );
    expect(parseHar(chrome).entries[0]).toMatchObject({
      status: 0,
      responseHeaders: [],
      error: 'net::ERR_FAILED',
    });
    const playwright = {
      log: {
        creator: { name: 'Playwright', version: '1.64.1' },
        browser: { name: 'chromium', version: '156' },
        entries: [
          {
            startedDateTime: new Date(T_START).toISOString(),
            request: { method: 'POST', url: `${API}/login`, headers: [] },
            response: { status: -1, headers: [], _failureText: 'net::ERR_FAILED' },
          },
        ],
      },
    };
    const read = parseHar(playwright);
    expect(read.recorder).toEqual({ name: 'Playwright', version: '1.64.1', engine: 'chromium' });
    expect(read.entries[0]).toMatchObject({ status: 0, error: 'net::ERR_FAILED' });
  });

  it('names the engine of a Firefox HAR and keeps a title that is not a URL', () => {
    const read = parseHar(JSON.parse(firefoxHar([{ url: `${API}/me` }])));
    expect(read.recorder?.engine).toBe('gecko');
    expect(read.pages[0]?.title).toBe('My app');
  });

  it('skips unusable entries with a note naming them, keeps the rest', () => {
    const read = parseHar({
      log: {
        entries: [
          { request: { method: 'GET', url: 'not a url' }, response: {} },
          'junk',
          { request: { url: `${API}/x` } },
          { request: { method: 'GET', url: `${API}/ok`, headers: [{ name: 'a' }, 7] } },
        ],
      },
    });
    expect(read.entries.map((e) => [e.index, e.url, e.status])).toEqual([[3, `${API}/ok`, 0]]);
    expect(read.notes.map((n) => [n.code, n.entry])).toEqual([
      ['InvalidEntry', 0],
      ['InvalidEntry', 1],
      ['InvalidEntry', 2],
    ]);
  });

  it('refuses JSON that is not a HAR', () => {
    expect(isHar({ log: {} })).toBe(false);
    expect(isHar([])).toBe(false);
    const read = parseHar({ hello: 'world' });
    expect(read.entries).toEqual([]);
    expect(read.notes).toMatchObject([{ code: 'NotHar', severity: 'error' }]);
  });
});
