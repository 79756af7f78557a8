/**
 * corset: credentialed cross-origin requests that work.
 *
 * The root entry point re-exports the framework-neutral core. Adapters live in
 * `corset/node`, `corset/fastify`, `corset/hono` and `corset/fetch`.
 */

export * from './cookies/index.js';
export * from './cors/index.js';
export {
  ConfigError,
  type ConfigProblem,
  formatProblem,
  type ProblemSeverity,
} from './internal/problems.js';
