import pc from 'picocolors';
import { COMMANDS } from './command-table.js';
import { UsageError } from './usage-error.js';
import { packageVersion } from './version.js';

/** One sub-command of the `corset` CLI. */
export interface Command {
  readonly name: string;
  /** One line for `corset --help`. */
  readonly summary: string;
  /** Runs the command; resolves to the process exit status. */
  run(argv: readonly string[]): Promise<number>;
}

function help(): string {
  const lines = [
    `${pc.bold('corset')} ${packageVersion()}: credentialed cross-origin requests that work`,
    '',
    'Usage: corset <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    '',
    'Options:',
    "  -h, --help     show this help (or a command's: corset <command> --help)",
    '  -v, --version  print the version',
    '',
    'Exit status: 0 success, 1 a check failed, 2 usage error.',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and resolves to the exit
 * status. Usage errors print one line on stderr and give 2; they never print a stack.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
      process.stdout.write(help());
      return first === undefined ? 2 : 0;
    }
    if (first === '-v' || first === '--version') {
      process.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    const entry = COMMANDS.find((c) => c.name === first);
    if (!entry) throw new UsageError(`unknown command '${first}' (see corset --help)`);
    const command = await entry.load();
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`corset: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`corset: ${message}\n`);
    return 1;
  }
}
