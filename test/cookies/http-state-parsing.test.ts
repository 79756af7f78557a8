/**
 * The parsing side of the 222 http-state cases: whatever a case expects the user agent to
 * send must come out of parsing its `received` lines. Storage and retrieval (§5.7, §5.8)
 * belong to the browser model, which runs the full cases.
 */
import { describe, expect, it } from 'vitest';
import { parseSetCookie } from '../../src/cookies/parse-set-cookie.js';
import { parserCases } from './http-state-data.js';

const cases = parserCases();
const NOW = new Date('2026-01-01T00:00:00Z');

function unexplained(testCase: (typeof cases)[number]) {
  const parsed = testCase.received.map((line) => parseSetCookie(line, { now: NOW }));
  return testCase.sent.filter(
    (sent) =>
      !parsed.some((c) => c !== undefined && c.name === sent.name && c.value === sent.value),
  );
}

describe('http-state parser.json, parsing side', () => {
  it('has the 222 cases', () => {
    expect(cases).toHaveLength(222);
  });

  const enabled = cases.filter((c) => !c.test.startsWith('DISABLED_'));
  it(`every cookie sent in the ${enabled.length} enabled cases is parsed from a received line`, () => {
    const failures = enabled
      .map((c) => ({ test: c.test, missing: unexplained(c) }))
      .filter((f) => f.missing.length > 0);
    expect(failures).toEqual([]);
  });

  it('DISABLED cases: only the NUL/CR truncation ones disagree with the draft', () => {
    const disabled = cases.filter((c) => c.test.startsWith('DISABLED_'));
    const disagreeing = disabled.filter((c) => unexplained(c).length > 0).map((c) => c.test);
    // RFC 6265bis §5.6 step 1 ignores a line holding NUL or CR; these cases expect the
    // line truncated there, as Chromium did for document.cookie.
    expect(disagreeing).toEqual(['DISABLED_CHROMIUM0022', 'DISABLED_CHROMIUM0023']);
  });

  it('case 0004: "foo" is a nameless cookie under RFC 6265bis (ignored under RFC 6265)', () => {
    const foo = cases.find((c) => c.test === '0004');
    expect(foo?.received).toEqual(['foo']);
    expect(parseSetCookie('foo')).toMatchObject({ name: '', value: 'foo' });
  });
});
