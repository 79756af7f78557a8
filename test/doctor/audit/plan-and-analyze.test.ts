import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProgress, renderProgress } from '../../../src/cli/progress.js';
import {
  AUDIT_CLASSES,
  type AuditClassId,
  analyze,
  isAtLeast,
  type Observation,
  type ObservedResponse,
  parseRawHead,
  planProbes,
  severityFor,
} from '../../../src/doctor/audit/index.js';

function originsOf(url: string, trusted: string[], cls: AuditClassId): (string | undefined)[] {
  return planProbes(url, trusted)
    .probes.filter((p) => p.class === cls)
    .map((p) => p.origin);
}

describe('planProbes', () => {
  it('derives probes from the target host when no trusted origin is given', () => {
    const url = 'https://api.example.com/v1/items';
    expect(originsOf(url, [], 'prefix-match')).toEqual(['https://api.example.com.evil.test']);
    expect(originsOf(url, [], 'suffix-match')).toEqual(['https://evilexample.com']);
    expect(originsOf(url, [], 'substring-match')).toEqual([
      'https://api.example.co',
      'https://xample.com',
    ]);
    expect(originsOf(url, [], 'unescaped-dot')).toEqual([
      'https://apixexample.com',
      'https://api.examplexcom',
    ]);
    expect(originsOf(url, [], 'any-subdomain')).toEqual([
      'https://evil.api.example.com',
      'https://evil.example.com',
    ]);
    expect(originsOf(url, [], 'insecure-origin')).toEqual(['http://api.example.com']);
    expect(originsOf(url, [], 'special-characters')).toContain(
      'https://api.example.com_.evil.test',
    );
  });

  it('derives from each trusted origin instead, keeping its port', () => {
    const plan = planProbes('http://127.0.0.1:9/x', [
      'https://app.one.test:8443',
      'https://two.test',
    ]);
    expect(plan.bases.map((b) => b.origin)).toEqual([
      'https://app.one.test:8443',
      'https://two.test',
    ]);
    const prefix = plan.probes.filter((p) => p.class === 'prefix-match').map((p) => p.origin);
    expect(prefix).toEqual(['https://app.one.test.evil.test:8443', 'https://two.test.evil.test']);
    const crlf = plan.probes.filter((p) => p.class === 'crlf-reflected');
    expect(crlf.map((p) => [p.origin, p.raw])).toEqual([
      ['https://app.one.test:8443\rx-corset-injected: cr', true],
      ['https://app.one.test:8443\nx-corset-injected: lf', true],
    ]);
  });

  it('skips subdomain probes for IP hosts and the http probe for http bases', () => {
    const url = 'http://127.0.0.1:8080/';
    expect(originsOf(url, [], 'any-subdomain')).toEqual([]);
    expect(originsOf(url, [], 'insecure-origin')).toEqual([]);
    expect(originsOf(url, [], 'prefix-match')).toEqual(['http://127.0.0.1.evil.test:8080']);
  });

  it('starts with the plain request and sends one preflight from an untrusted origin', () => {
    const { probes } = planProbes('https://api.example.com/', []);
    expect(probes[0]).toMatchObject({ class: 'baseline', origin: undefined, method: 'GET' });
    expect(probes.filter((p) => p.method === 'OPTIONS')).toEqual([
      expect.objectContaining({
        origin: 'https://evil.test',
        headers: {
          'access-control-request-method': 'DELETE',
          'access-control-request-headers': 'x-corset-audit',
        },
      }),
    ]);
    expect(new Set(probes.map((p) => p.id)).size).toBe(probes.length);
  });
});

const respond = (headers: [string, string][], status = 200): ObservedResponse => ({
  status,
  headers,
});

/** Observations where every probe gets `answer(origin)`. */
function observe(url: string, answer: (origin: string | undefined) => ObservedResponse) {
  const plan = planProbes(url, ['https://app.example.com']);
  const observations: Observation[] = plan.probes.map((probe) => ({
    probe,
    response: answer(probe.origin),
  }));
  return analyze(plan, observations);
}

