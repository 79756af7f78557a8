/**
 * corset: credentialed cross-origin requests that work.
 *
 * The root entry point re-exports the framework-neutral core: the CORS policy, cookies,
 * CSRF defence and sessions (`createCorset`). Adapters live in `corset/node`,
 * `corset/fastify`, `corset/hono` and `corset/fetch` (policy only) and their `-session`
 * twins (whole stack); the browser model in `corset/browser`, the page-side client in
 * `corset/client`.
 */

export * from './cookies/index.js';
export * from './cors/index.js';
export * from './csrf/index.js';
export {
  ConfigError,
  type ConfigProblem,
  formatProblem,
  type ProblemSeverity,
} from './internal/problems.js';
export * from './session/index.js';
