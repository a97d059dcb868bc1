/** A WebSocket test double: records sends and closes, and fires events on demand. */
import type { WebSocketLike } from '../../lib/index';

type Kind = 'open' | 'message' | 'close' | 'error';

export class FakeSocket implements WebSocketLike {
  readyState = 0;
  /** Fire `open` (on a microtask) as soon as an `open` listener is attached. */
  autoOpen = false;
  readonly sent: unknown[] = [];
  readonly closes: Array<[number | undefined, string | undefined]> = [];
  private readonly listeners = new Map<Kind, Array<(event: object) => void>>();

  addEventListener(type: Kind, listener: (event: object) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
    if (type === 'open' && this.autoOpen) queueMicrotask(() => this.fire('open'));
  }
  removeEventListener(type: Kind, listener: (event: object) => void): void {
    this.listeners.set(type, (this.listeners.get(type) ?? []).filter((l) => l !== listener));
  }
  listenerCount(type?: Kind): number {
    return type ? (this.listeners.get(type)?.length ?? 0) : [...this.listeners.values()].reduce((n, l) => n + l.length, 0);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number, reason?: string): void {
    this.closes.push([code, reason]);
    this.readyState = 2;
  }
  fire(type: Kind, event: object = {}): void {
    if (type === 'open') this.readyState = 1;
    if (type === 'close') this.readyState = 3;
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
  deliver(frame: unknown): void {
    this.fire('message', { data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
}
