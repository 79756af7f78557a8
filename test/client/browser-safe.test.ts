/**
 * `corset/client` must load as a plain ES module in Chromium, Firefox and WebKit: no bare
 * imports (no import map in a page), relative `.js` imports only, no Node API.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../src/client');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('src/client is browser-safe', () => {
  it('has files to check', () => {
    expect(files).toContain('index.ts');
  });

  it.each(files)('%s imports only relative .js modules and uses no Node API', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const specifiers = [...source.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'/g)].map(
      (m) => m[1] ?? m[2],
    );
    for (const specifier of specifiers) {
      expect(specifier, `${file}: ${specifier}`).toMatch(/^\.\.?\/.*\.js$/);
      expect(specifier).not.toMatch(/^\.\.\/(?!client\/)/);
    }
    expect(source).not.toMatch(/\b(process|Buffer|require|__dirname)\b[.(]/);
  });
});
