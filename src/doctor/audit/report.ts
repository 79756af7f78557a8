/**
 * The audit's JSON report, version 1 (`corset audit --json`). Plain data; the schema is
 * `docs/schemas/audit-report.v1.json`. Additive changes keep version 1; removing or
 * renaming a field makes version 2.
 */
import { isAtLeast, SEVERITIES, type Severity, type TargetResult } from './types.js';

/** The format's identifier and version. */
export const AUDIT_REPORT_SCHEMA = 'corset.audit.report' as const;
export const AUDIT_REPORT_VERSION = 1 as const;

/** `--fail-on` values: a severity, or `none` to never fail on findings. */
export type FailOn = Severity | 'none';

/** The whole report. */
export interface AuditReport {
  readonly schema: typeof AUDIT_REPORT_SCHEMA;
  readonly version: typeof AUDIT_REPORT_VERSION;
  readonly tool: { readonly name: 'corset'; readonly version: string };
  readonly trustedOrigins: readonly string[];
  readonly failOn: FailOn;
  readonly summary: {
    readonly targets: number;
    readonly audited: number;
    readonly unreachable: number;
    readonly findings: number;
    readonly bySeverity: Readonly<Record<Severity, number>>;
    /** Whether the run fails: a finding at or above `failOn`, or an unreachable target. */
    readonly failed: boolean;
  };
  readonly targets: readonly TargetResult[];
}

/** Whether any finding is at or above `failOn`. */
export function hasFindingAtOrAbove(targets: readonly TargetResult[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  return targets.some(
    (t) => t.status === 'audited' && t.findings.some((f) => isAtLeast(f.severity, failOn)),
  );
}

/** Builds the report of a run. */
export function buildAuditReport(
  targets: readonly TargetResult[],
  context: {
    readonly version: string;
    readonly trustedOrigins: readonly string[];
    readonly failOn: FailOn;
  },
): AuditReport {
  const findings = targets.flatMap((t) => (t.status === 'audited' ? t.findings : []));
  const bySeverity = Object.fromEntries(
    SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length]),
  ) as Record<Severity, number>;
  const unreachable = targets.filter((t) => t.status === 'unreachable').length;
  return {
    schema: AUDIT_REPORT_SCHEMA,
    version: AUDIT_REPORT_VERSION,
    tool: { name: 'corset', version: context.version },
    trustedOrigins: context.trustedOrigins,
    failOn: context.failOn,
    summary: {
      targets: targets.length,
      audited: targets.length - unreachable,
      unreachable,
      findings: findings.length,
      bySeverity,
      failed: unreachable > 0 || hasFindingAtOrAbove(targets, context.failOn),
    },
    targets,
  };
}
