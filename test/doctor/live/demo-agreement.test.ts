/**
 * The headline test of the doctor: against the reference demo, in every topology and
 * with every `--misconfigure` mistake, the doctor's verdict per browser profile equals
 * what the real engines did in `test/browsers/demo-topologies.test.ts` and
 * `demo-mistakes.test.ts` (docs/demo.md, "Observed in real browsers"), and a mistake
 * the engines punish is named with the reason code that engine gives.
 *
 * Profiles compared: those configured as the engines were observed (Debian's Chromium
 * blocks third-party cookies: `chrome-incognito`; Firefox ESR with Total Cookie
 * Protection: `firefox`; WebKitGTK: `webkitgtk`). A mistake was observed in its default
 * topology; in its other topologies the expected outcome is derived from the two tables
 * (the topology's own failure for that engine comes first, else the mistake's), and the
 * figure says how many cells were observed and how many derived.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PROFILE_NAMES, type ProfileName } from '../../../src/browser/index.js';
import { MISTAKES, type MistakeName } from '../../../src/demo/mistakes.js';
import type { DemoTopologyName } from '../../../src/demo/topologies.js';
import { createHttpClient } from '../../../src/doctor/net/index.js';
import type { DoctorReport, ReportBrowser } from '../../../src/doctor/report/index.js';
import { classify, mistakeFlow, type Outcome, sessionFlow } from './demo-flows.js';
import { cookieNames, demoConnection, doctorReport, startTestDemo } from './demo-harness.js';

type EngineName = 'chromium' | 'firefox' | 'webkit';

/** The profile configured as each engine was observed. */
const PROFILE_OF: Readonly<Record<EngineName, ProfileName>> = {
  chromium: 'chrome-incognito',
  firefox: 'firefox',
  webkit: 'webkitgtk',
};
const ENGINES = Object.keys(PROFILE_OF) as EngineName[];

/** Expected: the outcome, and for a failure the first error's reason code. */
interface Expected {
  readonly outcome: Outcome;
  readonly code?: string;
  /** The label of the step that breaks, where it is not the first one. */
  readonly step?: string;
}

const works: Expected = { outcome: 'works' };
/** WebKitGTK blocks third-party cookies: the session cookie cross-site (observed: Bearer). */
const THIRD_PARTY_BLOCKED: Expected = {
  outcome: 'cookie-not-stored',
  code: 'ExcludeThirdPartyPhaseout',
};

/** docs/demo.md, engine × topology (demo-topologies.test.ts). */
const TOPOLOGY_OBSERVED: Readonly<Record<DemoTopologyName, Record<EngineName, Expected>>> = {
  ports: { chromium: works, firefox: works, webkit: works },
  subdomains: { chromium: works, firefox: works, webkit: works },
  'cross-site': { chromium: works, firefox: works, webkit: THIRD_PARTY_BLOCKED },
};

const all = (e: Expected): Record<EngineName, Expected> => ({
  chromium: e,
  firefox: e,
  webkit: e,
});

/**
 * docs/demo.md, mistake × engine (demo-mistakes.test.ts), with the code each engine's
 * console gives for it (Chromium runs the access check before the status check on a
 * preflight, Firefox and WebKit the status first: docs/browser-model.md).
 */
