/**
 * Properties of the input readers: every format round-trips what was written, nothing
 * throws on arbitrary input, the exchange holds exactly the cross-origin fetches, and
 * redaction never lets a value through.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseHar,
  parseRawHeaders,
  readRecording,
  redactCookieHeader,
  redactDeep,
  redactSetCookie,
  redactText,
} from '../../../src/doctor/input/index.js';
import { APP, chromeHar } from './fixtures.js';

const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
const fieldValue = fc.stringMatching(/^[!-~]([ -~]{0,30}[!-~])?$/);
const host = fc.constantFrom('api.example.com', 'api.example.net:3443', 'localhost:3000');
const path = fc.stringMatching(/^\/[a-z0-9/_-]{0,20}$/);
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH');
const headerList = fc.array(
  fc.tuple(token, fieldValue).filter(([name]) => !/^(host|http)/i.test(name)),
  { maxLength: 6 },
);
const status = fc.integer({ min: 100, max: 599 });

const request = fc.record({
  method,
  host,
  path,
  headers: headerList,
  status,
  response: headerList,
});
type Req = typeof request extends fc.Arbitrary<infer T> ? T : never;

/** The three ways people paste a request and its response. */
const STYLES = {
  http1: (r: Req) =>
    [
      `${r.method} https://${r.host}${r.path} HTTP/1.1`,
      ...r.headers.map(([n, v]) => `${n}: ${v}`),
      '',
      `HTTP/1.1 ${r.status} Whatever`,
      ...r.response.map(([n, v]) => `${n}: ${v}`),
      '',
    ].join('\n'),
  curl: (r: Req) =>
    [
      '* SSL connection using TLSv1.3',
      `> ${r.method} ${r.path} HTTP/2`,
      `> Host: ${r.host}`,
      ...r.headers.map(([n, v]) => `> ${n}: ${v}`),
      '>',
      `< HTTP/2 ${r.status}`,
      ...r.response.map(([n, v]) => `< ${n}: ${v}`),
      '<',
    ].join('\r\n'),
  h2: (r: Req) =>
    [
      `:method: ${r.method}`,
      `:authority: ${r.host}`,
      ':scheme: https',
      `:path: ${r.path}`,
      ...r.headers.map(([n, v]) => `${n}: ${v}`),
      '',
      `:status: ${r.status}`,
      ...r.response.map(([n, v]) => `${n}: ${v}`),
    ].join('\n'),
};

describe('properties of the readers', () => {
  it('raw headers round-trip in each pasting style', () => {
    fc.assert(
      fc.property(
        fc.array(request, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('http1', 'curl', 'h2'),
        (reqs, style) => {
          const text = reqs.map(STYLES[style as keyof typeof STYLES]).join('\n');
          const { entries } = parseRawHeaders(text);
          expect(entries.map((e) => [e.method, e.url, e.status, e.responseHeaders])).toEqual(
            reqs.map((r) => [
              r.method,
              new URL(`https://${r.host}${r.path}`).href,
              r.status,
              r.response,
            ]),
          );
          for (const [i, e] of entries.entries()) {
            const written = reqs[i]?.headers ?? [];
            // curl's Host line is a header like any other.
            expect(e.requestHeaders.filter(([n]) => n !== 'Host')).toEqual(written);
          }
        },
      ),
    );
  });

  it('HAR entries round-trip (method, URL, status, headers, order)', () => {
    fc.assert(
      fc.property(fc.array(request, { maxLength: 5 }), (reqs) => {
        const text = chromeHar(
          reqs.map((r, i) => ({
            method: r.method,
            url: `https://${r.host}${r.path}`,
            at: i * 10,
            request: r.headers,
            status: r.status,
            response: r.response,
          })),
        );
        const { entries } = parseHar(JSON.parse(text));
        expect(
          entries.map((e) => [e.method, e.url, e.status, e.requestHeaders, e.responseHeaders]),
        ).toEqual(
          reqs.map((r) => [
            r.method,
            `https://${r.host}${r.path}`,
            r.status,
            r.headers,
            r.response,
          ]),
        );
      }),
    );
  });

  it('readRecording never throws, on any text or any JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ log: { entries: [v] } })),
        ),
        (text) => {
          const result = readRecording(text);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
    );
  });

  it('the steps are exactly the answered cross-origin fetches, in time order', () => {
    const fetchSpec = fc.record({
      crossOrigin: fc.boolean(),
      at: fc.integer({ min: 0, max: 100_000 }),
      status: fc.constantFrom(0, 200, 401),
      type: fc.constantFrom('Fetch', 'XHR', 'Image', 'Script'),
    });
    fc.assert(
      fc.property(fc.array(fetchSpec, { maxLength: 8 }), (specs) => {
        const text = chromeHar(
          specs.map((s, i) => ({
            url: `${s.crossOrigin ? 'https://api.example.net' : APP}/r${i}`,
            at: s.at,
            status: s.status,
            type: s.type,
            request: [['origin', APP]],
          })),
        );
        const result = readRecording(text);
        if (!result.ok) throw new Error('unreadable');
        const expected = specs
          .map((s, i) => ({ ...s, i }))
          .filter((s) => s.crossOrigin && (s.type === 'Fetch' || s.type === 'XHR') && s.status > 0)
          .sort((a, b) => a.at - b.at || a.i - b.i)
          .map((s) => `https://api.example.net/r${s.i}`);
        expect(result.recording.exchange.steps.map((s) => s.request.url)).toEqual(expected);
        for (const step of result.recording.exchange.steps)
          expect(new URL(step.request.url).origin).not.toBe(APP);
      }),
    );
  });

  it('redaction lets no cookie value, token or JWT through, and is idempotent', () => {
    const value = fc.stringMatching(/^[A-Za-z0-9]{12,24}$/);
    const name = fc.stringMatching(/^[a-z]{1,6}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 4 }), (pairs) => {
        const header = pairs.map(([n, v]) => `${n}=${v}`).join('; ');
        const redacted = redactCookieHeader(header);
        for (const [n, v] of pairs) {
          expect(redacted).not.toContain(v);
          expect(redacted).toContain(`${n}=`);
        }
        expect(redactCookieHeader(redacted)).toBe(redacted);
        const [first] = pairs;
        if (first)
          expect(redactSetCookie(`${first[0]}=${first[1]}; Path=/`)).not.toContain(first[1]);
        const jwt = `eyJ${btoa(JSON.stringify({ v: first?.[1] })).replace(/=+$/, '')}.eyJ${first?.[1]}.${first?.[1]}`;
        const report = { message: `got ${jwt} from`, requestHeaders: [['Cookie', header]] };
        const deep = JSON.stringify(redactDeep(report));
        for (const [, v] of pairs) expect(deep).not.toContain(v);
        expect(redactText(redactText(report.message))).toBe(redactText(report.message));
      }),
    );
  });
});
