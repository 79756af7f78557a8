/**
 * Checks that code can load as a plain ES module in a web page: a page has no import map,
 * so no bare import it cannot resolve, and no Node API (process, Buffer, require, __dirname).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect } from 'vitest';

/** The repository root; module keys below are relative to it. */
export const REPO_ROOT = join(import.meta.dirname, '../..');

/** Relative `.js` modules or tldts (bundled for the page): what browser-safe code may import. */
export const RELATIVE_OR_TLDTS = /^(\.\.?\/.*\.js|tldts)$/;

/** The module specifiers of `source`: static `from '…'` and dynamic `import('…')`. */
export function importsOf(source: string): string[] {
  return [...source.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
}

/** Every module reachable from `entry` (repository-relative), with its specifiers, by repository-relative path. */
export function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = [join(REPO_ROOT, entry)];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    const key = relative(REPO_ROOT, file);
    if (seen.has(key)) continue;
    const specifiers = importsOf(readFileSync(file, 'utf8'));
    seen.set(key, specifiers);
    for (const specifier of specifiers)
      if (specifier.startsWith('.'))
        queue.push(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
  }
  return seen;
}

/** Expects the repository-relative `file` to import only what `allowed` matches and to use no Node API. */
export function expectBrowserSafe(file: string, allowed: RegExp = RELATIVE_OR_TLDTS): void {
  const source = readFileSync(join(REPO_ROOT, file), 'utf8');
  for (const specifier of importsOf(source)) expect(specifier, file).toMatch(allowed);
  expect(source, file).not.toMatch(/\b(process|Buffer|require|__dirname)\b[.(]/);
}
