// The simulation: one store, a virtual clock, a seeded RNG, the controllers, and the loop that runs them.
// Controllers react to watch events at the current virtual instant (API round trips are instantaneous);
// everything that takes time in a real cluster (provisioning, attach, mount, image pull, resync periods)
// is a timer on the virtual clock. Same seed + same commands ⇒ same event log.
import { VirtualClock, DEFAULT_EPOCH_MS } from '../clock/clock';
import { Rng } from '../random/rng';
import { Store, type WatchEvent } from '../store/store';
import { EventRecorder, type RecordedEvent } from '../events/recorder';
import { Backends } from '../storage/backends';
import type { ClusterConfig } from '../storage/cluster-config';
import type { Controller, ControllerFactory, Intent, ReconcileContext, TraceRecord } from '../controllers/types';
import { isApiError } from '../store/errors';
import { MinHeap } from '../util/heap';
import type { KObject } from '../model/types';
import type { AdmissionPlugin, KindStrategy } from '../store/strategy';

export interface SimulationOptions {
  readonly seed?: number;
  readonly cluster: ClusterConfig;
  readonly controllers: readonly ControllerFactory[];
  readonly strategies: readonly KindStrategy[];
  readonly admission: readonly AdmissionPlugin[];
  readonly epochMs?: number;
  readonly freeze?: boolean;
}

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly ctrl: number;
  readonly key: string;
  /** periodic resync timers do not keep settle() going */
  readonly periodic: boolean;
}

export interface TimedTrace extends TraceRecord {
  readonly time: number;
  readonly seq: number;
}

export interface ControllerError {
  readonly time: number;
  readonly controller: string;
  readonly key: string;
  readonly message: string;
}

/** Something that changed, for observers (the worker streams these to the UI). */
export type SimChange =
  | { readonly type: 'object'; readonly ev: WatchEvent }
  | { readonly type: 'event'; readonly event: RecordedEvent }
  | { readonly type: 'trace'; readonly trace: TimedTrace }
  | { readonly type: 'time'; readonly now: number };

/** mixes the seed for the API server's stream (any fixed odd constant; this is MurmurHash's) */
const API_RNG_SALT = 0x5bd1e995;
const MAX_ITEMS_PER_DRAIN = 2_000_000;
const BACKOFF_BASE_MS = 100;
const BACKOFF_MAX_MS = 300_000;
export const DEFAULT_SETTLE_LIMIT_MS = 30 * 60_000;

export class Simulation {
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly store: Store;
  readonly recorder: EventRecorder;
  readonly backends = new Backends();
  readonly cluster: ClusterConfig;
  readonly controllers: readonly Controller[];
  readonly traces: TimedTrace[] = [];
  readonly errors: ControllerError[] = [];
  private readonly queue: { ctrl: number; key: string }[] = [];
  private queueHead = 0;
  private readonly queued: Set<string>[];
  // One-shot timers (latencies, requeues) and periodic resyncs live in separate heaps so settle() can ask
  // "is any real work pending?" in O(1).
  private readonly oneShots = new MinHeap<Timer>(timerLess);
  private readonly periodics = new MinHeap<Timer>(timerLess);
  private timerSeq = 0;
  private traceSeq = 0;
  private readonly backoff = new Map<string, number>();
  private readonly observers: ((c: SimChange) => void)[] = [];
  private readonly byKind = new Map<string, number[]>();

  constructor(opts: SimulationOptions) {
    this.clock = new VirtualClock(opts.epochMs ?? DEFAULT_EPOCH_MS);
    this.rng = new Rng(opts.seed ?? 1);
    // The API server draws uids and generateName suffixes from its own stream, so creating one more object
    // (an Event, say) never shifts the latencies the controllers draw — and the other way round.
    const apiRng = new Rng(((opts.seed ?? 1) ^ API_RNG_SALT) >>> 0);
    this.cluster = opts.cluster;
    this.store = new Store({
      clock: this.clock,
      rng: apiRng,
      strategies: opts.strategies,
      admission: opts.admission,
      freeze: opts.freeze,
    });
    this.recorder = new EventRecorder(this.store);
    this.controllers = opts.controllers.map((f) => f());
    this.queued = this.controllers.map(() => new Set());
    this.controllers.forEach((c, i) => {
      for (const k of c.watches) {
        const list = this.byKind.get(k) ?? [];
        list.push(i);
        this.byKind.set(k, list);
      }
      for (const idx of c.indexes ?? []) this.store.addIndex(idx.kind, idx.name, idx.fn);
    });
    this.store.watch((ev) => this.onWatch(ev));
    this.controllers.forEach((c, i) => {
      if (c.resync) this.schedule(i, '', this.clock.now() + c.resync.periodMs, true);
    });
  }

