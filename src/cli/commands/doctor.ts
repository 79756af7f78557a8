/**
 * `corset doctor <url> --origin <page-origin>`: live. Sends what each browser would send
 * (the preflight when the model says one goes out, then the request with `Origin`,
 * `Sec-Fetch-*` and the cookies of that browser's simulated jar), feeds the real answers
 * to the browser model, and prints per browser the steps, the verdict, the reasons and
 * the fixes. Exit 0 when every selected browser succeeds, 1 when one fails (or the
 * server cannot be reached), 2 on a usage error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import pc from 'picocolors';
import {
  type CredentialsMode,
  PROFILE_NAMES,
  PROFILES,
  type ProfileName,
} from '../../browser/index.js';
import { parseFlow } from '../../doctor/live/flow-file.js';
import { type LivePlan, type LiveStep, runLive } from '../../doctor/live/index.js';
import { createHttpClient } from '../../doctor/net/index.js';
import {
  buildReport,
  type DoctorReport,
  renderReportHtml,
  renderReportText,
} from '../../doctor/report/index.js';
import { COMMAND_SUMMARIES } from '../command-table.js';
import {
  CONNECTION_OPTIONS,
  CONNECTION_OPTIONS_HELP,
  connectionSettings,
} from '../connection-options.js';
import type { Command } from '../main.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { REPORT_TEXT_STYLES } from '../report-styles.js';
import { UsageError } from '../usage-error.js';

const HELP = `Usage: corset doctor <url> --origin <page-origin> [options]
       corset doctor --flow flow.json [--origin <page-origin>] [options]

Sends the requests a browser would send from the page at <page-origin> to <url> (the
preflight, then the request with Origin, Sec-Fetch-* and the cookies of each browser's
simulated jar), and explains per browser what it does with the real answers.

Request:
  --origin <url>             the page the request comes from, e.g. https://app.example.com
  -X, --method <method>      default GET
  -H, --header <name: value> a header the page's script sets (repeatable)
  -d, --data <body>          request body (e.g. JSON; set its content-type with -H)
  --credentials <mode>       include (default), same-origin or omit
  --then <url>               a following GET sharing the simulated jar (repeatable)
  --expect-cookie <name>     the --then requests must carry this cookie (repeatable),
                             e.g. the session cookie the first step sets
  --flow <file>              the steps as JSON: {"page", "steps": [{url, method, headers,
                             body, credentials, mode, expect: {cookies, headers}}]}
  --browser <names>          comma-separated profiles (default all):
                             ${PROFILE_NAMES.join(', ')}

${CONNECTION_OPTIONS_HELP}

Output:
  --json                     the report as JSON (schema corset.doctor.report v1,
                             docs/schemas/doctor-report.v1.json)
  --html <file>              also write a self-contained HTML report with a sequence
                             diagram per browser
  --verbose                  also the info reasons
  -h, --help                 this help

Exit status: 0 every browser ok, 1 a browser fails or the server cannot be reached,
2 usage error.
`;

/** Where the command reads and writes (tests give their own). */
export interface DoctorIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string;
  readonly writeFile: (path: string, text: string) => void;
  /** Colours for the text output (default none). */
  readonly color?: boolean;
  /** Fixed clock for reproducible reports (tests). */
  readonly now?: number;
}

