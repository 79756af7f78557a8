/**
 * The browser model: predicts what Chrome, Firefox, Safari and WebKitGTK do with a
 * credentialed cross-origin exchange (CORS per the Fetch Standard, cookies per RFC 6265bis
 * and each engine's deviations), step by step, and says why in the engines' own words.
 * Pure TypeScript with no Node API: it runs in a web page.
 */

export type { ProfileChoice } from './evaluate.js';
export { evaluate } from './evaluate.js';
export type {
  BrowserProfile,
  Engine,
  ProfileName,
  ThirdPartyCheck,
  ThirdPartyCookies,
} from './profiles.js';
export { PROFILE_NAMES, PROFILES } from './profiles.js';
export type { ReasonCode, ReasonEntry } from './reasons.js';
export { REASON_ENTRIES, REASONS } from './reasons.js';
export type { RenderTextOptions } from './render-text.js';
export { renderText } from './render-text.js';
export type {
  BrowserVerdict,
  CredentialsMode,
  Exchange,
  ExchangeStep,
  FailedStage,
  FetchResult,
  HeaderInput,
  ModelRequest,
  ModelResponse,
  ModelResult,
  PreflightOutcome,
  Reason,
  ReasonSeverity,
  RedirectResponse,
  RequestMode,
  SetCookieOutcome,
  StepExpectations,
  StepResponses,
  StepVerdict,
} from './types.js';
