import pc from 'picocolors';
import type { TextStyles } from '../doctor/report/index.js';

/** Terminal colours for a doctor report in text (`corset doctor`, `corset check`). */
export const REPORT_TEXT_STYLES: TextStyles = {
  ok: pc.green,
  fail: pc.red,
  warn: pc.yellow,
  dim: pc.dim,
  bold: pc.bold,
};
