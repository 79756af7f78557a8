/**
 * The audit as SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), for
 * code-scanning dashboards: one rule per class, one result per finding, located at the
 * audited URL (SARIF §3.4.3 allows any absolute URI in `artifactLocation.uri`).
 */
import { AUDIT_CLASSES } from './classes.js';
import type { AuditReport } from './report.js';
import type { Finding, Severity } from './types.js';

/** The SARIF 2.1.0 schema address, as `$schema`. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF §3.27.10 `level`. */
export type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Readonly<Record<Severity, SarifLevel>> = {
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

// GitHub code scanning reads `security-severity` (0.0–10.0) to rank security results:
// above 7.0 is high, 4.0–6.9 medium, below 4.0 low.
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  high: '8.0',
  medium: '5.0',
  low: '3.0',
  info: '1.0',
};

function resultOf(finding: Finding, ruleIndex: number) {
  const probe =
    finding.probe.origin === null
      ? `${finding.probe.method} without Origin`
      : `${finding.probe.method} with Origin ${JSON.stringify(finding.probe.origin)}`;
  return {
    ruleId: finding.class,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: `${finding.message} Probe: ${probe}. Fix: ${finding.fix}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: finding.url } } }],
    // Stable across runs, so dashboards track one finding instead of opening a new one.
    partialFingerprints: { corsetAudit: `${finding.class}|${finding.url}` },
    properties: {
      severity: finding.severity,
      'security-severity': SECURITY_SEVERITY[finding.severity],
      credentials: finding.credentials,
      probe: finding.probe,
      evidence: finding.evidence,
      alsoAccepted: finding.alsoAccepted,
    },
  };
}

/** Converts a report to a SARIF 2.1.0 log (one run). */
export function toSarif(report: AuditReport): object {
  const rules = AUDIT_CLASSES.map((c) => ({
    id: c.id,
    name: c.title,
    shortDescription: { text: c.title },
    fullDescription: { text: c.description },
    help: { text: c.fix },
    defaultConfiguration: { level: LEVEL[c.severity] },
    properties: {
      tags: ['security', 'cors', 'external/cwe/cwe-942'],
      'security-severity': SECURITY_SEVERITY[c.severity],
    },
  }));
  const index = new Map(AUDIT_CLASSES.map((c, i) => [c.id, i]));
  const results = report.targets.flatMap((t) =>
    t.status === 'audited' ? t.findings.map((f) => resultOf(f, index.get(f.class) ?? 0)) : [],
  );
  const notifications = report.targets.flatMap((t) =>
    t.status === 'unreachable'
      ? [{ level: 'error', message: { text: `${t.url}: ${t.error}` } }]
      : [],
  );
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'corset',
            version: report.tool.version,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: report.summary.unreachable === 0,
            toolExecutionNotifications: notifications,
          },
        ],
        results,
      },
    ],
  };
}
