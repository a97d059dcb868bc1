/**
 * The web demo's page: a voice agent UI on the core client and the browser entry. Connect mints
 * an ephemeral key through the demo server; open mic streams the microphone and lets the
 * server's VAD take turns; push to talk holds the button to speak; the assistant's audio plays
 * in the AudioWorklet player, and speaking over it interrupts it at what was heard.
 *
 * In an app, import from 'openai-realtime-rx' and 'openai-realtime-rx/browser'; this page imports
 * the sources, so the demo runs from a clone without a build.
 */
import { RealtimeClient, appendAudio, bargeIn, clearAudio, commitAudio, conversation, createResponse, updateSession, userMessage } from '../../lib';
import type { ConnectionStatus, ConversationState } from '../../lib';
import { AudioPlayer, microphone$ } from '../../lib/browser';
import type { Subscription } from 'rxjs';
import { map } from 'rxjs';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const statusPill = $('status');
const connectButton = $<HTMLButtonElement>('connect');
const disconnectButton = $<HTMLButtonElement>('disconnect');
const modeSelect = $<HTMLSelectElement>('mode');
const micButton = $<HTMLButtonElement>('mic');
const textInput = $<HTMLInputElement>('text');
const sendButton = $<HTMLButtonElement>('send');
const transcript = $('transcript');
const log = $('log');
const meter = $('meter');

const MAX_LOG = 200;
let client: RealtimeClient | undefined;
let player: AudioPlayer | undefined;
let session: Subscription | undefined;
let mic: Subscription | undefined;
let sentMs = 0;
let responding = false;
let createWhenDone = false;

let lastType = '';
let repeats = 0;

/** Log a line; a run of the same event (audio deltas) is one line with a count. */
function logLine(text: string, error = false): void {
  const time = new Date().toISOString().slice(11, 23);
  if (text === lastType && log.firstElementChild) {
    log.firstElementChild.textContent = `${time}  ${text} ×${++repeats}`;
    return;
  }
  lastType = text;
  repeats = 1;
  const li = document.createElement('li');
  li.textContent = `${time}  ${text}`;
  if (error) li.className = 'error';
  log.prepend(li);
  while (log.childElementCount > MAX_LOG) log.lastElementChild?.remove();
}

/** The conversation as the client's conversation() state: one paragraph per item, in server order. */
function render(state: ConversationState): void {
  const shown = new Set<string>();
  let previous: Element | null = null;
  for (const item of state.items) {
    if (item.type === 'function_call_output') continue; // shown with its call
    shown.add(item.id);
    let p = transcript.querySelector<HTMLParagraphElement>(`p[data-item="${CSS.escape(item.id)}"]`);
    if (!p) {
      p = document.createElement('p');
      p.dataset['item'] = item.id;
    }
    p.className = item.type === 'function_call' ? 'tool' : (item.role ?? 'system');
    const text =
      item.type === 'function_call'
        ? `${item.call?.name ?? 'tool'}(${item.call?.arguments ?? ''})${item.call?.output === undefined ? '' : ` → ${item.call.output}`}`
        : item.text + (item.truncated ? ` [heard ${item.truncated.audioEndMs} ms]` : '');
    if (p.textContent !== text) p.textContent = text;
    // keep the DOM in the conversation's order (items can be inserted or moved)
    if (previous ? previous.nextElementSibling !== p : transcript.firstElementChild !== p) {
      if (previous) previous.after(p);
      else transcript.prepend(p);
    }
    previous = p;
  }
  for (const p of [...transcript.querySelectorAll<HTMLElement>('p[data-item]')]) if (!shown.has(p.dataset['item'] ?? '')) p.remove();
}

function showStatus(s: ConnectionStatus): void {
  statusPill.textContent = s.status;
  statusPill.dataset['status'] = s.status;
  const connected = s.status === 'connected';
  connectButton.disabled = s.status !== 'disconnected';
  disconnectButton.disabled = s.status === 'disconnected';
  micButton.disabled = textInput.disabled = sendButton.disabled = !connected;
  if (!connected) stopMic();
}

