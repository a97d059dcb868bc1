import type { Observable } from 'rxjs';
import { filter, firstValueFrom } from 'rxjs';
import type { AnyServerEvent, RealtimeClient, Turn } from '../../lib/index';
import { sessionLines } from '../helpers/corpus';
import type { Peer } from '../helpers/loopback';
import { loopbackClients } from '../helpers/loopbackClients';

// The substreams are built on first access (an idle session holds none of their operators): a
// first access at any point must behave as if they had been there from the start.

const { newClient, connect } = loopbackClients();

const substreams = (c: RealtimeClient): Record<string, Observable<unknown>> => ({
  audio$: c.audio$,
  transcripts$: c.transcripts$,
  toolCalls$: c.toolCalls$,
  items$: c.items$,
  turns$: c.turns$,
  usage$: c.usage$,
  responses$: c.responses$,
  rateLimits$: c.rateLimits$,
});

/** Everything each substream emits (a response as its id and how it ended), until `stop()`. */
const record = (c: RealtimeClient) => {
  const seen: Record<string, unknown[]> = {};
  const subscriptions = Object.entries(substreams(c)).map(([name, stream$]) => {
    const values: unknown[] = (seen[name] = []);
    return stream$.subscribe((value) => {
      if (name !== 'responses$') return void values.push(value);
      const r = value as { id: string; done$: Observable<unknown> };
      r.done$.subscribe((end) => values.push({ id: r.id, end }));
    });
  });
  return { seen, stop: () => subscriptions.forEach((s) => s.unsubscribe()) };
};

/** Sends a session file's frames and resolves once the client has received the last one. */
const play = async (c: RealtimeClient, peer: Peer, file: string): Promise<void> => {
  const lines = sessionLines(file);
  let count = 0;
  const all = firstValueFrom(c.events$.pipe(filter(() => ++count === lines.length)));
  for (const line of lines) peer.send(line);
  await all;
};

describe('RealtimeClient substreams, built on first access', () => {
  it('returns the same Observable (and commands observer) on every access', () => {
    const c = newClient();
    const first = substreams(c);
    const again = substreams(c);
    for (const name of Object.keys(first)) expect(again[name]).toBe(first[name]);
    expect(c.commands).toBe(c.commands);
  });

  it('delivers later events to substreams first read after connect(), as to those read before it', async () => {
    const early = newClient();
    const earlyRecord = record(early);
    const earlyPeer = await connect(early);
    const late = newClient();
    const latePeer = await connect(late);
    const lateRecord = record(late); // the first access to any of its substreams

    await play(early, earlyPeer, '03-function-call-turn.jsonl');
    await play(late, latePeer, '03-function-call-turn.jsonl');
    earlyRecord.stop();
    lateRecord.stop();

    for (const [name, values] of Object.entries(earlyRecord.seen)) {
      expect(values.length).toBeGreaterThan(0); // the session file exercises every substream
      expect({ name, values: lateRecord.seen[name] }).toEqual({ name, values });
    }
  });

  it('gives every subscriber of a substream first read after connect() the same values', async () => {
    const c = newClient();
    const peer = await connect(c);
    const a: unknown[] = [];
    const b: unknown[] = [];
    c.transcripts$.subscribe((t) => a.push(t));
    c.transcripts$.subscribe((t) => b.push(t));
    await play(c, peer, '03-function-call-turn.jsonl');
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('reports a response the connection took with it on a turns$ first read mid-response', async () => {
    const c = newClient();
    const peer = await connect(c);
    const created = firstValueFrom(c.events$.pipe(filter((e: AnyServerEvent) => e.type === 'response.created')));
    peer.send(sessionLines('03-function-call-turn.jsonl').find((l) => l.includes('"response.created"')));
    await created;
    const interrupted = firstValueFrom(c.turns$.pipe(filter((t: Turn) => t.phase === 'interrupted')));
    peer.socket.terminate();
    expect(await interrupted).toMatchObject({ phase: 'interrupted' });
  });

  it('completes a substream first read after dispose(), as one read before it', async () => {
    const c = newClient();
    await connect(c);
    c.dispose();
    for (const [name, stream$] of Object.entries(substreams(c))) {
      let completed = false;
      stream$.subscribe({ complete: () => (completed = true) });
      expect({ name, completed }).toEqual({ name, completed: true });
    }
  });
});
