/** A mistake in how the command was called: printed as one line, without a stack. */
export class CliError extends Error {
  override name = "CliError";
}
