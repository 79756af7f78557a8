/**
 * The doctor's reports (version 1): the types of `--json`, the builder from a
 * browser-model result, the text renderer and the self-contained HTML page. No Node
 * API: the web checker page uses the same code.
 */
export type { BuildReportInput } from './build.js';
export { buildReport } from './build.js';
export { escapeHtml, renderReportHtml } from './render-html.js';
export type { RenderReportTextOptions, TextStyles } from './render-text.js';
export { renderReportText } from './render-text.js';
export type {
  DoctorReport,
  ReportBrowser,
  ReportHttp,
  ReportHttpExchange,
  ReportNote,
  ReportPreflight,
  ReportReason,
  ReportSetCookie,
  ReportStep,
} from './types.js';
export { REPORT_SCHEMA, REPORT_VERSION } from './types.js';
