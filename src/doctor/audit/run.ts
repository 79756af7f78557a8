/**
 * Runs the audit of many URLs: plans each target's probes, sends them through a
 * shared concurrency limit, and analyses the answers. The sending is injected
 * (`SendProbe`), so this file does no I/O of its own.
 */
import { analyze } from './analyze.js';
import { createLimit } from './limiter.js';
import { planProbes } from './probes.js';
import type { Observation, Probe, TargetResult } from './types.js';

/** Sends one probe; never throws (failures are observations with `error`). */
export type SendProbe = (probe: Probe) => Promise<Observation>;

/** Options of {@link auditTargets}. */
export interface AuditRunOptions {
  /** Normalised trusted origins; empty: probes derive from each target's host. */
  readonly trustedOrigins: readonly string[];
  /** Requests in flight at once, over all targets (≥ 1). */
  readonly concurrency: number;
  /** Called once per target as soon as its audit is complete (progress). */
  readonly onTargetDone?: (result: TargetResult) => void;
}

async function auditOne(
  url: string,
  options: AuditRunOptions,
  send: (probe: Probe) => Promise<Observation>,
): Promise<TargetResult> {
  const plan = planProbes(url, options.trustedOrigins);
  const [baseline, ...rest] = plan.probes;
  // The plain request first: when the target cannot be reached at all (refused, DNS,
  // TLS), say so once instead of failing forty probes one by one.
  const first = baseline === undefined ? undefined : await send(baseline);
  if (first !== undefined && 'error' in first) {
    return { url, status: 'unreachable', error: first.error };
  }
  const observations = [
    ...(first === undefined ? [] : [first]),
    ...(await Promise.all(rest.map(send))),
  ];
  return {
    url,
    status: 'audited',
    probes: observations.length,
    failedProbes: observations.flatMap((o) =>
      'error' in o ? [{ probe: o.probe.id, error: o.error }] : [],
    ),
    findings: analyze(plan, observations),
  };
}

/** Audits every URL (absolute http(s) URLs), results in the order of `urls`. */
export async function auditTargets(
  urls: readonly string[],
  options: AuditRunOptions,
  send: SendProbe,
): Promise<TargetResult[]> {
  const max = Math.max(1, options.concurrency);
  const requests = createLimit(max);
  // At most `max` URLs open at once too: their probes fill the request slots, and URLs
  // finish one after another (steady progress) instead of all together at the end.
  const targets = createLimit(max);
  const limited = (probe: Probe) => requests(() => send(probe));
  return Promise.all(
    urls.map((url) =>
      targets(async () => {
        const result = await auditOne(url, options, limited);
        options.onTargetDone?.(result);
        return result;
      }),
    ),
  );
}
