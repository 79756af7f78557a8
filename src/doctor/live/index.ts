/**
 * The live doctor: builds the requests a browser would send from the browser model,
 * sends them, and judges the real answers with the model.
 */
export type { LivePlan, LiveStep } from './plan.js';
export type { LiveFailure, LiveOptions, LiveRun } from './run-live.js';
export { runLive } from './run-live.js';
export { actualRequest, preflightRequest, secFetchSite } from './wire-request.js';
