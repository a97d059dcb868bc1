/**
 * Response-create sequencing: never two responses in flight, never a `response.create` while
 * the server is producing or cancelling one. Requests queue in order; automatic requests
 * (after a message, a tool output) coalesce into one `response.create`; a manual request (with
 * its own parameters) is never merged.
 *
 * Pure state plus two injected effects: `send` writes a frame, `schedule` runs a retry later
 * (a microtask by default), so that listeners of `response.done` run before the next create goes
 * out.
 *
 * @module
 */

type Frame = { readonly type: 'response.create'; readonly [key: string]: unknown };

interface Request {
  readonly version: number;
  readonly manual: boolean;
  readonly event: Frame;
}

interface InFlight {
  readonly eventId: string;
  /** The request that was sent, and the last one its create covers. */
  readonly first: number;
  readonly last: number;
  readonly manual: boolean;
}

/**
 * The response-create sequencer of OpenAI's Agents SDK (0.8.1+), as a small state machine.
 *
 * @example
 * ```ts
 * import { ResponseSequencer } from 'openai-realtime-rx';
 * const seq = new ResponseSequencer((frame) => socket.send(JSON.stringify(frame)), (e) => console.error(e));
 * seq.request();                  // sends {type:'response.create', event_id:'agents_js_response_create_1'}
 * seq.request();                  // waits: a create is in flight
 * seq.created(); seq.done();      // the next create goes out on the next microtask
 * ```
 */
export class ResponseSequencer {
  private ongoing = false;
  private control: 'free' | 'create_requested' | 'cancel_requested' = 'free';
  private requests: Request[] = [];
  private inFlight: InFlight | undefined;
  private versions = 0;
  private ids = 0;
  private scheduled = false;

  constructor(
    private readonly send: (frame: Frame) => void,
    private readonly onSendError: (error: unknown) => void,
    private readonly schedule: (run: () => void) => void = queueMicrotask,
  ) {}

  /** Whether a response is in progress (`response.created` seen, `response.done` not yet). */
  get responseOngoing(): boolean {
    return this.ongoing;
  }

  /**
   * Ask for a response. Manual when `event` carries parameters of its own (or comes from
   * `sendEvent`); automatic otherwise. Sent at once when the way is free.
   */
  request(event: Frame = { type: 'response.create' }, manual = false): void {
    const request = { version: ++this.versions, manual, event };
    this.requests.push(request);
    // The fast path is synchronous (a free transport writes the create before any later frame of
    // the same tick), but only for the oldest request: older ones go first, on their retry.
    if (this.requests[0] === request) this.release();
  }

  /** `response.created`: the create in flight was accepted. */
  created(): void {
    this.ongoing = true;
    this.accept();
    this.control = 'free';
    this.retryLater();
  }

  /** `response.done`: the way is free again. */
  done(): void {
    this.ongoing = false;
    this.accept();
    this.control = 'free';
    this.retryLater();
  }

  /** A cancel was sent: hold requests until `response.done`. Returns whether a response was ongoing. */
  cancel(): boolean {
    if (!this.ongoing || this.control === 'cancel_requested') return false;
    this.control = 'cancel_requested';
    return true;
  }

  /**
   * A server `error`: when it names the create in flight (by `event_id`, or without one by a
   * `response_create` code or a `response.create` message), that create failed: its request is
   * dropped and the automatic requests it covered are tried again.
   */
  error(detail: { readonly event_id?: unknown; readonly code?: unknown; readonly message?: unknown } | undefined): void {
    const linked = typeof detail?.event_id === 'string' ? detail.event_id : undefined;
    if (linked !== undefined) return this.fail(linked);
    const code = typeof detail?.code === 'string' ? detail.code : '';
    const message = typeof detail?.message === 'string' ? detail.message : '';
    if (code.includes('response_create') || message.includes('response.create')) this.fail(undefined);
  }

  /** The connection ended: every pending request is dropped, never to be sent. */
  reset(): void {
    this.ongoing = false;
    this.control = 'free';
    this.requests = [];
    this.inFlight = undefined;
  }

  private fail(eventId: string | undefined): void {
    const flight = this.inFlight;
    if (this.control !== 'create_requested' || flight === undefined) return;
    if (eventId !== undefined && flight.eventId !== eventId) return;
    this.requests = this.requests.filter((r) => r.version !== flight.first);
    this.inFlight = undefined;
    this.control = 'free';
    this.retryLater();
  }

  private accept(): void {
    const flight = this.inFlight;
    if (flight === undefined) return;
    this.requests = this.requests.filter((r) => r.version < flight.first || r.version > flight.last);
    this.inFlight = undefined;
  }

  private retryLater(): void {
    if (this.scheduled || this.requests.length === 0) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.release();
    });
  }

  private release(): void {
    const head = this.requests[0];
    if (head === undefined || this.ongoing || this.control !== 'free') return;
    let last = head.version;
    if (!head.manual) {
      for (const r of this.requests) {
        if (r.manual && r.version > head.version) break;
        last = r.version;
      }
    }
    const own = head.event['event_id'];
    const eventId = typeof own === 'string' ? own : `agents_js_response_create_${++this.ids}`;
    this.control = 'create_requested';
    this.inFlight = { eventId, first: head.version, last, manual: head.manual };
    try {
      this.send({ ...head.event, event_id: eventId });
    } catch (error) {
      this.fail(eventId);
      this.onSendError(error);
    }
  }
}
