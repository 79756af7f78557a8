/**
 * The connection options shared by `corset doctor` and `corset audit`, as curl names
 * them: `--resolve host:port:address` (repeatable), `--insecure`/`-k`, `--ca <file>`,
 * `--timeout <duration>`. Parsed once into `ConnectionSettings`; every wrong value is a
 * `UsageError` naming the option, the value and the fix.
 */
import { readFileSync } from 'node:fs';
import {
  type ConnectionSettings,
  DEFAULT_TIMEOUT_MS,
  parseResolve,
  type ResolveEntry,
} from '../doctor/net/index.js';
import { UsageError } from './usage-error.js';

/** The `parseArgs` option descriptors; spread them into a command's `options`. */
export const CONNECTION_OPTIONS = {
  resolve: { type: 'string', multiple: true },
  insecure: { type: 'boolean', short: 'k' },
  ca: { type: 'string' },
  timeout: { type: 'string' },
} as const;

/** Lines for a command's `--help`. */
export const CONNECTION_OPTIONS_HELP = `Connection:
  --resolve <host:port:address>  connect to address for host:port (repeatable), e.g.
                                 api.example.com:443:127.0.0.1; Host, SNI and the
                                 certificate check keep the name. /etc/hosts untouched.
  -k, --insecure                 accept any TLS certificate (self-signed servers)
  --ca <file>                    also trust the CA certificates in this PEM file
  --timeout <duration>           per request, e.g. 5s, 500ms, 10 (seconds); default ${DEFAULT_TIMEOUT_MS / 1000}s`;

/** What `parseArgs` gives for {@link CONNECTION_OPTIONS}. */
export interface ConnectionFlags {
  readonly resolve?: readonly string[] | undefined;
  readonly insecure?: boolean | undefined;
  readonly ca?: string | undefined;
  readonly timeout?: string | undefined;
}

/**
 * Parses a duration: a number of seconds (`10`, `2.5`), or with a unit (`500ms`, `5s`,
 * `1m`). Returns milliseconds, or undefined when it is not one or not positive.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (match === null) return undefined;
  const amount = Number(match[1]);
  const unit = match[2] ?? 's';
  const ms = unit === 'ms' ? amount : unit === 's' ? amount * 1000 : amount * 60_000;
  return ms >= 1 && Number.isFinite(ms) ? Math.round(ms) : undefined;
}

/**
 * Turns the flags into settings; `command` names the command in messages. Reads the
 * `--ca` file. Throws a `UsageError` listing every wrong option at once.
 */
export function connectionSettings(
  command: string,
  flags: ConnectionFlags,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): ConnectionSettings {
  const problems: string[] = [];
  const resolve: ResolveEntry[] = [];
  for (const value of flags.resolve ?? []) {
    const parsed = parseResolve(value);
    if (parsed.ok) resolve.push(parsed.entry);
    else problems.push(`--resolve ${parsed.message}`);
  }
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (flags.timeout !== undefined) {
    const parsed = parseDuration(flags.timeout);
    if (parsed === undefined) {
      problems.push(
        `--timeout '${flags.timeout}' is not a positive duration (write 10, 5s or 500ms)`,
      );
    } else timeoutMs = parsed;
  }
  let ca: string | undefined;
  if (flags.ca !== undefined) {
    try {
      ca = readFile(flags.ca);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      problems.push(
        `--ca cannot read '${flags.ca}' (${typeof code === 'string' ? code : String(error)}): give a PEM file of CA certificates`,
      );
    }
    if (ca !== undefined && !ca.includes('-----BEGIN CERTIFICATE-----')) {
      problems.push(`--ca '${flags.ca}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
    }
  }
  if (problems.length > 0) throw new UsageError(`${command}: ${problems.join('; ')}`);
  return {
    resolve,
    insecure: flags.insecure === true,
    timeoutMs,
    ...(ca === undefined ? {} : { ca }),
  };
}
