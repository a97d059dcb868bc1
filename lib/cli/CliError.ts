/**
 * Bad input to the command line: printed as one clear line, exit code 2, never a stack trace.
 *
 * @example
 * ```ts
 * throw new CliError('cannot read in.wav: no such file');
 * ```
 */
export class CliError extends Error {
  override readonly name = 'CliError';
}
