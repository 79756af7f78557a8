/**
 * The CLI's commands: name and one-line summary here, the code loaded only when the
 * command runs. `corset --help` and each command start without loading the others
 * (the demo's servers, the doctor's undici client, the audit's probes).
 */
import type { Command } from './main.js';

/** One line per command for `corset --help`; each command module uses its own. */
export const COMMAND_SUMMARIES = {
  demo: 'run an app and an API on two origins sharing a session (three topologies)',
  check: 'explain the cross-origin requests of a HAR or pasted headers, per browser (offline)',
  doctor: 'send what each browser would send to a URL and explain what it does with the answers',
  audit: 'probe APIs for exploitable CORS (every class, preflights; text, JSON, SARIF)',
} as const;

/** A command as `corset --help` lists it, with the loader of its code. */
export interface CommandEntry {
  readonly name: keyof typeof COMMAND_SUMMARIES;
  readonly summary: string;
  load(): Promise<Command>;
}

const loaders: Record<keyof typeof COMMAND_SUMMARIES, () => Promise<Command>> = {
  demo: async () => (await import('./commands/demo.js')).demoCommand,
  check: async () => (await import('./commands/check.js')).checkCommand,
  doctor: async () => (await import('./commands/doctor.js')).doctorCommand,
  audit: async () => (await import('./commands/audit.js')).auditCommand,
};

/** The commands, in `--help` order. */
export const COMMANDS: readonly CommandEntry[] = (
  Object.keys(COMMAND_SUMMARIES) as (keyof typeof COMMAND_SUMMARIES)[]
).map((name) => ({ name, summary: COMMAND_SUMMARIES[name], load: loaders[name] }));
