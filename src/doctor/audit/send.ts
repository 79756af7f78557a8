/**
 * Sending probes: ordinary ones through the doctor's undici client (never following
 * redirects: a 3xx is an answer like any other), CR/LF ones through a raw socket.
 */
import { type ConnectionSettings, createHttpClient } from '../net/index.js';
import { sendRaw } from './raw-request.js';
import type { SendProbe } from './run.js';
import type { Probe } from './types.js';

/** A probe sender and the way to release its connections. */
export interface ProbeSender {
  readonly send: SendProbe;
  close(): Promise<void>;
}

function headerLines(probe: Probe, userAgent: string): [string, string][] {
  return [
    ['user-agent', userAgent],
    ...(probe.origin === undefined ? [] : [['origin', probe.origin] as [string, string]]),
    ...Object.entries(probe.headers),
  ];
}

/** A sender using `settings` (the `--resolve`/`--ca`/`--insecure`/`--timeout` options). */
export function createProbeSender(settings: ConnectionSettings, userAgent: string): ProbeSender {
  const client = createHttpClient(settings);
  return {
    async send(probe) {
      const headers = headerLines(probe, userAgent);
      if (probe.raw) {
        const outcome = await sendRaw(probe.url, headers, settings);
        return outcome.ok ? { probe, response: outcome.response } : { probe, error: outcome.error };
      }
      const outcome = await client.send({ url: probe.url, method: probe.method, headers });
      return outcome.ok
        ? {
            probe,
            response: { status: outcome.response.status, headers: outcome.response.headers },
          }
        : { probe, error: outcome.error.message };
    },
    close: () => client.close(),
  };
}
