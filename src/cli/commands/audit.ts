/**
 * `corset audit <url>...`: probes APIs for exploitable CORS (every class, preflights
 * included), many URLs at once, and reports findings as text, JSON (v1) or SARIF 2.1.0.
 */
import { readFileSync } from 'node:fs';
import pc from 'picocolors';
import { parseOrigin } from '../../cors/index.js';
import {
  type AuditTextStyles,
  auditTargets,
  buildAuditReport,
  createProbeSender,
  type FailOn,
  type Probe,
  planProbes,
  renderAuditText,
  SEVERITIES,
  type SendProbe,
  toSarif,
} from '../../doctor/audit/index.js';
import type { ConnectionSettings } from '../../doctor/net/index.js';
import { COMMAND_SUMMARIES } from '../command-table.js';
import {
  CONNECTION_OPTIONS,
  CONNECTION_OPTIONS_HELP,
  connectionSettings,
} from '../connection-options.js';
import type { Command } from '../main.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { createProgress, type ProgressStream } from '../progress.js';
import { readStdin } from '../read-stdin.js';
import { UsageError } from '../usage-error.js';
import { packageVersion } from '../version.js';

/** Default `--concurrency`: requests in flight at once, over all URLs. */
export const DEFAULT_CONCURRENCY = 16;

const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'none'];

const HELP = `Usage: corset audit [options] <url>...

Probes each URL for exploitable CORS: arbitrary origin reflected, "null", prefix,
suffix and substring matches, unescaped dots, special characters in the host, any
subdomain, http:// origins, third-party sandboxes, "*", invalid Access-Control-Allow-
Origin values, missing Vary: Origin, CR/LF reflected, and preflights granted to an
untrusted origin. Every class is tried (no stop at the first hit). A finding is high
when the response also says Access-Control-Allow-Credentials: true.

Options:
  --trusted-origin <origin>  the real app's origin (repeatable); probes are derived
                             from it. Without it, from each target's own host.
  -i, --input <file>         read URLs from a file, one per line ("-": stdin;
                             blank lines and # comments skipped); repeatable
  --concurrency <n>          requests in flight at once (default ${DEFAULT_CONCURRENCY})
  --fail-on <severity>       exit 1 when a finding is at or above it:
                             ${FAIL_ON_VALUES.join(', ')} (default medium)
  --json                     the report as JSON (schema corset.audit.report v1)
  --sarif                    the report as SARIF 2.1.0 (code-scanning dashboards)
  --dry-run                  print the requests it would send; send nothing
  -h, --help                 this help

${CONNECTION_OPTIONS_HELP}

Exit status: 0 no finding at or above --fail-on, 1 one or more (or a URL could not
be reached), 2 usage error.
`;

/** What the command reads and writes (tests give their own). */
export interface AuditIo {
  readonly stdout: (text: string) => void;
  /** Where the progress bar goes (drawn only if it is a TTY). */
  readonly progress: ProgressStream;
  readonly readFile: (path: string) => string;
  readonly readStdin: () => Promise<string>;
  /** Colour the text output. */
  readonly color: boolean;
  /** Replaces the network (tests); default: the doctor's client with the connection options. */
  readonly sender?: (settings: ConnectionSettings) => { send: SendProbe; close(): Promise<void> };
}

function parse(argv: readonly string[]) {
  return parseCommandArgs('audit', argv, {
    allowPositionals: true,
    options: {
      'trusted-origin': { type: 'string', multiple: true },
      input: { type: 'string', short: 'i', multiple: true },
      concurrency: { type: 'string' },
      'fail-on': { type: 'string' },
      json: { type: 'boolean' },
      sarif: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      ...CONNECTION_OPTIONS,
    },
  });
}

/** Checks one URL; `where` names its source (argument, or file:line). */
function checkUrl(text: string, where: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `audit: ${where}'${text}' is not an absolute URL (write it as https://host[:port]/path)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(
      `audit: ${where}'${text}' is not an http(s) URL (got ${url.protocol}); only http and https APIs can be audited`,
    );
  }
  // A fragment is never sent; dropping it also makes `/a#x` and `/a` one target.
  url.hash = '';
  return url.href;
}

function urlsFromText(text: string, source: string): string[] {
  return text.split(/\r?\n/).flatMap((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return [];
    return [checkUrl(trimmed, `${source}:${i + 1}: `)];
  });
}

async function collectUrls(
  positionals: readonly string[],
  inputs: readonly string[],
  io: AuditIo,
): Promise<string[]> {
  const urls = positionals.map((u) => checkUrl(u, ''));
  for (const input of inputs) {
    if (input === '-') {
      urls.push(...urlsFromText(await io.readStdin(), 'stdin'));
      continue;
    }
    let text: string;
    try {
      text = io.readFile(input);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new UsageError(
        `audit: cannot read --input '${input}' (${typeof code === 'string' ? code : String(error)})`,
      );
    }
    urls.push(...urlsFromText(text, input));
  }
  if (urls.length === 0) {
    throw new UsageError('audit: no URL given (corset audit <url>... or --input <file>)');
  }
  return [...new Set(urls)];
}

