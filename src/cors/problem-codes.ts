/**
 * The stable codes of CORS configuration problems and their severity: the single source
 * of truth that the validator reports from and `docs/cors.md` documents.
 */
import type { ProblemSeverity } from '../internal/problems.js';

/** Every CORS config problem code, by name. */
export const CORS_PROBLEM = Object.freeze({
  configNotObject: 'cors/config-not-object',
  unknownKey: 'cors/unknown-key',
  invalidType: 'cors/invalid-type',
  noOrigins: 'cors/no-origins',
  credentialsNotBoolean: 'cors/credentials-not-boolean',
  wildcardWithCredentials: 'cors/wildcard-with-credentials',
  nullOrigin: 'cors/null-origin',
  originMissingScheme: 'cors/origin-missing-scheme',
  originUnsupportedScheme: 'cors/origin-unsupported-scheme',
  originHasPath: 'cors/origin-has-path',
  originHasQuery: 'cors/origin-has-query',
  originHasFragment: 'cors/origin-has-fragment',
  originHasUserinfo: 'cors/origin-has-userinfo',
  originWildcardMisplaced: 'cors/origin-wildcard-misplaced',
  originInvalid: 'cors/origin-invalid',
  patternPublicSuffix: 'cors/pattern-public-suffix',
  originInsecure: 'cors/origin-insecure',
  methodForbidden: 'cors/method-forbidden',
  methodInvalid: 'cors/method-invalid',
  headerInvalid: 'cors/header-invalid',
  headerForbidden: 'cors/header-forbidden',
  exposedHeaderForbidden: 'cors/exposed-header-forbidden',
  maxAgeInvalid: 'cors/max-age-invalid',
  maxAgeCapped: 'cors/max-age-capped',
  duplicate: 'cors/duplicate',
  methodSafelisted: 'cors/method-safelisted',
  exposedHeaderSafelisted: 'cors/exposed-header-safelisted',
  originTrailingDot: 'cors/origin-trailing-dot',
  wildcardRedundant: 'cors/wildcard-redundant',
} as const);

/** A CORS config problem code. */
export type CorsProblemCode = (typeof CORS_PROBLEM)[keyof typeof CORS_PROBLEM];

const WARNINGS: ReadonlySet<CorsProblemCode> = new Set<CorsProblemCode>([
  CORS_PROBLEM.maxAgeCapped,
  CORS_PROBLEM.duplicate,
  CORS_PROBLEM.methodSafelisted,
  CORS_PROBLEM.exposedHeaderSafelisted,
  CORS_PROBLEM.originTrailingDot,
  CORS_PROBLEM.wildcardRedundant,
]);

/** The severity a code is always reported with: warnings accept the config, errors refuse it. */
export function severityOf(code: CorsProblemCode): ProblemSeverity {
  return WARNINGS.has(code) ? 'warning' : 'error';
}
