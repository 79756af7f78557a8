/**
 * A concise plain-text rendering of a model result, for the CLI and tests: one block per
 * browser, one line per step, then its error and warning reasons with their fixes.
 */
import type { ModelResult, Reason, StepVerdict } from './types.js';

/** Options of {@link renderText}. */
export interface RenderTextOptions {
  /** Also list `info` reasons (default false). */
  readonly verbose?: boolean;
}

function stepLine(step: StepVerdict): string {
  const name = step.label === undefined ? '' : `${step.label}: `;
  const preflight = !step.preflight.needed
    ? 'no preflight'
    : step.preflight.sent
      ? `preflight ${step.preflight.passed ? 'passed' : 'failed'}`
      : 'preflight cached';
  const cookies =
    step.cookiesSent.length === 0 ? 'no cookies' : `cookies ${step.cookiesSent.join(', ')}`;
  const stored = step.setCookies
    .map(
      (s) =>
        `${s.name}${s.stored ? (s.partitioned ? ' stored (partitioned)' : ' stored') : s.deleted ? ' deleted' : ' rejected'}`,
    )
    .join(', ');
  const parts = [preflight, cookies, ...(stored === '' ? [] : [`set ${stored}`])];
  const status = step.ok ? 'ok' : `FAILED at ${step.verdict}`;
  return `  ${name}${step.method} ${step.url} — ${status} (${parts.join('; ')})`;
}

function reasonLines(reason: Reason): string[] {
  const mark = reason.severity === 'error' ? '✗' : reason.severity === 'warning' ? '!' : 'i';
  return [`    ${mark} ${reason.code}: ${reason.message}`, `      fix: ${reason.fix}`];
}

/** Renders `result` as text (no colour, ends without a newline). */
export function renderText(result: ModelResult, options: RenderTextOptions = {}): string {
  const lines: string[] = [`page ${result.page}`];
  for (const browser of result.browsers) {
    lines.push(`${browser.browser}: ${browser.ok ? 'ok' : 'FAILS'}`);
    for (const step of browser.steps) {
      lines.push(stepLine(step));
      const reasons = [...step.reasons, ...step.setCookies.flatMap((s) => s.reasons)];
      for (const reason of reasons)
        if (options.verbose === true || reason.severity !== 'info')
          lines.push(...reasonLines(reason));
    }
  }
  return lines.join('\n');
}
