import { microphone$, microphoneInput, MicrophoneError } from '../../../lib/browser';
import { pcm16FromBytes } from '../../../lib/audio';
import type { FakeStream } from './fakeWebAudio';
import { controlledDevices, FakeContext, FakeWorkletNode, installFakeWebAudio } from './fakeWebAudio';

let uninstall: () => void;
beforeEach(() => {
  uninstall = installFakeWebAudio();
});
afterEach(() => uninstall());

/** Let the promise chain inside microphone$ run. */
const settle = () => new Promise((r) => setImmediate(r));

async function started(options: Parameters<typeof microphone$>[0] = {}) {
  const control = controlledDevices();
  const frames: Uint8Array[] = [];
  const errors: unknown[] = [];
  const sub = microphone$({ mediaDevices: control.devices, ...options }).subscribe({ next: (f) => frames.push(f), error: (e) => errors.push(e) });
  const stream = control.grant();
  await settle();
  return { control, frames, errors, sub, stream, node: FakeWorkletNode.created.at(-1), context: FakeContext.created.at(-1) };
}

test('misuse throws at once: an unsupported rate, an absurd frame length', () => {
  expect(() => microphone$({ sampleRate: 11025 })).toThrow('microphone$: sampleRate must be one of 8000, 16000, 22050, 24000, 32000, 44100, 48000; got 11025.');
  expect(() => microphone$({ frameMs: 0 })).toThrow('microphone$: frameMs must be between 5 and 1000; got 0.');
});

test('nothing is asked of the browser before subscribing (cold)', () => {
  const control = controlledDevices();
  microphone$({ mediaDevices: control.devices });
  expect(control.calls).toBe(0);
});

test('worklet frames become PCM16 bytes at the requested rate; the context runs at that rate when it can', async () => {
  const { frames, node, context, sub } = await started({ sampleRate: 24000, frameMs: 20 });
  expect(context?.sampleRate).toBe(24000);
  expect(node?.options.processorOptions?.frameSamples).toBe(480);
  node!.port.emit(new Float32Array(480).fill(0.5));
  expect(frames).toHaveLength(1);
  expect(frames[0]!.length).toBe(960);
  expect(pcm16FromBytes(frames[0]!)[0]).toBe(16384);
  sub.unsubscribe();
});

test('a device that will not run at 24 kHz is resampled (48 kHz in, 24 kHz out)', async () => {
  FakeContext.nextRate = 48000;
  const { frames, node, sub } = await started({ sampleRate: 24000, frameMs: 20 });
  expect(node?.options.processorOptions?.frameSamples).toBe(960);
  for (let i = 0; i < 10; i++) node!.port.emit(new Float32Array(960).fill(0.25));
  const samples = frames.reduce((n, f) => n + f.length / 2, 0);
  expect(samples).toBeGreaterThan(4400); // 10 × 480, less the resampler's latency
  expect(samples).toBeLessThanOrEqual(4800);
  sub.unsubscribe();
});

test('a browser that cannot feed a 24 kHz context from the device (Firefox) captures at the device rate and resamples', async () => {
  FakeContext.refuseForeignRate = true;
  const { frames, node, sub, errors } = await started({ sampleRate: 24000, frameMs: 20 });
  expect(errors).toEqual([]);
  expect(FakeContext.created.map((c) => [c.sampleRate, c.state])).toEqual([
    [24000, 'closed'], // tried first, closed at once
    [48000, 'running'],
  ]);
  for (let i = 0; i < 10; i++) node!.port.emit(new Float32Array(960).fill(0.25));
  expect(frames.reduce((n, f) => n + f.length / 2, 0)).toBeGreaterThan(4400);
  sub.unsubscribe();
  expect(FakeContext.created[1]!.state).toBe('closed');
});

test('unsubscribing stops the tracks, disconnects and closes the worklet port, and closes the context it made', async () => {
  const { sub, stream, node, context } = await started();
  sub.unsubscribe();
  expect(stream.track.readyState).toBe('ended');
  expect(node?.disconnected).toBe(true);
  expect(node?.port.closed).toBe(true);
  expect(node?.port.onmessage).toBeNull();
  expect(context?.state).toBe('closed');
});

test('a context passed in is left open', async () => {
  const own = new FakeContext({ sampleRate: 24000 });
  const { sub } = await started({ audioContext: own as unknown as AudioContext });
  sub.unsubscribe();
  expect(own.state).toBe('running');
});

