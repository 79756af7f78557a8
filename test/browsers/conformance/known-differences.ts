/**
 * Where a real engine and its model profile disagree, on purpose or for a reason outside
 * the model's reach. Each entry names the runs, the scenarios and the fields it covers and
 * says why. The suite fails on any disagreement not covered here, and on any entry that
 * no longer matches a disagreement (so the list cannot go stale).
 */
import type { ObservationField } from './observation.js';
import type { RunName } from './runs.js';

/** One documented difference between an engine and the model. */
export interface KnownDifference {
  /** Stable slug. */
  readonly id: string;
  readonly runs: readonly RunName[];
  /** Scenario ids it covers. */
  readonly scenarios: readonly string[];
  /** The observation fields that differ. */
  readonly fields: readonly ObservationField[];
  /** Why the model does not follow the engine here, with the source. */
  readonly reason: string;
}

/** The documented differences. */
export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [];
