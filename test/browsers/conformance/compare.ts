/**
 * Compares what an engine did with what its model profile predicts, scenario by
 * scenario, and sorts each disagreement into explained (a known difference covers it) or
 * not.
 */
import type { KnownDifference } from './known-differences.js';
import type { Observation, ObservationField } from './observation.js';
import { differingFields } from './observation.js';
import type { RunName } from './runs.js';

/** One scenario in one run. */
export interface Comparison {
  readonly scenario: string;
  readonly observed: Observation;
  readonly predicted: Observation;
  /** Fields that differ (empty: agreement). */
  readonly fields: readonly ObservationField[];
  /** The known difference that explains the disagreement, if any. */
  readonly knownDifference?: string;
}

/** The known difference covering `fields` of `scenario` in `run`, if one does. */
export function explain(
  run: RunName,
  scenario: string,
  fields: readonly ObservationField[],
  known: readonly KnownDifference[],
): KnownDifference | undefined {
  return known.find(
    (k) =>
      k.runs.includes(run) &&
      k.scenarios.includes(scenario) &&
      fields.every((field) => k.fields.includes(field)),
  );
}

/** Compares one scenario. */
export function compare(
  run: RunName,
  scenario: string,
  observed: Observation,
  predicted: Observation,
  known: readonly KnownDifference[],
): Comparison {
  const fields = differingFields(observed, predicted);
  const base = { scenario, observed, predicted, fields };
  if (fields.length === 0) return base;
  const hit = explain(run, scenario, fields, known);
  return hit === undefined ? base : { ...base, knownDifference: hit.id };
}

/**
 * Known differences listed for `run` that explain none of its comparisons: each
 * `(id, scenario)` pair is stale and must go (unstable entries excepted).
 */
export function staleDifferences(
  run: RunName,
  comparisons: readonly Comparison[],
  known: readonly KnownDifference[],
): string[] {
  const used = new Set(
    comparisons.filter((c) => c.knownDifference).map((c) => `${c.knownDifference} ${c.scenario}`),
  );
  return known
    .filter((k) => k.runs.includes(run) && k.unstable !== true)
    .flatMap((k) => k.scenarios.map((s) => `${k.id} ${s}`))
    .filter((pair) => !used.has(pair));
}