  now(): number {
    return this.clock.now();
  }

  observe(fn: (c: SimChange) => void): () => void {
    this.observers.push(fn);
    return () => {
      const i = this.observers.indexOf(fn);
      if (i >= 0) this.observers.splice(i, 1);
    };
  }

  get eventLog(): readonly RecordedEvent[] {
    return this.recorder.log;
  }

  /** Records an event on behalf of a component outside the controllers (kubectl, the CLI). */
  recordEvent(involved: KObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string): void {
    const ev = this.recorder.record(involved, type, reason, message, { component });
    this.notify({ type: 'event', event: ev });
  }

  /** Runs every piece of work due at the current virtual instant. */
  drain(): void {
    let n = 0;
    while (this.queueHead < this.queue.length) {
      if (++n > MAX_ITEMS_PER_DRAIN) throw new Error('simulation did not quiesce (controller livelock)');
      const item = this.queue[this.queueHead++];
      this.queued[item.ctrl].delete(item.key);
      this.runOne(item.ctrl, item.key);
      if (this.queueHead > 4096 && this.queueHead * 2 > this.queue.length) {
        this.queue.splice(0, this.queueHead);
        this.queueHead = 0;
      }
    }
    this.queue.length = 0;
    this.queueHead = 0;
  }

  /** Moves virtual time forward by ms, firing every timer on the way. */
  advance(ms: number): void {
    const target = this.clock.now() + Math.max(0, ms);
    this.drain();
    for (;;) {
      const t = this.peekTimer();
      if (!t || t.at > target) break;
      this.fireDue(t.at);
    }
    this.setTime(target);
    this.drain();
  }

  /**
   * Runs until nothing is pending but periodic resyncs (or limitMs of virtual time passed).
   * Returns the virtual milliseconds that elapsed.
   */
  settle(limitMs: number = DEFAULT_SETTLE_LIMIT_MS): number {
    const start = this.clock.now();
    const deadline = start + limitMs;
    this.drain();
    for (;;) {
      const next = this.nextOneShot();
      if (next === undefined || next > deadline) break;
      for (let t = this.peekTimer(); t && t.at <= next; t = this.peekTimer()) this.fireDue(t.at);
    }
    return this.clock.now() - start;
  }

  /** true when only periodic resyncs remain */
  isQuiescent(): boolean {
    return this.queueHead >= this.queue.length && this.nextOneShot() === undefined;
  }

  /** Virtual time of the next one-shot timer, if any. */
  nextOneShot(): number | undefined {
    return this.oneShots.peek()?.at;
  }

  /** Virtual time of the next timer of any kind (the UI's "next thing happens at"). */
  nextTimer(): number | undefined {
    return this.peekTimer()?.at;
  }

  /** Enqueue a key for a controller by name (used by commands that poke a controller, e.g. node failure). */
  enqueue(controllerName: string, key: string): void {
    const i = this.controllers.findIndex((c) => c.name === controllerName);
    if (i >= 0) this.push(i, key);
  }

  // ---- internals -------------------------------------------------------------------------------

  private setTime(ms: number): void {
    if (ms === this.clock.now()) return;
    this.clock.set(ms);
    this.notify({ type: 'time', now: ms });
  }

  private peekTimer(): Timer | undefined {
    const a = this.oneShots.peek();
    const b = this.periodics.peek();
    if (!a) return b;
    if (!b) return a;
    return timerLess(a, b) ? a : b;
  }

  private popTimer(): Timer | undefined {
    const t = this.peekTimer();
    if (t) (this.periodics.peek() === t ? this.periodics : this.oneShots).pop();
    return t;
  }

  private fireDue(at: number): void {
    this.setTime(at);
    for (let p = this.peekTimer(); p && p.at <= at; p = this.peekTimer()) {
      const t = this.popTimer()!;
      const c = this.controllers[t.ctrl];
      if (t.periodic && c.resync) {
        for (const key of c.resync.keys(this.store)) this.push(t.ctrl, key);
        this.schedule(t.ctrl, '', at + c.resync.periodMs, true);
      } else this.push(t.ctrl, t.key);
    }
    this.drain();
  }

