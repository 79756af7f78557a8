/**
 * `Vary` handling (RFC 9110 §12.5.5). A CORS answer depends on request headers, so a
 * shared cache must key on them; the policy hands adapters the tokens and they merge them
 * into whatever `Vary` the application set, never replacing it and never copying the
 * request's headers into it.
 */

/** `Vary` tokens of an actual or non-CORS request: the answer depends on `Origin`. */
export const VARY_ACTUAL: readonly string[] = Object.freeze(['Origin']);

/** `Vary` tokens of a preflight: the answer also depends on what it asks for. */
export const VARY_PREFLIGHT: readonly string[] = Object.freeze([
  'Origin',
  'Access-Control-Request-Method',
  'Access-Control-Request-Headers',
]);

const JOINED_ACTUAL = VARY_ACTUAL.join(', ');
const JOINED_PREFLIGHT = VARY_PREFLIGHT.join(', ');

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * Appends the non-empty, OWS-trimmed elements of the `#` list `list` to `kept`, skipping
 * those already in `seen` (lower-case). Returns whether one of them is `*`.
 */
function collect(list: string, seen: Set<string>, kept: string[]): boolean {
  let star = false;
  let start = 0;
  const length = list.length;
  while (start <= length) {
    let end = list.indexOf(',', start);
    if (end === -1) end = length;
    let a = start;
    let b = end;
    while (a < b && isOws(list.charCodeAt(a))) a++;
    while (b > a && isOws(list.charCodeAt(b - 1))) b--;
    if (b > a) {
      const element = list.slice(a, b);
      if (element === '*') star = true;
      const key = element.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        kept.push(element);
      }
    }
    start = end + 1;
  }
  return star;
}

/**
 * Merges `tokens` into an existing `Vary` value: keeps the existing elements (their
 * spelling and order), appends each token not already present (compared
 * case-insensitively, as field names are), drops duplicates and empty elements. `*`
 * ("varies on things beyond the request headers") absorbs everything: if either side
 * holds it the result is `*`. Idempotent: merging the same tokens twice changes nothing.
 *
 * @example mergeVary('Accept-Encoding', ['Origin']) // 'Accept-Encoding, Origin'
 */
export function mergeVary(existing: string | undefined, tokens: readonly string[]): string {
  if (existing === undefined || existing === '') {
    // Fast path for the adapters' usual call: nothing set yet, the policy's own tokens.
    if (tokens === VARY_ACTUAL) return JOINED_ACTUAL;
    if (tokens === VARY_PREFLIGHT) return JOINED_PREFLIGHT;
  } else if (tokens === VARY_ACTUAL || tokens === VARY_PREFLIGHT) {
    // The Node adapter merges twice (before the app runs, and when the head is written):
    // unless the app changed `Vary`, the value is what the first merge produced, and
    // merging the same tokens again changes nothing (idempotent, see above).
    if (existing === JOINED_PREFLIGHT) return existing;
    if (existing === JOINED_ACTUAL && tokens === VARY_ACTUAL) return existing;
  }
  const seen = new Set<string>();
  const kept: string[] = [];
  let star = existing !== undefined && collect(existing, seen, kept);
  for (const token of tokens) {
    if (collect(token, seen, kept)) star = true;
  }
  return star ? '*' : kept.join(', ');
}
