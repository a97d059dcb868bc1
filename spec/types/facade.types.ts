/**
 * Type tests for the facade, checked by `npm run typecheck`: it is a RealtimeTransportLayer for
 * OpenAI's RealtimeSession (no cast needed), and its listeners are typed.
 */
import type { RealtimeTransportLayer } from '@openai/agents-realtime';
import { RealtimeAgent, RealtimeSession } from '@openai/agents-realtime';
import { OpenAIRealtimeWebSocket } from '../../lib/index';

const transport = new OpenAIRealtimeWebSocket();
const asLayer: RealtimeTransportLayer = transport;
void new RealtimeSession(new RealtimeAgent({ name: 'a' }), { transport });
void asLayer;

transport.on('function_call', (call) => {
  const callId: string = call.callId;
  void callId;
});
transport.on('response.done', (event) => {
  const status = event.response.status;
  void status;
});
transport.on('connection_change', (status) => {
  // @ts-expect-error a status is a string union, not a number
  const n: number = status;
  void n;
});
transport.on('anything.else', (...args) => void args);
transport.on('a', () => undefined).once('b', () => undefined).off('a', () => undefined);
