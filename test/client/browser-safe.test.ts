/**
 * `corset/client` must load as a plain ES module in Chromium, Firefox and WebKit: no bare
 * imports (no import map in a page), relative `.js` imports only, no Node API.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectBrowserSafe, REPO_ROOT } from '../helpers/browser-safe.js';

const files = readdirSync(join(REPO_ROOT, 'src/client')).filter((f) => f.endsWith('.ts'));

describe('src/client is browser-safe', () => {
  it('has files to check', () => {
    expect(files).toContain('index.ts');
  });

  // Relative `.js` only (not even tldts), and nothing outside src/client.
  it.each(files)('%s imports only relative .js modules and uses no Node API', (file) => {
    expectBrowserSafe(`src/client/${file}`, /^(\.\/|\.\.\/client\/).*\.js$/);
  });
});
