/**
 * The reasons catalogue (src/browser/reasons.ts) is complete and docs/reasons.md lists it
 * exactly. To regenerate the doc after changing the catalogue:
 * `UPDATE_REASONS_DOC=1 npx vitest run --project unit test/browser/reasons.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REASON_ENTRIES, reasonFor } from '../../src/browser/reasons.js';

const DOC = new URL('../../docs/reasons.md', import.meta.url);

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The catalogue as Markdown. */
function renderCatalogue(): string {
  const lines = [
    '# Browser model reasons',
    '',
    'Every explanation the browser model (`src/browser/`) gives, generated from',
    '`src/browser/reasons.ts` by `test/browser/reasons.test.ts` (which fails when the two',
    'differ). Codes follow Firefox’s CORS error codes and Chromium’s cookie inclusion',
    'reasons; the others are corset’s. Messages are each engine’s own words (Chromium:',
    'Blink `cors_error_string.cc` and DevTools `NetworkRequest.ts`; Firefox:',
    '`security.properties` and `necko.properties`; WebKit: `CrossOriginAccessControl.cpp`);',
    '“—” means the engine logs nothing of its own and the summary is shown instead.',
    '`{placeholders}` are filled per step. An `error` fails its stage; `warning` and `info`',
    'only explain.',
    '',
  ];
  for (const entry of REASON_ENTRIES) {
    lines.push(`## ${entry.code}`, '');
    lines.push(
      `- severity: ${entry.severity}${'stage' in entry && entry.stage !== undefined ? `, stage: \`${entry.stage}\`` : ''}`,
    );
    lines.push(`- meaning: ${entry.summary}`);
    lines.push(`- fix: ${entry.fix}`);
    lines.push(`- source: ${entry.source}`, '');
    lines.push('| engine | message |', '|---|---|');
    for (const engine of ['chromium', 'gecko', 'webkit'] as const) {
      const message = entry.messages[engine];
      const send = entry.sendMessages?.[engine];
      lines.push(`| ${engine} | ${message === undefined ? '—' : cell(message)} |`);
      if (send !== undefined) lines.push(`| ${engine} (cookie not sent) | ${cell(send)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

describe('reasons catalogue', () => {
  it('has unique codes, each with a summary, a fix and a source', () => {
    const codes = REASON_ENTRIES.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of REASON_ENTRIES) {
      expect(entry.summary.length, entry.code).toBeGreaterThan(10);
      expect(entry.fix.length, entry.code).toBeGreaterThan(10);
      expect(entry.source.length, entry.code).toBeGreaterThan(3);
    }
  });

  it('errors name the stage they fail', () => {
    for (const entry of REASON_ENTRIES)
      expect('stage' in entry && entry.stage !== undefined, entry.code).toBe(
        entry.severity === 'error',
      );
  });

  it('fills placeholders with the engine’s wording', () => {
    const params = {
      url: 'https://api.example.com/me',
      origin: 'https://app.example.com',
      status: 200,
    };
    expect(reasonFor('CORSMissingAllowOrigin', 'gecko', params).message).toBe(
      'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/me. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.',
    );
    expect(reasonFor('CORSMissingAllowOrigin', 'webkit', params).message).toBe(
      'Origin https://app.example.com is not allowed by Access-Control-Allow-Origin. Status code: 200',
    );
    expect(reasonFor('CookieNotInJar', 'chromium', { name: 'sid' }).message).toBe(
      'The page needs the cookie `sid`, but the browser holds none of that name.',
    );
  });

  it('docs/reasons.md lists the catalogue', () => {
    const expected = `${renderCatalogue()}\n`;
    if (process.env.UPDATE_REASONS_DOC === '1') writeFileSync(DOC, expected);
    expect(readFileSync(DOC, 'utf8')).toBe(expected);
  });
});
