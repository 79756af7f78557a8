/**
 * The benchmark's inputs: five allowlists (1, 100 and 10,000 exact origins, 1,000
 * subdomain patterns, and 10,000 origins plus 1,000 patterns together), each stated once
 * for corset and once, equivalently, for every other library (an array of strings, or of
 * anchored RegExps for the patterns, as their READMEs advise; a function for hono, whose
 * `origin` option takes no RegExp), and the four requests every contender decides.
 */
import type { CorsOptions } from 'cors';
import type { CorsConfig } from '../src/cors/index.js';

/** An origin no allowlist allows, for the disallowed and refused cases. */
export const DISALLOWED_ORIGIN = 'https://evil.example.org';

/** One allowlist, in each contender's terms. */
export interface BenchConfig {
  readonly name: string;
  /** How many entries the allowlist holds (the chart's x axis). */
  readonly size: number;
  readonly allowedOrigin: string;
  readonly corset: CorsConfig;
  /** Options of the `cors` package; `origin` is also what `@fastify/cors` takes. */
  readonly cors: CorsOptions & { origin: (string | RegExp)[] };
  /** hono's `origin` option: the list, or a function when there are patterns. */
  readonly honoOrigin: string[] | ((origin: string) => string | null);
  /** For the floor: the exact origins it lets through (a perfect oracle for patterns). */
  readonly floor: ReadonlySet<string>;
}

/** What every allowlist shares: the policy a credentialed JSON API states. */
export const SHARED = {
  credentials: true,
  methods: ['PUT', 'DELETE'],
  allowedHeaders: ['content-type', 'authorization'],
  exposedHeaders: ['x-request-id'],
  maxAge: 600,
} as const;

function config(
  name: string,
  allowedOrigin: string,
  exact: string[],
  tenants: string[],
): BenchConfig {
  const patterns = tenants.map((t) => `https://*.${t}.example.com`);
  const regexps = tenants.map(
    (t) => new RegExp(`^https://(?:[a-z0-9-]+\\.)+${t}\\.example\\.com$`),
  );
  const honoOrigin =
    regexps.length === 0
      ? exact
      : (origin: string) =>
          exact.includes(origin) || regexps.some((r) => r.test(origin)) ? origin : null;
  return {
    name,
    size: exact.length + patterns.length,
    allowedOrigin,
    corset: { ...SHARED, origins: [...exact, ...patterns] },
    cors: {
      ...SHARED,
      methods: [...SHARED.methods],
      allowedHeaders: [...SHARED.allowedHeaders],
      exposedHeaders: [...SHARED.exposedHeaders],
      origin: [...exact, ...regexps],
    },
    honoOrigin,
    floor: new Set([allowedOrigin]),
  };
}

function origins(count: number): string[] {
  const list = Array.from({ length: count }, (_, i) => `https://app${i}.example.com`);
  // The allowed origin sits in the middle of the list (a linear scan's average case).
  list[Math.floor(count / 2)] = 'https://app.example.com';
  return list;
}

/** Builds the allowlists; `quick` keeps the smallest and the largest. */
export function benchConfigs(quick = false): BenchConfig[] {
  const tenants = Array.from({ length: 1_000 }, (_, i) => `t${i}`);
  const all = [
    config('1 origin', 'https://app.example.com', origins(1), []),
    config('100 origins', 'https://app.example.com', origins(100), []),
    config('10,000 origins', 'https://app.example.com', origins(10_000), []),
    config('1,000 patterns', 'https://app.t500.example.com', [], tenants),
    // The allowed origin matches a pattern: after every exact origin in a linear scan.
    config(
      '10,000 origins + 1,000 patterns',
      'https://app.t500.example.com',
      origins(10_000),
      tenants,
    ),
  ];
  return quick ? all.filter((c) => c.name === '1 origin' || c.name.includes('+')) : all;
}

/** A request as Node hands it to a Connect middleware: method and lower-case headers. */
export interface BenchRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The four cases, by name; `allowed` says what a correct contender must answer. */
export interface BenchCase {
  readonly name: string;
  readonly allowed: boolean;
  readonly request: BenchRequest;
}

/** The four requests for `config`; preflights ask for what Chromium sends for a JSON PUT with a bearer token. */
export function benchCases(config: BenchConfig): BenchCase[] {
  const preflight = (origin: string): BenchRequest => ({
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'authorization,content-type',
    },
  });
  const actual = (origin: string): BenchRequest => ({ method: 'GET', headers: { origin } });
  return [
    { name: 'allowed preflight', allowed: true, request: preflight(config.allowedOrigin) },
    { name: 'allowed actual', allowed: true, request: actual(config.allowedOrigin) },
    { name: 'disallowed actual', allowed: false, request: actual(DISALLOWED_ORIGIN) },
    { name: 'refused preflight', allowed: false, request: preflight(DISALLOWED_ORIGIN) },
  ];
}