function parse(argv: readonly string[]) {
  return parseCommandArgs('doctor', argv, {
    allowPositionals: true,
    options: {
      origin: { type: 'string' },
      method: { type: 'string', short: 'X' },
      header: { type: 'string', short: 'H', multiple: true },
      data: { type: 'string', short: 'd' },
      credentials: { type: 'string' },
      // biome-ignore lint/suspicious/noThenProperty: the --then option; a string list, never awaited.
      then: { type: 'string', multiple: true },
      'expect-cookie': { type: 'string', multiple: true },
      flow: { type: 'string' },
      browser: { type: 'string' },
      json: { type: 'boolean' },
      html: { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      ...CONNECTION_OPTIONS,
    },
  });
}

function httpUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `doctor: ${what} '${value}' is not an absolute URL (write it as https://host[:port]/path)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`doctor: ${what} '${value}' must be an http: or https: URL`);
  return url.href;
}

function header(value: string): [string, string] {
  const colon = value.indexOf(':');
  const name = colon < 0 ? '' : value.slice(0, colon).trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    throw new UsageError(
      `doctor: -H '${value}' is not 'Name: value' (e.g. -H 'Content-Type: application/json')`,
    );
  return [name, value.slice(colon + 1).trim()];
}

function profiles(list: string | undefined): ProfileName[] {
  if (list === undefined) return [...PROFILE_NAMES];
  const names = list
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== '');
  const unknown = names.filter((n) => !(n in PROFILES));
  if (names.length === 0 || unknown.length > 0)
    throw new UsageError(
      `doctor: --browser '${list}': unknown ${unknown.join(', ') || 'empty list'} (choose from ${PROFILE_NAMES.join(', ')})`,
    );
  return names as ProfileName[];
}

const CREDENTIALS: readonly CredentialsMode[] = ['include', 'same-origin', 'omit'];

function plan(
  values: ReturnType<typeof parse>['values'],
  positionals: readonly string[],
  io: DoctorIo,
): LivePlan {
  const origin = values.origin === undefined ? undefined : httpUrl(values.origin, '--origin');
  if (values.flow !== undefined) {
    if (
      positionals.length > 0 ||
      values.then !== undefined ||
      values['expect-cookie'] !== undefined
    )
      throw new UsageError(
        'doctor: --flow gives every step: drop the <url>, --then and --expect-cookie (write "expect" in the steps)',
      );
    let raw: unknown;
    try {
      raw = JSON.parse(io.readFile(values.flow));
    } catch (error) {
      throw new UsageError(
        `doctor: --flow '${values.flow}': ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const parsed = parseFlow(raw, origin);
    if (!parsed.ok)
      throw new UsageError(`doctor: --flow '${values.flow}': ${parsed.problems.join('; ')}`);
    return parsed.plan;
  }
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? 'doctor: give the URL to check (see corset doctor --help)'
        : `doctor: one URL at a time (got ${positionals.length}); use --then for the next steps`,
    );
  if (origin === undefined)
    throw new UsageError(
      'doctor: --origin is required: the page the request comes from, e.g. --origin https://app.example.com',
    );
  const credentials = values.credentials ?? 'include';
  if (!CREDENTIALS.includes(credentials as CredentialsMode))
    throw new UsageError(
      `doctor: --credentials '${credentials}': write include, same-origin or omit`,
    );
  const method = values.method ?? (values.data === undefined ? 'GET' : 'POST');
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(method))
    throw new UsageError(`doctor: -X '${method}' is not an HTTP method`);
  const first: LiveStep = {
    url: httpUrl(positionals[0] as string, 'URL'),
    method,
    headers: (values.header ?? []).map(header),
    credentials: credentials as CredentialsMode,
    ...(values.data === undefined ? {} : { body: values.data }),
  };
  const expected = values['expect-cookie'] ?? [];
  if (expected.length > 0 && values.then === undefined)
    throw new UsageError(
      'doctor: --expect-cookie applies to the --then steps (the first request starts with an empty jar)',
    );
  const then: LiveStep[] = (values.then ?? []).map((u) => ({
    url: httpUrl(u, '--then'),
    credentials: credentials as CredentialsMode,
    ...(expected.length === 0 ? {} : { expect: { cookies: expected } }),
  }));
  return { page: origin, steps: [first, ...then] };
}

/** Runs `corset doctor`; resolves to the exit status. Usage errors throw `UsageError`. */
export async function runDoctor(argv: readonly string[], io: DoctorIo): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const livePlan = plan(values, positionals, io);
  const chosen = profiles(values.browser);
  const connection = connectionSettings('doctor', values, io.readFile);
  const client = createHttpClient(connection);
  let report: DoctorReport;
  try {
    const run = await runLive(livePlan, {
      profiles: chosen,
      client,
      ...(io.now === undefined ? {} : { now: io.now }),
    });
    if (!run.ok) {
      io.stderr(`corset: doctor: ${run.request.method} ${run.request.url}: ${run.error.message}\n`);
      return 1;
    }
    report = buildReport({
      tool: 'doctor',
      result: run.result,
      http: run.http,
      notes: run.notes,
      ...(io.now === undefined ? {} : { generatedAt: new Date(io.now).toISOString() }),
    });
  } finally {
    await client.close();
  }
  if (values.html !== undefined) io.writeFile(values.html, renderReportHtml(report));
  if (values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else
    io.stdout(
      renderReportText(report, {
        verbose: values.verbose === true,
        ...(io.color === true ? { styles: REPORT_TEXT_STYLES } : {}),
      }),
    );
  return report.ok ? 0 : 1;
}

/** `corset doctor`. */
export const doctorCommand: Command = {
  name: 'doctor',
  summary: COMMAND_SUMMARIES.doctor,
  run: (argv) =>
    runDoctor(argv, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      readFile: (path) => readFileSync(path, 'utf8'),
      writeFile: (path, text) => writeFileSync(path, text),
      color: pc.isColorSupported,
    }),
};