const MISTAKE_OBSERVED: Readonly<Record<MistakeName, Record<EngineName, Expected>>> = {
  'wildcard-origin': all({ outcome: 'response-unreadable', code: 'CORSNotSupportingCredentials' }),
  'no-allow-credentials': all({
    outcome: 'response-unreadable',
    code: 'CORSMissingAllowCredentials',
  }),
  'samesite-lax-cross-site': {
    chromium: { outcome: 'cookie-not-stored', code: 'ExcludeSameSiteLax' },
    firefox: { outcome: 'cookie-not-stored', code: 'ExcludeSameSiteLax' },
    // WebKitGTK drops any third-party cookie first (docs/demo.md).
    webkit: THIRD_PARTY_BLOCKED,
  },
  'none-without-secure': {
    chromium: { outcome: 'cookie-not-stored', code: 'ExcludeSameSiteNoneInsecure' },
    firefox: { outcome: 'cookie-not-stored', code: 'ExcludeSameSiteNoneInsecure' },
    webkit: works,
  },
  // The jar holds the cookie, but Domain=api.example.com does not cover the app's host.
  'cookie-domain-api-host': all({
    outcome: 'cookie-not-sent',
    code: 'ExcludeDomainMismatch',
    step: 'app server',
  }),
  'auth-before-preflight': {
    chromium: { outcome: 'response-unreadable', code: 'CORSMissingAllowOrigin', step: 'add note' },
    firefox: {
      outcome: 'response-unreadable',
      code: 'CORSPreflightDidNotSucceed',
      step: 'add note',
    },
    webkit: {
      outcome: 'response-unreadable',
      code: 'CORSPreflightDidNotSucceed',
      step: 'add note',
    },
  },
  'missing-allow-headers': all({
    outcome: 'response-unreadable',
    code: 'CORSMissingAllowHeaderFromPreflight',
  }),
  'no-vary': {
    chromium: { outcome: 'response-unreadable', code: 'CORSMissingAllowOrigin', step: 'about' },
    firefox: { outcome: 'response-unreadable', code: 'CORSMissingAllowOrigin', step: 'about' },
    webkit: works,
  },
};

/**
 * Mistakes that break the login's preflight, before any cookie is set (docs/demo.md: "the
 * login preflight first"): in a topology where the engine also refuses the cookie, the
 * preflight failure is what shows. The others break after the login's Set-Cookie.
 */
const BEFORE_LOGIN_COOKIE: ReadonlySet<MistakeName> = new Set([
  'wildcard-origin',
  'no-allow-credentials',
  'missing-allow-headers',
]);

/** One cell of the matrix. */
interface Cell {
  readonly topology: DemoTopologyName;
  readonly mistake?: MistakeName;
  /** Observed in a real browser, or derived from the two tables. */
  readonly basis: 'observed' | 'derived';
  readonly expected: Record<EngineName, Expected>;
}

function mistakeCells(): Cell[] {
  return MISTAKES.flatMap((m) =>
    m.topologies.map((topology, i): Cell => {
      const expected = {} as Record<EngineName, Expected>;
      for (const engine of ENGINES) {
        const own = TOPOLOGY_OBSERVED[topology][engine];
        expected[engine] =
          own.outcome === 'works' || BEFORE_LOGIN_COOKIE.has(m.name)
            ? MISTAKE_OBSERVED[m.name][engine]
            : own;
      }
      return { topology, mistake: m.name, basis: i === 0 ? 'observed' : 'derived', expected };
    }),
  );
}

const CELLS: readonly Cell[] = [
  ...(['ports', 'subdomains', 'cross-site'] as const).map(
    (topology): Cell => ({
      topology,
      basis: 'observed',
      expected: TOPOLOGY_OBSERVED[topology],
    }),
  ),
  ...mistakeCells(),
];

const tally = { observed: { agree: 0, total: 0 }, derived: { agree: 0, total: 0 } };

/**
 * The other profiles (configurations no real browser here was observed in), for the
 * record: where each differs from its engine's observed verdict. Printed, not asserted.
 */
const SIBLING_OF: Readonly<Partial<Record<ProfileName, EngineName>>> = {
  chrome: 'chromium',
  'firefox-strict': 'firefox',
  safari: 'webkit',
  'webkitgtk-3p': 'webkit',
};
const siblingDifferences = new Map<string, string[]>();
const disagreements: string[] = [];

function firstErrorCode(browser: ReportBrowser): string | undefined {
  return browser.steps.find((s) => !s.ok)?.reasons.find((r) => r.severity === 'error')?.code;
}

function failedStep(browser: ReportBrowser): string | undefined {
  return browser.steps.find((s) => !s.ok)?.label;
}

/** The doctor's verdict in the terms of {@link Expected}. */
function verdict(browser: ReportBrowser, expected: Expected): Expected {
  const code = firstErrorCode(browser);
  const step = failedStep(browser);
  return {
    outcome: classify(browser),
    ...(expected.code === undefined || code === undefined ? {} : { code }),
    ...(expected.step === undefined || step === undefined ? {} : { step }),
  };
}

