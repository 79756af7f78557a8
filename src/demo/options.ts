/**
 * `corset demo` options: parsed from the command line and checked as a whole, every
 * problem reported at once with the fix (`src/internal/problems.ts`).
 */
import type { ConfigProblem } from '../internal/problems.js';
import { findMistake, MISTAKES, type MistakeName } from './mistakes.js';
import { DEMO_TOPOLOGIES, type DemoTopologyName, findTopology } from './topologies.js';

/** What the demo runs; every field has a default. */
export interface DemoSettings {
  readonly topology: DemoTopologyName;
  /** 0: the OS picks a free port (tests). Default: the topology's. */
  readonly appPort: number;
  readonly apiPort: number;
  /** Session store in Redis at this URL instead of memory. */
  readonly redisUrl?: string;
  readonly mistake?: MistakeName;
}

/** What the user asked for, before defaults (the CLI flags, or `startDemo` options). */
export interface DemoRequest {
  readonly topology?: string;
  readonly appPort?: number | string;
  readonly apiPort?: number | string;
  readonly redisUrl?: string;
  readonly mistake?: string;
}

function problem(
  code: string,
  field: string,
  value: unknown,
  message: string,
  fix: string,
): ConfigProblem {
  return { code: `demo/${code}`, field, value, message, fix, severity: 'error' };
}

function readPort(
  field: string,
  value: number | string | undefined,
  problems: ConfigProblem[],
): number | undefined {
  if (value === undefined) return undefined;
  const port =
    typeof value === 'number' ? value : /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    problems.push(
      problem(
        'invalid-port',
        field,
        value,
        'not a TCP port.',
        'give a whole number from 1 to 65535 (0: any free port).',
      ),
    );
    return undefined;
  }
  return port;
}

/** Checks a {@link DemoRequest}; returns the settings or every problem found. */
export function resolveDemoSettings(
  request: DemoRequest,
):
  | { readonly ok: true; readonly settings: DemoSettings }
  | { readonly ok: false; readonly problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const mistake = request.mistake === undefined ? undefined : findMistake(request.mistake);
  if (request.mistake !== undefined && mistake === undefined) {
    problems.push(
      problem(
        'unknown-mistake',
        'misconfigure',
        request.mistake,
        'no such mistake.',
        `use one of ${MISTAKES.map((m) => m.name).join(', ')} (corset demo --list-mistakes).`,
      ),
    );
  }
  let topology = request.topology === undefined ? undefined : findTopology(request.topology);
  if (request.topology !== undefined && topology === undefined) {
    problems.push(
      problem(
        'unknown-topology',
        'topology',
        request.topology,
        'no such topology.',
        `use one of ${DEMO_TOPOLOGIES.map((t) => t.name).join(', ')}.`,
      ),
    );
  }
  // A mistake that means nothing in the asked topology would show no failure at all.
  if (mistake !== undefined) {
    if (topology === undefined && request.topology === undefined) {
      topology = findTopology(mistake.topologies[0] ?? 'ports');
    } else if (topology !== undefined && !mistake.topologies.includes(topology.name)) {
      problems.push(
        problem(
          'mistake-needs-topology',
          'topology',
          topology.name,
          `the mistake ${mistake.name} shows only in the ${mistake.topologies.join(' or ')} topology.`,
          `use --topology ${mistake.topologies[0]}, or leave --topology out.`,
        ),
      );
    }
  }
  topology ??= DEMO_TOPOLOGIES[0];
  const appPort = readPort('app-port', request.appPort, problems) ?? topology?.defaultAppPort;
  const apiPort = readPort('api-port', request.apiPort, problems) ?? topology?.defaultApiPort;
  if (appPort !== undefined && appPort !== 0 && appPort === apiPort) {
    problems.push(
      problem(
        'same-port',
        'api-port',
        apiPort,
        'the app and the API cannot listen on the same port: the demo is about two origins.',
        'give two different ports.',
      ),
    );
  }
  if (request.redisUrl !== undefined && !/^rediss?:\/\/[^\s]+$/.test(request.redisUrl)) {
    problems.push(
      problem(
        'invalid-redis-url',
        'redis',
        request.redisUrl,
        'not a Redis URL.',
        'give redis://127.0.0.1:6379 (or rediss:// for TLS).',
      ),
    );
  }
  if (
    problems.length > 0 ||
    topology === undefined ||
    appPort === undefined ||
    apiPort === undefined
  ) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    settings: {
      topology: topology.name,
      appPort,
      apiPort,
      ...(request.redisUrl === undefined ? {} : { redisUrl: request.redisUrl }),
      ...(mistake === undefined ? {} : { mistake: mistake.name }),
    },
  };
}
