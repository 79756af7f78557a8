/**
 * `--html <file>`: one self-contained page (inline CSS and SVG, no script, no external
 * resource: readable offline, attachable to a ticket). Per browser, a sequence diagram
 * of what went over the wire (page → preflight → answer → Set-Cookie → next request)
 * with the step that broke marked, then the reasons and fixes. No Node API.
 */
import { groupedReasons } from './group-reasons.js';
import type { DoctorReport, ReportBrowser, ReportReason, ReportStep } from './types.js';

/** HTML-escapes text for element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const LANE_WIDTH = 440;
const ROW = 34;
const TOP = 56;

/** An arrow of the diagram. */
interface Arrow {
  readonly from: number;
  readonly to: number;
  readonly text: string;
  readonly kind: 'ok' | 'fail' | 'skip';
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

function firstError(reasons: readonly ReportReason[], stage?: string): string | undefined {
  return reasons.find((r) => r.severity === 'error' && (stage === undefined || r.stage === stage))
    ?.code;
}

function stepArrows(step: ReportStep, page: number, server: number): Arrow[] {
  const arrows: Arrow[] = [];
  const path = pathOf(step.url);
  if (step.preflight.sent) {
    const asked = [step.preflight.method, ...step.preflight.headers].filter(Boolean).join(', ');
    arrows.push({ from: page, to: server, text: `OPTIONS ${path} (${asked})`, kind: 'ok' });
    const status = step.http?.preflight?.status;
    const failed = !step.preflight.passed;
    const code = firstError(step.reasons, 'preflight');
    arrows.push({
      from: server,
      to: page,
      text: `${status ?? ''} preflight ${failed ? `✗ ${code ?? 'failed'}` : 'passed'}`.trim(),
      kind: failed ? 'fail' : 'ok',
    });
    if (failed) {
      arrows.push({
        from: page,
        to: server,
        text: `${step.method} ${path}: never sent`,
        kind: 'skip',
      });
      return arrows;
    }
  }
  const cookies =
    step.cookiesSent.length === 0 ? 'no cookie' : `Cookie: ${step.cookiesSent.join(', ')}`;
  const cookieFailed = step.verdict === 'cookie-not-sent';
  arrows.push({
    from: page,
    to: server,
    text: `${step.method} ${path} (${cookies})${cookieFailed ? ` ✗ ${firstError(step.reasons, 'cookie-not-sent') ?? 'cookie not sent'}` : ''}`,
    kind: cookieFailed ? 'fail' : 'ok',
  });
  for (const redirect of step.http?.redirects ?? [])
    arrows.push({ from: server, to: page, text: `${redirect.status ?? ''} redirect`, kind: 'ok' });
  const status = step.http?.actual?.status;
  const answerFailed = step.verdict === 'cors-check' || step.verdict === 'header-not-exposed';
  arrows.push({
    from: server,
    to: page,
    text: `${status ?? 'answer'}${answerFailed ? ` ✗ ${firstError(step.reasons) ?? step.verdict}` : step.ok ? ' readable' : ''}`,
    kind: answerFailed ? 'fail' : 'ok',
  });
  for (const cookie of step.setCookies) {
    const fate = cookie.deleted
      ? 'deleted'
      : cookie.stored
        ? `stored${cookie.partitioned ? ' (partitioned)' : ''}`
        : `✗ rejected: ${cookie.reasons.find((r) => r.severity === 'error')?.code ?? ''}`;
    arrows.push({
      from: server,
      to: page,
      text: `Set-Cookie ${cookie.name}: ${fate}`,
      kind: cookie.stored || cookie.deleted ? 'ok' : 'fail',
    });
  }
  return arrows;
}

function diagram(browser: ReportBrowser, pageOrigin: string): string {
  const lanes = [pageOrigin];
  for (const step of browser.steps)
    for (const url of [step.url, step.finalUrl])
      if (!lanes.includes(originOf(url))) lanes.push(originOf(url));
  const rows: { arrow?: Arrow; label?: string }[] = [];
  browser.steps.forEach((step, i) => {
    const mark = step.ok ? '' : ` — broke here (${step.verdict})`;
    rows.push({ label: `${i + 1}. ${step.label ?? `${step.method} ${pathOf(step.url)}`}${mark}` });
    const server = Math.max(0, lanes.indexOf(originOf(step.url)));
    for (const arrow of stepArrows(step, 0, server === 0 ? 0 : server)) rows.push({ arrow });
  });
  const width = Math.max(2, lanes.length) * LANE_WIDTH;
  const height = TOP + rows.length * ROW + 20;
  const x = (lane: number) => LANE_WIDTH / 2 + lane * LANE_WIDTH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="sequence diagram, ${escapeHtml(browser.browser)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
  ];
  lanes.forEach((lane, i) => {
    parts.push(
      `<text x="${x(i)}" y="20" class="lane">${escapeHtml(i === 0 ? `page ${lane}` : lane)}</text>`,
      `<line x1="${x(i)}" y1="30" x2="${x(i)}" y2="${height - 10}" class="life"/>`,
    );
  });
  rows.forEach((row, r) => {
    const y = TOP + r * ROW;
    if (row.label !== undefined) {
      parts.push(`<text x="8" y="${y + 4}" class="step">${escapeHtml(row.label)}</text>`);
      return;
    }
    const a = row.arrow as Arrow;
    const x1 = x(a.from);
    const x2 = a.from === a.to ? x(a.from) + 60 : x(a.to);
    const dir = x2 >= x1 ? 1 : -1;
    parts.push(
      `<line x1="${x1}" y1="${y}" x2="${x2 - dir * 6}" y2="${y}" class="${a.kind}"/>`,
      `<path d="M${x2} ${y} l${-dir * 8} -5 v10 z" class="head-${a.kind}"/>`,
      `<text x="${(x1 + x2) / 2}" y="${y - 6}" class="msg ${a.kind}">${escapeHtml(a.text)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

function reasonsTable(browser: ReportBrowser): string {
  const rows = browser.steps.flatMap((step, i) =>
    groupedReasons(step)
      .filter(({ reason }) => reason.severity !== 'info')
      .map(({ reason: r, cookies }) => {
        const about =
          cookies.length === 0 ? '' : `<br>Set-Cookie ${escapeHtml(cookies.join(', '))}`;
        return `<tr class="${r.severity}"><td>${i + 1}</td><td><code>${escapeHtml(r.code)}</code>${about}</td><td>${escapeHtml(r.message)}</td><td>${escapeHtml(r.fix)}</td></tr>`;
      }),
  );
  if (rows.length === 0) return '<p>No error or warning.</p>';
  return `<table><thead><tr><th>step</th><th>reason</th><th>what the browser says</th><th>fix</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}
.ok-b{color:#17692b}.fail-b{color:#b00020}
svg{display:block;max-width:100%;height:auto;border:1px solid #ddd;background:#fcfcfc;margin:.5em 0}
.lane{font:bold 12px monospace;text-anchor:middle}.life{stroke:#bbb;stroke-dasharray:4 4}
.step{font:bold 12px sans-serif;fill:#555}.msg{font:12px monospace;text-anchor:middle}
line.ok{stroke:#444}line.fail{stroke:#b00020;stroke-width:2}line.skip{stroke:#aaa;stroke-dasharray:3 3}
text.fail{fill:#b00020;font-weight:bold}text.skip{fill:#999}
.head-ok{fill:#444}.head-fail{fill:#b00020}.head-skip{fill:#aaa}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}
tr.error td:nth-child(2){color:#b00020}tr.warning td:nth-child(2){color:#8a5a00}
.note{margin:.3em 0}`;

/** Renders a report as one self-contained HTML page. */
export function renderReportHtml(report: DoctorReport): string {
  const title = `corset doctor: ${report.ok ? 'every browser ok' : `${report.summary.failing.length} of ${report.summary.browsers} browsers fail`}`;
  const pageOrigin = originOf(report.page);
  const sections = report.browsers.map((b) => {
    const verdict = b.ok
      ? '<span class="ok-b">ok</span>'
      : `<span class="fail-b">fails at step ${(b.failedStep ?? 0) + 1}</span>`;
    return `<section><h2>${escapeHtml(b.browser)}: ${verdict}</h2>${diagram(b, pageOrigin)}${reasonsTable(b)}</section>`;
  });
  const notes = report.notes.map(
    (n) =>
      `<p class="note">${n.severity === 'error' ? '✗' : '!'} <code>${escapeHtml(n.code)}</code>${n.browsers === undefined ? '' : ` (${escapeHtml(n.browsers.join(', '))})`} ${escapeHtml(n.message)}</p>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<p>Page <code>${escapeHtml(report.page)}</code>, ${escapeHtml(report.generatedAt)}, report ${escapeHtml(report.schema)} v${report.version}.</p>
${notes.join('\n')}
${sections.join('\n')}
</body></html>
`;
}
