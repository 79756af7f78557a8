/**
 * What the live doctor runs: the page the user is on and the requests its script
 * makes, in order (one step for `corset doctor <url>`, more with `--then` or `--flow`).
 */
import type { CredentialsMode, RequestMode, StepExpectations } from '../../browser/index.js';

/** One request the page makes. */
export interface LiveStep {
  /** Short name shown in the output, e.g. `login`. */
  readonly label?: string;
  readonly url: string;
  /** Default `GET`. */
  readonly method?: string;
  /** The headers the page's script sets (the browser adds Origin, Cookie, Sec-Fetch-*). */
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: string;
  /** Default `include`: the doctor is about credentialed requests. */
  readonly credentials?: CredentialsMode;
  /** Default `cors`. */
  readonly mode?: RequestMode;
  /** What the page needs from the answer (cookies the request must carry, headers it reads). */
  readonly expect?: StepExpectations;
  /** Another top-level page for this step (the user navigated elsewhere). */
  readonly page?: string;
  /** Simulated seconds since the previous step. */
  readonly afterSeconds?: number;
}

/** A flow: the page and its steps. */
export interface LivePlan {
  /** The top-level page URL (`--origin`), e.g. `https://app.example.com/`. */
  readonly page: string;
  readonly steps: readonly LiveStep[];
}
