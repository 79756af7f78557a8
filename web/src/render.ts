/**
 * Renders the checker's results from the doctor's version-1 report (`src/doctor/report`,
 * the same data as `corset doctor --json`): a line per browser, the notes (the input's,
 * and the server-header findings), what the Chrome and Firefox consoles print, then each
 * browser's steps with their reasons and fixes, and what was recorded on the wire.
 */
import type { ModelResult, ProfileName } from '../../src/browser/index.js';
import type {
  DoctorReport,
  ReportBrowser,
  ReportHttpExchange,
  ReportNote,
  ReportReason,
  ReportStep,
} from '../../src/doctor/report/index.js';
import { type ConsoleLine, type ConsolePlace, consoleLines } from './console-lines.js';
import { el } from './dom.js';

/** What the page shows after a check. */
export interface CheckOutcome {
  /** The report of the selected profiles. */
  readonly report: DoctorReport;
  /** Chrome's and Firefox's runs, for their console wording (selected or not). */
  readonly consoles: ModelResult;
}

const PLACES: Readonly<Record<ConsolePlace, string>> = {
  console: 'console',
  'network-cookies': 'Network panel, blocked-cookie tooltip (no console line)',
  silent: 'prints nothing; what happened:',
};

function mark(severity: string): string {
  return severity === 'error' ? '✗' : severity === 'warning' ? '!' : 'i';
}

function reasonItem(reason: ReportReason): HTMLLIElement {
  return el(
    'li',
    { class: `reason ${reason.severity}`, 'data-code': reason.code },
    el('span', { class: 'mark', 'aria-hidden': 'true' }, mark(reason.severity)),
    el('code', { class: 'code' }, reason.code),
    el('p', { class: 'message' }, reason.message),
    el('p', { class: 'fix' }, el('strong', {}, 'Fix: '), reason.fix),
    el('p', { class: 'source' }, reason.source),
  );
}

function preflightText(step: ReportStep): string {
  const p = step.preflight;
  if (!p.needed) return 'not needed';
  const asked = [
    p.method === undefined ? undefined : `method ${p.method}`,
    p.headers.length === 0 ? undefined : `headers ${p.headers.join(', ')}`,
  ].filter((s) => s !== undefined);
  const how = asked.length === 0 ? '' : ` (asked ${asked.join('; ')})`;
  if (!p.sent) return p.passed ? 'served from the preflight cache' : 'not sent';
  return `${p.passed ? 'sent, passed' : 'sent, FAILED'}${how}`;
}

function setCookieText(step: ReportStep): string {
  if (step.setCookies.length === 0) return 'none';
  return step.setCookies
    .map((s) => {
      const what = s.stored
        ? s.partitioned
          ? 'stored (partitioned)'
          : 'stored'
        : s.deleted
          ? 'deleted'
          : 'REJECTED';
      return `${s.name === '' ? '(nameless)' : s.name} ${what}`;
    })
    .join(', ');
}

function fact(term: string, value: string, name: string): HTMLElement[] {
  return [el('dt', {}, term), el('dd', { 'data-fact': name }, value)];
}

function wireText(exchange: ReportHttpExchange): string {
  const answer =
    exchange.status === undefined
      ? [`(no answer${exchange.error === undefined ? '' : `: ${exchange.error}`})`]
      : [`HTTP ${exchange.status}`, ...exchange.responseHeaders.map(([n, v]) => `${n}: ${v}`)];
  return [
    `${exchange.method} ${exchange.url}`,
    ...exchange.requestHeaders.map(([n, v]) => `${n}: ${v}`),
    '',
    ...answer,
  ].join('\n');
}

function wireDetails(step: ReportStep): HTMLElement | undefined {
  const http = step.http;
  if (http === undefined) return undefined;
  const parts = [
    http.preflight === undefined ? undefined : (['Preflight', http.preflight] as const),
    ...(http.redirects ?? []).map((r) => ['Redirect', r] as const),
    http.actual === undefined ? undefined : (['Request', http.actual] as const),
  ].filter((p) => p !== undefined);
  return el(
    'details',
    { class: 'wire' },
    el('summary', {}, 'As recorded'),
    ...parts.flatMap(([title, exchange]) => [
      el('h5', {}, title),
      el('pre', {}, wireText(exchange)),
    ]),
  );
}

function stepSection(step: ReportStep, index: number): HTMLElement {
  const name = step.label ?? `request ${index + 1}`;
  const reasons = step.reasons;
  return el(
    'section',
    { class: `step ${step.ok ? 'ok' : 'failed'}`, 'data-step': name, 'data-verdict': step.verdict },
    el(
      'h4',
      {},
      el('span', { class: 'step-name' }, `${name}: `),
      `${step.method} ${step.url} `,
      el(
        'span',
        { class: `badge ${step.ok ? 'ok' : 'failed'}` },
        step.ok ? 'ok' : `fails at ${step.verdict}`,
      ),
    ),
    el(
      'dl',
      { class: 'facts' },
      ...fact('Page gets', step.fetch, 'fetch'),
      ...fact('Origin sent', step.origin ?? '(none)', 'origin'),
      ...fact('Preflight', preflightText(step), 'preflight'),
      ...fact(
        'Cookies sent',
        step.cookiesSent.length === 0 ? 'none' : step.cookiesSent.join(', '),
        'cookies-sent',
      ),
      ...fact('Set-Cookie', setCookieText(step), 'set-cookie'),
      ...fact(
        'Headers the page can read',
        step.readableHeaders.length === 0 ? 'none' : step.readableHeaders.join(', '),
        'readable',
      ),
      ...(step.finalUrl === step.url ? [] : fact('Redirected to', step.finalUrl, 'final-url')),
    ),
    reasons.length === 0 ? undefined : el('ul', { class: 'reasons' }, ...reasons.map(reasonItem)),
    wireDetails(step),
  );
}

