/**
 * `corset audit`: probes an API for exploitable CORS. Pure planning and analysis
 * (`planProbes`, `analyze`), the runner over many URLs (`auditTargets`), the sender on
 * the doctor's HTTP client (`createProbeSender`), and the outputs (text, JSON v1, SARIF).
 */
export { analyze } from './analyze.js';
export { AUDIT_CLASSES, type AuditClass, auditClass, severityFor } from './classes.js';
export {
  EVIL_DOMAIN,
  EVIL_ORIGIN,
  INJECTED_HEADER,
  type ProbePlan,
  planProbes,
  SPECIAL_HOST_CHARACTERS,
  THIRD_PARTY_ORIGINS,
} from './probes.js';
export { parseRawHead, sendRaw } from './raw-request.js';
export { type AuditTextStyles, PLAIN_STYLES, renderAuditText } from './render-text.js';
export {
  AUDIT_REPORT_SCHEMA,
  AUDIT_REPORT_VERSION,
  type AuditReport,
  buildAuditReport,
  type FailOn,
  hasFindingAtOrAbove,
} from './report.js';
export { type AuditRunOptions, auditTargets, type SendProbe } from './run.js';
export { SARIF_SCHEMA, type SarifLevel, toSarif } from './sarif.js';
export { createProbeSender, type ProbeSender } from './send.js';
export type {
  AuditClassId,
  Finding,
  Observation,
  ObservedResponse,
  Probe,
  Severity,
  TargetResult,
} from './types.js';
export { isAtLeast, SEVERITIES } from './types.js';
