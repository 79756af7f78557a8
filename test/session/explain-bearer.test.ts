/**
 * `explain()` says what the server does: when `session.bearer` overrides the default
 * fallback, the plan's transport, reasons and warnings follow it.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/internal/problems.js';
import { createCorset, planSessionCookies } from '../../src/session/index.js';

const SECRET = new Uint8Array(32).fill(3);
const SAME_SITE = { appOrigins: ['https://app.example.com'], apiOrigin: 'https://api.example.com' };
const CROSS_SITE = { appOrigins: ['https://app.one.com'], apiOrigin: 'https://api.two.com' };

async function built(topology: typeof SAME_SITE, bearer?: boolean) {
  const corset = await createCorset({
    ...topology,
    session: { secret: SECRET, ...(bearer === undefined ? {} : { bearer }) },
  });
  const explanation = corset.explain();
  await corset.close();
  return {
    bearer: corset.bearer,
    transport: explanation.transport,
    reasons: explanation.reasons.map((r) => r.code),
    warnings: corset.warnings.map((w) => w.code),
    text: explanation.text,
  };
}

describe('explain() and session.bearer', () => {
  it('cross-site with bearer: false: cookies only, and a warning about the browsers left out', async () => {
    const out = await built(CROSS_SITE, false);
    expect(out.bearer).toBe(false);
    expect(out.transport).toBe('cookie');
    expect(out.reasons).not.toContain('bearer-fallback');
    expect(out.warnings).toEqual(['topology/third-party-cookies', 'topology/no-bearer-fallback']);
    expect(out.text).toContain('transport: cookies\n');
  });

  it('same-site with bearer: true: the fallback is in the plan', async () => {
    const out = await built(SAME_SITE, true);
    expect(out.bearer).toBe(true);
    expect(out.transport).toBe('cookie+bearer-fallback');
    expect(out.reasons).toContain('bearer-fallback');
    expect(out.warnings).toEqual([]);
  });

  it('the plan offers the header exactly when the server accepts it', async () => {
    for (const topology of [SAME_SITE, CROSS_SITE]) {
      for (const bearer of [undefined, true, false]) {
        const out = await built(topology, bearer);
        expect(out.transport !== 'cookie', `${topology.apiOrigin} ${bearer}`).toBe(out.bearer);
      }
    }
  });

  it('defaults are unchanged: fallback cross-site only', async () => {
    expect((await built(SAME_SITE)).transport).toBe('cookie');
    expect((await built(CROSS_SITE)).transport).toBe('cookie+bearer-fallback');
  });

  it('a non-boolean bearer is reported once, by the entry point', async () => {
    const error = await createCorset({
      ...SAME_SITE,
      session: { secret: SECRET, bearer: 'false' as unknown as boolean },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => [p.code, p.field])).toEqual([
      ['corset/flag-invalid', 'session.bearer'],
    ]);
  });

  it('planSessionCookies checks bearerFallback itself', () => {
    expect(() =>
      planSessionCookies({ ...SAME_SITE, bearerFallback: 1 as unknown as boolean }),
    ).toThrow(/topology\/invalid-type/);
    expect(planSessionCookies({ ...SAME_SITE, bearerFallback: true }).transport).toBe(
      'cookie+bearer-fallback',
    );
  });
});
