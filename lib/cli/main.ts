/**
 * The `openai-realtime-rx` command line. The demo and its subcommands arrive with the embedded
 * simulator; until then this says what the package offers and how to try it.
 */
const usage = `openai-realtime-rx

Available now:
  decodeServerEvent(frame)   decode any Realtime server frame to a typed event (never throws)
  encodeClientEvent(event)   validate and serialise a client event
  ofType(...types)           narrow a stream of events by type (rxjs operator)

Coming next (see the issues): RealtimeClient streams, OpenAIRealtimeWebSocket, the embedded
simulator and the demo that runs on it (npm start).

Run the tests:   npm test
Run benchmarks:  npm run bench
`;

process.stdout.write(usage);
