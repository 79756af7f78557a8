/** Validation of the options shared by the stores (retention, memory sweeping). */
import type { ConfigProblem } from '../../internal/problems.js';
import { secondsProblem, TOKEN_PROBLEM } from '../token-problems.js';
import { DEFAULT_RETENTION_MS } from './family-rules.js';

const MAX_RETENTION_SECONDS = 30 * 86_400;

/** Checks `retentionSeconds` (0 … 30 days); returns it in ms (default one hour). */
export function retentionMs(value: unknown, problems: ConfigProblem[]): number {
  if (value === undefined) return DEFAULT_RETENTION_MS;
  const problem = secondsProblem(
    TOKEN_PROBLEM.retentionInvalid,
    'retentionSeconds',
    value,
    0,
    MAX_RETENTION_SECONDS,
    'Keep ended families at least as long as an access token lives, e.g. 3600.',
  );
  if (problem !== undefined) {
    problems.push(problem);
    return DEFAULT_RETENTION_MS;
  }
  return (value as number) * 1000;
}
