/**
 * What the caller has actually heard, from the marks it acknowledged. Pure bookkeeping: the bridge
 * tells it what it sent (one mark per chunk) and which marks came back; at a barge-in it answers
 * where to truncate the assistant's item.
 */

/** One chunk sent to the caller, followed by its mark. */
interface Sent {
  readonly name: string;
  readonly itemId: string;
  readonly contentIndex: number;
  /** The item's audio sent up to and including this chunk, in ms. */
  readonly endMs: number;
}

/** Where to cut the assistant item at a barge-in: what the caller heard of it, and what it had been sent. */
export interface Truncation {
  readonly itemId: string;
  readonly contentIndex: number;
  /** Milliseconds of the item the caller played (its last acknowledged mark). */
  readonly audioEndMs: number;
  /** Milliseconds of the item sent to the caller. */
  readonly sentMs: number;
}

export class PlaybackLedger {
  private readonly pending: Sent[] = [];
  private readonly sentMs = new Map<string, number>();
  private heard: { itemId: string; contentIndex: number; endMs: number } | undefined;
  private next = 0;

  /** A chunk of `ms` of an item went to the caller; returns the name of the mark to send after it. */
  sent(itemId: string, contentIndex: number, ms: number): string {
    const endMs = (this.sentMs.get(itemId) ?? 0) + ms;
    this.sentMs.set(itemId, endMs);
    const name = `${itemId}:${++this.next}`;
    this.pending.push({ name, itemId, contentIndex, endMs });
    return name;
  }

  /** The caller played up to this mark (marks come back in order; earlier ones are implied). */
  acked(name: string): void {
    const at = this.pending.findIndex((s) => s.name === name);
    if (at < 0) return;
    const [played] = this.pending.splice(0, at + 1).slice(-1) as [Sent];
    this.heard = { itemId: played.itemId, contentIndex: played.contentIndex, endMs: played.endMs };
  }

  /** Audio sent that the caller has not played yet (marks not yet acknowledged). */
  get unplayed(): number {
    return this.pending.length;
  }

  /**
   * The caller started speaking: if audio it has not played is still queued there, where to
   * truncate (the item being played, at its last acknowledged mark, or at 0 if none came back),
   * and forget what is pending; `undefined` when the caller had played everything.
   */
  bargeIn(): Truncation | undefined {
    const first = this.pending[0];
    if (first === undefined) return undefined;
    const audioEndMs = this.heard?.itemId === first.itemId ? this.heard.endMs : 0;
    this.pending.length = 0;
    return { itemId: first.itemId, contentIndex: first.contentIndex, audioEndMs: Math.floor(audioEndMs), sentMs: this.sentMs.get(first.itemId) ?? 0 };
  }
}
