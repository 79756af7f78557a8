/**
 * `corset check <file|->`: offline. Reads a HAR (Chrome or Firefox DevTools, Playwright)
 * or pasted request/response headers, finds the page's cross-origin requests and explains
 * each one per browser as `corset doctor` does, from what was recorded. Cookie values and
 * tokens are redacted in the output unless `--no-redact`. `--serve` serves the web
 * checker page instead.
 */
import { readFile } from 'node:fs/promises';
import pc from 'picocolors';
import {
  type CredentialsMode,
  evaluate,
  PROFILE_NAMES,
  type ProfileName,
} from '../../browser/index.js';
import { type InputFormat, readRecording, recordingReport } from '../../doctor/input/index.js';
import { renderReportText } from '../../doctor/report/index.js';
import { COMMAND_SUMMARIES } from '../command-table.js';
import type { Command } from '../main.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { readStdin } from '../read-stdin.js';
import { REPORT_TEXT_STYLES } from '../report-styles.js';
import { processStopSignal } from '../stop-signal.js';
import { UsageError } from '../usage-error.js';
import { type CheckServer, parseServePort, runCheckServe } from './check-serve.js';

const HELP = `Usage: corset check <file|-> [options]
       corset check --serve [--port <n>]

Reads a HAR exported from Chrome or Firefox DevTools (Network panel > Export HAR), or
pasted request/response headers (DevTools raw headers, curl -v), '-' for stdin; finds
the page's cross-origin fetch()/XHR requests and explains, per browser, what each one
does: preflight, cookies sent and stored, what the page can read, why it fails, the fix.
Nothing is sent anywhere.

Options:
  --page <url>            the top-level page the requests came from (default: from the
                          HAR's page, else the requests' Referer or Origin, with a note)
  --browser <list>        profiles, comma-separated or repeated (default all):
                          ${PROFILE_NAMES.join(', ')}
  --credentials <mode>    include | same-origin | omit for every request (default: include,
                          as the recording does not keep fetch()'s credentials mode)
  --format <har|headers>  force the input format (default: detected)
  --json                  print the report (schema corset.doctor.report v1)
  --no-redact             show cookie values and tokens (redacted by default)
  -v, --verbose           also list info reasons and the recorded statuses
  --serve                 serve the web checker page on 127.0.0.1 instead (--port <n>)
  -h, --help              this help

Exit status: 0 every browser ok, 1 a browser fails (or the recording shows a failure it
cannot explain), 2 usage error or unreadable input.
`;

/** Where `corset check` reads and writes (tests give their own). */
export interface CheckIo {
  readonly stdout: (text: string) => void;
  /** The whole of standard input (for `-`). */
  readStdin(): Promise<string>;
  /** Colour the text output. */
  readonly color: boolean;
  /** For `--serve`: resolves when the server must stop. */
  waitForStop(): Promise<string>;
  /** For `--serve`: called once the server listens (tests). */
  readonly onServing?: (server: CheckServer) => void;
  /** For `--serve`: the built page's folder (default: `dist/web/` of this package). */
  readonly serveRoot?: string;
}

