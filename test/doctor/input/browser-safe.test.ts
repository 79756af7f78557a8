/**
 * The input readers run in the web checker page: from src/doctor/input/index.ts, every
 * module reached imports only relative `.js` modules or `tldts`, and uses no Node API.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
}

function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    const key = relative(root, file);
    if (seen.has(key)) continue;
    const specifiers = importsOf(file);
    seen.set(key, specifiers);
    for (const specifier of specifiers)
      if (specifier.startsWith('.'))
        queue.push(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
  }
  return seen;
}

describe('src/doctor/input is browser-safe', () => {
  const modules = reachable(join(root, 'src/doctor/input/index.ts'));

  it('reaches the readers, the report builder and the model', () => {
    expect([...modules.keys()]).toEqual(
      expect.arrayContaining([
        'src/doctor/input/har.ts',
        'src/doctor/input/raw-headers.ts',
        'src/doctor/report/index.ts',
        'src/browser/safelist.ts',
      ]),
    );
  });

  it.each([...modules.entries()])(
    '%s imports relative .js modules or tldts, no Node API',
    (file, specifiers) => {
      for (const specifier of specifiers)
        expect(specifier, file).toMatch(/^(\.\.?\/.*\.js|tldts)$/);
      const source = readFileSync(join(root, file), 'utf8');
      expect(source).not.toMatch(/\b(process|Buffer|require|__dirname)\b[.(]/);
    },
  );
});
