/**
 * The stable codes of the CSRF defence: configuration errors and request rejections.
 * `docs/sessions.md` catalogues each one.
 */

/** Configuration errors of `createCsrfProtection`. */
export const CSRF_PROBLEM = Object.freeze({
  configNotObject: 'csrf/config-not-object',
  unknownKey: 'csrf/unknown-key',
  trustedOriginMissing: 'csrf/trusted-origin-missing',
  customHeaderInvalid: 'csrf/custom-header-invalid',
  customHeaderSafelisted: 'csrf/custom-header-safelisted',
  customHeaderForbidden: 'csrf/custom-header-forbidden',
  customHeaderAuthorization: 'csrf/custom-header-authorization',
} as const);

/** Reasons a request is refused (403), texts in `rejections.ts`. */
export const CSRF_REJECTION = Object.freeze({
  crossSiteUntrustedOrigin: 'csrf/cross-site-untrusted-origin',
  sameSiteUntrustedOrigin: 'csrf/same-site-untrusted-origin',
  secFetchSiteInvalid: 'csrf/sec-fetch-site-invalid',
  originMismatch: 'csrf/origin-mismatch',
  originMissing: 'csrf/origin-missing',
  originNull: 'csrf/origin-null',
  missingCustomHeader: 'csrf/missing-custom-header',
} as const);

/** A CSRF configuration error code. */
export type CsrfProblemCode = (typeof CSRF_PROBLEM)[keyof typeof CSRF_PROBLEM];
