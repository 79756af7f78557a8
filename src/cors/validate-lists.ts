/**
 * Validation and normalisation of the method and header lists of a `CorsConfig`.
 */
import type { ConfigProblem } from '../internal/problems.js';
import { corsProblem } from './cors-problem.js';
import {
  isForbiddenRequestHeader,
  isForbiddenResponseHeader,
  isSafelistedResponseHeader,
} from './header-names.js';
import { isToken } from './http-token.js';
import {
  isForbiddenMethod,
  isSafelistedMethod,
  MAX_METHOD_LENGTH,
  normalizeMethod,
} from './methods.js';
import { CORS_PROBLEM } from './problem-codes.js';

/** A normalised list: its names, and whether the uncredentialed wildcard `*` was listed. */
export interface NormalisedList {
  readonly wildcard: boolean;
  readonly names: readonly string[];
}

type ListField = 'methods' | 'allowedHeaders' | 'exposedHeaders';

const WILDCARD_MEANING: Readonly<Record<ListField, string>> = {
  methods: 'Access-Control-Allow-Methods',
  allowedHeaders: 'Access-Control-Allow-Headers',
  exposedHeaders: 'Access-Control-Expose-Headers',
};

/**
 * Walks one list: type, `*`, token syntax and duplicates are checked here; `check`
 * returns the normalised name, or undefined after pushing its own problem.
 */
function validateList(
  field: ListField,
  list: readonly unknown[],
  credentials: boolean,
  problems: ConfigProblem[],
  check: (name: string, at: string) => string | undefined,
): NormalisedList {
  let wildcard = false;
  const names: string[] = [];
  const seen = new Set<string>();
  const what = field === 'methods' ? 'method' : 'header name';
  list.forEach((entry, index) => {
    const at = `${field}[${index}]`;
    if (typeof entry !== 'string') {
      problems.push(
        corsProblem(
          CORS_PROBLEM.invalidType,
          at,
          entry,
          `A ${what} must be a string, not ${entry === null ? 'null' : typeof entry}.`,
          `Write the ${what} as a string.`,
        ),
      );
      return;
    }
    if (entry === '*') {
      if (credentials) {
        problems.push(
          corsProblem(
            CORS_PROBLEM.wildcardWithCredentials,
            at,
            entry,
            `With credentials, browsers read \`${WILDCARD_MEANING[field]}: *\` as the literal name "*", not as a wildcard (Fetch "CORS protocol", HTTP responses), so it allows nothing.`,
            `List the ${what}s explicitly, e.g. ${field === 'methods' ? "['PUT', 'DELETE']" : field === 'allowedHeaders' ? "['content-type', 'authorization']" : "['x-request-id']"}.`,
          ),
        );
        return;
      }
      if (wildcard) {
        problems.push(
          corsProblem(CORS_PROBLEM.duplicate, at, entry, '`*` is listed twice.', 'Remove one.'),
        );
      }
      wildcard = true;
      return;
    }
    if (!isToken(entry)) {
      problems.push(
        corsProblem(
          field === 'methods' ? CORS_PROBLEM.methodInvalid : CORS_PROBLEM.headerInvalid,
          at,
          entry,
          `Not a valid ${what}: it must be an RFC 9110 token (letters, digits and !#$%&'*+-.^_\`|~, no spaces, commas or colons), so no browser can send it.`,
          `Write the bare ${what}${field === 'methods' ? ", e.g. 'PATCH'" : ", e.g. 'x-api-key'"}.`,
        ),
      );
      return;
    }
    const name = check(entry, at);
    if (name === undefined) return;
    if (seen.has(name)) {
      problems.push(
        corsProblem(
          CORS_PROBLEM.duplicate,
          at,
          entry,
          `\`${name}\` is already listed${field === 'methods' ? '' : ' (header names are case-insensitive)'}.`,
          'Remove the duplicate.',
        ),
      );
      return;
    }
    seen.add(name);
    names.push(name);
  });
  return { wildcard, names };
}

