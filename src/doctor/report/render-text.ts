/**
 * The doctor's human output: per browser, the verdict, then each step (preflight,
 * cookies sent, Set-Cookie fate, readable headers) and, under a failed step, the
 * reasons in that browser's words with their fixes. No Node API; colour comes from the
 * caller (the CLI passes picocolors, the web page nothing).
 */
import { groupedReasons } from './group-reasons.js';
import type { DoctorReport, ReportReason, ReportStep } from './types.js';

/** Text styles the renderer asks for; each returns its input styled. */
export interface TextStyles {
  readonly ok: (text: string) => string;
  readonly fail: (text: string) => string;
  readonly warn: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

/** Options of {@link renderReportText}. */
export interface RenderReportTextOptions {
  /** Default: no styling. */
  readonly styles?: TextStyles;
  /** Also list `info` reasons (default false). */
  readonly verbose?: boolean;
}

const plain = (text: string): string => text;
const PLAIN: TextStyles = { ok: plain, fail: plain, warn: plain, dim: plain, bold: plain };

function preflightText(step: ReportStep): string {
  const p = step.preflight;
  if (!p.needed) return 'no preflight';
  if (!p.sent) return 'preflight cached';
  const asked = [p.method, ...p.headers].filter((x) => x !== undefined).join(', ');
  return `preflight (${asked}) ${p.passed ? 'passed' : 'FAILED'}`;
}

function setCookieText(step: ReportStep): string | undefined {
  if (step.setCookies.length === 0) return undefined;
  const parts = step.setCookies.map((s) => {
    const name = s.name === '' ? '(nameless)' : s.name;
    if (s.deleted) return `${name} deleted`;
    if (!s.stored) return `${name} REJECTED`;
    return `${name} stored${s.partitioned ? ' (partitioned)' : ''}`;
  });
  return `Set-Cookie ${parts.join(', ')}`;
}

function statusText(step: ReportStep): string | undefined {
  const http = step.http;
  if (http === undefined) return undefined;
  const parts: string[] = [];
  if (http.preflight !== undefined)
    parts.push(`OPTIONS ${http.preflight.status ?? http.preflight.error ?? '?'}`);
  for (const r of http.redirects ?? []) parts.push(`${r.method} ${r.status ?? '?'} → ${r.url}`);
  if (http.actual !== undefined)
    parts.push(
      `${http.actual.method} ${http.actual.status ?? http.actual.error ?? '?'}${http.actual.fromCache === true ? ' (from the HTTP cache)' : ''}`,
    );
  else if (http.preflight !== undefined) parts.push('actual request not sent');
  return parts.join(', ');
}

function reasonLines(r: ReportReason, s: TextStyles, cookies: readonly string[]): string[] {
  const mark =
    r.severity === 'error' ? s.fail('✗') : r.severity === 'warning' ? s.warn('!') : s.dim('i');
  const about = cookies.length === 0 ? '' : ` (Set-Cookie ${cookies.join(', ')})`;
  return [
    `      ${mark} ${s.bold(r.code)}${about}: ${r.message}`,
    `        ${s.dim('fix:')} ${r.fix}`,
  ];
}

/** Renders a report as text for a terminal; ends with a newline. */
export function renderReportText(
  report: DoctorReport,
  options: RenderReportTextOptions = {},
): string {
  const s = options.styles ?? PLAIN;
  const verbose = options.verbose === true;
  const lines: string[] = [`${s.bold('page')} ${report.page}`];
  for (const note of report.notes) {
    const mark = note.severity === 'error' ? s.fail('✗') : s.warn('!');
    const where = [
      ...(note.step === undefined ? [] : [`step ${note.step + 1}`]),
      ...(note.browsers === undefined ? [] : [note.browsers.join(', ')]),
    ];
    const context = where.length === 0 ? '' : ` (${where.join('; ')})`;
    lines.push(`${mark} ${note.code}${context}: ${note.message}`);
  }
  for (const browser of report.browsers) {
    lines.push('');
    lines.push(`${s.bold(browser.browser)}: ${browser.ok ? s.ok('ok') : s.fail('FAILS')}`);
    browser.steps.forEach((step, i) => {
      const name = step.label === undefined ? `${i + 1}.` : `${i + 1}. ${step.label}:`;
      const verdict = step.ok ? s.ok('ok') : s.fail(`FAILED at ${step.verdict}`);
      lines.push(`  ${name} ${step.method} ${step.url} — ${verdict}`);
      const facts = [
        preflightText(step),
        step.cookiesSent.length === 0 ? 'no cookies sent' : `sends ${step.cookiesSent.join(', ')}`,
        setCookieText(step),
        step.ok && step.readableHeaders.length > 0
          ? `reads ${step.readableHeaders.join(', ')}`
          : undefined,
        statusText(step),
      ].filter((x): x is string => x !== undefined);
      lines.push(`     ${s.dim(facts.join('; '))}`);
      for (const { reason, cookies } of groupedReasons(step))
        if (verbose || reason.severity !== 'info') lines.push(...reasonLines(reason, s, cookies));
    });
  }
  lines.push('');
  const { summary } = report;
  lines.push(
    report.ok
      ? s.ok(`all ${summary.browsers} browsers ok`)
      : s.fail(
          `${summary.failing.length} of ${summary.browsers} browsers fail: ${summary.failing.join(', ')}`,
        ),
  );
  return `${lines.join('\n')}\n`;
}
