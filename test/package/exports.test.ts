/**
 * Every subpath export of package.json points at a module that the build produces from
 * `src/` (dist/X.js and dist/X.d.ts from src/X.ts), and every concern's public index is
 * exported: a renamed file or a forgotten entry would otherwise surface only for users.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  exports: Record<string, string | { types: string; default: string }>;
};

const entries = Object.entries(pkg.exports).filter(
  (entry): entry is [string, { types: string; default: string }] => typeof entry[1] === 'object',
);

describe('package.json exports', () => {
  it.each(entries)('%s is built from a source module', (_name, target) => {
    expect(target.default).toMatch(/^\.\/dist\/.+\.js$/);
    expect(target.types).toBe(target.default.replace(/\.js$/, '.d.ts'));
    const source = target.default.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts');
    expect(existsSync(new URL(source, root)), source).toBe(true);
  });

  it('exports the public index of every concern and every adapter', () => {
    const targets = new Set(entries.map(([, t]) => t.default));
    for (const concern of ['cors', 'cookies', 'csrf', 'session', 'browser', 'client']) {
      expect(targets, concern).toContain(`./dist/${concern}/index.js`);
    }
    for (const adapter of ['node', 'fastify', 'hono', 'fetch']) {
      expect(targets, adapter).toContain(`./dist/adapters/${adapter}.js`);
      expect(targets, `${adapter}-session`).toContain(`./dist/adapters/${adapter}-session.js`);
    }
    expect(targets).toContain('./dist/index.js');
  });
});
