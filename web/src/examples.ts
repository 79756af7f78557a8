/**
 * Examples for the form: a working credentialed setup and the classic mistakes of
 * `corset demo --misconfigure` (`src/demo/mistakes.ts`), with the headers such a server
 * sends, so a person can see what the checker says before pasting their own.
 */
import type { CheckerForm, StepForm } from './form-exchange.js';

/** One example: its name in the list, and the form it fills. */
export interface Example {
  readonly name: string;
  readonly title: string;
  readonly form: CheckerForm;
}

const BLANK: StepForm = {
  label: '',
  method: 'GET',
  url: '',
  credentials: 'include',
  mode: 'cors',
  requestHeaders: '',
  preflightStatus: '',
  preflightHeaders: '',
  actualStatus: '',
  actualHeaders: '',
  expectCookies: '',
  expectHeaders: '',
};

const lines = (...l: string[]) => l.join('\n');

/** How a mistaken server changes the correct answers. */
interface Mistake {
  /** The `Access-Control-Allow-Origin` it sends (default: the page's origin). */
  readonly acao?: string;
  /** Header names it leaves out of every answer. */
  readonly drops?: readonly string[];
}

function answer(lines: readonly string[], mistake: Mistake): string {
  const drops = (mistake.drops ?? []).map((d) => d.toLowerCase());
  return lines.filter((l) => !drops.includes(l.slice(0, l.indexOf(':')).toLowerCase())).join('\n');
}

/** A login that sets `cookie`, then `/me`, which needs it; answers shaped by `mistake`. */
function loginThenMe(page: string, api: string, cookie: string, mistake: Mistake = {}): StepForm[] {
  const cors = [
    `Access-Control-Allow-Origin: ${mistake.acao ?? page}`,
    'Access-Control-Allow-Credentials: true',
    'Vary: Origin',
  ];
  return [
    {
      ...BLANK,
      label: 'login',
      method: 'POST',
      url: `${api}/auth/login`,
      requestHeaders: 'Content-Type: application/json',
      preflightStatus: '204',
      preflightHeaders: answer(
        [
          ...cors,
          'Access-Control-Allow-Methods: GET, POST, DELETE',
          'Access-Control-Allow-Headers: content-type',
          'Access-Control-Max-Age: 600',
        ],
        mistake,
      ),
      actualStatus: '200',
      actualHeaders: answer([...cors, 'Cache-Control: no-store', `Set-Cookie: ${cookie}`], mistake),
    },
    {
      ...BLANK,
      label: 'me',
      url: `${api}/me`,
      actualStatus: '200',
      actualHeaders: answer([...cors, 'Cache-Control: no-store'], mistake),
      expectCookies: cookie.slice(0, cookie.indexOf('=')),
    },
  ];
}

const LOCAL_APP = 'http://localhost:8080';
const LOCAL_API = 'http://localhost:3000';
const APP = 'https://app.example.com';
const SIBLING_API = 'https://api.example.com';
const OTHER_SITE_API = 'https://api.example.net';

/** The examples, in the list's order. */
export const EXAMPLES: readonly Example[] = [
  {
    name: 'working-cross-site',
    title: 'Working: another site, partitioned SameSite=None cookie',
    form: {
      page: APP,
      steps: loginThenMe(
        APP,
        OTHER_SITE_API,
        'sid=eyJ…; Path=/; Secure; HttpOnly; SameSite=None; Partitioned',
      ),
    },
  },
  {
    name: 'wildcard-origin',
    title: 'Mistake: Access-Control-Allow-Origin: * with credentials',
    form: {
      page: LOCAL_APP,
      steps: loginThenMe(LOCAL_APP, LOCAL_API, 'sid=eyJ…; Path=/; HttpOnly; SameSite=Lax', {
        acao: '*',
      }),
    },
  },
  {
    name: 'no-allow-credentials',
    title: 'Mistake: no Access-Control-Allow-Credentials: true',
    form: {
      page: LOCAL_APP,
      steps: loginThenMe(LOCAL_APP, LOCAL_API, 'sid=eyJ…; Path=/; HttpOnly; SameSite=Lax', {
        drops: ['Access-Control-Allow-Credentials'],
      }),
    },
  },
  {
    name: 'missing-allow-headers',
    title: 'Mistake: the preflight does not allow content-type',
    form: {
      page: LOCAL_APP,
      steps: loginThenMe(LOCAL_APP, LOCAL_API, 'sid=eyJ…; Path=/; HttpOnly; SameSite=Lax', {
        drops: ['Access-Control-Allow-Headers'],
      }),
    },
  },
  {
    name: 'samesite-lax-cross-site',
    title: 'Mistake: SameSite=Lax cookie from another site',
    form: {
      page: APP,
      steps: loginThenMe(APP, OTHER_SITE_API, 'sid=eyJ…; Path=/; Secure; HttpOnly; SameSite=Lax'),
    },
  },
  {
    name: 'none-without-secure',
    title: 'Mistake: SameSite=None without Secure',
    form: {
      page: LOCAL_APP,
      steps: loginThenMe(LOCAL_APP, LOCAL_API, 'sid=eyJ…; Path=/; HttpOnly; SameSite=None'),
    },
  },
  {
    name: 'cookie-domain-api-host',
    title: 'Mistake: Domain=api.example.com while the app server needs the cookie',
    form: {
      page: APP,
      steps: [
        ...loginThenMe(
          APP,
          SIBLING_API,
          'sid=eyJ…; Path=/; Secure; HttpOnly; SameSite=Lax; Domain=api.example.com',
        ).slice(0, 1),
        {
          ...BLANK,
          label: 'session',
          url: '/session',
          credentials: 'same-origin',
          actualStatus: '200',
          expectCookies: 'sid',
        },
      ],
    },
  },
  {
    name: 'auth-before-preflight',
    title: 'Mistake: the auth check answers preflights with 401',
    form: {
      page: LOCAL_APP,
      steps: [
        {
          ...BLANK,
          label: 'add-note',
          method: 'POST',
          url: `${LOCAL_API}/notes`,
          requestHeaders: 'Content-Type: application/json',
          preflightStatus: '401',
          preflightHeaders: lines('Content-Type: application/json', 'WWW-Authenticate: Bearer'),
        },
      ],
    },
  },
  {
    name: 'no-vary',
    title: 'Mistake: a cacheable answer without Vary: Origin, replayed from the cache',
    form: {
      page: LOCAL_APP,
      steps: [
        {
          ...BLANK,
          label: 'about',
          url: `${LOCAL_API}/about`,
          actualStatus: '200',
          actualHeaders: lines(
            'Content-Type: application/json',
            'Cache-Control: private, max-age=60',
          ),
        },
      ],
    },
  },
];
