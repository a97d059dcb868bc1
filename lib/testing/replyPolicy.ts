/**
 * What the simulated model says: a reply policy is a function from the conversation to the next
 * response. The default calls a session tool whose name the user mentions, then answers with
 * the tool's output; otherwise it answers in a short, deterministic sentence.
 *
 * @module
 */
import type { SimItem } from './Conversation.js';

/**
 * A function tool as the session declares it.
 *
 * @example
 * ```ts
 * const tool: SimTool = { type: 'function', name: 'get_weather', parameters: { properties: { city: { type: 'string' } } } };
 * ```
 */
export interface SimTool {
  readonly type: 'function';
  readonly name: string;
  readonly description?: string;
  readonly parameters?: { readonly properties?: Record<string, { type?: string; enum?: unknown[] }>; readonly required?: string[] };
}

/**
 * What a reply policy sees.
 *
 * @example
 * ```ts
 * import type { ReplyContext } from 'openai-realtime-rx/testing';
 * const echo = (ctx: ReplyContext) => ({ text: `You said ${ctx.userText ?? 'nothing'}.` });
 * ```
 */
export interface ReplyContext {
  /** The conversation as the response starts (or the response's own `input`, out of band). */
  readonly conversation: readonly SimItem[];
  /** The text of the latest user message: its text, or what the simulator heard in its audio. */
  readonly userText: string | undefined;
  /** The function tools of the session (or of the response, when it overrides them). */
  readonly tools: readonly SimTool[];
  /** The `instructions` in force. */
  readonly instructions: string | undefined;
}

/**
 * One output item of a response: a message, or a function call.
 *
 * @example
 * ```ts
 * import type { Reply } from 'openai-realtime-rx/testing';
 * const replies: Reply[] = [{ text: 'Let me check.' }, { toolCall: { name: 'lookup', arguments: { q: 'x' } } }];
 * ```
 */
export type Reply = { readonly text: string } | { readonly toolCall: { readonly name: string; readonly arguments: Record<string, unknown> | string } };

/**
 * A reply policy: the conversation in, the next response's output items out.
 *
 * @example
 * ```ts
 * import { RealtimeSimulator } from 'openai-realtime-rx/testing';
 * const sim = new RealtimeSimulator({ replyPolicy: (ctx) => ({ text: ctx.userText === 'ping' ? 'pong' : 'what?' }) });
 * ```
 */
export type ReplyPolicy = (context: ReplyContext) => Reply | readonly Reply[];

const STORY =
  'Once upon a time, in a quiet town by the sea, a curious robot learned to listen. ' +
  'Every morning it walked to the harbour, counted the boats, and asked the fishermen about the weather. ' +
  'One day a storm came early, and the robot remembered every answer it had heard. ' +
  'It warned the town in time, and from then on everyone listened back.';

const mentions = (text: string, name: string) => {
  const t = text.toLowerCase();
  const n = name.toLowerCase();
  return t.includes(n) || t.includes(n.replace(/_/g, ' '));
};

/** Fill tool arguments from the schema, taking what the text offers (a place after "in"/"for", a number). */
function fillArguments(tool: SimTool, text: string): Record<string, unknown> {
  const properties = tool.parameters?.properties ?? {};
  const required = tool.parameters?.required;
  const place = /\b(?:in|for|at)\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)/.exec(text)?.[1];
  const number = /-?\d+(?:\.\d+)?/.exec(text)?.[0];
  const args: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(properties)) {
    if (required && !required.includes(key)) continue;
    if (schema.enum && schema.enum.length > 0) args[key] = schema.enum[0];
    else if (schema.type === 'number' || schema.type === 'integer') args[key] = number === undefined ? 1 : Number(number);
    else if (schema.type === 'boolean') args[key] = true;
    else if (schema.type === 'array') args[key] = [];
    else if (schema.type === 'object') args[key] = {};
    else args[key] = place ?? 'unknown';
  }
  return args;
}

const describeOutput = (output: string): string => {
  try {
    const value = JSON.parse(output) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.entries(value).map(([k, v]) => `${k.replace(/_/g, ' ')} ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ');
    }
    return String(value);
  } catch {
    return output;
  }
};

/**
 * The default policy: answer a tool output with what it says; call a tool the user names
 * (`get_weather` or "get weather"), with arguments filled from its schema; tell a story when
 * asked for one; otherwise answer briefly.
 *
 * @example
 * ```ts
 * import { defaultReplyPolicy } from 'openai-realtime-rx/testing';
 * defaultReplyPolicy({ conversation: [], userText: 'hi', tools: [], instructions: undefined }); // { text: 'You said: hi. …' }
 * ```
 */
export const defaultReplyPolicy: ReplyPolicy = ({ conversation, userText, tools }) => {
  const last = conversation[conversation.length - 1];
  if (last?.type === 'function_call_output') {
    const call = conversation.find((item) => item.type === 'function_call' && item['call_id'] === last['call_id']);
    const name = typeof call?.['name'] === 'string' ? call['name'] : 'the tool';
    const output = typeof last['output'] === 'string' ? last['output'] : '';
    return { text: `According to ${name}: ${describeOutput(output)}.` };
  }
  const text = userText ?? '';
  const tool = tools.find((t) => mentions(text, t.name));
  if (tool) return { toolCall: { name: tool.name, arguments: fillArguments(tool, text) } };
  if (/\bstory\b/i.test(text)) return { text: STORY };
  if (text.trim() === '') return { text: 'Hello! How can I help you today?' };
  return { text: `You said: ${text.trim()} This is the simulator, so my answer is short.` };
};
