/**
 * The one interface the real-browser tests use for Chromium, Firefox ESR and WebKitGTK,
 * whatever driver sits underneath (playwright-core over CDP, puppeteer-core over WebDriver
 * BiDi, classic WebDriver over HTTP). See docs in `./index.ts`.
 */

/** The three engines installed from Debian (see shared/docs/real-browsers.md). */
export type EngineName = 'chromium' | 'firefox' | 'webkit';

/**
 * Third-party cookie policy of the profile:
 * - `default`: what the engine does out of the box here (Chromium 156 blocks them,
 *   Firefox partitions them by top-level site, WebKitGTK blocks them);
 * - `allow`: a user who allows them (Chromium `cookie_controls_mode: 0`, Firefox
 *   `cookieBehavior: 0`, WebKitGTK `--cookies-policy=always`).
 */
export type ThirdPartyCookies = 'default' | 'allow';

/**
 * {@link ThirdPartyCookies} or `block`: a user who blocks them (Firefox
 * `cookieBehavior: 1`, WebKitGTK `--cookies-policy=no-third-party`; Chromium's default
 * here already blocks them, so `block` launches it as `default`).
 */
export type CookiePolicy = ThirdPartyCookies | 'block';

/** Options of `launchEngine`. */
export interface LaunchOptions {
  /**
   * Exact host names the browser resolves to 127.0.0.1 (ports unchanged). `127.0.0.1`
   * and `localhost` always work. Use names under a real public suffix
   * (`app.example.com`, `api.example.net`), not `.test`: see real-browsers.md pitfalls.
   */
  readonly hostMap?: readonly string[];
  /** Default `default`. */
  readonly thirdPartyCookies?: CookiePolicy;
  /**
   * The local CA (`src/demo/certs.ts`). Chromium trusts it through
   * `--ignore-certificate-errors-spki-list`, which matches only certificates the server
   * PRESENTS: serve the leaf followed by the CA (`chainPem` of `ensureDemoCertificates`;
   * `servers.ts` does it). Firefox and WebKitGTK
   * get `acceptInsecureCerts` in every case (they have no per-run trust-anchor knob here).
   */
  readonly caCertPath?: string;
  /** Abort the launch after this long (default 60 s). */
  readonly launchTimeoutMs?: number;
  /** Timeout of each `goto`, `evaluate` and `screenshot` (default 30 s). */
  readonly actionTimeoutMs?: number;
}

/**
 * What `Engine.newPage()` guarantees about state left by earlier pages:
 * - `new-context`: a new browser context (own cookie jar, HTTP and preflight caches);
 * - `new-session`: a new browser process with an ephemeral data store;
 * - `cleared-profile`: the same persistent profile with cookies and HTTP cache cleared
 *   (Chromium with third-party cookies allowed: incognito contexts always block them).
 *   The CORS preflight cache is NOT cleared: give each scenario its own URL path.
 */
export type PageIsolation = 'new-context' | 'new-session' | 'cleared-profile';

/** One running browser engine with one profile. */
export interface Engine {
  readonly name: EngineName;
  /** Browser version as the driver reports it, e.g. `156.0.8078.108`, `153.8.0`, `2.50.6`. */
  readonly version: string;
  readonly thirdPartyCookies: CookiePolicy;
  readonly isolation: PageIsolation;
  /** Wall-clock time the launch took, in ms. */
  readonly launchMs: number;
  /** A page with a fresh cookie jar (see {@link PageIsolation}); close it when done. */
  newPage(): Promise<Page>;
  /** Closes every page and the browser; kills the process tree if it does not exit. Idempotent. */
  close(): Promise<void>;
}

/** One tab. */
export interface Page {
  /**
   * Navigates and waits for the `load` event. Chromium and Firefox reject on network or
   * TLS errors; WebKitGTK's WebDriver resolves with an error page instead: assert on
   * what the server recorded or on the page's content, not on `goto` alone.
   */
  goto(url: string): Promise<void>;
  /** The current top-level URL. */
  url(): Promise<string>;
  /**
   * Runs `fnSource` (the source text of a function, usually `async (arg) => {...}`) in
   * the page with `arg` (JSON) and resolves to its JSON-serialised result, the same way
   * in every engine. A throw in the page rejects with the page's error message.
   */
  evaluate<T>(fnSource: string, arg?: unknown): Promise<T>;
  /** Writes a PNG of the viewport; creates the folder. */
  screenshot(path: string): Promise<void>;
  /** Idempotent. */
  close(): Promise<void>;
}
