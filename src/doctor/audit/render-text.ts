/**
 * The audit's human output: per target, its findings worst first, each with the probe,
 * the evidence headers and the fix; then a summary line. Colour comes from the caller.
 */
import type { AuditReport } from './report.js';
import type { Finding, Severity, TargetResult } from './types.js';

/** Text styles the renderer asks for; each returns its input styled. */
export interface AuditTextStyles {
  readonly severity: (severity: Severity, text: string) => string;
  readonly ok: (text: string) => string;
  readonly fail: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const plain = (text: string): string => text;
/** No styling. */
export const PLAIN_STYLES: AuditTextStyles = {
  severity: (_s, text) => text,
  ok: plain,
  fail: plain,
  dim: plain,
  bold: plain,
};

/** A header value printed with its control characters visible. */
function shown(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return JSON.stringify(value);
  }
  return value;
}

function probeLine(f: Finding): string {
  const origin = f.probe.origin === null ? '(no Origin)' : `Origin: ${shown(f.probe.origin)}`;
  const extra = Object.entries(f.probe.headers).map(([n, v]) => `${n}: ${v}`);
  return [`${f.probe.method} ${origin}`, ...extra].join(', ');
}

/** Other accepted origins listed in text (all of them are in the JSON report). */
const ALSO_SHOWN = 6;

function findingLines(f: Finding, s: AuditTextStyles): string[] {
  const lines = [
    `  ${s.severity(f.severity, f.severity.toUpperCase().padEnd(6))} ${s.bold(f.title)} ${s.dim(`[${f.class}]`)}`,
    `         ${f.message}`,
    `         probe:    ${probeLine(f)}`,
    `         evidence: ${f.evidence.status}${Object.entries(f.evidence.headers)
      .map(([n, v]) => `\n                   ${n}: ${shown(v)}`)
      .join('')}`,
  ];
  if (f.alsoAccepted.length > 0) {
    const more = f.alsoAccepted.length - ALSO_SHOWN;
    const listed = f.alsoAccepted.slice(0, ALSO_SHOWN).map(shown).join(' ');
    lines.push(
      `         also accepted: ${listed}${more > 0 ? ` (and ${more} more, see --json)` : ''}`,
    );
  }
  lines.push(`         fix: ${f.fix}`);
  return lines;
}

function targetLines(t: TargetResult, s: AuditTextStyles): string[] {
  if (t.status === 'unreachable')
    return [`${s.bold(t.url)}`, `  ${s.fail('unreachable')}: ${t.error}`];
  const head =
    t.findings.length === 0
      ? `${s.bold(t.url)}  ${s.ok('no finding')} ${s.dim(`(${t.probes} probes)`)}`
      : `${s.bold(t.url)}  ${t.findings.length} finding${t.findings.length === 1 ? '' : 's'} ${s.dim(`(${t.probes} probes)`)}`;
  const failed = t.failedProbes.map(
    (p) => `  ${s.dim(`probe ${p.probe} got no answer: ${p.error}`)}`,
  );
  return [head, ...t.findings.flatMap((f) => findingLines(f, s)), ...failed];
}

/** Renders the report as text (ends with a newline). */
export function renderAuditText(
  report: AuditReport,
  styles: AuditTextStyles = PLAIN_STYLES,
): string {
  const blocks = report.targets.map((t) => targetLines(t, styles).join('\n'));
  const { summary } = report;
  const counts = (['high', 'medium', 'low', 'info'] as const)
    .filter((sev) => summary.bySeverity[sev] > 0)
    .map((sev) => styles.severity(sev, `${summary.bySeverity[sev]} ${sev}`));
  const total =
    `${summary.audited} URL${summary.audited === 1 ? '' : 's'} audited` +
    (summary.unreachable > 0 ? `, ${summary.unreachable} unreachable` : '') +
    `: ${summary.findings} finding${summary.findings === 1 ? '' : 's'}` +
    (counts.length > 0 ? ` (${counts.join(', ')})` : '');
  const verdict =
    report.failOn === 'none'
      ? ''
      : summary.failed
        ? styles.fail(` — fails (--fail-on ${report.failOn})`)
        : styles.ok(` — passes (--fail-on ${report.failOn})`);
  return `${blocks.join('\n\n')}\n\n${total}${verdict}\n`;
}
