/**
 * The framework-neutral CORS policy: pure, no Node API, runs in browsers too.
 * Adapters in `src/adapters/` apply its decisions; CSRF defence and the browser model
 * reuse its origin parsing and allowlist.
 */
export { CORS_CONFIG_KEYS } from './config-keys.js';
export { NOT_CORS } from './decide.js';
export { isForbiddenRequestHeader, isForbiddenResponseHeader } from './header-names.js';
export { isForbiddenMethod, isSafelistedMethod, normalizeMethod } from './methods.js';
export {
  defaultPort,
  isLoopbackHost,
  MAX_ORIGIN_LENGTH,
  type ParsedOrigin,
  parseOrigin,
  serializeOrigin,
} from './origin.js';
export { createCorsPolicy } from './policy.js';
export { CORS_PROBLEM, type CorsProblemCode, severityOf } from './problem-codes.js';
export type {
  CorsConfig,
  CorsDecision,
  CorsPolicy,
  CorsRefusal,
  CorsRefusalCode,
  CorsRequest,
  HeaderPair,
} from './types.js';
export { CHROMIUM_MAX_AGE_CAP, FIREFOX_MAX_AGE_CAP } from './validate-config.js';
export { mergeVary, VARY_ACTUAL, VARY_PREFLIGHT } from './vary.js';
