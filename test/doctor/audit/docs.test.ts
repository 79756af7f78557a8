/** docs/doctor.md's audit section stays in step with the code. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUDIT_CLASSES, SPECIAL_HOST_CHARACTERS } from '../../../src/doctor/audit/index.js';

const doc = readFileSync(new URL('../../../docs/doctor.md', import.meta.url), 'utf8');
const start = doc.indexOf('## `corset audit`');
const section = doc.slice(start, doc.indexOf('\n## ', start + 1));

function tableAfter(heading: string): string[][] {
  const from = section.indexOf(heading);
  const lines = section.slice(from).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

describe('docs/doctor.md, audit section', () => {
  it('lists every class, in catalogue order, with its severity without credentials', () => {
    expect(start).toBeGreaterThan(0);
    const rows = tableAfter('### Classes');
    expect(rows.map((r) => [r[0], r.at(-1)])).toEqual(
      AUDIT_CLASSES.map((c) => [`\`${c.id}\``, c.severity]),
    );
  });

  it('lists the special characters probed', () => {
    const row = tableAfter('### Classes').find((r) => r[0] === '`special-characters`');
    const listed = (row?.[1] ?? '').replace(/\\\|/g, '|');
    for (const c of SPECIAL_HOST_CHARACTERS) expect(listed).toContain(` ${c}`);
  });
});
