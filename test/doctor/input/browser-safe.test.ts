/**
 * The input readers run in the web checker page: from src/doctor/input/index.ts, every
 * module reached imports only relative `.js` modules or `tldts`, and uses no Node API.
 */
import { describe, expect, it } from 'vitest';
import { expectBrowserSafe, reachable } from '../../helpers/browser-safe.js';

describe('src/doctor/input is browser-safe', () => {
  const modules = [...reachable('src/doctor/input/index.ts').keys()];

  it('reaches the readers, the report builder and the model', () => {
    expect(modules).toEqual(
      expect.arrayContaining([
        'src/doctor/input/har.ts',
        'src/doctor/input/raw-headers.ts',
        'src/doctor/report/index.ts',
        'src/browser/safelist.ts',
      ]),
    );
  });

  it.each(modules)('%s imports relative .js modules or tldts, no Node API', (file) => {
    expectBrowserSafe(file);
  });
});
