/**
 * spec/transport.md §14 B (session configuration, 29-40) and C (tracing, 41-45).
 */
import type { RealtimeSessionConfig } from '../../lib/index';
import { OpenAIRealtimeWebSocket, UserError } from '../../lib/index';
import { buildSessionPayload } from '../../lib/commands/sessionPayload';
import { TRACING_ALREADY_SET } from '../../lib/commands/tracing';
import { harness, recordingOptions } from './harness';

const PCM = { type: 'audio/pcm', rate: 24000 };
const payload = (config: Partial<RealtimeSessionConfig>) => buildSessionPayload(config, 'M');
const audioOf = (config: Partial<RealtimeSessionConfig>) => payload(config)['audio'] as { input: Record<string, unknown>; output: Record<string, unknown> };

describe('B. session configuration', () => {
  it('29. maps the GA shape exactly', async () => {
    const h = harness({ model: 'M' });
    await h.T.connect({ apiKey: 'ek_test' });
    h.sent.length = 0;
    h.T.updateSessionConfig({
      outputModalities: ['text', 'audio'],
      audio: {
        input: {
          format: 'pcm16',
          noiseReduction: { type: 'far_field' },
          transcription: { model: 'gpt-4o-transcribe', language: 'en' },
          turnDetection: { type: 'semantic_vad', eagerness: 'high', interrupt_response: false },
        },
        output: { format: { type: 'audio/pcmu' }, voice: 'marin', speed: 0.9 },
      },
    });
    expect(JSON.stringify(h.sent[0])).toBe(
      '{"type":"session.update","session":{"type":"realtime","model":"M","output_modalities":["text","audio"],' +
        '"audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"noise_reduction":{"type":"far_field"},' +
        '"transcription":{"model":"gpt-4o-transcribe","language":"en"},"turn_detection":{"type":"semantic_vad",' +
        '"eagerness":"high","interrupt_response":false}},"output":{"format":{"type":"audio/pcmu"},"voice":"marin",' +
        '"speed":0.9}}}}',
    );
  });

  it('30. converts the deprecated flat shape, with no tracing', () => {
    expect(
      JSON.stringify(
        payload({
          modalities: ['text'],
          voice: 'ash',
          inputAudioFormat: 'g711_ulaw',
          outputAudioFormat: 'g711_alaw',
          inputAudioTranscription: { model: 'whisper-1' },
          turnDetection: { type: 'server_vad', createResponse: true, silenceDurationMs: 500 },
          inputAudioNoiseReduction: { type: 'near_field' },
          speed: 1.2,
          instructions: 'hi',
          toolChoice: 'auto',
          tracing: { workflow_name: 'ignored here' },
        }),
      ),
    ).toBe(
      '{"type":"realtime","instructions":"hi","model":"M","output_modalities":["text"],"audio":{"input":{' +
        '"format":{"type":"audio/pcmu"},"noise_reduction":{"type":"near_field"},"transcription":{"model":"whisper-1"},' +
        '"turn_detection":{"type":"server_vad","create_response":true,"silence_duration_ms":500}},"output":{' +
        '"format":{"type":"audio/pcma"},"voice":"ash","speed":1.2}},"tool_choice":"auto"}',
    );
  });

  it('31. lets the deprecated shape win over GA fields in the same object', () => {
    const audio = audioOf({ modalities: ['audio'], audio: { output: { voice: 'x' } } });
    expect(audio.output).toEqual({ format: PCM, speed: 1 });
    expect(audio.input['format']).toEqual(PCM);
  });

  it('32. takes the output voice before the top-level one, and keeps both formats', () => {
    expect(audioOf({ voice: 'cedar' }).output).toEqual({ format: PCM, voice: 'cedar', speed: 1 });
    expect(audioOf({ voice: 'cedar', audio: { output: { voice: 'marin' } } }).output['voice']).toBe('marin');
    const both = audioOf({ voice: 'alloy', audio: { input: { format: { type: 'audio/pcmu' } }, output: { format: { type: 'audio/pcmu' } } } });
    expect([both.input['format'], both.output['format'], both.output['voice']]).toEqual([{ type: 'audio/pcmu' }, { type: 'audio/pcmu' }, 'alloy']);
  });

  it('33. converts turn detection keys, keeping falsy values and extra keys', () => {
    const td = (turnDetection: Record<string, unknown>) => audioOf({ audio: { input: { turnDetection } } }).input['turn_detection'];
    expect(td({ type: 'semantic_vad', createResponse: false, interruptResponse: false, prefixPaddingMs: 0, silenceDurationMs: 0, idleTimeoutMs: 0, threshold: 0, modelVersion: 'default' })).toEqual({
      type: 'semantic_vad',
      create_response: false,
      interrupt_response: false,
      prefix_padding_ms: 0,
      silence_duration_ms: 0,
      idle_timeout_ms: 0,
      threshold: 0,
      model_version: 'default',
    });
    expect(td({})).toEqual({ type: 'semantic_vad' });
    expect(td({ type: 'server_vad', foo: 1 })).toEqual({ type: 'server_vad', foo: 1 });
    expect(td({ createResponse: true, create_response: false })).toEqual({ create_response: true });
  });

  it('34. keeps explicit nulls, and treats null blocks as defaults', () => {
    const input = audioOf({ audio: { input: { noiseReduction: null, transcription: null, turnDetection: null } } }).input;
    expect([input['noise_reduction'], input['transcription'], input['turn_detection']]).toEqual([null, null, null]);
    expect(audioOf({ audio: { input: null, output: null } })).toEqual({
      input: { format: PCM, noise_reduction: null, transcription: { model: 'gpt-4o-mini-transcribe' }, turn_detection: { type: 'semantic_vad' } },
      output: { format: PCM, speed: 1 },
    });
  });

  it('35. normalises formats: unknown strings and non-finite PCM rates become 24 kHz PCM; unknown objects pass', () => {
    expect(audioOf({ audio: { input: { format: 'weird' } } }).input['format']).toEqual(PCM);
    for (const rate of [NaN, Infinity, -Infinity]) {
      const a = audioOf({ audio: { input: { format: { type: 'audio/pcm', rate } }, output: { format: { type: 'audio/pcm', rate } } } });
      expect([a.input['format'], a.output['format']]).toEqual([PCM, PCM]);
    }
    const future = { type: 'audio/future', rate: NaN };
    expect(audioOf({ audio: { input: { format: future } } }).input['format']).toBe(future);
  });

  it('36. reduces tools to their documented fields', () => {
    const tools = payload({
      tools: [
        { type: 'function', name: 'f', description: 'd', parameters: { type: 'object' }, strict: true, needsApproval: true, invoke: () => 1 },
        {
          type: 'mcp',
          server_label: 's',
          server_url: 'https://mcp',
          server_description: 'sd',
          connector_id: 'c',
          authorization: 'a',
          headers: { h: '1' },
          allowed_tools: ['x'],
          require_approval: { always: { read_only: false }, never: { tool_names: ['search'], read_only: true } },
          extra: 'dropped',
        },
        { type: 'mcp', server_label: 'plain' },
      ],
    })['tools'];
    expect(tools).toEqual([
      { type: 'function', name: 'f', description: 'd', parameters: { type: 'object' } },
      {
        type: 'mcp',
        server_label: 's',
        server_url: 'https://mcp',
        server_description: 'sd',
        connector_id: 'c',
        authorization: 'a',
        headers: { h: '1' },
        allowed_tools: ['x'],
        require_approval: { always: { read_only: false }, never: { tool_names: ['search'], read_only: true } },
      },
      { type: 'mcp', server_label: 'plain' },
    ]);
    expect(payload({ tools: [] })).not.toHaveProperty('tools');
    expect(() => payload({ tools: [{ type: 'mcp', server_label: 's', require_approval: { always: { toolNames: ['x'] }, never: { tool_names: ['x'] } } }] })).toThrow(
      new UserError('Invalid hosted MCP requireApproval: tool "x" is listed under both always and never.'),
    );
    expect(payload({ tools: [{ type: 'mcp', server_label: 's', require_approval: { always: { toolNames: ['x'], readOnly: true } } }] })['tools']).toEqual([
      { type: 'mcp', server_label: 's', require_approval: { always: { tool_names: ['x'], read_only: true } } },
    ]);
  });

  it('37. maps prompt, providerData (on top) and flags', () => {
    const p = payload({
      prompt: { promptId: 'pmpt_1', version: '2', variables: { a: 'b' } },
      providerData: { max_output_tokens: 100, model: 'override' },
      parallelToolCalls: false,
      reasoning: { effort: 'low' },
      model: 'cfg-model',
    });
    expect(p).toMatchObject({
      prompt: { id: 'pmpt_1', version: '2', variables: { a: 'b' } },
      max_output_tokens: 100,
      model: 'override',
      parallel_tool_calls: false,
      reasoning: { effort: 'low' },
    });
  });

  it('38. passes transcription settings through unchanged', () => {
    for (const transcription of [{ model: 'gpt-live-transcribe', delay: 'low' }, { model: 'gpt-transcribe', keywords: ['rx'], languages: ['ja', 'en'], prompt: 'names' }]) {
      expect(audioOf({ audio: { input: { transcription } } }).input['transcription']).toEqual(transcription);
    }
  });

  it('39. lets the connect model win over the initial config model', async () => {
    const h = harness();
    await h.T.connect({ apiKey: 'ek_test', model: 'm', initialSessionConfig: { model: 'other', instructions: 'x' } });
    expect(h.sent[0]).toMatchObject({ session: { model: 'm', instructions: 'x' } });
  });

  it('40. does not merge: a later update re-sends the defaults', async () => {
    const h = harness();
    await h.T.connect({ apiKey: 'ek_test', model: 'm', initialSessionConfig: { audio: { output: { format: { type: 'audio/pcmu' } } } } });
    expect(h.sent[0]).toMatchObject({ session: { audio: { output: { format: { type: 'audio/pcmu' } } } } });
    h.T.updateSessionConfig({ instructions: 'new' });
    expect(h.sent[1]).toMatchObject({ session: { instructions: 'new', audio: { output: { format: PCM } } } });
  });
});

