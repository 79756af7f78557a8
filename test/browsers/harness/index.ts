/**
 * Real-browser harness: one interface over Debian's Chromium, Firefox ESR and WebKitGTK.
 *
 * ```ts
 * const engine = await launchEngine('firefox', { hostMap: ['app.example.com'], caCertPath });
 * const page = await engine.newPage();
 * await page.goto('https://app.example.com:8443/');
 * const status = await page.evaluate<number>('async (url) => (await fetch(url)).status', url);
 * await page.close();
 * await engine.close();
 * ```
 * Launch once per test file and profile (`beforeAll`), a page per scenario.
 */
import { launchChromium } from './chromium.js';
import { launchFirefox } from './firefox.js';
import type { Engine, EngineName, LaunchOptions } from './types.js';
import { launchWebkit } from './webkit.js';

export type { HostMapProxy } from './proxy.js';
export { startHostMapProxy } from './proxy.js';
export type {
  CookiePolicy,
  Engine,
  EngineName,
  LaunchOptions,
  Page,
  PageIsolation,
  ThirdPartyCookies,
} from './types.js';

/** The three engines, in the order tests iterate them. */
export const ENGINES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

/** Starts `name` with the given profile; see {@link LaunchOptions}. */
export function launchEngine(name: EngineName, options: LaunchOptions = {}): Promise<Engine> {
  switch (name) {
    case 'chromium':
      return launchChromium(options);
    case 'firefox':
      return launchFirefox(options);
    case 'webkit':
      return launchWebkit(options);
  }
}
