/**
 * Deterministic ids in OpenAI's format (`prefix_` + 21 characters), per simulator.
 *
 * @example
 * ```ts
 * import { IdSource } from 'openai-realtime-rx/testing';
 * const ids = new IdSource();
 * ids.next('item'); // 'item_SIM00000000000000001'
 * ```
 */
export class IdSource {
  private n = 0;

  next(prefix: string): string {
    this.n += 1;
    return `${prefix}_SIM${this.n.toString(36).toUpperCase().padStart(18, '0')}`;
  }
}