describe('C. tracing', () => {
  const sessionCreated = (tracing: unknown) => ({ type: 'session.created', event_id: 'e1', session: { tracing } });
  const warnings = () => {
    const warn = jest.fn();
    return { warn, logger: { warn, error: jest.fn() } };
  };

  it('41. sends tracing auto by default', async () => {
    const h = harness();
    await h.connected();
    h.deliver(sessionCreated(null));
    expect(JSON.stringify(h.sent)).toBe('[{"type":"session.update","session":{"type":"realtime","tracing":"auto"}}]');
  });

  it('42. disables tracing when the initial config says null', async () => {
    const h = harness();
    await h.T.connect({ apiKey: 'ek_test', initialSessionConfig: { tracing: null } });
    h.sent.length = 0;
    h.deliver(sessionCreated('auto'));
    expect(JSON.stringify(h.sent)).toBe('[{"type":"session.update","session":{"type":"realtime","tracing":null}}]');
  });

  it('43. sends an explicit tracing config', async () => {
    const h = harness();
    await h.T.connect({ apiKey: 'ek_test', initialSessionConfig: { tracing: { workflow_name: 'mine', group_id: 'g' } } });
    h.sent.length = 0;
    h.deliver(sessionCreated(null));
    expect(JSON.stringify(h.sent)).toBe('[{"type":"session.update","session":{"type":"realtime","tracing":{"workflow_name":"mine","group_id":"g"}}}]');
  });

  it('44. leaves a server tracing object alone, with a warning', async () => {
    for (const tracing of [{ workflow_name: 'mine' }, null]) {
      const { warn, logger } = warnings();
      const h = harness({ logger });
      await h.T.connect({ apiKey: 'ek_test', initialSessionConfig: { tracing } });
      h.sent.length = 0;
      h.deliver(sessionCreated({ workflow_name: 'server' }));
      expect(h.sent).toEqual([]);
      expect(warn).toHaveBeenCalledWith(TRACING_ALREADY_SET);
    }
  });

  it('45. never puts tracing in the initial session.update', async () => {
    for (const tracing of ['auto', null, { workflow_name: 'w' }] as const) {
      const h = harness();
      await h.T.connect({ apiKey: 'ek_test', initialSessionConfig: { tracing } });
      expect((h.sent[0] as { session: object }).session).not.toHaveProperty('tracing');
    }
  });

  it('repeats the decision on a repeated session.created', async () => {
    const h = harness();
    await h.connected();
    h.deliver(sessionCreated(null));
    h.deliver(sessionCreated(null));
    expect(h.sent).toEqual([
      { type: 'session.update', session: { type: 'realtime', tracing: 'auto' } },
      { type: 'session.update', session: { type: 'realtime', tracing: 'auto' } },
    ]);
  });

  it('compares against what the _tracingConfig setter recorded', async () => {
    class Negotiating extends OpenAIRealtimeWebSocket {
      negotiate(desired: null | { workflow_name: string }) {
        this._updateTracingConfig(desired);
      }
    }
    const { warn, logger } = warnings();
    const sent: unknown[] = [];
    const T = new Negotiating({ logger, ...recordingOptions(sent) });
    await T.connect({ apiKey: 'ek_test' });
    sent.length = 0;
    T._tracingConfig = { workflow_name: 'server side' };
    T.negotiate(null);
    expect(sent).toEqual([]);
    expect(warn).toHaveBeenCalledWith(TRACING_ALREADY_SET);
    T._tracingConfig = null;
    T.negotiate({ workflow_name: 'mine' });
    expect(sent).toEqual([{ type: 'session.update', session: { type: 'realtime', tracing: { workflow_name: 'mine' } } }]);
  });
});
