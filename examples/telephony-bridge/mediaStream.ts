/**
 * The media-stream messages of a telephony provider's WebSocket, in the shape Twilio Media Streams
 * documents (https://www.twilio.com/docs/voice/media-streams/websocket-messages): JSON text
 * frames, audio as base64 8 kHz μ-law. Only the fields this bridge reads or writes are typed.
 */

/** From the caller's side (the provider) to the bridge. */
export type CallerMessage =
  | { readonly event: 'connected'; readonly protocol?: string; readonly version?: string }
  | {
      readonly event: 'start';
      readonly sequenceNumber?: string;
      readonly streamSid: string;
      readonly start: {
        readonly streamSid: string;
        readonly callSid?: string;
        readonly tracks?: readonly string[];
        readonly mediaFormat?: { readonly encoding: string; readonly sampleRate: number; readonly channels: number };
        readonly customParameters?: Record<string, string>;
      };
    }
  | {
      readonly event: 'media';
      readonly sequenceNumber?: string;
      readonly streamSid: string;
      readonly media: { readonly track?: string; readonly chunk?: string; readonly timestamp?: string; readonly payload: string };
    }
  | { readonly event: 'mark'; readonly sequenceNumber?: string; readonly streamSid: string; readonly mark: { readonly name: string } }
  | { readonly event: 'stop'; readonly sequenceNumber?: string; readonly streamSid: string; readonly stop?: { readonly callSid?: string } };

/** From the bridge to the caller's side. */
export type BridgeMessage =
  | { readonly event: 'media'; readonly streamSid: string; readonly media: { readonly payload: string } }
  | { readonly event: 'mark'; readonly streamSid: string; readonly mark: { readonly name: string } }
  | { readonly event: 'clear'; readonly streamSid: string };

const EVENTS = new Set(['connected', 'start', 'media', 'mark', 'stop']);

/** Parse one text frame from the caller's side; `undefined` for anything this bridge does not know. */
export function parseCallerMessage(text: string): CallerMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (typeof m['event'] !== 'string' || !EVENTS.has(m['event'])) return undefined;
  const section = m[m['event']];
  if (m['event'] === 'start' && (typeof section !== 'object' || section === null || typeof (section as Record<string, unknown>)['streamSid'] !== 'string')) return undefined;
  if (m['event'] === 'media' && (typeof section !== 'object' || section === null || typeof (section as Record<string, unknown>)['payload'] !== 'string')) return undefined;
  if (m['event'] === 'mark' && (typeof section !== 'object' || section === null || typeof (section as Record<string, unknown>)['name'] !== 'string')) return undefined;
  return value as CallerMessage;
}
