/**
 * Validation of a {@link CsrfConfig} at construction: every problem at once, each naming
 * the field, the value and the fix.
 */

import { isForbiddenRequestHeader } from '../cors/index.js';
import { isRecord } from '../internal/is-record.js';
import type { ConfigProblem } from '../internal/problems.js';
import { CSRF_PROBLEM, type CsrfProblemCode } from './codes.js';
import type { CsrfConfig } from './types.js';

/** The header `requireCustomHeader: true` asks for (the one jQuery and Angular send). */
export const DEFAULT_CUSTOM_HEADER = 'x-requested-with';

const KNOWN_KEYS: ReadonlySet<string> = new Set(['isTrustedOrigin', 'requireCustomHeader']);

// Fetch §2.2.2 "CORS-safelisted request-header" names: a page sends these without a
// preflight (for most values), so requiring one would not force a preflight.
const SAFELISTED_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'accept',
  'accept-language',
  'content-language',
  'content-type',
  'range',
]);

// RFC 9110 §5.6.2 token: a header field name.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A validated config: the trust function and the lower-case custom header, if any. */
export interface NormalizedCsrfConfig {
  readonly isTrustedOrigin: (origin: string) => boolean;
  readonly customHeader: string | undefined;
}

function problem(
  code: CsrfProblemCode,
  field: string,
  value: unknown,
  message: string,
  fix: string,
): ConfigProblem {
  return { code, field, value, message, fix, severity: 'error' };
}

function readCustomHeader(value: unknown, problems: ConfigProblem[]): string | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return DEFAULT_CUSTOM_HEADER;
  if (typeof value !== 'string' || !TOKEN.test(value)) {
    problems.push(
      problem(
        CSRF_PROBLEM.customHeaderInvalid,
        'requireCustomHeader',
        value,
        "not a header name (an RFC 9110 token: letters, digits and !#$%&'*+-.^_`|~).",
        `write \`requireCustomHeader: true\` (\`${DEFAULT_CUSTOM_HEADER}\`) or a header name such as \`'x-csrf'\`.`,
      ),
    );
    return undefined;
  }
  const name = value.toLowerCase();
  if (SAFELISTED_REQUEST_HEADERS.has(name)) {
    problems.push(
      problem(
        CSRF_PROBLEM.customHeaderSafelisted,
        'requireCustomHeader',
        value,
        `\`${name}\` is a CORS-safelisted request header (Fetch §2.2.2): an HTML form or a simple fetch sends it without a preflight, so requiring it stops nothing.`,
        `require a header of your own, e.g. \`requireCustomHeader: true\` (\`${DEFAULT_CUSTOM_HEADER}\`).`,
      ),
    );
  } else if (isForbiddenRequestHeader(name)) {
    problems.push(
      problem(
        CSRF_PROBLEM.customHeaderForbidden,
        'requireCustomHeader',
        value,
        `\`${name}\` is a forbidden request header (Fetch §2.2.2): page scripts cannot set it, so your own app could never send it either.`,
        `require a header of your own, e.g. \`requireCustomHeader: true\` (\`${DEFAULT_CUSTOM_HEADER}\`).`,
      ),
    );
  } else if (name === 'authorization') {
    problems.push(
      problem(
        CSRF_PROBLEM.customHeaderAuthorization,
        'requireCustomHeader',
        value,
        'a request with `Authorization` is header-authenticated and skips the CSRF check altogether, so it cannot be the marker of a cookie-authenticated one.',
        `require a header of your own, e.g. \`requireCustomHeader: true\` (\`${DEFAULT_CUSTOM_HEADER}\`).`,
      ),
    );
  }
  return name;
}

/** Validates `input` (typed loosely: configs come from JS too). */
export function validateCsrfConfig(input: unknown): {
  readonly config: NormalizedCsrfConfig | undefined;
  readonly problems: ConfigProblem[];
} {
  const problems: ConfigProblem[] = [];
  if (!isRecord(input)) {
    problems.push(
      problem(
        CSRF_PROBLEM.configNotObject,
        'config',
        input,
        'the CSRF defence needs an object holding at least `isTrustedOrigin`.',
        'pass e.g. `{ isTrustedOrigin: (origin) => corsPolicy.isOriginAllowed(origin) }`.',
      ),
    );
    return { config: undefined, problems };
  }
  const raw = input as Partial<Record<keyof CsrfConfig, unknown>> & Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (KNOWN_KEYS.has(key)) continue;
    problems.push(
      problem(
        CSRF_PROBLEM.unknownKey,
        key,
        raw[key],
        'unknown option: it would be ignored, and the defence would not do what the config says.',
        `remove it; the known options are ${[...KNOWN_KEYS].join(', ')}.`,
      ),
    );
  }
  const trust = raw.isTrustedOrigin;
  if (typeof trust !== 'function') {
    problems.push(
      problem(
        CSRF_PROBLEM.trustedOriginMissing,
        'isTrustedOrigin',
        trust,
        'cross-origin writes are judged by the origins the API trusts; without a function every same-site and cross-site write would be refused, or (if it were ignored) allowed.',
        "pass the CORS policy's allowlist: `isTrustedOrigin: (origin) => corsPolicy.isOriginAllowed(origin)`.",
      ),
    );
  }
  const customHeader = readCustomHeader(raw.requireCustomHeader, problems);
  if (problems.length > 0 || typeof trust !== 'function') return { config: undefined, problems };
  return {
    config: { isTrustedOrigin: trust as (origin: string) => boolean, customHeader },
    problems,
  };
}
