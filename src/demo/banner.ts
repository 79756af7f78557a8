/**
 * What `corset demo` prints: the start banner for a person, the same facts as one JSON
 * object for tools and tests (`--json`), and one line per API request.
 */
import pc from 'picocolors';
import { formatPlannedCookie } from '../session/topology-text.js';
import type { ApiRequestRecord } from './api-server.js';
import { chromiumArgs, chromiumExecutable } from './open-browser.js';
import type { RunningDemo } from './start.js';
import { findTopology } from './topologies.js';

/** The start facts as data: what `--json` prints on its first line. */
export interface DemoStartInfo {
  readonly appUrl: string;
  readonly apiUrl: string;
  readonly appPort: number;
  readonly apiPort: number;
  readonly topology: string;
  readonly mistake: string | null;
  /** Names to map to 127.0.0.1 in the browser. */
  readonly hostNames: readonly string[];
  /** The demo CA (HTTPS topologies), and its key hash for Chromium's SPKI allow-list. */
  readonly caCertPath: string | null;
  readonly caSpkiSha256Base64: string | null;
  readonly store: 'memory' | 'redis';
  readonly users: readonly string[];
  readonly password: string;
  readonly session: {
    readonly relation: string;
    /** `cookie`, `cookie+bearer-fallback` or `bearer`, as the entry point decided. */
    readonly transport: string;
    /** Whether the Bearer fallback is offered (off when misconfigured on purpose). */
    readonly bearer: boolean;
    /** `Set-Cookie` shapes, `…` for the value. */
    readonly cookie: string | null;
    readonly refreshCookie: string | null;
    readonly reasons: readonly string[];
    readonly warnings: readonly { readonly code: string; readonly message: string }[];
  };
}

/** The start facts of a running demo. */
export function startInfo(demo: RunningDemo): DemoStartInfo {
  const e = demo.explanation;
  return {
    appUrl: demo.appUrl,
    apiUrl: demo.apiUrl,
    appPort: demo.appPort,
    apiPort: demo.apiPort,
    topology: demo.settings.topology,
    mistake: demo.mistake?.name ?? null,
    hostNames: demo.hostNames,
    caCertPath: demo.certificates?.caCertPath ?? null,
    caSpkiSha256Base64: demo.certificates?.caSpkiSha256Base64 ?? null,
    store: demo.store,
    users: demo.users,
    password: demo.password,
    session: {
      relation: e.relation,
      transport: e.transport,
      bearer: demo.bearer,
      cookie: e.cookie === null ? null : formatPlannedCookie(e.cookie),
      refreshCookie: e.refreshCookie === null ? null : formatPlannedCookie(e.refreshCookie),
      reasons: e.reasons.map((r) => r.message),
      warnings: [...e.warnings, ...entryPointOnlyWarnings(demo)].map((w) => ({
        code: w.code,
        message: w.message,
      })),
    },
  };
}

/**
 * The entry point's warnings minus the topology's own: `corset.warnings` repeats those,
 * and the explanation already shows them.
 */
function entryPointOnlyWarnings(demo: RunningDemo): RunningDemo['warnings'] {
  const explained = new Set(demo.explanation.warnings.map((w) => `${w.code} ${w.message}`));
  return demo.warnings.filter((w) => !explained.has(`${w.code} ${w.message}`));
}

/** Quotes an argument for a POSIX shell when it needs it. */
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

/** The start banner. */
export function renderBanner(demo: RunningDemo): string {
  const topology = findTopology(demo.settings.topology);
  const lines: string[] = [
    `${pc.bold('corset demo')}: ${topology?.label ?? ''} (--topology ${demo.settings.topology})`,
    '',
    `  App  ${pc.cyan(demo.appUrl)}   ${pc.dim('← open this in a browser')}`,
    `  API  ${pc.cyan(demo.apiUrl)}`,
    '',
    `  Users ${demo.users.join(', ')}; password ${pc.bold(demo.password)}`,
    `  Sessions: ${demo.store === 'redis' ? `Redis (${demo.settings.redisUrl ?? ''})` : 'in memory (--redis <url> for Redis)'}`,
  ];
  if (demo.certificates !== undefined) {
    const command = [chromiumExecutable(), ...chromiumArgs(demo, '"$(mktemp -d)"', false)]
      .map((a) => (a.includes('"$(mktemp -d)"') ? a : shellQuote(a)))
      .join(' ');
    lines.push(
      '',
      `  HTTPS with the local demo CA: ${demo.certificates.caCertPath}`,
      `  A browser must resolve ${demo.hostNames.join(' and ')} to 127.0.0.1 and trust that CA.`,
      `  --open starts Chromium that way; or by hand:`,
      `    ${command}`,
    );
  }
  if (demo.settings.topology === 'subdomains') {
    lines.push(
      '',
      "  The demo asks corset to share the cookies with the parent domain (shareAcrossSubdomains), so that the app's own server sees the session too (the page shows it).",
    );
  }
  lines.push('', demo.explanation.text);
  for (const w of entryPointOnlyWarnings(demo)) {
    lines.push(`  WARNING [${w.code}] ${w.message} Fix: ${w.fix}`);
  }
  if (demo.mistake !== undefined) {
    lines.push(
      '',
      pc.yellow(pc.bold(`MISCONFIGURED ON PURPOSE: ${demo.mistake.name}`)),
      `  ${demo.mistake.summary}.`,
      `  Expect: ${demo.mistake.symptom}`,
      `  corset instead: ${demo.mistake.fix}`,
      '  The Bearer fallback is off, as on a hand-built server.',
    );
  }
  lines.push('', pc.dim('API requests are logged below. Ctrl-C stops the demo.'), '');
  return lines.join('\n');
}

function time(at: number): string {
  return new Date(at).toISOString().slice(11, 19);
}

/** One log line for an API request. */
export function renderRequest(r: ApiRequestRecord): string {
  const status = r.status >= 400 ? pc.red(String(r.status)) : pc.green(String(r.status));
  const what = r.preflight
    ? 'preflight'
    : [
        r.user === undefined ? undefined : `user ${r.user}`,
        r.auth === 'none' ? undefined : `via ${r.auth}`,
        r.error === undefined ? undefined : pc.red(r.error),
        !r.preflight && r.origin !== undefined ? pc.dim(`from ${r.origin}`) : undefined,
      ]
        .filter((part) => part !== undefined)
        .join(', ');
  return `${pc.dim(time(r.at))} ${r.method.padEnd(7)} ${r.path} ${status} ${what}`;
}
