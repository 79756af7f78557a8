/**
 * A recording and the model's verdicts into the doctor's report (version 1): what was
 * recorded on the wire per step, the input's notes, and where the model's prediction for
 * the recording's own engine disagrees with what that browser did. Browser-safe.
 */
import type { ModelResult, ProfileName } from '../../browser/index.js';
import {
  buildReport,
  type DoctorReport,
  type ReportHttp,
  type ReportHttpExchange,
  type ReportNote,
} from '../report/index.js';
import { redactDeep, secretsOf } from './redact.js';
import type { CheckedRequest, RecordedEntry, RecorderEngine, Recording } from './types.js';

/** Options of {@link recordingReport}. */
export interface RecordingReportOptions {
  /** Which tool the report is for (default `check`). */
  readonly tool?: 'check' | 'web';
  /** Redact cookie values and tokens (default true). */
  readonly redact?: boolean;
  /** Fix the report's time (default now). */
  readonly generatedAt?: string;
}

// The profile that stands for the engine a HAR was recorded with.
const PROFILE_OF_ENGINE: Readonly<Record<RecorderEngine, ProfileName>> = {
  chromium: 'chrome',
  gecko: 'firefox',
  webkit: 'safari',
};

function wire(entry: RecordedEntry): ReportHttpExchange {
  return {
    method: entry.method,
    url: entry.url,
    requestHeaders: entry.requestHeaders,
    ...(entry.status > 0 ? { status: entry.status } : {}),
    responseHeaders: entry.responseHeaders,
    ...(entry.error === undefined ? {} : { error: entry.error }),
  };
}

/** What the recording shows went over the wire for one request. */
export function recordedHttp(request: CheckedRequest): ReportHttp {
  const [first, ...rest] = request.recorded.hops;
  const hops = first === undefined ? [] : [first, ...rest];
  const last = hops.at(-1);
  const sent = last !== undefined && (last.status > 0 || request.recorded.preflight === undefined);
  return {
    ...(request.recorded.preflight === undefined
      ? {}
      : { preflight: wire(request.recorded.preflight) }),
    ...(hops.length > 1 ? { redirects: hops.slice(0, -1).map(wire) } : {}),
    ...(sent ? { actual: wire(last) } : {}),
  };
}

/**
 * Where the prediction for the recording engine's profile differs from what the
 * recording shows: a network error, or (Chromium recordings only, which mark CORS
 * refusals as failures) a readable answer.
 */
export function disagreements(recording: Recording, result: ModelResult): ReportNote[] {
  const engine = recording.recorder?.engine;
  if (engine === undefined) return [];
  const profile = PROFILE_OF_ENGINE[engine];
  const verdict = result.browsers.find((b) => b.browser === profile);
  if (verdict === undefined) return [];
  const notes: ReportNote[] = [];
  for (const request of recording.requests) {
    const step = verdict.steps[request.step];
    if (step === undefined) continue;
    const predictedFailure = step.fetch === 'network-error';
    if (predictedFailure === request.observed.failed) continue;
    // Chromium records a CORS refusal as a failed request (`net::ERR_FAILED`); Firefox's
    // HAR shows the refused answer like any other, so there a recorded answer proves
    // nothing about what the page could read.
    if (predictedFailure && engine !== 'chromium') continue;
    notes.push({
      code: 'ModelDisagreesWithRecording',
      severity: 'warning',
      message: `${request.label}: the recording (${recording.recorder?.name ?? engine}) shows ${request.observed.failed ? `a failure (${request.observed.error ?? 'no response'})` : `a readable ${request.observed.status} answer`}, but the ${profile} profile predicts ${predictedFailure ? 'a network error' : 'a readable answer'}. The recording may come from a browser or settings the profile does not match (extensions, enterprise policy, a service worker), or the model is wrong: please report it.`,
      step: request.step,
    });
  }
  return notes;
}

/** The input's notes as report notes, tied to their step when they concern one. */
export function recordingNotes(recording: Recording): ReportNote[] {
  return recording.notes.map((note) => {
    const request =
      note.entry === undefined
        ? undefined
        : recording.requests.find(
            (r) =>
              r.entries.actual === note.entry ||
              r.entries.preflight === note.entry ||
              r.entries.redirects.includes(note.entry as number),
          );
    return {
      code: note.code,
      severity: note.severity,
      message: note.fix === undefined ? note.message : `${note.message} ${note.fix}`,
      ...(request === undefined ? {} : { step: request.step }),
    };
  });
}

/**
 * The report of a recording: the model's verdicts per browser, the recorded wire per
 * step (the same for every browser: it is what the recording browser did), the input's
 * notes and the disagreements with the recording. Redacted unless `redact: false`.
 */
export function recordingReport(
  recording: Recording,
  result: ModelResult,
  options: RecordingReportOptions = {},
): DoctorReport {
  const http = recording.requests.map(recordedHttp);
  const report = buildReport({
    tool: options.tool ?? 'check',
    result,
    http: result.browsers.map(() => http),
    notes: [...recordingNotes(recording), ...disagreements(recording, result)],
    ...(options.generatedAt === undefined ? {} : { generatedAt: options.generatedAt }),
  });
  if (options.redact === false) return report;
  const recorded = recording.requests.flatMap((r) => [
    ...(r.recorded.preflight === undefined ? [] : [r.recorded.preflight]),
    ...r.recorded.hops,
  ]);
  const secrets = recorded.flatMap((e) => [
    ...secretsOf(e.requestHeaders),
    ...secretsOf(e.responseHeaders),
  ]);
  return redactDeep(report, secrets);
}
