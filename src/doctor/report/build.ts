/**
 * `buildReport`: a browser-model result (plus, for the live doctor, what went over the
 * wire) into a version-1 report. Pure; no Node API (the web checker page uses it).
 */
import type { ModelResult, Reason, StepVerdict } from '../../browser/index.js';
import {
  type DoctorReport,
  REPORT_SCHEMA,
  REPORT_VERSION,
  type ReportBrowser,
  type ReportHttp,
  type ReportNote,
  type ReportReason,
  type ReportStep,
} from './types.js';

/** Input of {@link buildReport}. */
export interface BuildReportInput {
  readonly tool: DoctorReport['tool'];
  readonly result: ModelResult;
  /**
   * What went over the wire, per browser (same order as `result.browsers`), per step.
   */
  readonly http?: readonly (readonly (ReportHttp | undefined)[])[];
  readonly notes?: readonly ReportNote[];
  /** Default: now. Fix it for reproducible output. */
  readonly generatedAt?: string;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

function reason(r: Reason): ReportReason {
  return {
    code: r.code,
    severity: r.severity,
    ...(r.stage === undefined ? {} : { stage: r.stage }),
    message: r.message,
    fix: r.fix,
    source: r.source,
  };
}

function step(v: StepVerdict, http: ReportHttp | undefined): ReportStep {
  // Errors first, keeping each group's order: the first line is the one that broke it.
  const reasons = [...v.reasons, ...v.setCookies.flatMap((s) => s.reasons)]
    .map(reason)
    .map((r, i) => ({ r, i }))
    .sort((a, b) => SEVERITY_ORDER[a.r.severity] - SEVERITY_ORDER[b.r.severity] || a.i - b.i)
    .map(({ r }) => r);
  return {
    ...(v.label === undefined ? {} : { label: v.label }),
    url: v.url,
    finalUrl: v.finalUrl,
    method: v.method,
    ok: v.ok,
    verdict: v.verdict,
    fetch: v.fetch,
    ...(v.origin === undefined ? {} : { origin: v.origin }),
    preflight: {
      needed: v.preflight.needed,
      sent: v.preflight.sent,
      passed: v.preflight.passed,
      ...(v.preflight.method === undefined ? {} : { method: v.preflight.method }),
      headers: [...v.preflight.headers],
    },
    cookiesSent: [...v.cookiesSent],
    setCookies: v.setCookies.map((s) => ({
      name: s.name,
      stored: s.stored,
      partitioned: s.partitioned,
      deleted: s.deleted,
      httpOnly: s.httpOnly,
      reasons: s.reasons.map(reason),
    })),
    readableHeaders: [...v.readableHeaders],
    reasons,
    ...(http === undefined ? {} : { http }),
  };
}

/** Builds the version-1 report of a model result. */
export function buildReport(input: BuildReportInput): DoctorReport {
  const browsers: ReportBrowser[] = input.result.browsers.map((b, bi) => {
    const wire = input.http?.[bi];
    const steps = b.steps.map((s, si) => step(s, wire?.[si]));
    const failed = steps.findIndex((s) => !s.ok);
    return {
      browser: b.browser,
      ok: b.ok,
      ...(failed < 0 ? {} : { failedStep: failed }),
      steps,
    };
  });
  const failing = browsers.filter((b) => !b.ok).map((b) => b.browser);
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    tool: input.tool,
    generatedAt: input.generatedAt ?? new Date().toISOString(),
    page: input.result.page,
    ok: failing.length === 0 && !(input.notes ?? []).some((n) => n.severity === 'error'),
    summary: { browsers: browsers.length, ok: browsers.length - failing.length, failing },
    browsers,
    notes: [...(input.notes ?? [])],
  };
}
