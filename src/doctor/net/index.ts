/**
 * The HTTP client of `corset doctor` and `corset audit`: undici with curl's connection
 * options (`--resolve`, `--insecure`, `--ca`, `--timeout`), no silent redirects, and
 * failures as one-line data.
 */
export type {
  ConnectionSettings,
  HttpClient,
  NetOutcome,
  NetRequest,
  NetResponse,
} from './client.js';
export {
  createHttpClient,
  DEFAULT_CONNECTION,
  DEFAULT_TIMEOUT_MS,
  MAX_BODY_BYTES,
} from './client.js';
export type { NetError, NetErrorKind } from './errors.js';
export { describeNetError } from './errors.js';
export type { ParsedResolve, ResolveEntry } from './resolve.js';
export { effectivePort, parseResolve, resolvedAddress } from './resolve.js';
