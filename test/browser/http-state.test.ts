/**
 * The http-state suite (shared/testdata/http-state/parser.json, 222 cases; see its
 * README) through the browser model's cookie jar: every `received` line is stored from
 * a top-level navigation to `http://home.example.org:8888/cookie-parser?<test>`, then the
 * Cookie header of a top-level navigation to `sent-to` must list exactly `sent`, in order.
 *
 * `DISABLED_` cases (browsers and RFC 6265 disagree) are run and reported apart, never
 * counted as passing. Cases where RFC 6265bis and the browsers differ from the data's
 * RFC 6265 expectations are listed in KNOWN_DIFFERENCES with the reason.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { EMPTY_JAR, storeSetCookie } from '../../src/browser/cookie-jar.js';
import { retrieveCookies } from '../../src/browser/cookie-retrieve.js';
import { type BrowserProfile, PROFILES } from '../../src/browser/profiles.js';
import { parseSetCookie } from '../../src/cookies/parse-set-cookie.js';

interface ParserCase {
  readonly test: string;
  readonly received: readonly string[];
  readonly 'sent-to'?: string;
  readonly sent: readonly { readonly name: string; readonly value: string }[];
}

const cases = JSON.parse(
  readFileSync(new URL('../../../shared/testdata/http-state/parser.json', import.meta.url), 'utf8'),
) as ParserCase[];

const ORIGIN = 'http://home.example.org:8888';
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

/**
 * Cases whose RFC 6265 expectation RFC 6265bis and current browsers no longer meet
 * (docs/cookies.md "Known differences with the data").
 */
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {
  OPTIONAL_DOMAIN0042:
    'the last Domain is empty: RFC 6265bis §5.6.3 makes the cookie host-only, RFC 6265 ignored the empty Domain',
};

/**
 * The other known difference, as a rule: a line without `=`, or with an empty name
 * (`=x`, `foo`), is a nameless cookie under RFC 6265bis §5.6 step 3 (stored, sent as its
 * value, as Chrome and Firefox do), and ignored by RFC 6265. For such cases the model must
 * send exactly the expected cookies plus nameless ones.
 */
function storesNameless(testCase: ParserCase): boolean {
  return testCase.received.some((line) => parseSetCookie(line)?.name === '');
}

/** Runs one case in `profile`; returns the cookies sent as `name=value` strings. */
function run(testCase: ParserCase, profile: BrowserProfile): { name: string; value: string }[] {
  const setUrl = new URL(`/cookie-parser?${testCase.test}`, ORIGIN);
  let jar = EMPTY_JAR;
  for (const line of testCase.received) {
    jar = storeSetCookie(
      jar,
      line,
      { url: setUrl, topLevel: setUrl, sameSite: true, navigation: true, now: NOW },
      profile,
    ).jar;
  }
  const target = new URL(testCase['sent-to'] ?? `/cookie-parser-result?${testCase.test}`, ORIGIN);
  const { sent } = retrieveCookies(
    jar,
    {
      url: target,
      topLevel: target,
      sameSite: true,
      crossSiteRedirect: false,
      navigation: true,
      method: 'GET',
      now: NOW + 1000,
    },
    profile,
  );
  return sent.map((c) => ({ name: c.name, value: c.value }));
}

const expected = (testCase: ParserCase) => testCase.sent.map((c) => ({ ...c }));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const counts = { pass: 0, fail: 0, known: 0, nameless: 0, disabledPass: 0, disabledFail: 0 };

describe('http-state parser.json through the cookie jar', () => {
  it('has the 222 cases', () => {
    expect(cases).toHaveLength(222);
  });

  for (const profileName of ['chrome', 'firefox', 'webkitgtk'] as const) {
    const profile = PROFILES[profileName];
    describe(profileName, () => {
      const enabled = cases.filter((c) => !c.test.startsWith('DISABLED_'));
      const disabled = cases.filter((c) => c.test.startsWith('DISABLED_'));

      it.each(enabled.map((c) => [c.test, c] as const))('%s', (name, testCase) => {
        const got = run(testCase, profile);
        if (name in KNOWN_DIFFERENCES) {
          if (profileName === 'chrome') counts.known++;
          expect(got, KNOWN_DIFFERENCES[name]).not.toEqual(expected(testCase));
          return;
        }
        if (storesNameless(testCase) && !same(got, expected(testCase))) {
          if (profileName === 'chrome') counts.nameless++;
          expect(got.some((c) => c.name === '')).toBe(true);
          expect(
            got.filter((c) => c.name !== ''),
            'RFC 6265bis nameless cookie',
          ).toEqual(expected(testCase));
          return;
        }
        const ok = same(got, expected(testCase));
        if (profileName === 'chrome') counts[ok ? 'pass' : 'fail']++;
        expect(got).toEqual(expected(testCase));
      });

      it.skip.each(disabled.map((c) => [c.test] as const))(
        '%s (DISABLED: browsers and RFC 6265 disagree; reported, not counted)',
        () => {},
      );

      if (profileName === 'chrome') {
        it('reports the DISABLED cases apart', () => {
          for (const testCase of disabled) {
            const ok = same(run(testCase, profile), expected(testCase));
            counts[ok ? 'disabledPass' : 'disabledFail']++;
          }
          expect(counts.disabledPass + counts.disabledFail).toBe(disabled.length);
        });
      }
    });
  }

  afterAll(() => {
    console.log(
      `http-state (chrome profile): ${counts.pass} pass, ${counts.fail} fail, ` +
        `${counts.nameless} nameless-cookie differences, ${counts.known} other known differences, DISABLED ${counts.disabledPass + counts.disabledFail} ` +
        `(${counts.disabledPass} would pass, ${counts.disabledFail} would not)`,
    );
  });
});
