/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * A standalone component compiled by the Angular JIT compiler, bootstrapped with
 * `bootstrapApplication` into jsdom's document with zoneless change detection, rendering one turn
 * against the embedded simulator from the service's signals. The export conditions stay Node's so
 * the client's socket is `ws` on the loopback simulator (jsdom's own WebSocket is not used).
 */
import '@angular/compiler';
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { filter, firstValueFrom } from 'rxjs';
import { createResponse, userMessage } from '../../lib/commands/commands';
import { RealtimeSimulator } from '../../lib/testing';
import { provideRealtime, RealtimeService } from '../../lib/angular';
import { TranscriptComponent } from './fixtures/TranscriptComponent';

let sim: RealtimeSimulator;
beforeAll(async () => {
  sim = await new RealtimeSimulator({ realtimeFactor: Infinity }).start();
});
afterAll(() => sim.stop());

const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('a standalone component rendering the conversation from the signals', () => {
  it('renders the user message and the simulator answer with @for after a turn, and closes the socket when the app is destroyed', async () => {
    document.body.innerHTML = '<app-transcript></app-transcript>';
    const app = await bootstrapApplication(TranscriptComponent, {
      providers: [provideZonelessChangeDetection(), provideRealtime({ url: sim.url, apiKey: 'test', session: { output_modalities: ['text'] } })],
    });
    const host = document.querySelector('app-transcript')!;
    await app.whenStable();
    expect(text(host.querySelector('.status'))).toBe('disconnected');
    expect([...host.querySelectorAll('.conversation li')].map(text)).toEqual(['nothing yet']);

    const realtime = app.injector.get(RealtimeService);
    const before = sim.connections.length;
    await realtime.connect();
    await app.whenStable();
    expect(text(host.querySelector('.status'))).toBe('connected');

    // while the response runs, the template shows it: render synchronously at response.created (the
    // service subscribed first, so its signals already hold that event)
    const whileResponding: string[] = [];
    const sampler = realtime.events$.pipe(filter((e) => e.type === 'response.created')).subscribe(() => {
      app.tick();
      whileResponding.push(text(host.querySelector('.status')));
    });
    const done = firstValueFrom(realtime.turns$.pipe(filter((t) => t.phase === 'done')));
    realtime.send(userMessage('hello'));
    realtime.send(createResponse());
    await done;
    sampler.unsubscribe();
    await app.whenStable();
    expect(whileResponding).toEqual(['connected · answering']);

    const answer = 'You said: hello This is the simulator, so my answer is short.';
    expect([...host.querySelectorAll('.conversation li')].map((li) => [li.className, text(li)])).toEqual([
      ['user', 'user: hello'],
      ['assistant', `assistant: ${answer}`],
    ]);
    expect(text(host.querySelector('.status'))).toBe('connected');
    expect(text(host.querySelector('.transcript'))).toBe(answer);
    process.stdout.write(`\nrendered after one simulated turn:\n${host.outerHTML}\n\n`);

    // destroying the app destroys its injector: the service closes the socket
    const conn = sim.connections[before]!;
    expect(sim.connections).toHaveLength(before + 1);
    app.destroy();
    await expect(conn.closed).resolves.toEqual({ code: 1000, reason: '' });
    expect(realtime.client.hasSocket).toBe(false);
    expect(app.destroyed).toBe(true);
  });
});
