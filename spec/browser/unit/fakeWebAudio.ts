/**
 * Just enough of getUserMedia and Web Audio, in Node, to drive microphone$'s error and teardown
 * paths that a real browser cannot produce on demand (a device unplugged, a busy device, an
 * unsubscription while the permission prompt is open). The real paths run in Chromium
 * (spec/browser/audio.spec.ts).
 */
export class FakeTrack extends EventTarget {
  readyState: 'live' | 'ended' = 'live';
  stop(): void {
    this.readyState = 'ended';
  }
  /** The device went away: browsers fire `ended` (stop() does not). */
  unplug(): void {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }
}

export class FakeStream {
  readonly track = new FakeTrack();
  getTracks(): FakeTrack[] {
    return [this.track];
  }
  getAudioTracks(): FakeTrack[] {
    return [this.track];
  }
}

export class FakePort {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  closed = false;
  readonly posted: unknown[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  close(): void {
    this.closed = true;
  }
  /** The worklet posts a frame. */
  emit(data: unknown): void {
    this.onmessage?.({ data });
  }
}

export class FakeWorkletNode {
  static created: FakeWorkletNode[] = [];
  readonly port = new FakePort();
  disconnected = false;
  constructor(
    readonly context: FakeContext,
    readonly name: string,
    readonly options: { processorOptions?: { frameSamples?: number } },
  ) {
    FakeWorkletNode.created.push(this);
  }
  connect(): void {}
  disconnect(): void {
    this.disconnected = true;
  }
}

export class FakeContext {
  static created: FakeContext[] = [];
  static nextRate: number | undefined;
  /** Make addModule reject (a CSP that forbids blob: workers). */
  static refuseModules = false;
  /** Like Firefox: a device (at 48 kHz) cannot feed a context at another rate. */
  static refuseForeignRate = false;
  state: 'running' | 'suspended' | 'closed' = 'running';
  readonly sampleRate: number;
  readonly modules: string[] = [];
  readonly audioWorklet = {
    addModule: (url: string) => (FakeContext.refuseModules ? Promise.reject(Object.assign(new Error('blocked by CSP'), { name: 'AbortError' })) : (this.modules.push(url), Promise.resolve())),
  };
  readonly destination = {};
  private readonly listeners: Array<() => void> = [];
  addEventListener(_type: 'statechange', listener: () => void): void {
    this.listeners.push(listener);
  }
  removeEventListener(_type: 'statechange', listener: () => void): void {
    this.listeners.splice(this.listeners.indexOf(listener), 1);
  }
  /** The browser changes the state (a suspension, a resume). */
  setState(state: 'running' | 'suspended' | 'closed'): void {
    this.state = state;
    this.listeners.forEach((l) => l());
  }
  constructor(options: { sampleRate?: number } = {}) {
    this.sampleRate = FakeContext.nextRate ?? options.sampleRate ?? 48000;
    FakeContext.created.push(this);
  }
  createMediaStreamSource(): { connect(): void; disconnect(): void } {
    if (FakeContext.refuseForeignRate && this.sampleRate !== 48000) {
      throw Object.assign(new Error('Connecting AudioNodes from AudioContexts with different sample-rate is currently not supported.'), { name: 'NotSupportedError' });
    }
    return { connect: () => undefined, disconnect: () => undefined };
  }
  resume(): Promise<void> {
    this.state = 'running';
    return Promise.resolve();
  }
  close(): Promise<void> {
    this.state = 'closed';
    return Promise.resolve();
  }
}

/** Install the fakes as globals; returns the function that removes them. */
export function installFakeWebAudio(): () => void {
  const g = globalThis as Record<string, unknown>;
  const saved = { AudioContext: g['AudioContext'], AudioWorkletNode: g['AudioWorkletNode'] };
  g['AudioContext'] = FakeContext;
  g['AudioWorkletNode'] = FakeWorkletNode;
  FakeContext.created = [];
  FakeContext.nextRate = undefined;
  FakeContext.refuseForeignRate = false;
  FakeContext.refuseModules = false;
  FakeWorkletNode.created = [];
  return () => {
    g['AudioContext'] = saved.AudioContext;
    g['AudioWorkletNode'] = saved.AudioWorkletNode;
  };
}

/** A getUserMedia whose answer the test controls. */
export function controlledDevices(): {
  devices: { getUserMedia: () => Promise<MediaStream> };
  grant(stream?: FakeStream): FakeStream;
  deny(error: unknown): void;
  calls: number;
} {
  let resolve: (s: MediaStream) => void = () => undefined;
  let reject: (e: unknown) => void = () => undefined;
  const control = {
    calls: 0,
    devices: {
      getUserMedia: () => {
        control.calls++;
        return new Promise<MediaStream>((res, rej) => {
          resolve = res;
          reject = rej;
        });
      },
    },
    grant(stream = new FakeStream()) {
      resolve(stream as unknown as MediaStream);
      return stream;
    },
    deny(error: unknown) {
      reject(error);
    },
  };
  return control;
}
