/** Builds a CORS `ConfigProblem`, its severity fixed by the code's catalogue entry. */
import type { ConfigProblem } from '../internal/problems.js';
import { type CorsProblemCode, severityOf } from './problem-codes.js';

/** One problem of a CORS config; see `docs/cors.md` for the catalogue of codes. */
export function corsProblem(
  code: CorsProblemCode,
  field: string,
  value: unknown,
  message: string,
  fix: string,
): ConfigProblem {
  return { code, field, value, message, fix, severity: severityOf(code) };
}
