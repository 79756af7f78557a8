/**
 * The stop signal of the long-running commands (`demo`, `check --serve`): resolves on the
 * first SIGINT or SIGTERM so the command can close its servers; a second one while it is
 * stopping exits at once (130 / 143, the shell's codes for those signals).
 */
export function processStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
