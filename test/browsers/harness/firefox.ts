/**
 * Debian's Firefox ESR through puppeteer-core (WebDriver BiDi); one browser context (a
 * Firefox user context, own cookie jar) per page.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Browser } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import { evaluationExpression, parseEvaluation } from './page-script.js';
import { guardGroup, withTimeout } from './processes.js';
import { startHostMapProxy } from './proxy.js';
import type { CookiePolicy, Engine, LaunchOptions, Page } from './types.js';

const EXECUTABLE = '/usr/bin/firefox-esr';

/** `network.cookie.cookieBehavior` per profile (nsICookieService.idl BEHAVIOR_*). */
const COOKIE_BEHAVIOR: Readonly<Record<CookiePolicy, number>> = {
  default: 5,
  allow: 0,
  block: 1,
};

/**
 * Preferences: host mapping and the cookie policy. `network.cookie.cookieBehavior` 5 is
 * Firefox's default (Total Cookie Protection: third-party cookies partitioned by top-level
 * site), 0 accepts all, 1 rejects every foreign cookie; the content-blocking category must be `custom` or Firefox
 * rewrites the value from the category (and puppeteer's profile makes `standard` mean 0).
 *
 * Everything that is not a test name goes to the refusing proxy at `refusingProxyPort`:
 * Firefox polls firefox.settings.services.mozilla.com on its own (the
 * `services.settings.server` pref puppeteer sets is ignored by release builds), and only
 * loopback traffic is allowed here. Test names bypass the proxy (`no_proxies_on`) and
 * resolve through `network.dns.localDomains`; 127.0.0.1 and localhost never use a proxy.
 */
export function firefoxPrefs(
  options: LaunchOptions,
  refusingProxyPort: number,
): Record<string, unknown> {
  const names = options.hostMap ?? [];
  return {
    'network.dns.localDomains': names.join(','),
    'network.cookie.cookieBehavior': COOKIE_BEHAVIOR[options.thirdPartyCookies ?? 'default'],
    'browser.contentblocking.category': 'custom',
    // HTTPS-First would retry an http:// navigation to a test name over https first.
    'dom.security.https_first': false,
    'dom.security.https_first_schemeless': false,
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': refusingProxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': refusingProxyPort,
    'network.proxy.no_proxies_on': names.join(','),
    'network.proxy.allow_hijacking_localhost': false,
    'network.dns.disablePrefetch': true,
  };
}

/** Launches Firefox ESR (about 3 s). */
export async function launchFirefox(options: LaunchOptions): Promise<Engine> {
  const started = Date.now();
  const launchTimeoutMs = options.launchTimeoutMs ?? 60_000;
  const actionTimeoutMs = options.actionTimeoutMs ?? 30_000;
  // Forwards nothing but loopback names, which Firefox never sends to a proxy anyway.
  const refusingProxy = await startHostMapProxy({ hosts: [] });
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: EXECUTABLE,
      headless: true,
      acceptInsecureCerts: true,
      extraPrefsFirefox: firefoxPrefs(options, refusingProxy.port),
      timeout: launchTimeoutMs,
      protocolTimeout: actionTimeoutMs,
    });
  } catch (error) {
    await refusingProxy.close();
    throw error;
  }
  // puppeteer starts Firefox as a process-group leader and kills it from `exit` and signal
  // handlers, which a SIGKILLed test process never runs: guard the group as well.
  const pid = browser.process()?.pid;
  const disarm = pid === undefined ? () => undefined : guardGroup(pid);
  let version: string;
  try {
    version = (await browser.version()).replace(/^[^/]*\//, '');
  } catch (error) {
    await browser.close().catch(() => undefined);
    disarm();
    await refusingProxy.close();
    throw error;
  }
  let closed = false;
  return {
    name: 'firefox',
    version,
    thirdPartyCookies: options.thirdPartyCookies ?? 'default',
    isolation: 'new-context',
    launchMs: Date.now() - started,
    async newPage(): Promise<Page> {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      let pageClosed = false;
      return {
        async goto(url) {
          await page.goto(url, { waitUntil: 'load', timeout: actionTimeoutMs });
        },
        async url() {
          return page.url();
        },
        async evaluate<T>(fnSource: string, arg?: unknown) {
          const json = await withTimeout(
            page.evaluate(evaluationExpression(fnSource, arg)),
            actionTimeoutMs,
            'firefox evaluate',
          );
          return parseEvaluation<T>(json);
        },
        async screenshot(path) {
          await mkdir(dirname(path), { recursive: true });
          await withTimeout(
            page.screenshot({ path: path as `${string}.png` }),
            actionTimeoutMs,
            'firefox screenshot',
          );
        },
        async close() {
          if (pageClosed) return;
          pageClosed = true;
          await withTimeout(context.close(), actionTimeoutMs, 'firefox page close');
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await withTimeout(browser.close(), 10_000, 'firefox close');
      } catch (error) {
        if (pid !== undefined) {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
        throw error;
      } finally {
        disarm();
        await refusingProxy.close();
      }
    },
  };
}
