/**
 * `corset demo`: starts the reference system (an app and an API on two origins, on
 * corset's entry point) and keeps it running until Ctrl-C or SIGTERM.
 */
import { renderBanner, renderRequest, startInfo } from '../../demo/banner.js';
import { listMistakes } from '../../demo/mistakes.js';
import { type OpenedBrowser, openChromium } from '../../demo/open-browser.js';
import { type DemoOptions, startDemo } from '../../demo/start.js';
import { DEMO_TOPOLOGIES } from '../../demo/topologies.js';
import { ConfigError, formatProblem } from '../../internal/problems.js';
import { COMMAND_SUMMARIES } from '../command-table.js';
import type { Command } from '../main.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { processStopSignal } from '../stop-signal.js';
import { UsageError } from '../usage-error.js';

const HELP = `Usage: corset demo [options]

Starts a web app and an API on two origins, on 127.0.0.1 only, sharing a session
through corset: CORS policy, session cookies fitted to the topology, CSRF defence,
Bearer fallback. No configuration, no external service.

Options:
  --topology <name>       ${DEMO_TOPOLOGIES.map((t) => `\n    ${t.name.padEnd(12)} ${t.summary}`).join('')}
                          (default ports)
  --app-port <port>       the app's port (0: any free port)
  --api-port <port>       the API's port (0: any free port)
  --redis <url>           keep sessions in Redis (redis://127.0.0.1:6379) instead of memory
  --open                  start Chromium on the app, host names mapped, demo CA trusted
  --misconfigure <name>   serve the API with a classic mistake, on purpose (see below)
  --list-mistakes         list the mistakes, one line each
  --json                  print the start facts as one JSON line, then one per request
  -h, --help              this help

HTTPS topologies use a local CA generated on first use, kept in corset's cache folder
(CORSET_CACHE_DIR, else $XDG_CACHE_HOME/corset, else ~/.cache/corset).
`;

/** Where the command writes, and what stops it (tests give their own). */
export interface DemoIo {
  readonly stdout: (text: string) => void;
  /** Resolves, with its name, when the demo must stop (the CLI: first SIGINT or SIGTERM). */
  waitForStop(): Promise<string>;
  /** Called once the demo runs (tests). */
  readonly onStarted?: () => void;
}

function parse(argv: readonly string[]) {
  return parseCommandArgs('demo', argv, {
    allowPositionals: false,
    options: {
      topology: { type: 'string' },
      'app-port': { type: 'string' },
      'api-port': { type: 'string' },
      redis: { type: 'string' },
      open: { type: 'boolean' },
      misconfigure: { type: 'string' },
      'list-mistakes': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}

/** Runs `corset demo` with `argv` until `io.stopSignal`; resolves to the exit status. */
export async function runDemo(argv: readonly string[], io: DemoIo): Promise<number> {
  const flags = parse(argv);
  if (flags.help) {
    io.stdout(HELP);
    return 0;
  }
  if (flags['list-mistakes']) {
    io.stdout(listMistakes());
    return 0;
  }
  const json = flags.json === true;
  const options: DemoOptions = {
    ...(flags.topology === undefined ? {} : { topology: flags.topology }),
    ...(flags['app-port'] === undefined ? {} : { appPort: flags['app-port'] }),
    ...(flags['api-port'] === undefined ? {} : { apiPort: flags['api-port'] }),
    ...(flags.redis === undefined ? {} : { redisUrl: flags.redis }),
    ...(flags.misconfigure === undefined ? {} : { mistake: flags.misconfigure }),
    onRequest: (record) =>
      io.stdout(`${json ? JSON.stringify({ request: record }) : renderRequest(record)}\n`),
  };
  let demo: Awaited<ReturnType<typeof startDemo>>;
  try {
    demo = await startDemo(options);
  } catch (error) {
    if (error instanceof ConfigError) {
      const lines = error.problems
        .filter((p) => p.severity === 'error')
        .map((p) => `  - ${formatProblem(p)}`);
      throw new UsageError(`demo: invalid options\n${lines.join('\n')}`);
    }
    throw error;
  }
  let browser: OpenedBrowser | undefined;
  try {
    io.stdout(json ? `${JSON.stringify(startInfo(demo))}\n` : renderBanner(demo));
    if (flags.open) {
      browser = await openChromium(demo);
      if (!json) io.stdout(`Chromium started: ${browser.command.join(' ')}\n`);
    }
    io.onStarted?.();
    const signal = await io.waitForStop();
    if (!json) io.stdout(`\n${signal}: stopping the demo…\n`);
  } finally {
    await browser?.close();
    await demo.stop();
  }
  if (!json) io.stdout('Stopped.\n');
  return 0;
}

/** `corset demo`. */
export const demoCommand: Command = {
  name: 'demo',
  summary: COMMAND_SUMMARIES.demo,
  run: (argv) =>
    runDemo(argv, {
      stdout: (text) => process.stdout.write(text),
      waitForStop: processStopSignal,
    }),
};
