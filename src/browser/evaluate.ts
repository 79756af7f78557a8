/**
 * The browser model's entry point: runs an exchange in each browser profile, each with its
 * own cookie jar, preflight cache and clock, and returns every step's verdict with the
 * reasons in that engine's words.
 */
import { EMPTY_JAR } from './cookie-jar.js';
import { type BrowserProfile, PROFILE_NAMES, PROFILES, type ProfileName } from './profiles.js';
import { type ProfileState, runStep } from './run-step.js';
import type { BrowserVerdict, Exchange, ModelResult, StepVerdict } from './types.js';

/** A built-in profile by name, or a profile object (e.g. a built-in one with a knob changed). */
export type ProfileChoice = ProfileName | BrowserProfile;

/** Runs the exchange in one profile. */
function runProfile(exchange: Exchange, profile: BrowserProfile, start: number): BrowserVerdict {
  let state: ProfileState = { jar: EMPTY_JAR, cache: [], now: start };
  const steps: StepVerdict[] = [];
  for (const step of exchange.steps) {
    const result = runStep(step, exchange.page, profile, state);
    steps.push(result.verdict);
    state = result.state;
  }
  return { browser: profile.name, ok: steps.every((s) => s.ok), steps };
}

/**
 * Predicts what each browser does with `exchange`: for every profile (default: all
 * built-in ones, Chromium, Firefox then WebKit), each step's verdict (`ok` or the first
 * failed stage), the preflight, the cookies sent and stored, the headers the page can
 * read, and the reasons with the engine's console wording and a fix. Pure apart from
 * reading the clock when `exchange.now` is absent; never throws on bad input (an invalid
 * step fails with `InvalidExchange`).
 */
export function evaluate(
  exchange: Exchange,
  profiles: readonly ProfileChoice[] = PROFILE_NAMES,
): ModelResult {
  const start = exchange.now ?? Date.now();
  return {
    page: exchange.page,
    browsers: profiles.map((choice) =>
      runProfile(exchange, typeof choice === 'string' ? PROFILES[choice] : choice, start),
    ),
  };
}
