/**
 * The classic mistakes of hand-built credentialed CORS setups (shared/background), as
 * data: `corset demo --misconfigure <name>` serves the API with one of them on purpose,
 * bypassing corset's validation (see `mistake-layer.ts`), so the failure can be watched
 * in a real browser.
 */
import type { DemoTopologyName } from './topologies.js';

/** Name of a mistake (`--misconfigure`). */
export type MistakeName =
  | 'wildcard-origin'
  | 'no-allow-credentials'
  | 'samesite-lax-cross-site'
  | 'none-without-secure'
  | 'cookie-domain-api-host'
  | 'auth-before-preflight'
  | 'missing-allow-headers'
  | 'no-vary';

/** What a browser does about a mistake. */
export type MistakeFailure =
  /** The page cannot read the answer (fetch rejects with a `TypeError`). */
  | 'response-unreadable'
  /** The answer is readable but the browser drops its `Set-Cookie`. */
  | 'cookie-not-stored'
  /** The cookie is stored but not sent where it is needed. */
  | 'cookie-not-sent';

/** One mistake. */
export interface Mistake {
  readonly name: MistakeName;
  /** One line for `--list-mistakes`. */
  readonly summary: string;
  /** Topologies where the mistake means something; the first is the default. */
  readonly topologies: readonly DemoTopologyName[];
  readonly failure: MistakeFailure;
  /** What the browser does, and where to look. */
  readonly symptom: string;
  /** What corset does instead. */
  readonly fix: string;
}

/** Every mistake, in `--list-mistakes` order. */
export const MISTAKES: readonly Mistake[] = [
  {
    name: 'wildcard-origin',
    summary: 'Access-Control-Allow-Origin: * together with Access-Control-Allow-Credentials: true',
    topologies: ['ports', 'subdomains', 'cross-site'],
    failure: 'response-unreadable',
    // Fetch §4.9 CORS check: with credentials, `*` is not a match.
    symptom:
      'every credentialed request fails the CORS check (the login preflight first): fetch rejects with a TypeError.',
    fix: 'corset always answers the exact request origin when credentials are on.',
  },
  {
    name: 'no-allow-credentials',
    summary: 'exact Access-Control-Allow-Origin but no Access-Control-Allow-Credentials: true',
    topologies: ['ports', 'subdomains', 'cross-site'],
    failure: 'response-unreadable',
    // Fetch §4.9 CORS check: credentials mode "include" needs `ACAC: true`, preflights too.
    symptom:
      'the preflight and every credentialed answer fail the CORS check: fetch rejects with a TypeError.',
    fix: 'corset sends Access-Control-Allow-Credentials: true on preflights and answers.',
  },
  {
    name: 'samesite-lax-cross-site',
    summary: 'session cookie SameSite=Lax although the app is on another site',
    topologies: ['cross-site'],
    failure: 'cookie-not-stored',
    // RFC 6265bis §5.7 (storage model): a cross-site response may not set a Lax/Strict cookie.
    symptom:
      'the login answer is readable but its cookie is dropped: the next request carries no session (401).',
    fix: 'corset derives SameSite=None; Secure; Partitioned cross-site, and falls back to Bearer.',
  },
  {
    name: 'none-without-secure',
    summary: 'session cookie SameSite=None without Secure',
    topologies: ['ports', 'cross-site'],
    failure: 'cookie-not-stored',
    // RFC 6265bis §5.7 (storage model): SameSite=None requires Secure (Chrome 80, Firefox 131).
    symptom:
      'browsers that require Secure with SameSite=None drop the cookie: the next request gets 401.',
    fix: 'corset never emits SameSite=None without Secure; on plain http it uses Lax.',
  },
  {
    name: 'cookie-domain-api-host',
    summary: 'cookie Domain=api.example.com while the app server needs the session too',
    topologies: ['subdomains'],
    failure: 'cookie-not-sent',
    // RFC 6265bis §5.1.3 (domain-match): app.example.com does not match api.example.com.
    symptom:
      'the API works, but the app server (app.example.com/session) never receives the cookie.',
    fix: 'corset shares a cookie with siblings through Domain=example.com, checked against the PSL.',
  },
  {
    name: 'auth-before-preflight',
    summary: 'the auth check runs before CORS: preflights of protected routes get 401',
    topologies: ['ports', 'subdomains', 'cross-site'],
    failure: 'response-unreadable',
    // Fetch §4.8: a preflight needs an ok status (2xx); preflights carry no credentials.
    symptom:
      'simple GETs work, but every write (JSON POST, DELETE) fails its preflight: TypeError, nothing written.',
    fix: 'corset answers preflights itself; they never reach the auth or the application.',
  },
  {
    name: 'missing-allow-headers',
    summary: 'the preflight answer does not allow the content-type request header',
    topologies: ['ports', 'subdomains', 'cross-site'],
    failure: 'response-unreadable',
    // Fetch §4.8 step 7: each non-safelisted request header must be allowed.
    symptom:
      'every JSON POST (the login first) fails its preflight: fetch rejects with a TypeError.',
    fix: 'corset always allows content-type on a session API (every endpoint takes JSON).',
  },
  {
    name: 'no-vary',
    summary: 'answers that depend on Origin are cacheable without Vary: Origin',
    // Cross-site, the browser's cache is partitioned by top-level site (Fetch §2.4
    // network partition keys): the API opened in a tab and the app never share an entry.
    topologies: ['ports', 'subdomains'],
    failure: 'response-unreadable',
    // RFC 9111 §4.1: without Vary, a cached answer is reused whatever the Origin was.
    symptom:
      'GET /about opened in a tab (no Origin) is cached, then replayed to the app without Access-Control-Allow-Origin: TypeError.',
    fix: 'corset adds Vary: Origin to every answer the CORS policy shapes.',
  },
];

/** The mistake called `name`, or undefined. */
export function findMistake(name: string): Mistake | undefined {
  return MISTAKES.find((m) => m.name === name);
}

/** `--list-mistakes`: one line each. */
export function listMistakes(): string {
  const width = Math.max(...MISTAKES.map((m) => m.name.length));
  return `${MISTAKES.map((m) => `${m.name.padEnd(width)}  ${m.summary}`).join('\n')}\n`;
}
