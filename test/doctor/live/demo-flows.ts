/**
 * The flows the doctor runs against the reference demo, one per real-browser scenario of
 * `test/browsers/demo-*.test.ts` (same requests as the demo page sends), and the
 * outcome classes those tests observed.
 */
import type { MistakeName } from '../../../src/demo/mistakes.js';
import type { RunningDemo } from '../../../src/demo/start.js';
import type { LivePlan, LiveStep } from '../../../src/doctor/live/index.js';
import type { ReportBrowser } from '../../../src/doctor/report/index.js';

/** What a person sees, as `demo-mistakes.test.ts` classifies it. */
export type Outcome = 'response-unreadable' | 'cookie-not-stored' | 'cookie-not-sent' | 'works';

const JSON_HEADERS: readonly (readonly [string, string])[] = [['content-type', 'application/json']];

/** The names the API gives its session and refresh cookies (a mistake may rename them). */
export interface CookieNames {
  readonly session: string;
  readonly refresh: string;
}

function login(demo: RunningDemo): LiveStep {
  return {
    label: 'login',
    url: `${demo.apiUrl}/auth/login`,
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ username: 'alice', password: demo.password }),
  };
}

function me(demo: RunningDemo, names: CookieNames): LiveStep {
  return { label: 'me', url: `${demo.apiUrl}/me`, expect: { cookies: [names.session] } };
}

/** The session of `demo-topologies.test.ts`: sign in, who am I, write, read, refresh, sign out. */
export function sessionFlow(demo: RunningDemo, names: CookieNames): LivePlan {
  return {
    page: demo.appUrl,
    steps: [
      login(demo),
      me(demo, names),
      {
        label: 'add note',
        url: `${demo.apiUrl}/notes`,
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ text: 'from the doctor' }),
        expect: { cookies: [names.session] },
      },
      { label: 'notes', url: `${demo.apiUrl}/notes`, expect: { cookies: [names.session] } },
      {
        label: 'refresh',
        url: `${demo.apiUrl}/auth/refresh`,
        method: 'POST',
        headers: JSON_HEADERS,
        body: '{}',
        expect: { cookies: [names.refresh] },
      },
      {
        label: 'logout',
        url: `${demo.apiUrl}/auth/logout`,
        method: 'POST',
        headers: JSON_HEADERS,
        body: '{}',
      },
    ],
  };
}

/** The flow that shows `mistake`, as `demo-mistakes.test.ts` runs it. */
export function mistakeFlow(demo: RunningDemo, mistake: MistakeName, names: CookieNames): LivePlan {
  const page = demo.appUrl;
  switch (mistake) {
    case 'cookie-domain-api-host':
      // The app's own server needs the session: a same-origin fetch from the page.
      return {
        page,
        steps: [
          login(demo),
          me(demo, names),
          {
            label: 'app server',
            url: `${new URL(demo.appUrl).origin}/session`,
            credentials: 'same-origin',
            expect: { cookies: [names.session] },
          },
        ],
      };
    case 'auth-before-preflight':
      return {
        page,
        steps: [
          login(demo),
          me(demo, names),
          {
            label: 'add note',
            url: `${demo.apiUrl}/notes`,
            method: 'POST',
            headers: JSON_HEADERS,
            body: JSON.stringify({ text: 'never written' }),
          },
        ],
      };
    case 'no-vary':
      // The API opened in a tab (a navigation, no Origin), then the app fetches it.
      return {
        page,
        steps: [
          { label: 'tab', url: `${demo.apiUrl}/about`, mode: 'navigate', page: `${demo.apiUrl}/` },
          { label: 'about', url: `${demo.apiUrl}/about` },
        ],
      };
    default:
      return { page, steps: [login(demo), me(demo, names)] };
  }
}

/** The doctor's verdict for one browser, in the real-browser tests' outcome classes. */
export function classify(browser: ReportBrowser): Outcome {
  const failed = browser.steps.find((s) => !s.ok);
  if (failed === undefined) return 'works';
  if (failed.verdict === 'preflight' || failed.verdict === 'cors-check')
    return 'response-unreadable';
  if (failed.verdict === 'set-cookie') return 'cookie-not-stored';
  return 'cookie-not-sent';
}
