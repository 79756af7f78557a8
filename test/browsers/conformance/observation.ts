/**
 * What one scenario shows, in the same shape whether a real browser ran it (observed at
 * the server and in the page) or the model predicted it, so the two compare field by field.
 */

/** The observable outcome of one scenario. */
export interface Observation {
  /** CORS preflights the API received for the scenario's request(s). */
  readonly preflights: number;
  /** Actual requests that reached the API's final URL (after redirects). */
  readonly requests: number;
  /** The page's (last) `fetch()` resolved (`ok`) or rejected (`error`, a TypeError). */
  readonly fetch: 'ok' | 'error';
  /** Candidate response headers the page could read (sorted; empty when fetch failed). */
  readonly readable: readonly string[];
  /** The scenario's cookies on the follow-up credentialed fetch, in Cookie-header order. */
  readonly sentOnFollowUp: readonly string[];
  /** The scenario's cookies on a same-origin fetch from a page on the API's origin, in order. */
  readonly sentFirstParty: readonly string[];
}

/** The fields of an {@link Observation}, in display order. */
export const OBSERVATION_FIELDS = [
  'preflights',
  'requests',
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
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  return value.length === 0 ? '-' : value.join(' ');
}
