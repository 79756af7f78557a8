/**
 * Problems of the entry point's own fields, and the merging of the problems its parts
 * report (CORS policy, topology, cookies, keys, tokens, refresh sessions, CSRF), so that
 * one failed start lists everything wrong with the config.
 */
import { isRecord } from '../internal/is-record.js';
import { ConfigError, type ConfigProblem } from '../internal/problems.js';

/** Stable codes of the entry point's own config problems. */
export const CORSET_PROBLEM = Object.freeze({
  configNotObject: 'corset/config-not-object',
  unknownKey: 'corset/unknown-key',
  keysMissing: 'corset/keys-missing',
  keysConflict: 'corset/keys-conflict',
  pathInvalid: 'corset/path-invalid',
  pathsCollide: 'corset/paths-collide',
  flagInvalid: 'corset/flag-invalid',
  corsOptionOwned: 'corset/cors-option-owned',
} as const);

/** Builds an error-severity problem of the entry point. */
export function corsetProblem(
  code: (typeof CORSET_PROBLEM)[keyof typeof CORSET_PROBLEM],
  field: string,
  value: unknown,
  message: string,
  fix: string,
): ConfigProblem {
  return { code, field, value, message, fix, severity: 'error' };
}

/** Problems for keys of `raw` that are not in `known` (a typo would silently be ignored). */
export function unknownKeys(
  raw: Record<string, unknown>,
  known: readonly string[],
  prefix: string,
): ConfigProblem[] {
  return Object.keys(raw)
    .filter((key) => !known.includes(key))
    .map((key) =>
      corsetProblem(
        CORSET_PROBLEM.unknownKey,
        `${prefix}${key}`,
        raw[key],
        'Unknown option: it would be ignored.',
        `Use one of: ${known.join(', ')}.`,
      ),
    );
}

/** Prefixes a part's field names with where that part sits in the entry point's config. */
export function relocate(problems: readonly ConfigProblem[], prefix: string): ConfigProblem[] {
  return problems.map((p) => ({ ...p, field: prefix === '' ? p.field : `${prefix}.${p.field}` }));
}

/**
 * Runs a part's constructor and returns what it built, or collects the problems of its
 * `ConfigError` (relocated under `prefix`) into `into` and returns undefined. Any other
 * exception is a bug and propagates.
 */
export function collect<T>(into: ConfigProblem[], prefix: string, build: () => T): T | undefined {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    into.push(...relocate(error.problems, prefix));
    return undefined;
  }
}

/** The async form of {@link collect}, for parts that import keys. */
export async function collectAsync<T>(
  into: ConfigProblem[],
  prefix: string,
  build: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await build();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    into.push(...relocate(error.problems, prefix));
    return undefined;
  }
}

/** The session endpoint paths. */
export interface SessionPaths {
  readonly login: string;
  readonly refresh: string;
  readonly logout: string;
}

/**
 * Checks the endpoint paths: absolute, no query or fragment (they are matched against
 * the request path and become the refresh cookie's `Path`), and all different.
 */
export function checkPaths(
  raw: unknown,
  defaults: SessionPaths,
  problems: ConfigProblem[],
): SessionPaths {
  if (raw === undefined) return defaults;
  if (!isRecord(raw)) {
    problems.push(
      corsetProblem(
        CORSET_PROBLEM.pathInvalid,
        'session.paths',
        raw,
        'paths must be an object.',
        "E.g. paths: { login: '/auth/login', refresh: '/auth/refresh', logout: '/auth/logout' }.",
      ),
    );
    return defaults;
  }
  problems.push(...unknownKeys(raw, ['login', 'refresh', 'logout'], 'session.paths.'));
  const paths = { ...defaults };
  for (const name of ['login', 'refresh', 'logout'] as const) {
    const value = raw[name];
    if (value === undefined) continue;
    if (
      typeof value !== 'string' ||
      !value.startsWith('/') ||
      value.startsWith('//') ||
      /[?#;\s]/.test(value)
    ) {
      problems.push(
        corsetProblem(
          CORSET_PROBLEM.pathInvalid,
          `session.paths.${name}`,
          value,
          'A path must start with "/" and hold no query, fragment, ";" or whitespace: it is matched against the request path, and the refresh path is also the refresh cookie\'s Path.',
          `E.g. '${defaults[name]}'.`,
        ),
      );
      continue;
    }
    paths[name] = value;
  }
  const seen = new Map<string, string>();
  for (const name of ['login', 'refresh', 'logout'] as const) {
    const other = seen.get(paths[name]);
    if (other !== undefined) {
      problems.push(
        corsetProblem(
          CORSET_PROBLEM.pathsCollide,
          `session.paths.${name}`,
          paths[name],
          `The same path as session.paths.${other}: one request cannot be both.`,
          'Give each endpoint its own path.',
        ),
      );
    }
    seen.set(paths[name], name);
  }
  return paths;
}

/** Checks an optional boolean flag. */
export function checkFlag(
  value: unknown,
  field: string,
  problems: ConfigProblem[],
): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  problems.push(
    corsetProblem(
      CORSET_PROBLEM.flagInvalid,
      field,
      value,
      'Must be true or false; a string such as "false" would be truthy.',
      `Write ${field.split('.').at(-1)}: true or false, or remove it for the default.`,
    ),
  );
  return undefined;
}
