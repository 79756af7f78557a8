/**
 * The targets of issue 7, as ratios computed from one run's numbers. Decision costs are
 * compared by their median (p50) ns: on a shared machine the mean carries the pauses of
 * other processes, the median much less so.
 */

import type { Measurement } from './measure-contender.js';
import type { E2eMeasurement } from './run-e2e.js';

/** One target: what is compared, the ratio measured, the bound, and whether it holds. */
export interface TargetResult {
  readonly target: string;
  readonly ratio: number;
  /** `ratio >= bound` (at-least targets) or `ratio <= bound` (at-most targets). */
  readonly bound: number;
  readonly atLeast: boolean;
  readonly met: boolean;
}

function target(name: string, ratio: number, bound: number, atLeast: boolean): TargetResult {
  return { target: name, ratio, bound, atLeast, met: atLeast ? ratio >= bound : ratio <= bound };
}

/** Every target that `decisions` and `e2e` have the numbers for. */
export function evaluateTargets(
  decisions: readonly Measurement[],
  e2e: readonly E2eMeasurement[],
): TargetResult[] {
  const results: TargetResult[] = [];
  const ns = (contender: string, config: string, benchCase: string) =>
    decisions.find((m) => m.contender === contender && m.config === config && m.case === benchCase)
      ?.p50Ns;
  const one = '1 origin';
  const largest = '10,000 origins + 1,000 patterns';
  for (const benchCase of ['allowed preflight', 'allowed actual']) {
    const corset = ns('corset/node', one, benchCase);
    const cors = ns('cors', one, benchCase);
    const floor = ns('floor', one, benchCase);
    const decide = ns('corset decide', one, benchCase);
    if (corset !== undefined && cors !== undefined) {
      results.push(
        target(`${benchCase}: cors ÷ corset/node (1 origin), speed-up`, cors / corset, 3, true),
      );
    }
    if (corset !== undefined && floor !== undefined) {
      results.push(
        target(`${benchCase}: corset/node ÷ floor (1 origin)`, corset / floor, 1.5, false),
      );
    }
    if (decide !== undefined && floor !== undefined) {
      results.push(
        target(`${benchCase}: corset decide ÷ floor (1 origin)`, decide / floor, 1.5, false),
      );
    }
  }
  for (const contender of ['corset decide', 'corset/node']) {
    for (const benchCase of [
      'allowed preflight',
      'allowed actual',
      'disallowed actual',
      'refused preflight',
    ]) {
      const small = ns(contender, one, benchCase);
      const large = ns(contender, largest, benchCase);
      if (small !== undefined && large !== undefined) {
        results.push(
          target(`${benchCase}: ${contender}, ${largest} ÷ 1 origin`, large / small, 1.2, false),
        );
      }
    }
  }
  const rps = (server: string) => e2e.find((m) => m.server === server)?.requestsPerSecond;
  // Requests one CPU second of the server serves: the inverse of its CPU per request.
  const capacity = (server: string) => {
    const cpu = e2e.find((m) => m.server === server)?.cpuUsPerRequest;
    return cpu === undefined ? undefined : 1e6 / cpu;
  };
  const pairs: [string, string, number][] = [
    ['node http + corset', 'node http bare', 0.95],
    ['express 5 + corset', 'express 5 + cors', 1],
    ['fastify 5 + corset', 'fastify 5 + @fastify/cors', 1],
    ['session: full stack', 'session: bare handler', 0.5],
    ['session: full stack, verifyCache', 'session: bare handler', 0.5],
  ];
  for (const [server, baseline, bound] of pairs) {
    const a = rps(server);
    const b = rps(baseline);
    if (a !== undefined && b !== undefined) {
      results.push(target(`req/s: ${server} ÷ ${baseline}`, a / b, bound, true));
    }
    const ca = capacity(server);
    const cb = capacity(baseline);
    if (ca !== undefined && cb !== undefined) {
      results.push(target(`req per CPU s: ${server} ÷ ${baseline}`, ca / cb, bound, true));
    }
  }
  return results;
}
