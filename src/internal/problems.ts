/**
 * Configuration problems, shared by every concern that validates a config at
 * construction (CORS policy, cookies, sessions, CSRF).
 *
 * A config is checked as a whole and every problem is reported at once, each with a
 * stable `code`, the `field` and `value` at fault, why it is unsafe or useless, and the
 * fix: a developer should be able to correct the whole config after one failed start.
 */

/** `error` refuses the config; `warning` accepts it but tells (e.g. a useless value). */
export type ProblemSeverity = 'error' | 'warning';

/** One thing wrong with a configuration. */
export interface ConfigProblem {
  /** Stable, documented identifier, e.g. `cors/wildcard-with-credentials`. */
  readonly code: string;
  /** Dotted path of the offending field, e.g. `origins[2]`. */
  readonly field: string;
  /** The offending value, as given. */
  readonly value: unknown;
  /** Why the value is unsafe or has no effect. */
  readonly message: string;
  /** What to write instead. */
  readonly fix: string;
  readonly severity: ProblemSeverity;
}

function describe(problem: ConfigProblem): string {
  let shown: string;
  try {
    shown =
      typeof problem.value === 'string' ? JSON.stringify(problem.value) : String(problem.value);
  } catch {
    shown = '<unprintable>';
  }
  return `[${problem.code}] ${problem.field} = ${shown}: ${problem.message} Fix: ${problem.fix}`;
}

/**
 * Thrown by a constructor (e.g. `createCorsPolicy`) when its config has at least one
 * `error` problem. `problems` holds all of them, warnings included.
 */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(subject: string, problems: readonly ConfigProblem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(
      `${subject}: ${errors.length} problem${errors.length === 1 ? '' : 's'} in the configuration\n` +
        errors.map((p) => `  - ${describe(p)}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Formats one problem on one line (for logs and warnings). */
export function formatProblem(problem: ConfigProblem): string {
  return describe(problem);
}

/** Throws a {@link ConfigError} when `problems` holds an error; returns the warnings. */
export function throwOnErrors(
  subject: string,
  problems: readonly ConfigProblem[],
): ConfigProblem[] {
  if (problems.some((p) => p.severity === 'error')) throw new ConfigError(subject, problems);
  return problems.filter((p) => p.severity === 'warning');
}
