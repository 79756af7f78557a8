/**
 * The browser model must run in a web page: from src/browser/index.ts, every module it
 * reaches imports only relative `.js` modules or `tldts`, and uses no Node API.
 */
import { describe, expect, it } from 'vitest';
import { expectBrowserSafe, reachable } from '../helpers/browser-safe.js';

describe('src/browser is browser-safe', () => {
  const modules = [...reachable('src/browser/index.ts').keys()];

  it('reaches the model and the cookie parser', () => {
    expect(modules).toEqual(
      expect.arrayContaining(['src/browser/evaluate.ts', 'src/cookies/parse-set-cookie.ts']),
    );
  });

  it.each(modules)('%s imports relative .js modules or tldts, no Node API', (file) => {
    expectBrowserSafe(file);
  });
});
