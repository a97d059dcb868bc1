/**
 * Console output for the commands: on a terminal, streamed text appears as it arrives and
 * progress rewrites one status line; elsewhere (pipes, CI logs), plain whole lines only.
 *
 * @example
 * ```ts
 * const out = new Output(process.stdout);
 * out.stream('Hel'); out.stream('lo'); out.endStream(); // one line "Hello"
 * ```
 */
export class Output {
  private pendingStream = '';
  private prefix = '';
  private statusShown = false;

  constructor(private readonly stream_: NodeJS.WriteStream = process.stdout) {}

  get isTTY(): boolean {
    return this.stream_.isTTY === true;
  }

  line(text = ''): void {
    this.clearStatus();
    this.stream_.write(`${text}\n`);
  }

  /** Start a streamed line with a label (`assistant: `). */
  beginStream(prefix: string): void {
    this.clearStatus();
    this.prefix = prefix;
    this.pendingStream = '';
    if (this.isTTY) this.stream_.write(prefix);
  }

  stream(delta: string): void {
    this.pendingStream += delta;
    if (this.isTTY) this.stream_.write(delta);
  }

  endStream(suffix = ''): void {
    if (this.isTTY) this.stream_.write(`${suffix}\n`);
    else this.stream_.write(`${this.prefix}${this.pendingStream}${suffix}\n`);
    this.pendingStream = '';
  }

  /** A transient status (terminal only): rewritten in place. */
  status(text: string): void {
    if (!this.isTTY) return;
    this.stream_.write(`\r\x1b[2K  ${text}`);
    this.statusShown = true;
  }

  private clearStatus(): void {
    if (this.statusShown) this.stream_.write('\r\x1b[2K');
    this.statusShown = false;
  }
}
