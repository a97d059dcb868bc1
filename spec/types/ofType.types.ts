/**
 * Type tests, checked by `npm run typecheck` (never executed): narrowing by `type` and the shapes
 * derived from the codecs.
 */
import { of } from 'rxjs';
import type { ClientEvent, ServerEvent, ServerEventOf, UnknownServerEvent } from '../../lib/index';
import { hasType, ofType } from '../../lib/index';

declare const events: Array<ServerEvent | UnknownServerEvent>;

// ofType narrows to exactly the event of that type
of(...events)
  .pipe(ofType('response.output_audio.delta'))
  .subscribe((e) => {
    const delta: string = e.delta;
    const index: number = e.content_index;
    // @ts-expect-error text deltas have no `transcript`
    void e.transcript;
    void delta;
    void index;
  });

// several types narrow to their union
of(...events)
  .pipe(ofType('response.output_text.delta', 'response.output_audio_transcript.delta'))
  .subscribe((e) => {
    const d: string = e.delta;
    void d;
  });

// @ts-expect-error not a GA server event type
ofType('response.audio.delta');

// the guard narrows in plain code
const isDone = hasType('response.done');
for (const e of events) {
  if (isDone(e)) {
    const status: ServerEventOf<'response.done'>['response']['status'] = e.response.status;
    void status;
  }
}

// the ServerEvent union discriminates on `type`
declare const known: ServerEvent;
if (known.type === 'conversation.item.truncated') {
  const ms: number = known.audio_end_ms;
  void ms;
}

// client events are checked as written
const ok: ClientEvent = { type: 'conversation.item.truncate', item_id: 'i', content_index: 0, audio_end_ms: 10 };
// @ts-expect-error audio_end_ms is required
const missing: ClientEvent = { type: 'conversation.item.truncate', item_id: 'i', content_index: 0 };
// @ts-expect-error unknown client type
const unknownType: ClientEvent = { type: 'response.audio.delta' };
void ok;
void missing;
void unknownType;
