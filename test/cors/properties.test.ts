import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CorsConfig,
  type CorsDecision,
  createCorsPolicy,
  mergeVary,
  parseOrigin,
} from '../../src/cors/index.js';
import { request } from './request.js';

const EXACT = ['https://app.example.com', 'http://localhost:8080', 'https://xn--bcher-kva.example'];
const PATTERNS: { scheme: string; parent: string; port: string }[] = [
  { scheme: 'https', parent: 'example.com', port: '' },
  { scheme: 'https', parent: 'tenants.example.net', port: ':8443' },
];
const ALLOWED_HEADERS = ['content-type', 'authorization', 'x-request-id'];

const configs: CorsConfig[] = [true, false].map((credentials) => ({
  origins: [...EXACT, ...PATTERNS.map((p) => `${p.scheme}://*.${p.parent}${p.port}`)],
  credentials,
  methods: ['PUT', 'PATCH'],
  allowedHeaders: ALLOWED_HEADERS,
  exposedHeaders: ['x-request-id'],
}));

/** The allowlist as a slow, obviously correct loop: the fast matcher must agree with it. */
function oracle(origin: string): boolean {
  if (parseOrigin(origin)?.origin !== origin) return false;
  if (EXACT.includes(origin)) return true;
  return PATTERNS.some(({ scheme, parent, port }) => {
    const prefix = `${scheme}://`;
    if (!origin.startsWith(prefix) || !origin.endsWith(`.${parent}${port}`)) return false;
    const hostPort = origin.slice(prefix.length);
    // The port must be exactly the pattern's (no port when the pattern has none).
    const host = port === '' ? hostPort : hostPort.slice(0, -port.length);
    return !host.includes(':') && host.length > parent.length + 1;
  });
}

// Mostly valid labels, plus spellings a browser never sends (upper case, empty, spaces,
// userinfo, percent-encoding, Unicode) that must never ride on an allowed suffix.
const label = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'a',
      'app',
      'b',
      'x-1',
      'evil',
      'example',
      'tenants',
      'xn--bcher-kva',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('A', '', 'a b', 'u@a', '%61', 'ä', '*', 'a:1', '[::1]') },
);
// Hosts built on the allowed parents and their look-alikes, so matches and near misses
// are both frequent.
const suffix = fc.constantFrom(
  'example.com',
  'tenants.example.net',
  'example.net',
  'evilexample.com',
  'example.com.evil.com',
  'example.com.evil',
  'xn--bcher-kva.example',
  'app.example.com',
  'localhost',
  'com',
);
const host = fc
  .tuple(fc.array(label, { maxLength: 3 }), suffix)
  .map(([labels, last]) => [...labels, last].join('.'))
  .chain((h) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(h) },
      { weight: 1, arbitrary: fc.constantFrom(`${h}.`, h.toUpperCase(), `.${h}`) },
    ),
  );
const origin = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom('https', 'https', 'http', 'HTTPS', 'ftp'),
        host,
        fc.constantFrom('', '', ':8443', ':8080', ':443', ':80', ':0', ':65536', ':08443'),
        fc.constantFrom('', '', '', '/', '/x', '?q', ' '),
      )
      .map(([s, h, p, tail]) => `${s}://${h}${p}${tail}`),
  },
  { weight: 1, arbitrary: fc.constantFrom(...EXACT, 'null', '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
);
const headerName = fc.oneof(
  fc.constantFrom(...ALLOWED_HEADERS, 'Content-Type', 'AUTHORIZATION', 'x-other', 'cookie'),
  fc.string({ maxLength: 12 }),
);
const ows = fc.constantFrom('', ' ', '\t', '  ');
const headerList = fc
  .array(fc.tuple(ows, headerName, ows), { maxLength: 8 })
  .map((items) => items.map(([a, name, b]) => `${a}${name}${b}`).join(','));

function elements(vary: string): string[] {
  return vary
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '');
}

