const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]']);

/**
 * Whether a host name or address is this machine: `localhost` (and `*.localhost`), `127.0.0.0/8`,
 * or `::1`.
 *
 * @example
 * ```ts
 * import { isLoopbackHost } from 'openai-realtime-rx';
 * isLoopbackHost('127.0.0.1'); // true
 * isLoopbackHost('example.com'); // false
 * ```
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return LOOPBACK_NAMES.has(h) || h.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Why a URL would send the key in clear text: a plain `ws://` (or `http://`) URL to a host that
 * is not this machine. `undefined` for `wss://`, for loopback hosts, and for URLs that do not
 * parse (the socket reports those).
 *
 * @example
 * ```ts
 * import { plainTextRisk } from 'openai-realtime-rx';
 * plainTextRisk('ws://api.example.com/v1/realtime'); // 'ws://api.example.com is not encrypted: …'
 * plainTextRisk('ws://127.0.0.1:8080');              // undefined
 * ```
 */
export function plainTextRisk(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'http:') return undefined;
  if (isLoopbackHost(parsed.hostname)) return undefined;
  return `${parsed.protocol}//${parsed.host} is not encrypted: the API key would cross the network in clear text. Use wss://, or set allowInsecureTransport: true if this network is yours.`;
}
