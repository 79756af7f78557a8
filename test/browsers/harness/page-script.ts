/**
 * The page-side wrapper of `Page.evaluate`: one expression, the same in every engine,
 * that calls the test's function with its JSON argument and JSON-serialises the result in
 * the page, so results never depend on a driver's own serialisation rules.
 */

/** An expression evaluating to a Promise of the JSON text of `(fnSource)(arg)`. */
export function evaluationExpression(fnSource: string, arg: unknown): string {
  const argJson = JSON.stringify(arg ?? null);
  return `(async () => { const fn = (${fnSource}); const value = await fn(${argJson}); return JSON.stringify(value === undefined ? null : value); })()`;
}

/** Parses what {@link evaluationExpression} produced. */
export function parseEvaluation<T>(json: unknown): T {
  if (typeof json !== 'string') throw new Error(`evaluate: expected JSON text, got ${typeof json}`);
  return JSON.parse(json) as T;
}