/**
 * `methods`: the six standard names are upper-cased as Fetch "normalize a method" does
 * (a page's `delete` is sent as `DELETE`); other methods keep their case, since methods
 * are case-sensitive (RFC 9110 §9.1). Safelisted methods are dropped with a warning.
 */
export function validateMethods(
  list: readonly unknown[],
  credentials: boolean,
  problems: ConfigProblem[],
): NormalisedList {
  return validateList('methods', list, credentials, problems, (entry, at) => {
    if (entry.length > MAX_METHOD_LENGTH) {
      problems.push(
        corsProblem(
          CORS_PROBLEM.methodInvalid,
          at,
          entry,
          `Longer than ${MAX_METHOD_LENGTH} characters: the policy refuses such methods in preflights (a bound against hostile input), so this entry could never be used.`,
          'Use a shorter method name.',
        ),
      );
      return undefined;
    }
    if (isForbiddenMethod(entry)) {
      problems.push(
        corsProblem(
          CORS_PROBLEM.methodForbidden,
          at,
          entry,
          'CONNECT, TRACE and TRACK are forbidden methods (Fetch §2.2.1): fetch() and XMLHttpRequest refuse to send them, and TRACE/TRACK echo requests back (cross-site tracing).',
          'Remove it.',
        ),
      );
      return undefined;
    }
    const method = normalizeMethod(entry);
    if (isSafelistedMethod(method)) {
      problems.push(
        corsProblem(
          CORS_PROBLEM.methodSafelisted,
          at,
          entry,
          `${method} is CORS-safelisted (Fetch §2.2.1): browsers never ask a preflight for permission to use it, so listing it changes nothing.`,
          'Remove it.',
        ),
      );
      return undefined;
    }
    return method;
  });
}

/** `allowedHeaders`: lower-cased; names a page can never set are refused. */
export function validateAllowedHeaders(
  list: readonly unknown[],
  credentials: boolean,
  problems: ConfigProblem[],
): NormalisedList {
  return validateList('allowedHeaders', list, credentials, problems, (entry, at) => {
    const name = entry.toLowerCase();
    if (isForbiddenRequestHeader(name)) {
      problems.push(
        corsProblem(
          CORS_PROBLEM.headerForbidden,
          at,
          entry,
          `\`${name}\` is a forbidden request-header (Fetch §2.2.2): browsers set it themselves and never let a page's script set it, so a preflight never asks for it.${name === 'cookie' ? ' Cookies travel with credentials: true and fetch(url, {credentials: "include"}).' : ''}`,
          'Remove it.',
        ),
      );
      return undefined;
    }
    return name;
  });
}

/** `exposedHeaders`: lower-cased; `Set-Cookie` is refused, safelisted names warned about. */
export function validateExposedHeaders(
  list: readonly unknown[],
  credentials: boolean,
  problems: ConfigProblem[],
): NormalisedList {
  return validateList('exposedHeaders', list, credentials, problems, (entry, at) => {
    const name = entry.toLowerCase();
    if (isForbiddenResponseHeader(name)) {
      problems.push(
        corsProblem(
          CORS_PROBLEM.exposedHeaderForbidden,
          at,
          entry,
          `\`${name}\` is a forbidden response-header name (Fetch §2.2.2): browsers hide it from scripts whatever the server says; the browser still stores the cookie when credentials are on.`,
          'Remove it; read session state from a response body or a non-cookie header instead.',
        ),
      );
      return undefined;
    }
    if (isSafelistedResponseHeader(name)) {
      problems.push(
        corsProblem(
          CORS_PROBLEM.exposedHeaderSafelisted,
          at,
          entry,
          `\`${name}\` is a CORS-safelisted response-header name (Fetch §2.2.2): scripts can always read it, so exposing it changes nothing.`,
          'Remove it.',
        ),
      );
      return undefined;
    }
    return name;
  });
}
