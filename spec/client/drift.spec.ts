/**
 * Two-tier decoding in RealtimeClient (issue #9, finding 10): a frame whose essentials hold but
 * whose other fields drift is delivered on events$ (and frames$, as a Right) and drives the
 * substreams; its DecodeWarning goes on errors$. A frame whose essentials fail is an error, as before.
 */
import * as fs from 'node:fs';
import * as E from 'fp-ts/Either';
import type { Observable } from 'rxjs';
import { firstValueFrom, take, toArray } from 'rxjs';
import type { AnyServerEvent, DecodeFailure, RealtimeError } from '../../lib/index';
import { RealtimeClient, formatRealtimeError } from '../../lib/index';
import { corpusPath, sessionLines } from '../helpers/corpus';
import type { Loopback } from '../helpers/loopback';
import { startLoopback } from '../helpers/loopback';

let server: Loopback;
let client: RealtimeClient;
let errors: RealtimeError[];

beforeEach(async () => {
  server = await startLoopback();
  client = new RealtimeClient({ apiKey: 'sk-test-drift', url: server.url });
  errors = [];
  client.errors$.subscribe((e) => errors.push(e));
});

afterEach(async () => {
  client.dispose();
  await server.close();
});

const connected = async () => {
  const peer = server.accept();
  await client.connect();
  return peer;
};

const collect = <T>(source: Observable<T>, count: number) => firstValueFrom(source.pipe(take(count), toArray()));
const fixture = (file: string): string => fs.readFileSync(corpusPath('invalid', file), 'utf8');

describe('RealtimeClient with drifting frames', () => {
  it('delivers a drifted response.done on events$ and frames$, ends the Turn, and reports a warning on errors$', async () => {
    const peer = await connected();
    // a text turn whose closing response.done is replaced by one with unexpected output items
    const lines = sessionLines('01-text-turn.jsonl');
    const doneAt = lines.findIndex((l) => (JSON.parse(l) as { type: string }).type === 'response.done');
    const original = JSON.parse(lines[doneAt] as string) as { event_id: string; response: Record<string, unknown> };
    const drifted = JSON.parse(fixture('x01-response-done-output-item-drift.txt')) as { event_id: string; response: Record<string, unknown> };
    drifted.response['id'] = original.response['id'];
    const script = lines.map((l, i) => (i === doneAt ? JSON.stringify(drifted) : l));

    const events = collect(client.events$, script.length);
    const frames = collect(client.frames$, script.length);
    const turns = collect(client.turns$, 2);
    const usage = firstValueFrom(client.usage$);
    for (const line of script) peer.send(line);

    expect((await events).map((e: AnyServerEvent) => e.type)).toEqual(script.map((l) => (JSON.parse(l) as { type: string }).type));
    expect((await frames).every(E.isRight)).toBe(true);
    const [started, done] = await turns;
    expect(started).toMatchObject({ phase: 'started' });
    expect(done).toMatchObject({ phase: 'done', responseId: original.response['id'], status: 'completed', usage: { total_tokens: 30 } });
    expect(await usage).toMatchObject({ responseId: original.response['id'], inputTokens: 20, outputTokens: 10, totalTokens: 30 });

    expect(errors).toHaveLength(1);
    const [warning] = errors;
    expect(warning).toMatchObject({
      _tag: 'DecodeWarning',
      code: 'RT_WARN_DRIFT',
      severity: 'warning',
      type: 'response.done',
      eventId: 'event_X01',
      paths: ['/response/output/0', '/response/output/1/content'],
    });
    expect(formatRealtimeError(warning as RealtimeError)).toMatch(/^RT_WARN_DRIFT response\.done event_X01 .*\n {2}\/response\/output\/0: expected ConversationItem/);
  });

  it('delivers an mcp_list_tools.in_progress without event_id, and reports only a warning', async () => {
    const peer = await connected();
    const event = firstValueFrom(client.events$);
    peer.send(fixture('x02-mcp-list-tools-in-progress-no-event-id.txt'));
    expect(await event).toEqual({ type: 'mcp_list_tools.in_progress', item_id: 'mcpl_X02' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.map((e) => [e._tag, e.code])).toEqual([['DecodeWarning', 'RT_WARN_DRIFT']]);
  });

  it('still reports a frame whose essentials fail as RT_ERR_SHAPE, and does not deliver it', async () => {
    const peer = await connected();
    const frames = collect(client.frames$, 2);
    const events = collect(client.events$, 1);
    peer.send(fixture('x07-transcript-delta-missing-item-id.txt'));
    peer.send('{"type":"input_audio_buffer.cleared","event_id":"after"}');
    const [bad, good] = await frames;
    expect(E.isLeft(bad!) && (bad.left).code).toBe('RT_ERR_SHAPE');
    expect(E.isRight(good!)).toBe(true);
    expect((await events).map((e) => e.event_id)).toEqual(['after']);
    expect(errors.map((e) => e.code)).toEqual(['RT_ERR_SHAPE']);
    expect((errors[0] as DecodeFailure).issues[0]?.path).toBe('/item_id');
  });
});
