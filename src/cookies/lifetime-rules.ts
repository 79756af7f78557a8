/**
 * Lifetime rules (RFC 6265bis §5.5: user agents cap cookie lifetimes at 400 days), shared
 * by construction-time checks and per-response overrides.
 */

import type { ProblemSeverity } from '../internal/problems.js';
import { MAX_AGE_SECONDS } from './limits.js';

/** A problem found in one value, reused for per-response overrides. */
export interface ValueProblem {
  readonly code: string;
  readonly message: string;
  readonly fix: string;
  readonly severity: ProblemSeverity;
}

/** Max-Age must be a whole number of seconds in 1 … 400 days (RFC 6265bis §4.1.2.2, §5.5). */
export function maxAgeProblem(maxAge: unknown): ValueProblem | undefined {
  if (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge <= 0) {
    return {
      code: 'cookie/max-age-invalid',
      message:
        'Max-Age must be a positive whole number of seconds; 0 or less deletes the cookie as soon as it is set (RFC 6265bis §5.6.2).',
      fix: 'write seconds, e.g. `maxAge: 900` for 15 minutes; to delete the cookie call `clear()`.',
      severity: 'error',
    };
  }
  if (maxAge > MAX_AGE_SECONDS) {
    return {
      code: 'cookie/max-age-too-long',
      message: `Max-Age is ${maxAge} s (${(maxAge / 86400).toFixed(1)} days); user agents cut cookie lifetimes to 400 days (RFC 6265bis §5.5, §5.6.2), so the configured lifetime would silently not hold.`,
      fix: `use at most \`maxAge: ${MAX_AGE_SECONDS}\` (400 days), and renew the cookie while the session is used.`,
      severity: 'error',
    };
  }
  return undefined;
}

/** Expires must be a valid date no later than now + 400 days (RFC 6265bis §5.5, §5.6.1). */
export function expiresProblem(expires: unknown, now: Date | undefined): ValueProblem | undefined {
  if (!(expires instanceof Date) || Number.isNaN(expires.getTime())) {
    return {
      code: 'cookie/expires-invalid',
      message: '`expires` must be a valid Date.',
      fix: 'pass a Date, or prefer `maxAge` in seconds, which does not depend on clocks.',
      severity: 'error',
    };
  }
  const nowMs = now?.getTime() ?? Date.now();
  if (expires.getTime() > nowMs + MAX_AGE_SECONDS * 1000) {
    return {
      code: 'cookie/expires-too-far',
      message: `${expires.toISOString()} is more than 400 days away; user agents cut it to 400 days (RFC 6265bis §5.5, §5.6.1).`,
      fix: 'use a date within 400 days, or `maxAge` of at most 34560000 seconds.',
      severity: 'error',
    };
  }
  if (expires.getTime() <= nowMs) {
    return {
      code: 'cookie/expires-in-past',
      message: `${expires.toISOString()} has passed: every Set-Cookie would delete the cookie instead of setting it.`,
      fix: 'use `maxAge` in seconds for a lifetime, and `clear()` to delete.',
      severity: 'warning',
    };
  }
  return undefined;
}
