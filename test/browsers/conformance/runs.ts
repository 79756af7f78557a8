/**
 * The engine configurations of the matrix and the model profile each is compared with
 * (issue 5): every engine's default, its third-party-cookies-allowed variant, and for
 * Firefox also the blocking setting that `firefox-strict` models.
 */
import type { BrowserProfile } from '../../../src/browser/index.js';
import { PROFILES } from '../../../src/browser/index.js';
import type { CookiePolicy, EngineName } from '../harness/index.js';

/** One engine in one configuration, and its model profile. */
export interface Run {
  /** Stable name used in known differences and the matrix. */
  readonly name: RunName;
  readonly engine: EngineName;
  readonly thirdPartyCookies: CookiePolicy;
  /** The engine setting, in words. */
  readonly setting: string;
  readonly model: BrowserProfile;
}

export type RunName =
  | 'chromium'
  | 'chromium-3p'
  | 'firefox'
  | 'firefox-strict'
  | 'firefox-3p'
  | 'webkitgtk'
  | 'webkitgtk-3p';

/**
 * Firefox accepting every cookie (`cookieBehavior` 0) has no built-in profile: the model
 * runs it as `firefox` with the third-party policy changed, as profiles are data.
 */
const FIREFOX_ALLOW: BrowserProfile = {
  ...PROFILES.firefox,
  name: 'firefox (thirdPartyCookies: allow)',
  title: 'Firefox accepting all cookies (cookieBehavior 0)',
  thirdPartyCookies: 'allow',
};

/** The runs, in matrix order. */
export const RUNS: readonly Run[] = [
  {
    name: 'chromium',
    engine: 'chromium',
    thirdPartyCookies: 'default',
    setting: 'default (third-party cookies blocked)',
    model: PROFILES['chrome-incognito'],
  },
  {
    name: 'chromium-3p',
    engine: 'chromium',
    thirdPartyCookies: 'allow',
    setting: 'cookie_controls_mode 0 (third-party cookies allowed)',
    model: PROFILES.chrome,
  },
  {
    name: 'firefox',
    engine: 'firefox',
    thirdPartyCookies: 'default',
    setting: 'default, cookieBehavior 5 (Total Cookie Protection)',
    model: PROFILES.firefox,
  },
  {
    name: 'firefox-strict',
    engine: 'firefox',
    thirdPartyCookies: 'block',
    setting: 'cookieBehavior 1 (third-party cookies blocked)',
    model: PROFILES['firefox-strict'],
  },
  {
    name: 'firefox-3p',
    engine: 'firefox',
    thirdPartyCookies: 'allow',
    setting: 'cookieBehavior 0 (all cookies accepted)',
    model: FIREFOX_ALLOW,
  },
  {
    name: 'webkitgtk',
    engine: 'webkit',
    thirdPartyCookies: 'default',
    setting: 'default, cookies-policy no-third-party',
    model: PROFILES.webkitgtk,
  },
  {
    name: 'webkitgtk-3p',
    engine: 'webkit',
    thirdPartyCookies: 'allow',
    setting: 'cookies-policy always',
    model: PROFILES['webkitgtk-3p'],
  },
];