function trustedOrigins(values: readonly string[]): string[] {
  return values.map((value) => {
    const parsed = parseOrigin(value);
    if (parsed === undefined) {
      throw new UsageError(
        `audit: --trusted-origin '${value}' is not an origin (write scheme://host[:port], no path, e.g. https://app.example.com)`,
      );
    }
    return parsed.origin;
  });
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 1000) {
    throw new UsageError(`audit: --${name} '${value}' is not a whole number from 1 to 1000`);
  }
  return n;
}

function failOnOf(value: string | undefined): FailOn {
  if (value === undefined) return 'medium';
  const found = FAIL_ON_VALUES.find((v) => v === value);
  if (found === undefined) {
    throw new UsageError(`audit: --fail-on '${value}' is not one of ${FAIL_ON_VALUES.join(', ')}`);
  }
  return found;
}

function shownValue(value: string): string {
  return /^[\x21-\x7e ]*$/.test(value) ? value : JSON.stringify(value);
}

function dryRunText(plans: readonly { url: string; probes: readonly Probe[] }[]): string {
  const lines: string[] = [];
  for (const plan of plans) {
    lines.push(`${plan.url} (${plan.probes.length} requests)`);
    for (const p of plan.probes) {
      const headers = [
        ...(p.origin === undefined ? [] : [`Origin: ${shownValue(p.origin)}`]),
        ...Object.entries(p.headers).map(([n, v]) => `${n}: ${v}`),
      ];
      lines.push(
        `  ${p.method} ${p.url}  ${headers.length === 0 ? '(no Origin)' : headers.join('  ')}${p.raw ? '  (raw socket)' : ''}`,
      );
    }
  }
  const total = plans.reduce((n, p) => n + p.probes.length, 0);
  lines.push(
    '',
    `Dry run: nothing sent (${plans.length} URL${plans.length === 1 ? '' : 's'}, ${total} requests).`,
  );
  return `${lines.join('\n')}\n`;
}

function styles(color: boolean): AuditTextStyles {
  const c = pc.createColors(color);
  const bySeverity = { high: c.red, medium: c.yellow, low: c.cyan, info: c.dim };
  return {
    severity: (severity, text) => bySeverity[severity](text),
    ok: c.green,
    fail: c.red,
    dim: c.dim,
    bold: c.bold,
  };
}

/** Runs `corset audit` with `argv`; resolves to the exit status. */
export async function runAudit(argv: readonly string[], io: AuditIo): Promise<number> {
  const { values: flags, positionals } = parse(argv);
  if (flags.help) {
    io.stdout(HELP);
    return 0;
  }
  if (flags.json && flags.sarif) {
    throw new UsageError('audit: --json and --sarif are exclusive (choose one output format)');
  }
  const trusted = trustedOrigins(flags['trusted-origin'] ?? []);
  const concurrency = integer('concurrency', flags.concurrency, DEFAULT_CONCURRENCY);
  const failOn = failOnOf(flags['fail-on']);
  const settings = connectionSettings('audit', flags);
  const urls = await collectUrls(positionals, flags.input ?? [], io);

  if (flags['dry-run']) {
    const plans = urls.map((url) => planProbes(url, trusted));
    io.stdout(
      flags.json || flags.sarif
        ? `${JSON.stringify({ schema: 'corset.audit.plan', version: 1, targets: plans.map((p) => ({ url: p.url, probes: p.probes })) }, null, 2)}\n`
        : dryRunText(plans),
    );
    return 0;
  }

  const sender = (io.sender ?? ((s) => createProbeSender(s, `corset-audit/${packageVersion()}`)))(
    settings,
  );
  const progress = createProgress(io.progress, 'auditing', urls.length);
  let results: Awaited<ReturnType<typeof auditTargets>>;
  try {
    results = await auditTargets(
      urls,
      { trustedOrigins: trusted, concurrency, onTargetDone: () => progress.tick() },
      sender.send,
    );
  } finally {
    progress.done();
    await sender.close();
  }
  const report = buildAuditReport(results, {
    version: packageVersion(),
    trustedOrigins: trusted,
    failOn,
  });
  if (flags.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (flags.sarif) io.stdout(`${JSON.stringify(toSarif(report), null, 2)}\n`);
  else io.stdout(renderAuditText(report, styles(io.color)));
  return report.summary.failed ? 1 : 0;
}

/** `corset audit`. */
export const auditCommand: Command = {
  name: 'audit',
  summary: COMMAND_SUMMARIES.audit,
  run: (argv) =>
    runAudit(argv, {
      stdout: (text) => process.stdout.write(text),
      progress: process.stderr,
      readFile: (path) => readFileSync(path, 'utf8'),
      readStdin,
      color: pc.isColorSupported && process.stdout.isTTY === true,
    }),
};
