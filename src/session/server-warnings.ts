/**
 * The topology plan's startup warnings as config problems of the entry point: each one
 * names the `CorsetConfig` field it is about, and says its fix in that config's
 * words (the topology speaks of its own options, e.g. `refreshPath`).
 */
import type { ConfigProblem } from '../internal/problems.js';
import type { SessionPaths } from './server-problems.js';
import { TOPOLOGY_WARNING } from './topology-codes.js';
import type { TopologyWarning } from './topology-types.js';

/** The config values the warnings point at. */
export interface WarnedFields {
  readonly appOrigins: unknown;
  readonly apiOrigin: unknown;
  readonly paths: SessionPaths;
  readonly bearer: boolean;
}

/** Each warning as a `warning` problem on the field it is about. */
export function topologyWarningProblems(
  warnings: readonly TopologyWarning[],
  fields: WarnedFields,
): ConfigProblem[] {
  return warnings.map((w) => {
    const base = { code: w.code, message: w.message, severity: 'warning' as const };
    switch (w.code) {
      case TOPOLOGY_WARNING.refreshPathRoot:
        return {
          ...base,
          field: 'session.paths',
          value: fields.paths,
          // The entry point derives the refresh cookie's Path from these two paths.
          fix: "put session.paths.refresh and session.paths.logout under one directory, e.g. '/auth/refresh' and '/auth/logout': the refresh cookie's Path is the directory they share.",
        };
      case TOPOLOGY_WARNING.insecureHttp:
        return { ...base, field: 'apiOrigin', value: fields.apiOrigin, fix: w.fix };
      case TOPOLOGY_WARNING.bearerOnly:
      case TOPOLOGY_WARNING.noBearerFallback:
        return { ...base, field: 'session.bearer', value: fields.bearer, fix: w.fix };
      default:
        return { ...base, field: 'appOrigins', value: fields.appOrigins, fix: w.fix };
    }
  });
}
