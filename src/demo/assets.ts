/**
 * The browser modules the app page loads: `corset/client` and the page script, served
 * as ES modules under `/assets/`. From the built package they are the compiled files in
 * `dist/`; when the demo runs from source (tsx, vitest) the TypeScript sources are
 * transpiled on request with the compiler of the development checkout, so the page
 * always runs the code next to it.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** URL prefix of the modules. */
export const ASSETS_PREFIX = '/assets/';

// Only these folders hold browser code; nothing else of the package is served.
const BROWSER_FOLDERS = ['client/', 'demo/page/'];
// Lower-case path segments and one `.js` suffix: no `..`, no encoded characters.
const MODULE_PATH = /^(?:[a-z0-9-]+\/)+[a-z0-9-]+\.js$/;

/** One served module. */
export interface Asset {
  readonly contentType: string;
  readonly body: string;
}

/** Loads a module by its path under {@link ASSETS_PREFIX}; undefined when not served. */
export type AssetSource = (path: string) => Promise<Asset | undefined>;

/** Whether `path` (e.g. `client/index.js`) is a module the demo may serve. */
export function isServedModule(path: string): boolean {
  return MODULE_PATH.test(path) && BROWSER_FOLDERS.some((folder) => path.startsWith(folder));
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const JS = 'text/javascript; charset=utf-8';

/** Serves compiled modules from `distDir` (e.g. `<package>/dist`). */
export function distAssets(distDir: string): AssetSource {
  return async (path) => {
    if (!isServedModule(path)) return undefined;
    const body = await readIfExists(`${distDir}/${path}`);
    return body === undefined ? undefined : { contentType: JS, body };
  };
}

/** Transpiles `srcDir/<path>.ts` on request (development checkout only), cached by path. */
export function sourceAssets(srcDir: string): AssetSource {
  const cache = new Map<string, Promise<Asset | undefined>>();
  return (path) => {
    if (!isServedModule(path)) return Promise.resolve(undefined);
    let pending = cache.get(path);
    if (pending === undefined) {
      pending = (async () => {
        const sourcePath = path.replace(/\.js$/, '.ts');
        const source = await readIfExists(`${srcDir}/${sourcePath}`);
        if (source === undefined) return undefined;
        const ts = (await import('typescript')).default;
        const { outputText } = ts.transpileModule(source, {
          compilerOptions: {
            module: ts.ModuleKind.ES2022,
            target: ts.ScriptTarget.ES2022,
            verbatimModuleSyntax: true,
          },
          // The `.ts` name: under a `.js` name the compiler would parse no type syntax.
          fileName: sourcePath,
        });
        return { contentType: JS, body: outputText };
      })();
      cache.set(path, pending);
    }
    return pending;
  };
}

/**
 * The source that fits how this module is running: transpiled sources when it is itself
 * a `.ts` file (tsx, vitest), else the compiled `dist/` next to it.
 */
export function defaultAssets(): AssetSource {
  const here = fileURLToPath(import.meta.url);
  const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
  return here.endsWith('.ts')
    ? sourceAssets(`${packageRoot}src`)
    : distAssets(`${packageRoot}dist`);
}
