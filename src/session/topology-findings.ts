/**
 * What planning a session topology finds, collected in order: configuration errors,
 * startup warnings, and the reasons for each decision.
 */
import type { ConfigProblem } from '../internal/problems.js';
import type { BrowserOutcome } from './topology-browsers.js';
import type { TopologyProblemCode, TopologyReasonCode } from './topology-codes.js';
import type { TopologyReason, TopologyWarning } from './topology-types.js';

/** Collects the plan's findings in the order they are made. */
export interface Findings {
  readonly problems: ConfigProblem[];
  readonly warnings: TopologyWarning[];
  readonly reasons: TopologyReason[];
}

/** Records a configuration error. */
export function error(
  findings: Findings,
  code: TopologyProblemCode,
  field: string,
  value: unknown,
  message: string,
  fix: string,
) {
  findings.problems.push({ code, field, value, message, fix, severity: 'error' });
}

/** Records a startup warning. */
export function warn(
  findings: Findings,
  code: string,
  message: string,
  fix: string,
  browsers: readonly BrowserOutcome[] = [],
) {
  findings.warnings.push({ code, message, fix, browsers });
}

/** Records the reason for a decision. */
export function reason(findings: Findings, code: TopologyReasonCode, message: string) {
  findings.reasons.push({ code, message });
}
