import { filter, firstValueFrom } from 'rxjs';
import type { ClientTap } from '../../lib/client/RealtimeClient';
import { tapClient } from '../../lib/client/RealtimeClient';
import type { ConnectionStatus } from '../../lib/client/ConnectionStatus';
import { FrameFailure } from '../../lib/protocol/decodeServerEvent';
import { loopbackClients } from '../helpers/loopbackClients';

// The facade hears its client through one tap instead of three subscriptions: frames and errors
// before the streams' subscribers (as the facade's subscriptions, made first, heard them), statuses
// after them, so that a status the tap's reaction sets is heard after the one that caused it.

const { newClient, accept } = loopbackClients();

const recordingTap = (log: string[], onStatus: (s: ConnectionStatus) => void = () => undefined): ClientTap => ({
  frame: (f) => log.push(f instanceof FrameFailure ? `tap failure ${f.failure.code}` : `tap frame ${f.type}`),
  error: (e) => log.push(`tap error ${e.code}`),
  status: (s) => {
    log.push(`tap status ${s.status}`);
    onStatus(s);
  },
});

it('hands the tap each frame, undecodable ones boxed, before frames$ and events$ subscribers', async () => {
  const c = newClient();
  const log: string[] = [];
  tapClient(c, recordingTap(log));
  c.frames$.subscribe((f) => log.push(`frames$ ${f._tag}`));
  c.events$.subscribe((e) => log.push(`events$ ${e.type}`));
  c.errors$.subscribe((e) => log.push(`errors$ ${e.code}`));
  const peer = accept();
  await c.connect();
  const ws = await peer;
  const done = firstValueFrom(c.events$.pipe(filter((e) => e.type === 'input_audio_buffer.cleared')));
  ws.send('{"type":');
  ws.send({ type: 'input_audio_buffer.cleared', event_id: 'e1' });
  await done;
  expect(log.filter((l) => !l.includes('status'))).toEqual([
    'tap failure RT_ERR_JSON',
    'frames$ Left',
    'tap error RT_ERR_JSON',
    'errors$ RT_ERR_JSON',
    'tap frame input_audio_buffer.cleared',
    'frames$ Right',
    'events$ input_audio_buffer.cleared',
  ]);
});

it('tells the tap each status after status$ subscribers, so a status its reaction sets comes last and stays', async () => {
  const c = newClient();
  const log: string[] = [];
  // the tap closes the client as soon as it hears `connected` (as a facade listener may)
  tapClient(c, recordingTap(log, (s) => (s.status === 'connected' ? c.close() : undefined)));
  c.status$.subscribe((s) => log.push(`status$ ${s.status}`));
  const peer = accept();
  // closed while `connected` is being announced, before connect() settles: connect() rejects
  await expect(c.connect()).rejects.toMatchObject({ code: 'RT_ERR_ABORTED' });
  await peer;
  expect(log).toEqual([
    'status$ disconnected',
    'status$ connecting',
    'tap status connecting',
    'status$ connected',
    'tap status connected',
    'status$ disconnected',
    'tap status disconnected',
  ]);
  expect(c.status.status).toBe('disconnected');
});
