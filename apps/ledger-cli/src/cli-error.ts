/** A mistake in how the tool was called or what it was pointed at: printed plainly, exit 2. */
export class CliError extends Error {
  override readonly name = 'CliError';
}