function browserArticle(verdict: ReportBrowser): HTMLElement {
  return el(
    'article',
    { class: `browser ${verdict.ok ? 'ok' : 'failed'}`, 'data-browser': verdict.browser },
    el(
      'h3',
      {},
      `${verdict.browser} `,
      el(
        'span',
        { class: `badge ${verdict.ok ? 'ok' : 'failed'}` },
        verdict.ok ? 'works' : 'fails',
      ),
    ),
    ...verdict.steps.map(stepSection),
  );
}

function summaryLine(verdict: ReportBrowser): HTMLLIElement {
  const failed = verdict.failedStep;
  const step = failed === undefined ? undefined : verdict.steps[failed];
  const first = step?.reasons.find((r) => r.severity === 'error');
  return el(
    'li',
    { class: verdict.ok ? 'ok' : 'failed', 'data-browser': verdict.browser },
    el('strong', {}, verdict.browser),
    step === undefined || failed === undefined
      ? ': works'
      : `: fails at ${step.verdict} (${step.label ?? `request ${failed + 1}`})${first === undefined ? '' : `: ${first.code}`}`,
  );
}

function consoleLineItem(line: ConsoleLine): HTMLLIElement {
  return el(
    'li',
    { class: `console-line ${line.severity} ${line.place}`, 'data-code': line.code },
    el('span', { class: 'where' }, `${line.step} · ${PLACES[line.place]}`),
    el('pre', { class: 'message' }, line.message),
  );
}

function consoleColumn(title: string, engine: string, lines: readonly ConsoleLine[]): HTMLElement {
  return el(
    'div',
    { class: 'console', 'data-engine': engine },
    el('h3', {}, title),
    lines.length === 0
      ? el('p', { class: 'hint' }, 'Nothing: no error or warning.')
      : el('ul', {}, ...lines.map(consoleLineItem)),
  );
}

function consolesSection(consoles: ModelResult): HTMLElement {
  const of = (profile: ProfileName) => {
    const verdict = consoles.browsers.find((b) => b.browser === profile);
    return verdict === undefined ? [] : consoleLines(verdict, profile);
  };
  return el(
    'section',
    { id: 'consoles' },
    el('h2', {}, 'What the consoles say'),
    el(
      'p',
      { class: 'hint' },
      'Each failure in the exact words of Chrome’s and Firefox’s DevTools, to match what you saw.',
    ),
    el(
      'div',
      { class: 'console-columns' },
      consoleColumn('Chrome', 'chromium', of('chrome')),
      consoleColumn('Firefox', 'gecko', of('firefox')),
    ),
  );
}

function notesSection(notes: readonly ReportNote[]): HTMLElement | undefined {
  if (notes.length === 0) return undefined;
  return el(
    'section',
    { id: 'notes' },
    el('h2', {}, 'Notes'),
    el(
      'ul',
      { class: 'reasons' },
      ...notes.map((n) =>
        el(
          'li',
          { class: `reason ${n.severity}`, 'data-code': n.code },
          el('span', { class: 'mark', 'aria-hidden': 'true' }, mark(n.severity)),
          el('code', { class: 'code' }, n.code),
          el('p', { class: 'message' }, n.message),
        ),
      ),
    ),
  );
}

/** Replaces the contents of `target` with the outcome; `downloads` are buttons to add. */
export function renderOutcome(
  target: HTMLElement,
  outcome: CheckOutcome,
  downloads: readonly HTMLElement[],
): void {
  const { report } = outcome;
  target.replaceChildren(
    el(
      'section',
      { id: 'summary' },
      el('h2', {}, `From ${report.page}`),
      el('ul', { class: 'verdicts' }, ...report.browsers.map(summaryLine)),
      el('p', { class: 'downloads' }, ...downloads),
    ),
    notesSection(report.notes) ?? '',
    consolesSection(outcome.consoles),
    el(
      'section',
      { id: 'browsers-detail' },
      el('h2', {}, 'Step by step'),
      ...report.browsers.map(browserArticle),
    ),
  );
}

/** Replaces the contents of `target` with a list of problems (and shows it). */
export function renderProblems(target: HTMLElement, problems: readonly string[]): void {
  target.hidden = problems.length === 0;
  target.replaceChildren(
    ...(problems.length === 0
      ? []
      : [
          el('h2', {}, 'Cannot check yet'),
          el('ul', {}, ...problems.map((p) => el('li', { class: 'problem' }, p))),
        ]),
  );
}
