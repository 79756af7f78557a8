/**
 * Debian's Chromium through playwright-core (CDP). Default profile: `chromium.launch`
 * and one incognito-like context per page. Third-party cookies allowed: a persistent
 * profile whose `Default/Preferences` sets `profile.cookie_controls_mode: 0` (the
 * "Allow third-party cookies" setting; incognito contexts always block them).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type {
  Browser,
  BrowserContext,
  LaunchOptions as PwLaunchOptions,
  Page as PwPage,
} from 'playwright-core';
import { chromium } from 'playwright-core';
import { spkiSha256Base64 } from '../../../src/demo/certs.js';
import { evaluationExpression, parseEvaluation } from './page-script.js';
import { withTimeout } from './processes.js';
import type { Engine, LaunchOptions, Page } from './types.js';

const EXECUTABLE = '/usr/bin/chromium';

// Flags from real-browsers.md (several duplicate Playwright's defaults; harmless).
const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
];

/**
 * `MAP name 127.0.0.1` for each test name (Chromium keeps the port), then every other
 * name fails to resolve, so a test can never reach a real host by mistake. `localhost`
 * and `127.0.0.1` are excluded from the catch-all (the rules apply to IP literals too).
 */
export function hostResolverRules(names: readonly string[]): string {
  const maps = names.map((n) => `MAP ${n} 127.0.0.1`);
  return `--host-resolver-rules=${[...maps, 'MAP * ~NOTFOUND', 'EXCLUDE localhost', 'EXCLUDE 127.0.0.1'].join(', ')}`;
}

/**
 * Playwright's own Chromium with the flags every test here needs and `names` mapped to
 * 127.0.0.1, for tests that need Playwright's `Browser` itself (contexts, `recordHar`)
 * rather than an {@link Engine}.
 */
export function launchPlainChromium(
  names: readonly string[],
  timeoutMs = 60_000,
): Promise<Browser> {
  return chromium.launch({
    executablePath: EXECUTABLE,
    args: [...BASE_FLAGS, hostResolverRules(names)],
    timeout: timeoutMs,
  });
}

let playwrightDisableFeatures: Promise<string> | undefined;

/**
 * Playwright's own `--disable-features=…` argument, read once per process from
 * chrome://version, so it can be dropped with `ignoreDefaultArgs` and re-issued without
 * `ThirdPartyStoragePartitioning` (Playwright disables it; a user's browser does not).
 */
function discoverDisableFeatures(timeoutMs: number): Promise<string> {
  playwrightDisableFeatures ??= (async () => {
    const browser = await launchPlainChromium([], timeoutMs);
    try {
      const page = await browser.newPage();
      await page.goto('chrome://version', { timeout: timeoutMs });
      const commandLine =
        (await page.locator('#command_line').textContent({ timeout: timeoutMs })) ?? '';
      const flag = /(?:^|\s)(--disable-features=\S+)/.exec(commandLine)?.[1];
      if (!flag) throw new Error(`chromium: no --disable-features in ${commandLine}`);
      return flag;
    } finally {
      await browser.close();
    }
  })();
  // A failed discovery is retried by the next launch instead of being remembered.
  playwrightDisableFeatures.catch(() => {
    playwrightDisableFeatures = undefined;
  });
  return playwrightDisableFeatures;
}

function withoutFeature(flag: string, feature: string): string {
  const [name, list = ''] = flag.split('=', 2);
  const kept = list.split(',').filter((f) => f !== '' && f !== feature);
  return `${name}=${kept.join(',')}`;
}

function wrapPage(page: PwPage, timeoutMs: number, onClose: () => Promise<void>): Page {
  let closed = false;
  return {
    async goto(url) {
      await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    },
    async url() {
      return page.url();
    },
    async evaluate<T>(fnSource: string, arg?: unknown) {
      const json = await withTimeout(
        page.evaluate(evaluationExpression(fnSource, arg)),
        timeoutMs,
        'chromium evaluate',
      );
      return parseEvaluation<T>(json);
    },
    async screenshot(path) {
      await mkdir(dirname(path), { recursive: true });
      await page.screenshot({ path, timeout: timeoutMs });
    },
    async close() {
      if (closed) return;
      closed = true;
      await withTimeout(onClose(), timeoutMs, 'chromium page close');
    },
  };
}

/** Launches Chromium; see the module comment for the two profiles. */
export async function launchChromium(options: LaunchOptions): Promise<Engine> {
  const started = Date.now();
  const launchTimeoutMs = options.launchTimeoutMs ?? 60_000;
  const actionTimeoutMs = options.actionTimeoutMs ?? 30_000;
  const thirdPartyCookies = options.thirdPartyCookies ?? 'default';
  const playwrightFlag = await discoverDisableFeatures(launchTimeoutMs);

  const args = [
    ...BASE_FLAGS,
    withoutFeature(playwrightFlag, 'ThirdPartyStoragePartitioning'),
    hostResolverRules(options.hostMap ?? []),
  ];
  if (options.caCertPath) {
    const caPem = await readFile(options.caCertPath, 'utf8');
    args.push(`--ignore-certificate-errors-spki-list=${spkiSha256Base64(caPem)}`);
  }
  // Without a CA to trust, accept any certificate (real-browsers.md: works as well).
  const ignoreHTTPSErrors = !options.caCertPath;
  const launchOptions: PwLaunchOptions = {
    executablePath: EXECUTABLE,
    args,
    ignoreDefaultArgs: [playwrightFlag],
    timeout: launchTimeoutMs,
  };

  // `block` is what this build does by default (real-browsers.md).
  if (thirdPartyCookies !== 'allow') {
    const browser: Browser = await chromium.launch(launchOptions);
    return {
      name: 'chromium',
      version: browser.version(),
      thirdPartyCookies,
      isolation: 'new-context',
      launchMs: Date.now() - started,
      async newPage() {
        const context = await browser.newContext({ ignoreHTTPSErrors });
        const page = await context.newPage();
        return wrapPage(page, actionTimeoutMs, () => context.close());
      },
      async close() {
        await withTimeout(browser.close(), launchTimeoutMs, 'chromium close');
      },
    };
  }

  const userDataDir = await mkdtemp(join(tmpdir(), 'corset-chromium-'));
  await mkdir(join(userDataDir, 'Default'));
  await writeFile(
    join(userDataDir, 'Default', 'Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: 0 } }),
  );
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      ...launchOptions,
      ignoreHTTPSErrors,
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  let closed = false;
  return {
    name: 'chromium',
    version: context.browser()?.version() ?? (await versionOf(context)),
    thirdPartyCookies,
    isolation: 'cleared-profile',
    launchMs: Date.now() - started,
    async newPage() {
      // One profile for every page: clear what a new context would not have.
      await context.clearCookies();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.clearBrowserCache');
      await cdp.detach();
      return wrapPage(page, actionTimeoutMs, () => page.close());
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await withTimeout(context.close(), launchTimeoutMs, 'chromium close');
      } finally {
        await rm(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

async function versionOf(context: BrowserContext): Promise<string> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  const { product } = (await cdp.send('Browser.getVersion')) as { product: string };
  await cdp.detach();
  return product.replace(/^[^/]*\//, '');
}
