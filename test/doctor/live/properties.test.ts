/**
 * Properties of the doctor's parsers and HTML: `--resolve`, `--timeout` and flow files
 * never throw whatever they are given, a valid `--resolve` entry round-trips, and no
 * text from a server reaches the HTML report unescaped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../src/cli/connection-options.js';
import { parseFlow } from '../../../src/doctor/live/flow-file.js';
import { parseResolve } from '../../../src/doctor/net/index.js';
import { buildReport, renderReportHtml } from '../../../src/doctor/report/index.js';

const hostLabel = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);

describe('parsers never throw', () => {
  it('parseResolve, parseDuration', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseResolve(text);
        expect(typeof parsed.ok).toBe('boolean');
        const ms = parseDuration(text);
        expect(ms === undefined || (Number.isInteger(ms) && ms >= 1)).toBe(true);
      }),
    );
  });

  it('parseFlow: a plan or a list of problems, for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = parseFlow(value, undefined);
        if (parsed.ok) expect(parsed.plan.steps.length).toBeGreaterThan(0);
        else expect(parsed.problems.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('--resolve round-trips', () => {
  it('host:port:IPv4 gives back the same entry, host lower-cased', () => {
    fc.assert(
      fc.property(
        fc.array(hostLabel, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 65535 }),
        fc.ipV4(),
        (labels, port, address) => {
          const host = labels.join('.');
          expect(parseResolve(`${host.toUpperCase()}:${port}:${address}`)).toEqual({
            ok: true,
            entry: { host, port, address },
          });
        },
      ),
    );
  });
});

describe('the HTML report escapes what it is given', () => {
  it('no markup from reasons, cookie names, URLs or notes', () => {
    const hostile = fc.string().map((s) => `<x>${s}"'&`);
    fc.assert(
      fc.property(hostile, hostile, hostile, (message, cookie, note) => {
        const reason = {
          code: 'C',
          severity: 'error' as const,
          message,
          fix: message,
          source: 's',
        };
        const report = buildReport({
          tool: 'check',
          result: {
            page: 'https://app.example.com/',
            browsers: [
              {
                browser: 'chrome',
                ok: false,
                steps: [
                  {
                    url: `https://api.example.com/${encodeURIComponent(message)}`,
                    finalUrl: 'https://api.example.com/',
                    method: 'GET',
                    ok: false,
                    verdict: 'set-cookie',
                    fetch: 'response',
                    preflight: { needed: false, sent: false, passed: true, headers: [] },
                    cookiesSent: [cookie],
                    setCookies: [
                      {
                        name: cookie,
                        stored: false,
                        partitioned: false,
                        deleted: false,
                        httpOnly: false,
                        reasons: [reason],
                      },
                    ],
                    readableHeaders: [],
                    reasons: [reason],
                  },
                ],
              },
            ],
          },
          notes: [{ code: 'N', severity: 'warning', message: note }],
        });
        const html = renderReportHtml(report);
        expect(html).not.toContain('<x>');
      }),
    );
  });
});
