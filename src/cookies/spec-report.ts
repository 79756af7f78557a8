/** The callback the cookie-spec checks report a problem through (see `check-cookie-spec.ts`). */

import type { ProblemSeverity } from '../internal/problems.js';

/** Records one problem; `field` is relative to the cookie (e.g. `domain`). */
export type Report = (
  severity: ProblemSeverity,
  code: string,
  field: string,
  value: unknown,
  message: string,
  fix: string,
) => void;
