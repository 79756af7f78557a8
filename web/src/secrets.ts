/**
 * The secret values of an exchange (cookie values, `Authorization` credentials), so the
 * page can redact them wherever they are quoted before showing or saving anything: a
 * browser's message may quote a whole `Set-Cookie` line (Firefox's third-party refusal).
 * `corset check` redacts by default; the page does the same with the same functions.
 */
import type { Exchange, HeaderInput } from '../../src/browser/index.js';
import { secretsOf } from '../../src/doctor/input/index.js';

/** Header input as name/value pairs, in order (a record's list values one pair each). */
export function headerPairs(headers: HeaderInput | undefined): (readonly [string, string])[] {
  if (headers === undefined) return [];
  if (Array.isArray(headers)) return headers as (readonly [string, string])[];
  return Object.entries(headers as Record<string, string | readonly string[]>).flatMap(
    ([name, value]) =>
      typeof value === 'string' ? [[name, value] as const] : value.map((v) => [name, v] as const),
  );
}

/** Every secret in the headers of `exchange`: requests, preflights, redirects, answers. */
export function exchangeSecrets(exchange: Exchange): string[] {
  return exchange.steps.flatMap((step) =>
    [
      step.request.headers,
      step.responses.preflight?.headers,
      ...(step.responses.redirects ?? []).flatMap((r) => [r.headers, r.preflight?.headers]),
      step.responses.actual.headers,
    ].flatMap((headers) => secretsOf(headerPairs(headers))),
  );
}