function startMic(): void {
  if (mic || !client) return;
  const c = client;
  sentMs = 0;
  mic = microphone$({ sampleRate: 24000 })
    .pipe(map((frame) => ((sentMs += 20), appendAudio(frame))))
    .subscribe({
      next: (command) => {
        c.send(command);
        meter.textContent = `${(sentMs / 1000).toFixed(1)} s sent`;
      },
      error: (e: Error & { code?: string }) => {
        logLine(`microphone: ${e.code ?? e.name}: ${e.message}`, true);
        stopMic();
      },
    });
  micButton.setAttribute('aria-pressed', 'true');
  micButton.textContent = modeSelect.value === 'push-to-talk' ? 'Talking…' : 'Microphone on';
}

function stopMic(): void {
  mic?.unsubscribe();
  mic = undefined;
  micButton.setAttribute('aria-pressed', 'false');
  micButton.textContent = modeSelect.value === 'push-to-talk' ? 'Hold to talk' : 'Microphone off';
}

async function connect(): Promise<void> {
  const config = (await (await fetch('/config')).json()) as { realtimeUrl: string };
  // the page never sees a real key: the demo server mints a short-lived ek_ key per connection
  const c = new RealtimeClient({
    url: config.realtimeUrl,
    apiKey: async () => ((await (await fetch('/session', { method: 'POST' })).json()) as { value: string }).value,
  });
  client = c;
  player = new AudioPlayer(); // made in a click handler, so the browser lets it play
  const p = player;
  session = c.status$.subscribe(showStatus);
  session.add(p.attach(c));
  session.add(bargeIn(c, { played$: p.played$ }).subscribe((cut) => {
    void p.clear();
    logLine(`barge-in: truncated ${cut.itemId} at ${cut.audioEndMs} ms (heard ${Math.round(cut.playedMs)} of ${Math.round(cut.receivedMs)} ms)`);
  }));
  session.add(c.events$.subscribe((e) => logLine(e.type, e.type === 'error')));
  // one response at a time: a message typed while the assistant answers is answered next
  session.add(
    c.turns$.subscribe((t) => {
      responding = t.phase === 'started';
      if (!responding && createWhenDone) {
        createWhenDone = false;
        c.send(createResponse());
      }
    }),
  );
  session.add(c.errors$.subscribe((e) => logLine(`${e.code}: ${e.message}`, true)));
  session.add(conversation(c, { maxItems: 100 }).subscribe(render));
  session.add(p.state$.subscribe((s) => s === 'suspended' && logLine('audio is suspended: click anywhere to hear the assistant')));
  await c.connect();
  if (modeSelect.value === 'push-to-talk') c.send(updateSession({ audio: { input: { turn_detection: null } } }));
}

function disconnect(): void {
  stopMic();
  session?.unsubscribe();
  client?.close();
  void player?.close();
  client = player = session = undefined;
  showStatus({ status: 'disconnected' });
}

connectButton.addEventListener('click', () => {
  connect().catch((e: Error & { code?: string }) => logLine(`connect: ${e.code ?? e.name}: ${e.message}`, true));
});
disconnectButton.addEventListener('click', disconnect);
document.addEventListener('click', () => void player?.resume());

modeSelect.addEventListener('change', () => {
  stopMic();
  const ptt = modeSelect.value === 'push-to-talk';
  client?.send(updateSession({ audio: { input: { turn_detection: ptt ? null : { type: 'server_vad' } } } }));
});

// open mic: a toggle; push to talk: hold the button, release to send the turn
micButton.addEventListener('click', () => {
  if (modeSelect.value !== 'open-mic') return;
  if (mic) stopMic();
  else startMic();
});
micButton.addEventListener('pointerdown', () => {
  if (modeSelect.value !== 'push-to-talk' || !client) return;
  client.send(clearAudio());
  startMic();
});
micButton.addEventListener('pointerup', () => {
  if (modeSelect.value !== 'push-to-talk' || !mic || !client) return;
  stopMic();
  client.send(commitAudio());
  client.send(createResponse());
});

function sendText(): void {
  const text = textInput.value.trim();
  if (!text || !client) return;
  textInput.value = '';
  client.send(userMessage(text));
  if (responding) createWhenDone = true;
  else client.send(createResponse());
}
sendButton.addEventListener('click', sendText);
textInput.addEventListener('keydown', (e) => e.key === 'Enter' && sendText());
showStatus({ status: 'disconnected' });
