/**
 * Validation of a whole `CorsConfig`: every field is checked and every problem reported
 * together, so one failed start is enough to correct the config. The result is a
 * normalised copy; later changes to the caller's object have no effect.
 */
import type { ConfigProblem } from '../internal/problems.js';
import { adviseOnUnknownKey, CORS_CONFIG_KEYS } from './config-keys.js';
import { corsProblem } from './cors-problem.js';
import { CORS_PROBLEM } from './problem-codes.js';
import type { CorsRefusal } from './types.js';
import {
  type NormalisedList,
  validateAllowedHeaders,
  validateExposedHeaders,
  validateMethods,
} from './validate-lists.js';
import { type NormalisedOrigins, validateOrigins } from './validate-origins.js';

/** Largest `Access-Control-Max-Age` Chromium honours (`preflight_result.cc`, 2 hours). */
export const CHROMIUM_MAX_AGE_CAP = 7200;
/** Largest `Access-Control-Max-Age` Firefox honours (24 hours). */
export const FIREFOX_MAX_AGE_CAP = 86400;

/** A config that passed validation, normalised. */
export interface NormalisedCorsConfig {
  readonly origins: NormalisedOrigins;
  readonly allowOrigin: ((origin: string) => boolean) | undefined;
  readonly credentials: boolean;
  readonly methods: NormalisedList;
  readonly allowedHeaders: NormalisedList;
  readonly exposedHeaders: NormalisedList;
  readonly maxAge: number | undefined;
  readonly debug: boolean | undefined;
  readonly onRefusal: ((refusal: CorsRefusal) => void) | undefined;
}

/** The outcome of validation: the normalised config (meaningful only without errors) and all problems. */
export interface CorsValidation {
  readonly config: NormalisedCorsConfig;
  readonly problems: readonly ConfigProblem[];
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(CORS_CONFIG_KEYS);
const EMPTY_LIST: NormalisedList = { wildcard: false, names: [] };

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/** Validates `input` (typed loosely: configs often come from JS or JSON). */
export function validateCorsConfig(input: unknown): CorsValidation {
  const problems: ConfigProblem[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    problems.push(
      corsProblem(
        CORS_PROBLEM.configNotObject,
        'config',
        input,
        `The CORS config must be an object, not ${typeName(input)}.`,
        "Pass e.g. { origins: ['https://app.example.com'], credentials: true }.",
      ),
    );
    return { config: emptyConfig(), problems };
  }
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (KNOWN_KEYS.has(key)) continue;
    problems.push(
      corsProblem(
        CORS_PROBLEM.unknownKey,
        key,
        raw[key],
        'Unknown key: it would be ignored and the policy would not do what it says.',
        adviseOnUnknownKey(key),
      ),
    );
  }

  const wrongType = (field: string, value: unknown, expected: string): void => {
    problems.push(
      corsProblem(
        CORS_PROBLEM.invalidType,
        field,
        value,
        `Expected ${expected}, got ${typeName(value)}.`,
        `Set ${field} to ${expected}, or leave it out.`,
      ),
    );
  };
  const optionalBoolean = (field: string): boolean | undefined => {
    const value = raw[field];
    if (value === undefined || typeof value === 'boolean') return value;
    wrongType(field, value, 'true or false');
    return undefined;
  };
  const optionalFunction = <F>(field: string): F | undefined => {
    const value = raw[field];
    if (value === undefined || typeof value === 'function') return value as F | undefined;
    wrongType(field, value, 'a function');
    return undefined;
  };
  const optionalList = (field: string): readonly unknown[] | undefined => {
    const value = raw[field];
    if (value === undefined || Array.isArray(value)) return value;
    wrongType(field, value, 'an array of strings');
    return undefined;
  };