function parse(argv: readonly string[]) {
  return parseCommandArgs('check', argv, {
    allowPositionals: true,
    options: {
      page: { type: 'string' },
      browser: { type: 'string', multiple: true },
      credentials: { type: 'string' },
      format: { type: 'string' },
      json: { type: 'boolean' },
      'no-redact': { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
      serve: { type: 'boolean' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** `--browser a,b --browser c` → profile names, each checked. */
export function parseBrowsers(values: readonly string[] | undefined): ProfileName[] {
  if (values === undefined) return [...PROFILE_NAMES];
  const names = values.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase());
  const unknown = names.filter((n) => !(PROFILE_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0)
    throw new UsageError(
      `check: unknown browser '${unknown.join(', ')}' in --browser (choose from ${PROFILE_NAMES.join(', ')})`,
    );
  return [...new Set(names)] as ProfileName[];
}

function parseCredentials(value: string | undefined): CredentialsMode | undefined {
  if (value === undefined) return undefined;
  if (value === 'include' || value === 'same-origin' || value === 'omit') return value;
  throw new UsageError(`check: --credentials must be include, same-origin or omit, got '${value}'`);
}

function parseFormat(value: string | undefined): InputFormat | undefined {
  if (value === undefined) return undefined;
  if (value === 'har' || value === 'headers') return value;
  throw new UsageError(`check: --format must be har or headers, got '${value}'`);
}

async function readInput(path: string, io: CheckIo): Promise<string> {
  if (path === '-') return io.readStdin();
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : error instanceof Error
              ? error.message
              : String(error);
    throw new UsageError(`check: cannot read '${path}': ${why}`);
  }
}

/** Runs `corset check` with `argv`; resolves to the exit status. */
export async function runCheck(argv: readonly string[], io: CheckIo): Promise<number> {
  const { values: flags, positionals } = parse(argv);
  if (flags.help) {
    io.stdout(HELP);
    return 0;
  }
  if (flags.serve) {
    if (positionals.length > 0)
      throw new UsageError('check: --serve takes no file (the page reads what you paste)');
    return runCheckServe(
      {
        port: parseServePort(flags.port),
        ...(io.serveRoot === undefined ? {} : { root: io.serveRoot }),
        ...(flags.json === true ? { json: true } : {}),
      },
      {
        stdout: io.stdout,
        waitForStop: () => io.waitForStop(),
        ...(io.onServing === undefined ? {} : { onStarted: io.onServing }),
      },
    );
  }
  if (flags.port !== undefined) throw new UsageError('check: --port goes with --serve');
  const [path, ...extra] = positionals;
  if (path === undefined)
    throw new UsageError(
      "check: give a HAR or headers file, or '-' for stdin (see corset check --help)",
    );
  if (extra.length > 0)
    throw new UsageError(`check: one input at a time, got '${extra.join(' ')}' too`);
  const browsers = parseBrowsers(flags.browser);
  const credentials = parseCredentials(flags.credentials);
  const format = parseFormat(flags.format);

  const text = await readInput(path, io);
  const read = readRecording(text, {
    ...(flags.page === undefined ? {} : { page: flags.page }),
    ...(credentials === undefined ? {} : { credentials }),
    ...(format === undefined ? {} : { format }),
  });
  if (!read.ok) {
    const first = read.problems[0];
    throw new UsageError(
      `check: ${path === '-' ? 'stdin' : path}: ${first?.message ?? 'unreadable input'}${first?.fix === undefined ? '' : ` ${first.fix}`}`,
    );
  }
  const { recording } = read;
  const result = evaluate(recording.exchange, browsers);
  const report = recordingReport(recording, result, { redact: flags['no-redact'] !== true });

  if (flags.json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const recorder = recording.recorder;
    const source =
      recording.format === 'har'
        ? `HAR${recorder === undefined ? '' : ` by ${recorder.name}${recorder.version === undefined ? '' : ` ${recorder.version}`}`}`
        : 'pasted headers';
    const count = recording.requests.length + recording.unexplained.length;
    io.stdout(
      `${source}: ${count} cross-origin request${count === 1 ? '' : 's'} checked${flags['no-redact'] === true ? '' : ' (cookie values and tokens redacted)'}\n`,
    );
    io.stdout(
      renderReportText(report, {
        ...(io.color ? { styles: REPORT_TEXT_STYLES } : {}),
        ...(flags.verbose === true ? { verbose: true } : {}),
      }),
    );
    const unexplained = recording.unexplained.length;
    if (unexplained > 0)
      io.stdout(
        `${unexplained} request${unexplained === 1 ? '' : 's'} failed in the recording without a recorded answer to explain (NoResponseRecorded above)\n`,
      );
  }
  return report.ok ? 0 : 1;
}

/** `corset check`. */
export const checkCommand: Command = {
  name: 'check',
  summary: COMMAND_SUMMARIES.check,
  run: (argv) =>
    runCheck(argv, {
      stdout: (text) => process.stdout.write(text),
      readStdin,
      color: pc.isColorSupported && process.stdout.isTTY === true,
      waitForStop: processStopSignal,
    }),
};
