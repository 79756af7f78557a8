/**
 * `createCorsPolicy`: validate once, then decide requests. The whole run-time state sits
 * behind one reference, so `reconfigure` either swaps it in a single assignment or throws
 * before touching it.
 */
import { throwOnErrors } from '../internal/problems.js';
import { decide } from './decide.js';
import { matchOrigin } from './match-origin.js';
import { buildPolicyState, type PolicyState } from './policy-state.js';
import type { CorsConfig, CorsDecision, CorsPolicy, CorsRequest } from './types.js';
import { validateCorsConfig } from './validate-config.js';

const SUBJECT = 'corset CORS policy';

// Validates `config` and builds its state, or throws a ConfigError listing every problem.
function compile(config: CorsConfig): PolicyState {
  const { config: normalised, problems } = validateCorsConfig(config);
  const warnings = throwOnErrors(SUBJECT, problems);
  return buildPolicyState(normalised, warnings);
}

class Policy implements CorsPolicy {
  #state: PolicyState;
  #debug: boolean;

  constructor(state: PolicyState) {
    this.#state = state;
    this.#debug = state.debug ?? false;
  }

  decide(request: CorsRequest): CorsDecision {
    return decide(this.#state, this.#debug, request);
  }

  isOriginAllowed(origin: string): boolean {
    const state = this.#state;
    if (typeof origin !== 'string') return false;
    if (state.anyOrigin !== undefined) return true;
    const match = matchOrigin(state, origin);
    return match === 'exact' || match === 'dynamic';
  }

  reconfigure(config: CorsConfig): void {
    const next = compile(config);
    this.#state = next;
    if (next.debug !== undefined) this.#debug = next.debug;
  }

  setDebug(on: boolean): void {
    this.#debug = on === true;
  }

  get warnings() {
    return this.#state.warnings;
  }
}

/**
 * Builds a CORS policy from `config`, validated completely and once.
 *
 * @throws {ConfigError} listing every problem of the config (each with code, field,
 *   value, message and fix) when at least one is an error; warnings are kept in
 *   `policy.warnings`.
 * @example
 * const policy = createCorsPolicy({
 *   origins: ['https://app.example.com', 'https://*.example.com'],
 *   credentials: true,
 *   methods: ['PUT', 'DELETE'],
 *   allowedHeaders: ['content-type', 'authorization'],
 *   exposedHeaders: ['x-request-id'],
 *   maxAge: 600,
 * });
 */
export function createCorsPolicy(config: CorsConfig): CorsPolicy {
  return new Policy(compile(config));
}