afterAll(() => {
  const agree = tally.observed.agree + tally.derived.agree;
  const total = tally.observed.total + tally.derived.total;
  console.log(
    `doctor vs real browsers on the demo: ${agree}/${total} cells agree ` +
      `(${ENGINES.length} profiles × ${CELLS.length} topology/mistake cases; ` +
      `observed ${tally.observed.agree}/${tally.observed.total}, derived ${tally.derived.agree}/${tally.derived.total})`,
  );
  for (const d of disagreements) console.log(`  disagrees: ${d}`);
  for (const [profile, cells] of siblingDifferences)
    console.log(`  ${profile} (not observed) differs in ${cells.length}: ${cells.join('; ')}`);
});

describe('doctor vs the real browsers, on the reference demo', () => {
  it.each(
    CELLS.map((c) => [`${c.topology}${c.mistake === undefined ? '' : ` + ${c.mistake}`}`, c]),
  )('%s', async (_name, cell) => {
    const demo = await startTestDemo(cell.topology, cell.mistake);
    const client = createHttpClient(demoConnection(demo));
    let report: DoctorReport;
    try {
      const names = await cookieNames(demo, client);
      const plan =
        cell.mistake === undefined
          ? sessionFlow(demo, names)
          : mistakeFlow(demo, cell.mistake, names);
      report = await doctorReport(client, plan, PROFILE_NAMES);
    } finally {
      await client.close();
      await demo.stop();
    }
    const verdicts: unknown[] = [];
    const expectations: unknown[] = [];
    for (const engine of ENGINES) {
      const browser = report.browsers.find((b) => b.browser === PROFILE_OF[engine]);
      if (browser === undefined) throw new Error(`no verdict for ${PROFILE_OF[engine]}`);
      const expected = cell.expected[engine];
      const got = verdict(browser, expected);
      const ok = JSON.stringify(got) === JSON.stringify(expected);
      tally[cell.basis].total++;
      if (ok) tally[cell.basis].agree++;
      else
        disagreements.push(
          `${cell.topology} ${cell.mistake ?? '(correct)'} ${browser.browser}: doctor ${JSON.stringify(got)}, browsers ${JSON.stringify(expected)}`,
        );
      verdicts.push({ engine, ...got });
      expectations.push({ engine, ...expected });
    }
    for (const [profile, engine] of Object.entries(SIBLING_OF)) {
      const browser = report.browsers.find((b) => b.browser === profile);
      const expected = cell.expected[engine];
      if (browser === undefined) continue;
      const got = verdict(browser, expected);
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        const list = siblingDifferences.get(profile) ?? [];
        list.push(
          `${cell.topology}${cell.mistake === undefined ? '' : `+${cell.mistake}`} ${got.outcome}`,
        );
        siblingDifferences.set(profile, list);
      }
    }
    expect(verdicts).toEqual(expectations);
    // Cross-site, Chromium and Firefox keep the session in the app's partition (observed).
    if (cell.topology === 'cross-site' && cell.mistake === undefined) {
      for (const engine of ['chromium', 'firefox'] as const) {
        const login = report.browsers.find((b) => b.browser === PROFILE_OF[engine])?.steps[0];
        expect(login?.setCookies.every((c) => c.stored && c.partitioned)).toBe(true);
      }
    }
    // The cache replay is said, not only its consequence.
    if (cell.mistake === 'no-vary')
      expect(report.notes.map((n) => n.code)).toContain('ServedFromHttpCache');
  });

  it('no-vary control: the correct demo says Vary: Origin, nothing is replayed', async () => {
    const demo = await startTestDemo('ports');
    const client = createHttpClient(demoConnection(demo));
    try {
      const names = await cookieNames(demo, client);
      const report = await doctorReport(
        client,
        mistakeFlow(demo, 'no-vary', names),
        Object.values(PROFILE_OF),
      );
      expect(report.browsers.map((b) => [b.browser, b.ok])).toEqual(
        Object.values(PROFILE_OF).map((p) => [p, true]),
      );
      expect(report.notes).toEqual([]);
    } finally {
      await client.close();
      await demo.stop();
    }
  });
});
