import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORS_CONFIG_KEYS, CORS_PROBLEM, severityOf } from '../../src/cors/index.js';

const doc = readFileSync(new URL('../../docs/cors.md', import.meta.url), 'utf8');

describe('docs/cors.md', () => {
  it('catalogues every problem code with its severity, and no other', () => {
    const rows = [...doc.matchAll(/^\| `(cors\/[a-z-]+)` +\| (error|warning) +\|/gm)].map(
      ([, code, severity]) => [code, severity],
    );
    const expected = Object.values(CORS_PROBLEM).map((code) => [code, severityOf(code)]);
    expect(rows.sort()).toEqual(expected.sort());
  });

  it('documents every config field', () => {
    const reference = doc.slice(doc.indexOf('## Config reference'), doc.indexOf('### Origins'));
    const fields = [...reference.matchAll(/^\| `([A-Za-z]+)` +\| `/gm)].map(([, field]) => field);
    expect(fields.sort()).toEqual([...CORS_CONFIG_KEYS].sort());
  });
});
