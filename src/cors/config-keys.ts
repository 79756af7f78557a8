/**
 * Unknown-key detection for `CorsConfig`. A misspelt key (`origin`, `credential`) would
 * otherwise be ignored and the policy would silently do something other than intended;
 * option names from other CORS libraries get a pointer to the corset equivalent.
 */

/** The keys `CorsConfig` defines. */
export const CORS_CONFIG_KEYS: readonly string[] = Object.freeze([
  'origins',
  'allowOrigin',
  'credentials',
  'methods',
  'allowedHeaders',
  'exposedHeaders',
  'maxAge',
  'allowInsecureOrigins',
  'debug',
  'onRefusal',
]);

// Names other CORS middleware uses (express `cors`, @fastify/cors, hono, rs/cors,
// jub0bs/cors) for the same intent.
const ALIASES: Readonly<Record<string, string>> = {
  origin: 'origins',
  allowedorigins: 'origins',
  alloworigins: 'origins',
  allowcredentials: 'credentials',
  credentialed: 'credentials',
  withcredentials: 'credentials',
  allowedmethods: 'methods',
  allowmethods: 'methods',
  headers: 'allowedHeaders',
  allowheaders: 'allowedHeaders',
  requestheaders: 'allowedHeaders',
  exposeheaders: 'exposedHeaders',
  responseheaders: 'exposedHeaders',
  maxageinseconds: 'maxAge',
  dangerouslytolerateinsecureorigins: 'allowInsecureOrigins',
  alloworiginfunc: 'allowOrigin',
};

// Options of other libraries that have no corset counterpart, and why.
const NO_EQUIVALENT: Readonly<Record<string, string>> = {
  preflightcontinue:
    'corset always answers preflights itself, so they never reach the application or its auth',
  optionssuccessstatus: 'allowed preflights are always answered 204',
  strictpreflight: 'only an OPTIONS with Origin and Access-Control-Request-Method is a preflight',
};

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/** The advice for an unknown key: the key it probably meant, or why there is none. */
export function adviseOnUnknownKey(key: string): string {
  const folded = key.toLowerCase().replaceAll('_', '').replaceAll('-', '');
  if (Object.hasOwn(ALIASES, folded)) return `Did you mean \`${ALIASES[folded]}\`? Rename the key.`;
  if (Object.hasOwn(NO_EQUIVALENT, folded)) return `Remove it: ${NO_EQUIVALENT[folded]}.`;
  let best: string | undefined;
  let bestDistance = 4;
  for (const known of CORS_CONFIG_KEYS) {
    const distance = editDistance(folded, known.toLowerCase());
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best === undefined
    ? `Remove it; the known keys are ${CORS_CONFIG_KEYS.join(', ')}.`
    : `Did you mean \`${best}\`? Rename the key.`;
}
