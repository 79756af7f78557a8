import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CorsDecision, createCorsPolicy } from '../../src/cors/index.js';
import { preflight, request } from './request.js';

const MIB = 1024 * 1024;

const policy = createCorsPolicy({
  origins: ['https://app.example.com', 'https://*.example.com'],
  credentials: true,
  methods: ['PUT'],
  allowedHeaders: ['content-type', 'authorization'],
  allowOrigin: () => false,
});

/** Runs `decide` `runs` times and returns the last decision and the mean time per call (ms). */
function timed(run: () => CorsDecision, runs: number): { decision: CorsDecision; meanMs: number } {
  let decision = run();
  const start = performance.now();
  for (let i = 0; i < runs; i++) decision = run();
  return { decision, meanMs: (performance.now() - start) / runs };
}

function refusalCode(decision: CorsDecision): string | undefined {
  return decision.kind === 'not-cors' ? undefined : decision.refusal?.code;
}

describe('adversarial input', () => {
  it('refuses a 1 MiB Access-Control-Request-Headers of commas and spaces in constant time', () => {
    const hostile = ', '.repeat(MIB / 2);
    const first = performance.now();
    const decision = policy.decide(preflight('https://app.example.com', 'PUT', hostile));
    expect(performance.now() - first).toBeLessThan(50);
    expect(refusalCode(decision)).toBe('headers-malformed');
    // Repeated, it costs about what a normal preflight costs (no scan, no split).
    const normal = timed(
      () => policy.decide(preflight('https://app.example.com', 'PUT', 'content-type')),
      2000,
    );
    const attack = timed(
      () => policy.decide(preflight('https://app.example.com', 'PUT', hostile)),
      2000,
    );
    expect(normal.decision.allowed).toBe(true);
    expect(attack.meanMs).toBeLessThan(0.05);
  });

  it('bounds a value just under the length limit: commas, spaces, many names', () => {
    const cases: [string, string | undefined][] = [
      [','.repeat(4000), 'headers-malformed'],
      ['content-type,'.repeat(300).slice(0, 4000), 'headers-malformed'],
      [`${' '.repeat(3000)}x`, 'header-not-allowed'],
      // Only whitespace: an empty list, nothing asked for.
      [' '.repeat(4000), undefined],
    ];
    for (const [value, code] of cases) {
      const { decision, meanMs } = timed(
        () => policy.decide(preflight('https://app.example.com', 'PUT', value)),
        200,
      );
      expect(refusalCode(decision)).toBe(code);
      expect(meanMs).toBeLessThan(1);
    }
  });

  it('refuses a 100 KB Origin quickly, as a preflight and as an actual request', () => {
    const shapes = [
      `https://${'a'.repeat(100_000)}.example.com`,
      `https://${'a.'.repeat(50_000)}example.com`,
      'https://app.example.com'.repeat(4500),
      ','.repeat(100_000),
    ];
    for (const origin of shapes) {
      const start = performance.now();
      const asPreflight = policy.decide(preflight(origin, 'PUT', 'content-type'));
      const asActual = policy.decide(request('POST', { origin }));
      expect(performance.now() - start).toBeLessThan(50);
      expect(refusalCode(asPreflight)).toBe('origin-malformed');
      expect(refusalCode(asActual)).toBe('origin-malformed');
      expect(asActual.kind !== 'not-cors' && asActual.refusal?.origin.length).toBe(256);
    }
  });

  it('walks a host of many labels within the length limit in bounded time', () => {
    const origin = `https://${'a.'.repeat(1000)}evil.com`;
    const { decision, meanMs } = timed(() => policy.decide(request('GET', { origin })), 500);
    expect(decision.allowed).toBe(false);
    expect(meanMs).toBeLessThan(0.5);
  });

  it('refuses a 1 MiB Access-Control-Request-Method without scanning it', () => {
    const method = 'P'.repeat(MIB);
    const { decision, meanMs } = timed(
      () => policy.decide(preflight('https://app.example.com', method)),
      200,
    );
    expect(refusalCode(decision)).toBe('method-malformed');
    expect(meanMs).toBeLessThan(0.05);
  });
});

describe('request-path code', () => {
  // The files that run per request: none may use a regular expression or split a header
  // into an array (the shapes behind the ACRH denial-of-service advisories).
  const files = [
    'decide.ts',
    'match-origin.ts',
    'origin-scan.ts',
    'request-headers.ts',
    'http-token.ts',
    'methods.ts',
    'refusals.ts',
    'vary.ts',
    'policy.ts',
  ];
  it.each(files)('%s uses no regular expression and no split', (file) => {
    const source = readFileSync(new URL(`../../src/cors/${file}`, import.meta.url), 'utf8');
    expect(source).not.toMatch(
      /RegExp|\.test\(|\.exec\(|\.match(All)?\(|\.split\(|\.replace(All)?\(\//,
    );
  });
});
