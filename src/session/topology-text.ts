/**
 * The plain-text rendering of a session-topology plan: the few lines a person reads at
 * server start.
 */
import type { PlannedCookie, SessionTransport, TopologyDecision } from './topology-types.js';

/**
 * A cookie as `Set-Cookie` would carry it, with `…` for the value, e.g.
 * `__Host-session=…; Path=/; Secure; HttpOnly; SameSite=Lax`.
 */
export function formatPlannedCookie(cookie: PlannedCookie): string {
  const a = cookie.attributes;
  let line = `${cookie.name}=…`;
  if (a.domain !== undefined) line += `; Domain=${a.domain}`;
  if (a.path !== undefined) line += `; Path=${a.path}`;
  if (a.secure === true) line += '; Secure';
  if (a.httpOnly === true) line += '; HttpOnly';
  if (a.sameSite !== undefined) line += `; SameSite=${a.sameSite}`;
  if (a.partitioned === true) line += '; Partitioned';
  return line;
}

const TRANSPORT_TEXT: Readonly<Record<SessionTransport, string>> = {
  cookie: 'cookies',
  'cookie+bearer-fallback': 'cookies, with the Bearer header where the browser drops them',
  bearer: 'Bearer header only (no cookies)',
};

/** Renders a decision as a few lines of text. */
export function renderTopologyText(decision: TopologyDecision): string {
  const lines = [`corset session topology: API ${decision.apiOrigin}`];
  for (const r of decision.relations) {
    const sites = r.relation === 'same-origin' ? '' : ` (site ${r.appSite} vs ${r.apiSite})`;
    lines.push(`  app ${r.appOrigin}: ${r.relation}${sites}`);
  }
  if (decision.cookie !== null)
    lines.push(`  session cookie: ${formatPlannedCookie(decision.cookie)}`);
  if (decision.refreshCookie !== null) {
    lines.push(`  refresh cookie: ${formatPlannedCookie(decision.refreshCookie)}`);
  }
  lines.push(`  transport: ${TRANSPORT_TEXT[decision.transport]}`);
  for (const w of decision.warnings) lines.push(`  WARNING [${w.code}] ${w.message} Fix: ${w.fix}`);
  for (const r of decision.reasons) lines.push(`  - ${r.message}`);
  return lines.join('\n');
}
