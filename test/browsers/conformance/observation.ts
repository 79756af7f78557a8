/**
 * What one scenario shows, in the same shape whether a real browser ran it (observed at
 * the server and in the page) or the model predicted it, so the two compare field by field.
 */

/** The observable outcome of one scenario. */
export interface Observation {
  /** The API received a CORS preflight for the scenario's request. */
  readonly preflight: boolean;
  /** The API received the actual request. */
  readonly reached: boolean;
  /** The page's `fetch()` resolved (`ok`) or rejected (`error`, a TypeError). */
  readonly fetch: 'ok' | 'error';
  /** Candidate response headers the page could read (sorted; empty when fetch failed). */
  readonly readable: readonly string[];
  /** The scenario's cookies on the follow-up credentialed fetch from the same page. */
  readonly sentOnFollowUp: readonly string[];
  /** The scenario's cookies on a same-origin fetch from a top-level page on the API's origin. */
  readonly sentFirstParty: readonly string[];
}

/** The fields of an {@link Observation}, in display order. */
export const OBSERVATION_FIELDS = [
  'preflight',
  'reached',
  'fetch',
  'readable',
  'sentOnFollowUp',
  'sentFirstParty',
] as const satisfies readonly (keyof Observation)[];

export type ObservationField = (typeof OBSERVATION_FIELDS)[number];

/** The fields on which two observations differ. */
export function differingFields(a: Observation, b: Observation): ObservationField[] {
  return OBSERVATION_FIELDS.filter(
    (field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]),
  );
}

/** A short text of one field's value, for messages and the matrix. */
export function showField(observation: Observation, field: ObservationField): string {
  const value = observation[field];
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  return value.length === 0 ? '-' : value.join(' ');
}
