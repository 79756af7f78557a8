import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/browser/index.js';
import {
  disagreements,
  type Recording,
  readRecording,
  recordedHttp,
  recordingReport,
} from '../../../src/doctor/input/index.js';
import { API, APP, chromeHar, FETCH_HEADERS, firefoxHar, GRANT } from './fixtures.js';

function read(text: string): Recording {
  const result = readRecording(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.recording;
}

const WILDCARD = [
  ['access-control-allow-origin', '*'],
  ['access-control-allow-credentials', 'true'],
] as const;

describe('recording to report', () => {
  it('flags a Chromium recording whose readable answer the model says is refused', () => {
    // Recorded as readable (no _error), yet `*` with credentials: one of the two is wrong.
    const recording = read(
      chromeHar([{ url: `${API}/me`, type: 'Fetch', request: FETCH_HEADERS, response: WILDCARD }]),
    );
    const notes = disagreements(recording, evaluate(recording.exchange, ['chrome']));
    expect(notes).toMatchObject([
      { code: 'ModelDisagreesWithRecording', severity: 'warning', step: 0 },
    ]);
    expect(notes[0]?.message).toContain(
      'a readable 200 answer, but the chrome profile predicts a network error',
    );
  });

  it('agrees with a Chromium recording of the same refusal marked failed', () => {
    const recording = read(
      chromeHar([
        {
          url: `${API}/me`,
          type: 'Fetch',
          request: FETCH_HEADERS,
          response: WILDCARD,
          error: 'net::ERR_FAILED',
        },
      ]),
    );
    expect(disagreements(recording, evaluate(recording.exchange, ['chrome']))).toEqual([]);
  });

  it('does not read a Firefox recorded answer as readable (its HAR shows refused answers too)', () => {
    const recording = read(
      firefoxHar([{ url: `${API}/me`, request: FETCH_HEADERS, response: WILDCARD }]),
    );
    expect(disagreements(recording, evaluate(recording.exchange, ['firefox']))).toEqual([]);
    // The other way round still counts: a recorded failure the model calls readable.
    const failed = read(
      firefoxHar([
        {
          url: `${API}/me`,
          request: FETCH_HEADERS,
          response: GRANT,
          error: 'NS_ERROR_DOM_BAD_URI',
        },
      ]),
    );
    expect(disagreements(failed, evaluate(failed.exchange, ['firefox']))).toHaveLength(1);
  });

  it('no engine named, or its profile not asked for: nothing to compare', () => {
    const recording = read(
      `GET ${API}/me HTTP/1.1\nOrigin: ${APP}\n\nHTTP/1.1 200 OK\naccess-control-allow-origin: *\n`,
    );
    expect(disagreements(recording, evaluate(recording.exchange, ['chrome']))).toEqual([]);
    const chrome = read(
      chromeHar([{ url: `${API}/me`, type: 'Fetch', request: FETCH_HEADERS, response: WILDCARD }]),
    );
    expect(disagreements(chrome, evaluate(chrome.exchange, ['safari']))).toEqual([]);
  });

  it('the recorded wire: no actual request when only the preflight came back', () => {
    const recording = read(
      chromeHar([
        {
          method: 'OPTIONS',
          url: `${API}/login`,
          type: 'Preflight',
          request: [['Access-Control-Request-Method', 'POST']],
          status: 403,
        },
        { method: 'POST', url: `${API}/login`, type: 'Fetch', status: 0, error: 'net::ERR_FAILED' },
      ]),
    );
    const [request] = recording.requests;
    if (!request) throw new Error('no request');
    expect(recordedHttp(request)).toEqual({
      preflight: {
        method: 'OPTIONS',
        url: `${API}/login`,
        requestHeaders: [['Access-Control-Request-Method', 'POST']],
        status: 403,
        responseHeaders: [],
      },
    });
  });

  it('builds a check report: notes tied to steps, the wire per browser, redacted', () => {
    const recording = read(
      chromeHar([
        {
          url: `${API}/me`,
          type: 'Fetch',
          request: [...FETCH_HEADERS, ['cookie', 'sid=s3cr3t-value']],
          response: GRANT,
        },
      ]),
    );
    const result = evaluate(recording.exchange, ['chrome', 'firefox']);
    const report = recordingReport(recording, result, { generatedAt: '2026-11-29T00:00:00.000Z' });
    expect(report).toMatchObject({
      tool: 'check',
      generatedAt: '2026-11-29T00:00:00.000Z',
      ok: true,
    });
    expect(report.notes.find((n) => n.code === 'CookieSetBeforeRecording')?.step).toBe(0);
    for (const b of report.browsers)
      expect(b.steps[0]?.http?.actual?.requestHeaders).toContainEqual(['cookie', 'sid=<redacted>']);
    expect(JSON.stringify(report)).not.toContain('s3cr3t-value');
    const plain = recordingReport(recording, result, { redact: false });
    expect(JSON.stringify(plain)).toContain('s3cr3t-value');
  });
});
