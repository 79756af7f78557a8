/**
 * docs/sessions.md in step with the code: every code constant exported by a module of
 * src/session or src/csrf has its catalogue table, holding exactly its codes (with the
 * severity, status and action the code reports), no code is written as a bare literal
 * outside those constants, the config reference lists exactly the config keys, and the
 * topology table is what `explain()` chooses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  SESSION_ERROR_CODES,
  sessionError,
  TOKEN_PROBLEM,
  tokenProblemSeverity,
} from '../../src/session/index.js';
import { CONFIG_KEYS, SESSION_KEYS } from '../../src/session/server-config.js';
import { TOPOLOGY_HEADER, topologyTable } from './docs-topology.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const doc = readFileSync(join(ROOT, 'docs/sessions.md'), 'utf8');

/** The section of the document under `heading` (a whole line), up to the next heading of its level or above. */
function section(heading: string): string {
  const start = doc.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`docs/sessions.md has no heading ${heading}`);
  const level = /^#+/.exec(heading)?.[0].length ?? 0;
  const rest = doc.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
  return next < 0 ? rest : rest.slice(0, next);
}

/** The body rows of the tables in `text`, cells trimmed (`\|` kept inside a cell). */
function rows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    )
    .filter((cells) => !cells.every((cell) => /^-+$/.test(cell)))
    .slice(1);
}

const unquote = (cell: string | undefined) => /^`([^`]+)`$/.exec(cell ?? '')?.[1] ?? cell;

/** Every `.ts` file under a folder of src. */
function modules(folder: string): string[] {
  const dir = join(ROOT, 'src', folder);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}
const SOURCES = [...modules('session'), ...modules('csrf')];

const CODE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)?$/;
const isCodeList = (value: unknown): value is Readonly<Record<string, string>> | string[] => {
  if (typeof value !== 'object' || value === null || !Object.isFrozen(value)) return false;
  const values = Object.values(value);
  return values.length > 0 && values.every((v) => typeof v === 'string' && CODE.test(v));
};

/** Every exported frozen list or record of codes, by export name. */
async function codeConstants(): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const file of SOURCES) {
    const exports: Record<string, unknown> = await import(pathToFileURL(file).href);
    for (const [name, value] of Object.entries(exports)) {
      if (isCodeList(value)) found.set(name, Object.values(value));
    }
  }
  return found;
}

/** The catalogue tables: `### … (\`NAME\`)` headings anywhere in the document. */
function catalogueTables(): Map<string, string[][]> {
  const tables = new Map<string, string[][]>();
  for (const [heading, name] of doc.matchAll(/^### .*\(`([A-Z_]+)`\)$/gm)) {
    tables.set(name as string, rows(section(heading)));
  }
  return tables;
}

/** The header cells of each catalogue table. */
function catalogueHeaders(): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const [heading, name] of doc.matchAll(/^### .*\(`([A-Z_]+)`\)$/gm)) {
    const line = section(heading)
      .split('\n')
      .find((l) => l.startsWith('|'));
    headers.set(
      name as string,
      (line ?? '')
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
  }
  return headers;
}

describe('docs/sessions.md catalogue', () => {
  it('has a table for every code constant of src/session and src/csrf, and for nothing else', async () => {
    const constants = await codeConstants();
    expect([...constants.keys()].sort()).toEqual(
      [
        'ACCESS_TOKEN_ERROR_CODES',
        'CORSET_PROBLEM',
        'CSRF_PROBLEM',
        'CSRF_REJECTION',
        'REFRESH_FAILURE_CODES',
        'SESSION_ERROR_CODES',
        'TOKEN_PROBLEM',
        'TOPOLOGY_PROBLEM',
        'TOPOLOGY_REASON',
        'TOPOLOGY_WARNING',
      ].sort(),
    );
    const tables = catalogueTables();
    expect([...tables.keys()].sort()).toEqual([...constants.keys()].sort());
    for (const [name, codes] of constants) {
      const documented = (tables.get(name) ?? []).map((cells) => unquote(cells[0]));
      expect(documented.sort(), name).toEqual([...codes].sort());
    }
  });

  it('gives each config problem the severity the code reports it with', () => {
    const tables = catalogueTables();
    const severities = (name: string) =>
      Object.fromEntries((tables.get(name) ?? []).map((c) => [unquote(c[0]), c[1]]));
    expect(severities('TOKEN_PROBLEM')).toEqual(
      Object.fromEntries(Object.values(TOKEN_PROBLEM).map((c) => [c, tokenProblemSeverity(c)])),
    );
    for (const name of ['CORSET_PROBLEM', 'TOPOLOGY_PROBLEM', 'CSRF_PROBLEM']) {
      expect(new Set(Object.values(severities(name))), name).toEqual(new Set(['error']));
    }
    expect(new Set(Object.values(severities('TOPOLOGY_WARNING')))).toEqual(new Set(['warning']));
  });

  it('gives each request-time answer its status and action', () => {
    const documented = (catalogueTables().get('SESSION_ERROR_CODES') ?? []).map((c) => [
      unquote(c[0]),
      Number(c[1]),
      unquote(c[2]),
    ]);
    const actual = SESSION_ERROR_CODES.map((code) => {
      const { status, error } = sessionError(code);
      return [code, status, error.action];
    });
    expect(documented).toEqual(actual);
    const csrf = catalogueTables().get('CSRF_REJECTION') ?? [];
    expect(new Set(csrf.map((c) => c[1]))).toEqual(new Set(['403']));
    // The lower-level codes name the entry point's answer in their "Answered as" column.
    for (const name of ['ACCESS_TOKEN_ERROR_CODES', 'REFRESH_FAILURE_CODES']) {
      const column = catalogueHeaders().get(name)?.indexOf('Answered as') ?? -1;
      expect(column, name).toBeGreaterThan(0);
      for (const cells of catalogueTables().get(name) ?? []) {
        expect(SESSION_ERROR_CODES, `${name} ${cells[0]}`).toContain(unquote(cells[column]));
      }
    }
  });

  it('writes no code as a bare literal outside the constants', async () => {
    const known = new Set([...(await codeConstants()).values()].flat());
    const literal =
      /['"`]((?:corset|topology|tokens|keys|access-token|refresh|store|csrf)\/[a-z0-9-]+)['"`]/g;
    for (const file of SOURCES) {
      for (const [, code] of readFileSync(file, 'utf8').matchAll(literal)) {
        expect(known, `${code} in ${file}`).toContain(code);
      }
    }
  });
});

describe('docs/sessions.md config reference', () => {
  const fields = (heading: string) => rows(section(heading)).map((c) => unquote(c[0]));

  it('lists exactly the fields of CorsetConfig, session and csrf', () => {
    expect(fields('### `CorsetConfig`').sort()).toEqual([...CONFIG_KEYS].sort());
    expect(fields('### `session`').sort()).toEqual([...SESSION_KEYS].sort());
    expect(fields('### `csrf`')).toEqual(['requireCustomHeader']);
  });
});

describe('docs/sessions.md topology table', () => {
  it('is what explain() chooses for each topology', async () => {
    const text = section('## Topology: what `explain()` chooses');
    const table = text.slice(text.indexOf('\n| Topology'));
    const header = table
      .split('\n')[1]
      ?.slice(1, -1)
      .split('|')
      .map((c) => c.trim());
    expect(header).toEqual([...TOPOLOGY_HEADER]);
    const documented = rows(table.slice(0, table.indexOf('\n\n', 1)));
    expect(documented).toEqual(await topologyTable());
  });
});
