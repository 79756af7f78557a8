/**
 * docs/browser-model.md's profile table states every knob of every built-in profile as
 * src/browser/profiles.ts has it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROFILE_NAMES, PROFILES } from '../../src/browser/profiles.js';

const doc = readFileSync(new URL('../../docs/browser-model.md', import.meta.url), 'utf8');

/** The table's rows: knob name (first word of the first cell) → cells. */
function tableRows(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  // The formatter pads cells, so find the header row by its first cell, not its spacing.
  const start = doc.search(/^\| knob +\|/m);
  for (const line of doc.slice(start).split('\n')) {
    if (!line.startsWith('|')) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    rows.set((cells[0] ?? '').split(' ')[0] ?? '', cells.slice(1));
  }
  return rows;
}

function shown(value: unknown): string {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  return String(value);
}

describe('docs/browser-model.md profile table', () => {
  const rows = tableRows();

  it('has one column per profile, in order', () => {
    expect(rows.get('knob')).toEqual([...PROFILE_NAMES]);
  });

  const knobs = [
    'unsetSameSite',
    'laxAllowUnsafe',
    'schemefulSameSite',
    'localhostSecure',
    'thirdPartyCookies',
    'thirdPartyCheck',
    'partitionedSupport',
    'partitionedWhenBlocked',
    'sameSiteOnSet',
    'cookiePrefixes',
    'domainNeedsDot',
    'nameValueLimit',
    'noneRequiresSecure',
    'redirectChainSameSite',
    'preflightAfterRedirect',
    'maxAgeCap',
    'loopbackNotMixedContent',
    'localNetworkAccess',
  ] as const;

  it.each(knobs)('%s', (knob) => {
    expect(rows.get(knob)).toEqual(PROFILE_NAMES.map((name) => shown(PROFILES[name][knob])));
  });

  it('console wording', () => {
    expect(rows.get('console')).toEqual(PROFILE_NAMES.map((name) => PROFILES[name].engine));
  });
});
