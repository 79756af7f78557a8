/**
 * What Chrome's and Firefox's DevTools print for each failure of a model result, in their
 * exact words, so a person can match the line they saw. The words are the model's
 * (`src/browser/reasons.ts` quotes Blink's `cors_error_string.cc`, DevTools'
 * `NetworkRequest.ts`, Firefox's `security.properties` and `necko.properties`); this
 * module only says where each engine shows them, and when it shows nothing.
 */
import {
  type BrowserVerdict,
  type Engine,
  PROFILES,
  type ProfileName,
  REASONS,
  type Reason,
  type ReasonCode,
} from '../../src/browser/index.js';

/** Where an engine shows a reason. */
export type ConsolePlace =
  /** A console line (CORS errors in both engines, cookie messages in Firefox). */
  | 'console'
  /** Chrome logs no console line per cookie: the blocked-cookie tooltip of the Network panel. */
  | 'network-cookies'
  /** The engine says nothing; the line is the model's summary. */
  | 'silent';

/** One failure as one engine reports it. */
export interface ConsoleLine {
  /** The step's label, or its position from 1. */
  readonly step: string;
  readonly url: string;
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly place: ConsolePlace;
  readonly message: string;
}

function hasOwnWords(reason: Reason, engine: Engine, sending: boolean): boolean {
  const entry = REASONS[reason.code as ReasonCode];
  if (entry === undefined) return false;
  const messages =
    sending && entry.sendMessages !== undefined ? entry.sendMessages : entry.messages;
  return messages[engine] !== undefined;
}

function place(reason: Reason, engine: Engine, sending: boolean, cookie: boolean): ConsolePlace {
  if (!hasOwnWords(reason, engine, sending)) return 'silent';
  return engine === 'chromium' && cookie ? 'network-cookies' : 'console';
}

/**
 * The errors and warnings of `verdict` (a run of the built-in profile `profile`) as that
 * profile's engine reports them, step by step, `Set-Cookie` refusals after the step's
 * own reasons.
 */
export function consoleLines(verdict: BrowserVerdict, profile: ProfileName): ConsoleLine[] {
  const engine = PROFILES[profile].engine;
  const lines: ConsoleLine[] = [];
  verdict.steps.forEach((step, index) => {
    const name = step.label ?? `request ${index + 1}`;
    const add = (reason: Reason, sending: boolean, cookie: boolean) => {
      if (reason.severity === 'info') return;
      lines.push({
        step: name,
        url: step.url,
        code: reason.code,
        severity: reason.severity,
        place: place(reason, engine, sending, cookie),
        message: reason.message,
      });
    };
    for (const reason of step.reasons) {
      const sending = reason.stage === 'cookie-not-sent';
      add(reason, sending, sending || reason.code.startsWith('Exclude'));
    }
    for (const setCookie of step.setCookies)
      for (const reason of setCookie.reasons) add(reason, false, true);
  });
  return lines;
}