describe('analyze', () => {
  it('flags repeated and comma-listed Access-Control-Allow-Origin as invalid', () => {
    const twice = observe('https://api.example.com/', () =>
      respond([
        ['access-control-allow-origin', 'https://app.example.com'],
        ['access-control-allow-origin', 'https://admin.example.com'],
      ]),
    );
    expect(twice.map((f) => [f.class, f.message])).toEqual([
      [
        'invalid-allow-origin',
        'Access-Control-Allow-Origin is 2 Access-Control-Allow-Origin headers, which no browser accepts (Fetch §3.2.3: one origin, "*" or "null").',
      ],
    ]);
    const list = observe('https://api.example.com/', () =>
      respond([['access-control-allow-origin', 'https://a.example.com, https://b.example.com']]),
    );
    expect(list.map((f) => f.class)).toEqual(['invalid-allow-origin']);
  });

  it('a preflight granting the origin but only safelisted methods is not a finding', () => {
    const findings = observe('https://api.example.com/', (origin) =>
      origin === 'https://evil.test'
        ? respond([
            ['access-control-allow-origin', 'https://evil.test'],
            ['access-control-allow-methods', 'GET, POST'],
            ['vary', 'Origin'],
          ])
        : respond([['vary', 'Origin']]),
    );
    // The reflection of evil.test on GET is there (the same answer), not the preflight.
    expect(findings.map((f) => f.class)).toEqual(['origin-reflected']);
  });

  it('a failed preflight status (403) with the grant is not a finding', () => {
    const plan = planProbes('https://api.example.com/', []);
    const observations: Observation[] = plan.probes.map((probe) => ({
      probe,
      response:
        probe.method === 'OPTIONS'
          ? respond(
              [
                ['access-control-allow-origin', 'https://evil.test'],
                ['access-control-allow-methods', '*'],
              ],
              403,
            )
          : respond([['vary', 'Origin']]),
    }));
    expect(analyze(plan, observations)).toEqual([]);
  });

  it('a preflight "*" grants any method only without credentials (Fetch "CORS-preflight fetch")', () => {
    const preflight = (credentials: boolean) => {
      const plan = planProbes('https://api.example.com/', []);
      return analyze(
        plan,
        plan.probes.map((probe) => ({
          probe,
          response:
            probe.method === 'OPTIONS'
              ? respond([
                  ['access-control-allow-origin', 'https://evil.test'],
                  ['access-control-allow-methods', '*'],
                  ['access-control-allow-headers', '*'],
                  ...(credentials
                    ? [['access-control-allow-credentials', 'true'] as [string, string]]
                    : []),
                ])
              : respond([['vary', 'Origin']]),
        })),
      ).map((f) => [f.class, f.severity]);
    };
    expect(preflight(false)).toEqual([['preflight-permissive', 'medium']]);
    expect(preflight(true)).toEqual([]);
  });

  it('a preflight granting an untrusted origin another method than the one asked is a finding', () => {
    const plan = planProbes('https://api.example.com/', []);
    const findings = analyze(
      plan,
      plan.probes.map((probe) => ({
        probe,
        response:
          probe.method === 'OPTIONS'
            ? respond(
                [
                  ['access-control-allow-origin', 'https://evil.test'],
                  ['access-control-allow-methods', 'GET, PUT'],
                ],
                200,
              )
            : respond([['vary', 'Origin']]),
      })),
    );
    expect(findings.map((f) => [f.class, f.severity, f.message])).toEqual([
      [
        'preflight-permissive',
        'medium',
        'A preflight from "https://evil.test" (asking for DELETE and the header x-corset-audit) was answered 200, granting that origin PUT.',
      ],
    ]);
  });

  it('a static Access-Control-Allow-Origin needs no Vary', () => {
    const findings = observe('https://api.example.com/', () =>
      respond([['access-control-allow-origin', 'https://app.example.com']]),
    );
    expect(findings).toEqual([]);
  });

  it('ignores probes without an answer', () => {
    const plan = planProbes('https://api.example.com/', []);
    expect(
      analyze(
        plan,
        plan.probes.map((probe) => ({ probe, error: 'timeout' })),
      ),
    ).toEqual([]);
  });

  it('never throws, and every finding is well formed, whatever the headers', () => {
    const header = fc.tuple(
      fc.constantFrom(
        'access-control-allow-origin',
        'access-control-allow-credentials',
        'access-control-allow-methods',
        'access-control-allow-headers',
        'vary',
        'x-corset-injected',
      ),
      fc.oneof(
        fc.string(),
        fc.constantFrom('*', 'null', 'true', 'https://app.example.com', 'https://evil.test'),
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(header, { maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 100, max: 599 }),
        (answers, status) => {
          const plan = planProbes('https://api.example.com/', ['https://app.example.com']);
          const observations = plan.probes.map((probe, i) => ({
            probe,
            response: respond(answers[i % answers.length] ?? [], status),
          }));
          for (const f of analyze(plan, observations)) {
            expect(AUDIT_CLASSES.some((c) => c.id === f.class)).toBe(true);
            expect(f.severity).toBe(severityFor(f.class, f.credentials));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('severity', () => {
  it('is high whenever credentials come with the finding, else the class severity', () => {
    for (const c of AUDIT_CLASSES) {
      expect(severityFor(c.id, true)).toBe('high');
      expect(severityFor(c.id, false)).toBe(c.severity);
    }
    expect(isAtLeast('high', 'medium')).toBe(true);
    expect(isAtLeast('low', 'medium')).toBe(false);
    expect(isAtLeast('medium', 'medium')).toBe(true);
  });
});

describe('parseRawHead', () => {
  it('keeps a bare CR or LF inside a header line', () => {
    expect(
      parseRawHead('HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: a\rX: b\r\nVary: Origin'),
    ).toEqual({
      status: 200,
      headers: [
        ['access-control-allow-origin', 'a\rX: b'],
        ['vary', 'Origin'],
      ],
    });
    expect(parseRawHead('garbage')).toBeUndefined();
  });
});

describe('progress', () => {
  it('draws a bar on a TTY and erases it when done; writes nothing elsewhere', () => {
    const written: string[] = [];
    let clock = 0;
    const bar = createProgress(
      { isTTY: true, columns: 80, write: (t: string) => written.push(t) },
      'auditing',
      4,
      () => clock,
    );
    bar.tick();
    clock += 100;
    bar.tick(3);
    bar.done();
    expect(written).toEqual([
      `\r${renderProgress('auditing', 0, 4)}\x1b[K`,
      `\r${renderProgress('auditing', 4, 4)}\x1b[K`,
      '\r\x1b[K',
    ]);
    expect(renderProgress('x', 2, 4)).toBe(`x [${'#'.repeat(15)}${'-'.repeat(15)}] 2/4`);

    const piped: string[] = [];
    const silent = createProgress({ write: (t: string) => piped.push(t) }, 'auditing', 4);
    silent.tick(4);
    silent.done();
    expect(piped).toEqual([]);
  });
});
