/**
 * The benchmark's inputs: three allowlists (1 origin, 10,000 origins, 1,000 subdomain
 * patterns), each stated once for corset and once, equivalently, for the `cors` package
 * (an array of strings, or of anchored RegExps for the patterns, as its README advises),
 * and the four requests every contender decides.
 */
import type { CorsOptions } from 'cors';
import type { CorsConfig } from '../src/cors/index.js';

/** An origin no allowlist allows, for the disallowed and refused cases. */
export const DISALLOWED_ORIGIN = 'https://evil.example.org';

/** One allowlist, in each contender's terms. */
export interface BenchConfig {
  readonly name: string;
  readonly allowedOrigin: string;
  readonly corset: CorsConfig;
  readonly cors: CorsOptions;
  /** For the floor: the exact origins it lets through (a perfect oracle for patterns). */
  readonly floor: ReadonlySet<string>;
}

const SHARED = {
  credentials: true,
  methods: ['PUT', 'DELETE'],
  allowedHeaders: ['content-type', 'authorization'],
  exposedHeaders: ['x-request-id'],
  maxAge: 600,
} as const;

function config(
  name: string,
  allowedOrigin: string,
  corsetOrigins: string[],
  corsOrigins: (string | RegExp)[],
): BenchConfig {
  return {
    name,
    allowedOrigin,
    corset: { ...SHARED, origins: corsetOrigins },
    cors: {
      ...SHARED,
      methods: [...SHARED.methods],
      allowedHeaders: [...SHARED.allowedHeaders],
      exposedHeaders: [...SHARED.exposedHeaders],
      origin: corsOrigins,
    },
    floor: new Set([allowedOrigin]),
  };
}

/** Builds the three allowlists. The allowed origin sits in the middle of the lists (a linear scan's average case). */
export function benchConfigs(): BenchConfig[] {
  const one = ['https://app.example.com'];
  const many = Array.from({ length: 10_000 }, (_, i) => `https://app${i}.example.com`);
  many[5_000] = 'https://app.example.com';
  const tenants = Array.from({ length: 1_000 }, (_, i) => `t${i}`);
  return [
    config('1 origin', 'https://app.example.com', one, one),
    config('10,000 origins', 'https://app.example.com', many, many),
    config(
      '1,000 patterns',
      'https://app.t500.example.com',
      tenants.map((t) => `https://*.${t}.example.com`),
      tenants.map((t) => new RegExp(`^https://(?:[a-z0-9-]+\\.)+${t}\\.example\\.com$`)),
    ),
  ];
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