test('unsubscribing while the permission prompt is open releases the device as soon as it is granted', async () => {
  const control = controlledDevices();
  const sub = microphone$({ mediaDevices: control.devices }).subscribe();
  sub.unsubscribe();
  const stream: FakeStream = control.grant();
  await settle();
  expect(stream.track.readyState).toBe('ended');
  expect(FakeContext.created).toHaveLength(0);
});

test.each([
  ['NotAllowedError', 'RT_ERR_MIC_PERMISSION'],
  ['SecurityError', 'RT_ERR_MIC_PERMISSION'],
  ['NotFoundError', 'RT_ERR_MIC_NOT_FOUND'],
  ['OverconstrainedError', 'RT_ERR_MIC_NOT_FOUND'],
  ['NotReadableError', 'RT_ERR_MIC_UNAVAILABLE'],
  ['AbortError', 'RT_ERR_MIC_UNAVAILABLE'],
  ['TypeError', 'RT_ERR_MIC_FAILED'],
])('getUserMedia rejecting with %s ends the stream with %s', async (name, code) => {
  const control = controlledDevices();
  const errors: MicrophoneError[] = [];
  microphone$({ mediaDevices: control.devices }).subscribe({ error: (e: MicrophoneError) => errors.push(e) });
  control.deny(Object.assign(new Error('the browser said no'), { name }));
  await settle();
  expect(errors).toHaveLength(1);
  expect(errors[0]).toBeInstanceOf(MicrophoneError);
  expect(errors[0]).toMatchObject({ name: 'MicrophoneError', code, causeName: name });
  expect(errors[0]!.message).toContain('the browser said no');
});

test('a device lost while capturing ends the stream with RT_ERR_MIC_ENDED and releases everything', async () => {
  const { errors, stream, node, context } = await started();
  stream.track.unplug();
  expect(errors).toEqual([expect.objectContaining({ code: 'RT_ERR_MIC_ENDED' })]);
  expect(node?.disconnected).toBe(true);
  expect(context?.state).toBe('closed');
});

test('no getUserMedia (an insecure page) or no AudioWorklet is RT_ERR_MIC_UNSUPPORTED', async () => {
  const errors: MicrophoneError[] = [];
  microphone$({ mediaDevices: {} as never }).subscribe({ error: (e: MicrophoneError) => errors.push(e) });
  await settle();
  expect(errors[0]?.code).toBe('RT_ERR_MIC_UNSUPPORTED');
  uninstall();
  const g = globalThis as Record<string, unknown>;
  const saved = g['AudioWorkletNode'];
  delete g['AudioWorkletNode'];
  try {
    const { errors: later, stream } = await started();
    expect(later[0]).toMatchObject({ code: 'RT_ERR_MIC_UNSUPPORTED', message: 'This browser has no AudioWorklet.' });
    expect(stream.track.readyState).toBe('ended');
  } finally {
    g['AudioWorkletNode'] = saved;
  }
});

test('microphoneInput attaches the microphone to a client as append commands, and the subscription releases it', async () => {
  const control = controlledDevices();
  const sent: Array<{ type: string; audio: string }> = [];
  const sub = microphoneInput({ mediaDevices: control.devices, sampleRate: 24000 }).attach({ send: (c) => sent.push(c) });
  const stream = control.grant();
  await settle();
  FakeWorkletNode.created.at(-1)!.port.emit(new Float32Array(480).fill(0.5));
  expect(sent).toHaveLength(1);
  expect(sent[0]!.type).toBe('input_audio_buffer.append');
  expect(Buffer.from(sent[0]!.audio, 'base64').length).toBe(960);
  sub.unsubscribe();
  expect(stream.track.readyState).toBe('ended');
});

test('microphoneInput reports a microphone error to onError and stops', async () => {
  const control = controlledDevices();
  const errors: string[] = [];
  const sub = microphoneInput({ mediaDevices: control.devices, onError: (e) => errors.push(e.code) }).attach({ send: () => undefined });
  control.deny(Object.assign(new Error('no'), { name: 'NotAllowedError' }));
  await settle();
  expect(errors).toEqual(['RT_ERR_MIC_PERMISSION']);
  expect(sub.closed).toBe(true);
});
