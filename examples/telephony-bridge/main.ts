/**
 * Run the bridge: `OPENAI_API_KEY=sk-… npx tsx examples/telephony-bridge/main.ts` (PORT, default
 * 8081; REALTIME_URL, default OpenAI's). Point the provider's media stream at ws://<host>:PORT/media
 * (behind TLS in production).
 */
import { startBridge } from './bridge.js';

const apiKey = process.env['OPENAI_API_KEY'];
if (!apiKey) {
  console.error('Set OPENAI_API_KEY.');
  process.exit(2);
}
startBridge({
  realtimeUrl: process.env['REALTIME_URL'] ?? 'wss://api.openai.com/v1/realtime',
  apiKey,
  port: Number(process.env['PORT'] ?? 8081),
  host: process.env['HOST'] ?? '0.0.0.0',
  instructions: 'You are a friendly phone assistant. Keep answers short.',
  onEvent: (e) => console.log(JSON.stringify(e)),
})
  .then((bridge) => console.log(`media streams: ${bridge.url}`))
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