function checkInvariants(decision: CorsDecision, requestOrigin: string, credentials: boolean) {
  const acao = decision.headers.filter(([name]) => name === 'access-control-allow-origin');
  const partial = decision.kind === 'preflight' && !decision.allowed && acao.length > 0;
  // ACAO only when allowed (debug mode aside, not enabled here), at most once.
  expect(acao.length).toBe(decision.allowed || partial ? 1 : 0);
  if (credentials) {
    for (const [, value] of decision.headers) expect(value).not.toBe('*');
    if (acao.length === 1) expect(acao[0]?.[1]).toBe(requestOrigin);
  }
  // Vary tokens are distinct, also once merged into an existing value.
  const merged = elements(mergeVary('Accept-Encoding, origin', decision.vary));
  expect(new Set(merged).size).toBe(merged.length);
  expect(merged).toContain('origin');
}

describe('properties', () => {
  it('actual requests: allowed exactly when the slow oracle says so; invariants hold', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1),
        origin,
        fc.constantFrom('GET', 'POST', 'OPTIONS'),
        (i, o, m) => {
          const config = configs[i] as CorsConfig;
          const policy = createCorsPolicy(config);
          const decision = policy.decide(request(m, { origin: o }));
          expect(decision.kind).toBe('actual');
          expect(decision.allowed).toBe(oracle(o));
          expect(policy.isOriginAllowed(o)).toBe(decision.allowed);
          checkInvariants(decision, o, config.credentials);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('preflights: allowed exactly when origin, method and every header name are allowed', () => {
    const policies = configs.map((config) => createCorsPolicy(config));
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1),
        origin,
        fc.constantFrom(
          'GET',
          'POST',
          'PUT',
          'put',
          'PATCH',
          'patch',
          'DELETE',
          'PROPFIND',
          'A B',
          '',
        ),
        fc.option(headerList, { nil: undefined }),
        (i, o, method, headers) => {
          const policy = policies[i];
          const decision = policy?.decide(
            request('OPTIONS', {
              origin: o,
              'access-control-request-method': method,
              ...(headers === undefined ? {} : { 'access-control-request-headers': headers }),
            }),
          );
          if (decision === undefined) throw new Error('no policy');
          const methodOk = ['GET', 'POST', 'PUT', 'put', 'PATCH'].includes(method);
          const headersOk =
            headers === undefined ||
            headers
              .split(',')
              .map((h) => h.trim().toLowerCase())
              .every((h) => h === '' || ALLOWED_HEADERS.includes(h));
          expect(decision.kind).toBe('preflight');
          expect(decision.allowed).toBe(oracle(o) && methodOk && headersOk);
          expect(decision.kind === 'preflight' && decision.status).toBe(
            decision.allowed ? 204 : 403,
          );
          checkInvariants(decision, o, configs[i]?.credentials ?? true);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('never throws, whatever the headers and method hold', () => {
    const policy = createCorsPolicy({
      origins: ['https://*.example.com'],
      credentials: true,
      allowedHeaders: ['x-a'],
      allowOrigin: (o) => o.length % 2 === 0,
    });
    const anything = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant(undefined));
    fc.assert(
      fc.property(
        fc.string(),
        anything,
        anything,
        anything,
        fc.boolean(),
        (method, o, acrm, acrh, debug) => {
          policy.setDebug(debug);
          const headers: Record<string, string | undefined> = {
            origin: o,
            'access-control-request-method': acrm,
            'access-control-request-headers': acrh,
          };
          for (const m of [method, 'OPTIONS']) {
            const decision = policy.decide({ method: m, header: (name) => headers[name] });
            for (const [, value] of decision.headers) expect(value).not.toBe('*');
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('mergeVary: idempotent, no duplicates, keeps what was there', () => {
    const token = fc.constantFrom('Origin', 'origin', 'Accept', 'accept-encoding', 'X-A', '*', '');
    const existing = fc.option(
      fc
        .array(fc.tuple(ows, token, ows), { maxLength: 6 })
        .map((items) => items.map(([a, t, b]) => `${a}${t}${b}`).join(',')),
      { nil: undefined },
    );
    fc.assert(
      fc.property(existing, fc.array(token, { maxLength: 4 }), (before, tokens) => {
        const once = mergeVary(before, tokens);
        expect(mergeVary(once, tokens)).toBe(once);
        const merged = elements(once);
        expect(new Set(merged).size).toBe(merged.length);
        const all = [...elements(before ?? ''), ...tokens.flatMap(elements)];
        if (all.includes('*')) expect(once).toBe('*');
        else expect(new Set(merged)).toEqual(new Set(all));
      }),
      { numRuns: 500 },
    );
  });
});
