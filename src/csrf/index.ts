/**
 * CSRF defence for cookie-authenticated requests: Fetch Metadata and Origin checks, with
 * the CORS policy's allowlist as the one list of trusted origins. Pure, no Node API.
 */
export { CSRF_PROBLEM, CSRF_REJECTION, type CsrfProblemCode } from './codes.js';
export { createCsrfProtection, isSafeMethod } from './protection.js';
export type {
  CsrfCheckOptions,
  CsrfConfig,
  CsrfProtection,
  CsrfRejection,
  CsrfRejectionCode,
  CsrfRequest,
  CsrfResult,
} from './types.js';
export { DEFAULT_CUSTOM_HEADER } from './validate-config.js';