  private schedule(ctrl: number, key: string, at: number, periodic: boolean, background = periodic): void {
    (background ? this.periodics : this.oneShots).push({ at, seq: ++this.timerSeq, ctrl, key, periodic });
  }

  private push(ctrl: number, key: string): void {
    const q = this.queued[ctrl];
    if (q.has(key)) return;
    q.add(key);
    this.queue.push({ ctrl, key });
  }

  private onWatch(ev: WatchEvent): void {
    this.notify({ type: 'object', ev });
    const ctrls = this.byKind.get(ev.kind);
    if (!ctrls) return;
    for (const i of ctrls) for (const key of this.controllers[i].keysFor(ev, this.store)) this.push(i, key);
  }

  private ctx(): ReconcileContext {
    return { view: this.store, now: this.clock.now(), rng: this.rng, backends: this.backends, cluster: this.cluster };
  }

  private runOne(ctrl: number, key: string): void {
    const c = this.controllers[ctrl];
    let intents: readonly Intent[];
    try {
      intents = c.reconcile(key, this.ctx());
    } catch (e) {
      this.fail(ctrl, key, e);
      return;
    }
    for (const intent of intents) {
      try {
        this.apply(ctrl, intent);
      } catch (e) {
        this.fail(ctrl, key, e);
        return;
      }
    }
    this.backoff.delete(`${ctrl}\u0000${key}`);
  }

  private fail(ctrl: number, key: string, e: unknown): void {
    const c = this.controllers[ctrl];
    const message = isApiError(e) ? e.message : e instanceof Error ? e.message : String(e);
    if (!isApiError(e) && e instanceof Error && !(e as { controllerError?: boolean }).controllerError) {
      // A bug in a controller must not hide: keep it visible in errors and still retry with backoff.
      this.errors.push({ time: this.clock.now(), controller: c.name, key, message: `${message}\n${e.stack ?? ''}` });
    } else this.errors.push({ time: this.clock.now(), controller: c.name, key, message });
    const bk = `${ctrl}\u0000${key}`;
    const delay = Math.min(BACKOFF_MAX_MS, this.backoff.get(bk) ?? BACKOFF_BASE_MS);
    this.backoff.set(bk, delay * 2);
    this.schedule(ctrl, key, this.clock.now() + delay, false);
  }

  private apply(ctrl: number, intent: Intent): void {
    const c = this.controllers[ctrl];
    switch (intent.type) {
      case 'create':
        this.store.create(intent.obj);
        return;
      case 'update':
        this.store.update(withoutRv(intent.obj));
        return;
      case 'updateStatus':
        this.store.updateStatus(withoutRv(intent.obj));
        return;
      case 'patch':
        this.store.patch(intent.kind, intent.namespace, intent.name, intent.patchType, intent.patch, {
          subresource: intent.subresource,
        });
        return;
      case 'delete':
        try {
          this.store.delete(intent.ref.kind as never, intent.ref.namespace, intent.ref.name, intent.options);
        } catch (e) {
          // Deleting something already gone is success for a controller.
          if (!(isApiError(e) && e.reason === 'NotFound')) throw e;
        }
        return;
      case 'bind':
        this.store.bindPod(intent.binding);
        return;
      case 'event': {
        const ev = this.recorder.record(intent.involved, intent.eventType, intent.reason, intent.message, intent.source ?? { component: c.name }, intent.fieldPath);
        this.notify({ type: 'event', event: ev });
        return;
      }
      case 'requeue':
        // Watchdog timeouts ride with the periodic timers: they fire on time but never hold settle().
        this.schedule(ctrl, intent.key, this.clock.now() + Math.max(0, intent.afterMs), false, intent.timeout === true);
        return;
      case 'trace': {
        const t: TimedTrace = { ...intent.trace, time: this.clock.now(), seq: ++this.traceSeq };
        this.traces.push(t);
        this.notify({ type: 'trace', trace: t });
        return;
      }
      default:
        assertNever(intent);
    }
  }

  private notify(c: SimChange): void {
    for (const o of this.observers) o(c);
  }
}

function timerLess(a: Timer, b: Timer): boolean {
  return a.at !== b.at ? a.at < b.at : a.seq < b.seq;
}

function withoutRv(o: KObject): KObject {
  if (!o.metadata.resourceVersion) return o;
  const { resourceVersion: _rv, ...md } = o.metadata;
  return { ...o, metadata: md as KObject['metadata'] };
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
