/** A mistake in how the CLI was called: printed as one line, exit status 2, no stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}
