import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

/**
 * `parseArgs` in strict mode for `corset <command>`: an unknown option or a missing value
 * becomes a one-line {@link UsageError} that names the command and points at its --help.
 */
export function parseCommandArgs<const T extends Omit<ParseArgsConfig, 'args' | 'strict'>>(
  command: string,
  argv: readonly string[],
  config: T,
): ReturnType<typeof parseArgs<T & { args: string[]; strict: true }>> {
  try {
    return parseArgs({ ...config, args: [...argv], strict: true });
  } catch (error) {
    throw new UsageError(
      `${command}: ${error instanceof Error ? error.message : String(error)} (see corset ${command} --help)`,
    );
  }
}