  const credentialsValue = raw.credentials;
  if (typeof credentialsValue !== 'boolean') {
    problems.push(
      corsProblem(
        CORS_PROBLEM.credentialsNotBoolean,
        'credentials',
        credentialsValue,
        'credentials must be stated as true or false: whether requests carry cookies decides which origins, headers and wildcards are safe, so there is no default.',
        'Set credentials: true if the page calls fetch(url, { credentials: "include" }) (cookies, HTTP auth), otherwise credentials: false.',
      ),
    );
  }
  // Credential-dependent checks run only when credentials are explicitly on, so a
  // missing flag is reported once rather than as a cascade of wildcard errors.
  const credentials = credentialsValue === true;
  const allowInsecureOrigins = optionalBoolean('allowInsecureOrigins') ?? false;
  const debug = optionalBoolean('debug');
  const allowOrigin = optionalFunction<(origin: string) => boolean>('allowOrigin');
  const onRefusal = optionalFunction<(refusal: CorsRefusal) => void>('onRefusal');

  const originList = optionalList('origins');
  const origins = validateOrigins(
    originList ?? [],
    { credentials, allowInsecureOrigins },
    problems,
  );
  if ((originList === undefined || originList.length === 0) && raw.allowOrigin === undefined) {
    problems.push(
      corsProblem(
        CORS_PROBLEM.noOrigins,
        'origins',
        raw.origins,
        'No origin is allowed: the policy would refuse every cross-origin request. corset has no default; state which origins may call the API.',
        "Set origins, e.g. ['https://app.example.com', 'https://*.example.com'] (or allowOrigin for a dynamic allowlist).",
      ),
    );
  }
  if (origins.any && (origins.exact.length > 0 || origins.patterns.length > 0 || allowOrigin)) {
    problems.push(
      corsProblem(
        CORS_PROBLEM.wildcardRedundant,
        'origins',
        raw.origins,
        '`*` already allows every origin, so the other origins and any allowOrigin predicate are never consulted.',
        'Keep either `*` (public API) or the list of origins.',
      ),
    );
  }

  const methodList = optionalList('methods');
  const headerList = optionalList('allowedHeaders');
  const exposedList = optionalList('exposedHeaders');
  const methods = methodList ? validateMethods(methodList, credentials, problems) : EMPTY_LIST;
  const allowedHeaders = headerList
    ? validateAllowedHeaders(headerList, credentials, problems)
    : EMPTY_LIST;
  const exposedHeaders = exposedList
    ? validateExposedHeaders(exposedList, credentials, problems)
    : EMPTY_LIST;
  const maxAge = validateMaxAge(raw.maxAge, problems);

  return {
    config: {
      origins,
      allowOrigin,
      credentials,
      methods,
      allowedHeaders,
      exposedHeaders,
      maxAge,
      debug,
      onRefusal,
    },
    problems,
  };
}

function validateMaxAge(value: unknown, problems: ConfigProblem[]): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    problems.push(
      corsProblem(
        CORS_PROBLEM.maxAgeInvalid,
        'maxAge',
        value,
        'maxAge must be a whole number of seconds, 0 or more (Access-Control-Max-Age is delta-seconds; browsers ignore anything else and fall back to 5 s).',
        'Set e.g. maxAge: 600, or leave it out.',
      ),
    );
    return undefined;
  }
  if (value > CHROMIUM_MAX_AGE_CAP) {
    problems.push(
      corsProblem(
        CORS_PROBLEM.maxAgeCapped,
        'maxAge',
        value,
        `Browsers cap the preflight cache: Chromium at ${CHROMIUM_MAX_AGE_CAP} s, Firefox at ${FIREFOX_MAX_AGE_CAP} s, WebKit at 600 s; ${value > FIREFOX_MAX_AGE_CAP ? 'no browser' : 'Chromium does not'} honour${value > FIREFOX_MAX_AGE_CAP ? 's' : ''} ${value} s.`,
        `Set maxAge: ${CHROMIUM_MAX_AGE_CAP} (or less) to say what browsers will actually do.`,
      ),
    );
  }
  return value;
}

function emptyConfig(): NormalisedCorsConfig {
  return {
    origins: { any: false, exact: [], patterns: [] },
    allowOrigin: undefined,
    credentials: false,
    methods: EMPTY_LIST,
    allowedHeaders: EMPTY_LIST,
    exposedHeaders: EMPTY_LIST,
    maxAge: undefined,
    debug: undefined,
    onRefusal: undefined,
  };
}
