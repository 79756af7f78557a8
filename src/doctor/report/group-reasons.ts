/**
 * A step's reasons once each, with the cookies a Set-Cookie reason is about: an engine
 * whose message does not name the cookie (Chromium's) would otherwise repeat the same
 * line once per cookie. No Node API.
 */
import type { ReportReason, ReportStep } from './types.js';

const reasonKey = (r: ReportReason): string => `${r.code}\n${r.message}\n${r.fix}`;

/** The step's reasons, each once, with the names of the cookies it concerns. */
export function groupedReasons(step: ReportStep): { reason: ReportReason; cookies: string[] }[] {
  const groups = new Map<string, { reason: ReportReason; cookies: string[] }>();
  for (const reason of step.reasons) {
    const key = reasonKey(reason);
    if (!groups.has(key)) groups.set(key, { reason, cookies: [] });
  }
  for (const cookie of step.setCookies)
    for (const reason of cookie.reasons)
      groups.get(reasonKey(reason))?.cookies.push(cookie.name === '' ? '(nameless)' : cookie.name);
  return [...groups.values()];
}
